// The entry point shared by the fuzz targets: libFuzzer's driver with FUZZING, a corpus replay
// without.
#if canImport(Glibc)
import Glibc
#endif
#if FUZZING
import CFuzzer
#endif

/// One input, as libFuzzer hands it over; answers 0.
public typealias FuzzInput = @convention(c) (UnsafePointer<UInt8>?, UInt) -> Int32

public enum FuzzEntry {
    /// With FUZZING, libFuzzer drives `input` (`LLVMFuzzerRunDriver`: SwiftPM renames an
    /// executable's main, so libFuzzer's own cannot be used). Without, `fuzz-TARGET FILE|DIR...`
    /// runs every file given, or found directly inside a directory given, through `input`.
    public static func main(_ input: FuzzInput) -> Never {
        #if FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, input))
        #else
        let files = CommandLine.arguments.dropFirst().flatMap(CorpusFiles.list)
        for path in files {
            guard let bytes = CorpusFiles.read(path) else { fatalError("cannot read \(path)") }
            _ = bytes.withUnsafeBufferPointer { input($0.baseAddress, UInt($0.count)) }
        }
        print("replayed \(files.count) inputs: no failure")
        exit(0)
        #endif
    }
}
