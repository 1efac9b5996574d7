// The entry point of the fuzz target: libFuzzer's driver with FUZZING, a corpus replay without.
#if canImport(Glibc)
import Glibc
#endif
#if FUZZING
import CFuzzer
#endif

@main
enum HTTPParserCorpusReplay {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            HTTPParserFuzzer.run(UnsafeRawBufferPointer(start: data, count: Int(size)))
            return 0
        })
        #else
        // `fuzz-http-parser FILE|DIR...`: runs every input through the fuzzer's checks.
        let files = CommandLine.arguments.dropFirst().flatMap(CorpusFiles.list)
        for path in files {
            guard let bytes = CorpusFiles.read(path) else { fatalError("cannot read \(path)") }
            bytes.withUnsafeBytes { HTTPParserFuzzer.run($0) }
        }
        print("replayed \(files.count) inputs: no failure")
        #endif
    }
}
