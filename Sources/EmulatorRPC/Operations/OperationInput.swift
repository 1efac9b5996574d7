import VPNCore

/// The validated parameters of one call, typed.
public struct OperationInput: Sendable {
    public enum Value: Sendable, Equatable {
        case string(String)
        case int(Int)
        case bool(Bool)
        case cidr(IPv4CIDR, String)
        case tags([TagFilter])
    }

    public struct TagFilter: Sendable, Equatable {
        public let key: String
        public let value: String?
    }

    public var values: [String: Value] = [:]
    /// The normalised business parameters (API.md §7), for ClientToken comparison.
    public var fingerprint = ""

    public func string(_ name: String) -> String? {
        switch values[name] {
        case let .string(s)?: return s
        case let .cidr(_, s)?: return s
        default: return nil
        }
    }
    public func int(_ name: String) -> Int? { if case let .int(v)? = values[name] { return v }; return nil }
    public func bool(_ name: String) -> Bool? { if case let .bool(v)? = values[name] { return v }; return nil }
    public func cidr(_ name: String) -> IPv4CIDR? { if case let .cidr(c, _)? = values[name] { return c }; return nil }
    public func tags() -> [TagFilter] { if case let .tags(t)? = values["Tag"] { return t }; return [] }

    /// Stages 9 and 10 (API.md §2): required parameters in table order, then formats in the fixed order.
    public static func validate(_ params: RPCParameters, specs: [ParameterSpec]) throws(RuleError) -> OperationInput {
        for spec in specs where spec.required && params.nonBlank(spec.name) == nil {
            throw Rules.paramMissing.error(name: spec.name)
        }
        var input = OperationInput()
        let ordered = specs.enumerated().sorted { ($0.element.formatRank, $0.offset) < ($1.element.formatRank, $1.offset) }.map(\.element)
        for spec in ordered {
            if spec.kind == .tags {
                input.values["Tag"] = .tags(try tagFilters(params))
                continue
            }
            guard let raw = params.nonBlank(spec.name) else { continue }
            input.values[spec.name] = try value(raw, spec: spec)
        }
        input.fingerprint = specs.filter { $0.kind != .clientToken && $0.kind != .tags }.map { spec in
            let v: String
            switch input.values[spec.name] {
            case let .string(s)?: v = s
            case let .int(i)?: v = String(i)
            case let .bool(b)?: v = b ? "true" : "false"
            case let .cidr(_, s)?: v = s
            default: v = spec.defaultValue ?? ""
            }
            return spec.name + "=" + v
        }.joined(separator: "\n")
        return input
    }

    static func value(_ raw: String, spec: ParameterSpec) throws(RuleError) -> Value {
        switch spec.kind {
        case .string: return .string(raw)
        case .routeDest: return .cidr(try ParameterRules.routeDest(raw), raw)
        case .weight: return .int(try ParameterRules.weight(raw, name: spec.name))
        case .description: try ParameterRules.description(raw); return .string(raw)
        case .overlayMode: try ParameterRules.overlayMode(raw); return .string(raw)
        case .clientToken: try ParameterRules.clientToken(raw); return .string(raw)
        case .boolean: return .bool(try ParameterRules.boolean(raw, name: spec.name))
        case .integer: return .int(try ParameterRules.integer(raw, name: spec.name))
        case let .enumeration(allowed, ci):
            return .string(try ParameterRules.enumeration(raw, name: spec.name, allowed: allowed, caseInsensitive: ci))
        case .pageNumber: return .int(try ParameterRules.pageNumber(raw))
        case .pageSize: return .int(try ParameterRules.pageSize(raw))
        case .tags: return .tags([])
        }
    }

    /// `Tag.N.Key` / `Tag.N.Value` with N in 1...20; a Value without its Key is refused (`param.tag`).
    static func tagFilters(_ params: RPCParameters) throws(RuleError) -> [TagFilter] {
        var keys: [Int: String] = [:], values: [Int: String] = [:]
        // Received order, so the parameter an error names does not depend on hashing.
        for pair in params.queryPairs + params.formPairs where pair.name.hasPrefix("Tag.") {
            let (name, value) = (pair.name, pair.value)
            let parts = name.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[2] == "Key" || parts[2] == "Value" else { continue }
            guard parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), parts[1].first != "0", let n = Int(parts[1]), (1...20).contains(n)
            else { throw Rules.paramTag.error(name: name) }
            if parts[2] == "Key" { keys[n] = value } else { values[n] = value }
        }
        for n in values.keys.sorted() where (keys[n] ?? "").isEmpty { throw Rules.paramTag.error(name: "Tag.\(n).Value") }
        return keys.keys.sorted().compactMap { n in
            guard let k = keys[n], !k.isEmpty else { return nil }
            return TagFilter(key: k, value: values[n].flatMap { $0.isEmpty ? nil : $0 })
        }
    }
}
