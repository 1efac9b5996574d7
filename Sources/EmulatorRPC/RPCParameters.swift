import VPNCore

/// The parameters of one RPC request (PROTOCOL.md §3.2): the decoded pairs of the query string
/// and of a form body, in received order (the signatures need them), and their merge.
public struct RPCParameters: Sendable {
    public struct Pair: Sendable, Hashable {
        public let name: String
        public let value: String
    }

    public let queryPairs: [Pair]
    public let formPairs: [Pair]
    /// Name → value; blank values kept (they are signed); repeats with the same value count once.
    public let merged: [String: String]

    /// Decodes and merges. Throws `param.encoding` (bad escape or UTF-8, naming the raw
    /// parameter) or `param.duplicate` (one name, different values).
    public init(query: Substring, form: [UInt8]?) throws(RuleError) {
        queryPairs = try Self.decodePairs(query)
        formPairs = try form.map { (bytes: [UInt8]) throws(RuleError) in
            // Raw bytes must be UTF-8 too (§3.2 item 5): never replaced silently.
            guard let text = String(validating: bytes, as: UTF8.self) else { throw Self.rawEncodingError(bytes) }
            return try Self.decodePairs(Substring(text))
        } ?? []
        var merged: [String: String] = [:]
        for pair in queryPairs + formPairs {
            if let existing = merged[pair.name], existing != pair.value { throw ProtocolRules.paramDuplicate.error(name: pair.name) }
            merged[pair.name] = pair.value
        }
        self.merged = merged
    }

    /// For tests and in-process calls.
    public init(_ pairs: [(String, String)]) {
        queryPairs = pairs.map { Pair(name: $0.0, value: $0.1) }
        formPairs = []
        merged = Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }

    /// `param.encoding` naming the parameter whose raw bytes are not UTF-8.
    static func rawEncodingError(_ bytes: [UInt8]) -> RuleError {
        for segment in bytes.split(separator: UInt8(ascii: "&")) where String(validating: segment, as: UTF8.self) == nil {
            let name = segment.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false).first ?? []
            return ProtocolRules.paramEncoding.error(name: String(decoding: name, as: UTF8.self))
        }
        return ProtocolRules.paramEncoding.error(name: "")
    }

    static func decodePairs(_ text: Substring) throws(RuleError) -> [Pair] {
        var pairs: [Pair] = []
        for segment in text.split(separator: "&", omittingEmptySubsequences: true) {
            let rawName: Substring, rawValue: Substring
            if let eq = segment.firstIndex(of: "=") {
                rawName = segment[..<eq]
                rawValue = segment[segment.index(after: eq)...]
            } else {
                rawName = segment
                rawValue = ""
            }
            guard let name = PercentEncoding.decode(rawName), let value = PercentEncoding.decode(rawValue) else {
                throw ProtocolRules.paramEncoding.error(name: String(rawName))
            }
            pairs.append(Pair(name: name, value: value))
        }
        return pairs
    }

    public subscript(name: String) -> String? { merged[name] }

    /// The value when present and not blank (API.md §3.1: blank optional = absent).
    public func nonBlank(_ name: String) -> String? {
        guard let v = merged[name], !v.isEmpty else { return nil }
        return v
    }
}
