import Synchronization
import VPNCore

/// The bounded request journal (OPERATING.md): RPC calls only, oldest dropped, never a secret,
/// a signature or a security token.
public final class RequestJournal: Sendable {
    public struct Entry: Sendable {
        public let time: Int64
        public let action: String?
        public let params: [(String, String)]
        public let accessKeyId: String?
        public let httpStatus: Int
        public let code: String?
        public let rule: String?
        public let requestId: String
        public let durationMs: Double

        var json: JSONValue {
            .object([
                ("time", .int(time)), ("action", action.map(JSONValue.string) ?? .null),
                ("params", .object(params.map { ($0.0, .string($0.1)) })),
                ("accessKeyId", accessKeyId.map(JSONValue.string) ?? .null), ("httpStatus", .int(Int64(httpStatus))),
                ("code", code.map(JSONValue.string) ?? .null), ("rule", rule.map(JSONValue.string) ?? .null),
                ("requestId", .string(requestId)), ("durationMs", .double((durationMs * 1000).rounded() / 1000)),
            ])
        }
    }

    /// Protocol and signature parameters: not business parameters, never journaled.
    static let excluded: Set<String> = [
        "Action", "Version", "Format", "AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce",
        "SignatureType", "Timestamp", "SecurityToken", "BearerToken",
    ]

    public static func businessParameters(_ p: RPCParameters) -> [(String, String)] {
        p.merged.filter { !excluded.contains($0.key) }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    private let capacity: Int
    private let ring: Mutex<[Entry]>

    public init(capacity: Int = 10_000) {
        self.capacity = max(1, capacity)
        ring = Mutex([])
    }

    public func record(_ entry: Entry) {
        ring.withLock { r in
            r.append(entry)
            if r.count > capacity { r.removeFirst(r.count - capacity) }
        }
    }

    /// Newest last; filters by action and code (`"null"` = successes); `limit` keeps the newest N.
    public func entries(action: String?, code: String?, limit: Int?) -> [JSONValue] {
        let all = ring.withLock { $0 }
        var out = all.filter { e in
            (action == nil || e.action == action) && (code == nil || (code == "null" ? e.code == nil : e.code == code))
        }
        if let limit, out.count > limit { out = Array(out.suffix(limit)) }
        return out.map(\.json)
    }

    public func clear() { ring.withLock { $0.removeAll() } }
}
