import EmulatorJSON
import EmulatorSync
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

    /// The operation's own parameters as received (OPERATING.md: "business parameters only"):
    /// never a protocol or signature parameter, nothing for an unknown action, and each value cut
    /// to 256 characters, so the journal's size is bounded whatever clients send.
    public static func businessParameters(_ p: RPCParameters, operation: OperationDescriptor?) -> [(String, String)] {
        guard let operation else { return [] }
        func cut(_ value: String) -> String { value.count > 256 ? String(value.prefix(256)) + "…" : value }
        return operation.parameters.flatMap { spec -> [(String, String)] in
            var out: [(String, String)] = p[spec.name].map { [(spec.name, cut($0))] } ?? []
            if spec.isPrefixed {   // `Tag.1.Key`, `ResourceId.2`, `TunnelOptionsSpecification.1.Role`…
                let prefix = spec.name + "."
                out += (p.queryPairs + p.formPairs).filter { $0.name.hasPrefix(prefix) }.map { ($0.name, cut($0.value)) }
            }
            return out
        }
    }

    /// A fixed-size ring: the oldest entry is overwritten once `capacity` is reached.
    private struct Ring {
        var slots: [Entry?]
        var next = 0
        var count = 0
    }

    private let capacity: Int
    private let ring: Locked<Ring>

    public init(capacity: Int = 10_000) {
        self.capacity = max(1, capacity)
        ring = Locked(Ring(slots: Array(repeating: nil, count: max(1, capacity))))
    }

    public func record(_ entry: Entry) {
        ring.withLock { r in
            r.slots[r.next] = entry
            r.next = (r.next + 1) % capacity
            r.count = min(r.count + 1, capacity)
        }
    }

    /// Newest last; filters by action and code (`"null"` = successes); `limit` keeps the newest N.
    public func entries(action: String?, code: String?, limit: Int?) -> [JSONValue] {
        let all: [Entry] = ring.withLock { r in
            let start = (r.next - r.count + capacity) % capacity
            return (0..<r.count).compactMap { r.slots[(start + $0) % capacity] }
        }
        var out = all.filter { e in
            (action == nil || e.action == action) && (code == nil || (code == "null" ? e.code == nil : e.code == code))
        }
        if let limit, out.count > limit { out = Array(out.suffix(limit)) }
        return out.map(\.json)
    }

    public func clear() { ring.withLock { r in r = Ring(slots: Array(repeating: nil, count: capacity)) } }
}
