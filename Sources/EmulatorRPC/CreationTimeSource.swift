import EmulatorSync

/// Where the `CreateTime` of a new route comes from: the clock, or with `--seed` a deterministic
/// sequence (2026-01-01T00:00:00Z plus one second per value, restarted by reset), so that two
/// runs with the same seed and the same calls answer byte for byte the same (README, "--seed").
public final class CreationTimeSource: Sendable {
    public static let seededEpoch: Int64 = 1_767_225_600_000
    private let seeded: Bool
    private let counter = Locked<Int64>(0)

    public init(seeded: Bool) { self.seeded = seeded }

    public func next(now: Int64) -> Int64 {
        guard seeded else { return now }
        return counter.withLock { $0 += 1; return Self.seededEpoch + $0 * 1000 }
    }

    public func reset() { counter.withLock { $0 = 0 } }
}
