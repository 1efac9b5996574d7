import Synchronization

/// RequestIds (upper-case UUIDs, PROTOCOL.md §6.3). With `--seed N` the sequence is a pure
/// function of N and the order of requests (SplitMix64); `reset()` restarts it.
public final class RequestIDGenerator: Sendable {
    private let seed: UInt64?
    /// SplitMix64's counter: every call adds the golden gamma atomically (no lock on the request path).
    private let state: Atomic<UInt64>

    public init(seed: UInt64?) {
        self.seed = seed
        state = Atomic(seed ?? Self.randomSeed())
    }

    private static func randomSeed() -> UInt64 {
        var g = SystemRandomNumberGenerator()
        return g.next()
    }

    public func reset() { state.store(seed ?? Self.randomSeed(), ordering: .relaxed) }

    /// The next 64 random bits of the sequence.
    public func nextBits() -> UInt64 {
        var z = state.wrappingAdd(0x9E37_79B9_7F4A_7C15, ordering: .relaxed).newValue
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A version-4 UUID in upper case.
    public func next() -> String {
        var hi = nextBits(), lo = nextBits()
        hi = (hi & ~0xF000) | 0x4000                       // version 4
        lo = (lo & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000   // variant 10
        let h = String(hi, radix: 16, uppercase: true), l = String(lo, radix: 16, uppercase: true)
        let hex = Array(String(repeating: "0", count: 16 - h.count) + h + String(repeating: "0", count: 16 - l.count) + l)
        return String(hex[0..<8]) + "-" + String(hex[8..<12]) + "-" + String(hex[12..<16]) + "-" + String(hex[16..<20]) + "-" + String(hex[20..<32])
    }
}
