public enum VPNCoreModule {}
