import Synchronization

/// Signature nonces seen in the last 15 minutes, per access key (PROTOCOL.md §4.6). In memory only.
public final class NonceLedger: Sendable {
    public static let retentionMs: Int64 = 15 * 60 * 1000
    private struct State {
        var expiries: [String: Int64] = [:]
        var insertsSincePurge = 0
    }
    private let state = Mutex(State())

    public init() {}

    /// Records the nonce; false when the same key used it within the retention time.
    public func use(accessKeyId: String, nonce: String, now: Int64) -> Bool {
        let key = accessKeyId + "\u{0}" + nonce
        return state.withLock { s in
            if let expiry = s.expiries[key], expiry > now { return false }
            s.expiries[key] = now + Self.retentionMs
            s.insertsSincePurge += 1
            if s.insertsSincePurge >= 4096 {
                s.expiries = s.expiries.filter { $0.value > now }
                s.insertsSincePurge = 0
            }
            return true
        }
    }

    public func clear() { state.withLock { $0 = State() } }
}
