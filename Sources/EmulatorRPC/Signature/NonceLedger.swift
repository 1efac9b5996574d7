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
        // A nonce is remembered for 15 minutes: a long one is kept as its SHA-256, so memory per
        // request stays small whatever a client sends (SDK nonces are 32 hex characters).
        let key = accessKeyId + "\u{0}" + (nonce.utf8.count > 64 ? Crypto.hex(Crypto.sha256(Array(nonce.utf8))) : nonce)
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
