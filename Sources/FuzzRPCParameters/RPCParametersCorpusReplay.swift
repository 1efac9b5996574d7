// The entry point of the fuzz target (FuzzEntry: libFuzzer's driver with FUZZING, a corpus replay without).
import FuzzSupport

@main
enum RPCParametersCorpusReplay {
    static func main() {
        FuzzEntry.main { data, size in
            RPCParametersFuzzer.run(UnsafeRawBufferPointer(start: data, count: Int(size)))
            return 0
        }
    }
}
