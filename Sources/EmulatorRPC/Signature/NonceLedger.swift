import EmulatorSync

/// Signature nonces seen in the last 15 minutes, per access key (PROTOCOL.md §4.6). In memory only.
///
/// Bounded (README, "Bounds"): each nonce is kept as a 128-bit hash of (access key, nonce) — 16
/// bytes whatever a client sends — in a set plus a first-in-first-out queue of expiries, so
/// expired nonces are dropped as new ones arrive (amortised O(1) per request). At most `capacity`
/// nonces are kept (262,144 by default, about 12 MB): beyond that the oldest is forgotten early,
/// so under very heavy signed load a nonce may be accepted again sooner than 15 minutes later.
/// That is the safe side for an emulator: it never refuses a fresh request and never grows.
public final class NonceLedger: Sendable {
    public static let retentionMs: Int64 = 15 * 60 * 1000
    public static let defaultCapacity = 262_144

    struct Key: Hashable { let a: UInt64, b: UInt64 }

    private struct State {
        var seen = Set<Key>()
        /// Insertion order: (expiry, key); `head` is the oldest live element.
        var queue: [(expiresAt: Int64, key: Key)] = []
        var head = 0

        mutating func dropOldest() {
            seen.remove(queue[head].key)
            head += 1
            if head > 4096, head * 2 > queue.count {   // compact now and then
                queue.removeFirst(head)
                head = 0
            }
        }
    }
    private let state = Locked(State())
    public let capacity: Int

    public init(capacity: Int = NonceLedger.defaultCapacity) { self.capacity = max(1, capacity) }

    /// Records the nonce; false when the same key used it within the retention time.
    public func use(accessKeyId: String, nonce: String, now: Int64) -> Bool {
        let digest = Crypto.sha256(Array(accessKeyId.utf8) + [0] + Array(nonce.utf8))
        let key = digest.withUnsafeBytes { Key(a: $0.loadUnaligned(as: UInt64.self), b: $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
        return state.withLock { s in
            while s.head < s.queue.count, s.queue[s.head].expiresAt <= now { s.dropOldest() }
            guard !s.seen.contains(key) else { return false }
            while s.seen.count >= capacity { s.dropOldest() }
            s.seen.insert(key)
            s.queue.append((now + Self.retentionMs, key))
            return true
        }
    }

    /// How many nonces are remembered now.
    public var count: Int { state.withLock { $0.seen.count } }

    public func clear() { state.withLock { $0 = State() } }
}
