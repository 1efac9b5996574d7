// The entry point of the fuzz target: libFuzzer's driver with FUZZING, a corpus replay without.
#if canImport(Glibc)
import Glibc
#endif
#if FUZZING
import CFuzzer
#else
import FuzzSupport
#endif

@main
enum RPCParametersCorpusReplay {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            RPCParametersFuzzer.run(UnsafeRawBufferPointer(start: data, count: Int(size)))
            return 0
        })
        #else
        CorpusFiles.replay(CommandLine.arguments.dropFirst(), through: RPCParametersFuzzer.run)
        #endif
    }
}
