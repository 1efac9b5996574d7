public enum EmulatorStoreModule {}
