// FoundationEssentials, not Foundation: the full Foundation links 34 MB of ICU data into the
// binary (the container image goal is under 120 MB); nothing here needs ICU.
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import EmulatorSync

/// Milliseconds since the epoch. Injectable so tests can verify the captured vectors (signed on
/// 2026-11-22) and move time for tasks and cooldowns.
public protocol EmulatorClock: Sendable {
    func now() -> Int64
}

public struct SystemClock: EmulatorClock {
    public init() {}
    public func now() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }
}

/// A clock that moves only when told to.
public final class ManualClock: EmulatorClock {
    private let current: Locked<Int64>
    public init(_ start: Int64) { current = Locked(start) }
    public func now() -> Int64 { current.withLock { $0 } }
    public func advance(by ms: Int64) { current.withLock { $0 += ms } }
    public func set(_ ms: Int64) { current.withLock { $0 = ms } }
}
