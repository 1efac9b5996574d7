import EmulatorSync

/// Ids of the resources the API creates (`vpn-…`, `cgw-…`, `vco-…`, `tun-…`: the prefix and 21
/// lower-case letters and digits, the shape of real ids), pre-shared keys and order numbers. With
/// `--seed N` the sequence is a pure function of N and the order of creations (SplitMix64, on a
/// stream of its own so RequestIds stay as they were); `reset()` restarts it. The caller checks a
/// generated id against the store and draws again on a clash.
public final class ResourceIDSource: Sendable {
    private let seed: UInt64?
    private let state: Locked<UInt64>
    static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)

    public init(seed: UInt64?) {
        self.seed = seed
        state = Locked(Self.start(seed))
    }

    private static func start(_ seed: UInt64?) -> UInt64 {
        if let seed { return seed ^ 0x5EED_0000_1D5_F1D5 }
        var g = SystemRandomNumberGenerator()
        return g.next()
    }

    public func reset() { state.withLock { $0 = Self.start(seed) } }

    func nextBits() -> UInt64 {
        var z = state.withLock { s -> UInt64 in s &+= 0x9E37_79B9_7F4A_7C15; return s }
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `prefix` followed by `length` characters of [a-z0-9].
    public func next(_ prefix: String, length: Int = 21) -> String {
        var chars: [UInt8] = []
        var bits = nextBits(), left = 10
        for _ in 0..<length {
            if left == 0 { bits = nextBits(); left = 10 }
            chars.append(Self.alphabet[Int(bits % 36)])
            bits /= 36
            left -= 1
        }
        return prefix + String(decoding: chars, as: UTF8.self)
    }

    /// A number with `digits` decimal digits (order ids).
    public func number(digits: Int) -> Int64 {
        var low: Int64 = 1
        for _ in 1..<digits { low *= 10 }
        return low + Int64(nextBits() % UInt64(9 * low))
    }

    /// A public-looking address for a created gateway: 47.x.y.z with x, y, z from the sequence.
    public func address() -> String {
        let b = nextBits()
        return "47.\(96 + b % 32).\((b >> 8) % 256).\(1 + (b >> 16) % 254)"
    }
}
