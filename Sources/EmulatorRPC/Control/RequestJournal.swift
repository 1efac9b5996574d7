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
    /// to 256 characters, so the journal's size is bounded whatever clients send. A list
    /// parameter (`Tag.N.Key`…) keeps at most `maxListPairs` pairs, each name also cut to 256
    /// characters; what is left out is counted under `<Name>.…` (a 1 MiB body of `Tag.1=a`
    /// would otherwise keep some 4 MiB per entry).
    /// Secrets are replaced by `redacted` before the cut: a parameter whose last name component
    /// is a secret (`AuthKey`, `TunnelOptionsSpecification.1.TunnelIkeConfig.Psk`), and a secret
    /// member at any depth of a JSON-valued parameter (`IkeConfig={"Psk":…}`). A JSON-looking value
    /// that does not parse and mentions a secret's name is replaced whole.
    public static func businessParameters(_ p: RPCParameters, operation: OperationDescriptor?) -> [(String, String)] {
        guard let operation else { return [] }
        func cut(_ text: String) -> String { text.count > 256 ? String(text.prefix(256)) + "…" : text }
        func entry(_ name: String, _ value: String) -> (String, String) {
            (cut(name), cut(redacted(name: name, value: value)))
        }
        return operation.parameters.flatMap { spec -> [(String, String)] in
            var out: [(String, String)] = p[spec.name].map { [entry(spec.name, $0)] } ?? []
            if spec.isPrefixed {   // `Tag.1.Key`, `ResourceId.2`, `TunnelOptionsSpecification.1.Role`…
                let prefix = spec.name + "."
                var listed = 0, left = 0
                for pair in [p.queryPairs, p.formPairs].joined() where pair.name.hasPrefix(prefix) {
                    if listed < maxListPairs { out.append(entry(pair.name, pair.value)); listed += 1 } else { left += 1 }
                }
                if left > 0 { out.append((prefix + "…", "\(left) more")) }
            }
            return out
        }
    }

    /// The most pairs of one list parameter an entry keeps: the largest legitimate list,
    /// ResourceId.1–50, fits; two tunnels' options (about 40 pairs) fit.
    public static let maxListPairs = 64

    /// What the journal shows in place of a secret.
    public static let redactedValue = "***"
    /// Names of secret values (compared without regard to case): the IKE pre-shared key and the
    /// customer gateway's BGP authentication key.
    static let secretNames: Set<String> = ["psk", "authkey"]

    static func isSecret(_ name: Substring) -> Bool { secretNames.contains(name.lowercased()) }

    static func redacted(name: String, value: String) -> String {
        if isSecret(name.split(separator: ".").last ?? Substring(name)) { return redactedValue }
        guard value.first == "{" || value.first == "[" else { return value }
        guard let json = try? JSONParser.parse(value) else {
            let lower = value.lowercased()
            return secretNames.contains(where: { lower.contains($0) }) ? redactedValue : value
        }
        let (clean, changed) = redacted(json)
        return changed ? clean.serialized() : value
    }

    private static func redacted(_ value: JSONValue) -> (JSONValue, Bool) {
        switch value {
        case let .object(members):
            var changed = false
            let out = members.map { key, member -> (String, JSONValue) in
                if isSecret(Substring(key)) { changed = true; return (key, .string(redactedValue)) }
                let (m, c) = redacted(member)
                changed = changed || c
                return (key, m)
            }
            return (.object(out), changed)
        case let .array(items):
            var changed = false
            let out = items.map { item -> JSONValue in
                let (m, c) = redacted(item)
                changed = changed || c
                return m
            }
            return (.array(out), changed)
        default:
            return (value, false)
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
