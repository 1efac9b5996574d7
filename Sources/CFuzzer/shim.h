// libFuzzer's C entry point (compiler-rt, linked by -sanitize=fuzzer). The fuzz targets call it
// from their own main: SwiftPM renames an executable's main and points the linker's `main` at
// it, so libFuzzer's own main cannot be used.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const unsigned char *data, unsigned long size));
