print("vpngw-emulator")
