public enum EmulatorRPCModule {}
