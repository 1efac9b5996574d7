import VPNCore

/// The validated parameters of one call, typed.
public struct OperationInput: Sendable {
    public enum Value: Sendable, Equatable {
        case string(String)
        case int(Int)
        case bool(Bool)
        case cidr(IPv4CIDR, String)
        case tags([TagFilter])
        /// The members of a JSON settings object, as text (`ConnectionSettingRules.Members`).
        case members([(name: String, value: String)], raw: String)
        case tunnels([TunnelInput])
        case tagPairs([Tag])
        case list([String])

        public static func == (a: Value, b: Value) -> Bool {
            switch (a, b) {
            case let (.string(x), .string(y)): return x == y
            case let (.int(x), .int(y)): return x == y
            case let (.bool(x), .bool(y)): return x == y
            case let (.cidr(x, _), .cidr(y, _)): return x == y
            case let (.tags(x), .tags(y)): return x == y
            case let (.members(_, x), .members(_, y)): return x == y
            case let (.tunnels(x), .tunnels(y)): return x == y
            case let (.tagPairs(x), .tagPairs(y)): return x == y
            case let (.list(x), .list(y)): return x == y
            default: return false
            }
        }
    }

    /// One `TunnelOptionsSpecification.N` of CreateVpnConnection / ModifyVpnConnectionAttribute:
    /// what the caller sent for it, typed; the settings members are applied by the operation.
    public struct TunnelInput: Sendable, Equatable {
        public var index: Int
        public var tunnelId: String?
        public var role: String?
        public var customerGatewayId: String?
        public var enableDpd: Bool?
        public var enableNatTraversal: Bool?
        public var remoteCaCertificate: String?
        public var ike: [ConnectionSettingRules.Member] = []
        public var ipsec: [ConnectionSettingRules.Member] = []
        public var bgp: [ConnectionSettingRules.Member] = []

        public static func == (a: TunnelInput, b: TunnelInput) -> Bool {
            a.index == b.index && a.tunnelId == b.tunnelId && a.role == b.role && a.customerGatewayId == b.customerGatewayId
                && a.enableDpd == b.enableDpd && a.enableNatTraversal == b.enableNatTraversal && a.remoteCaCertificate == b.remoteCaCertificate
                && a.ike.map(\.name) == b.ike.map(\.name) && a.ike.map(\.value) == b.ike.map(\.value)
                && a.ipsec.map(\.name) == b.ipsec.map(\.name) && a.ipsec.map(\.value) == b.ipsec.map(\.value)
                && a.bgp.map(\.name) == b.bgp.map(\.name) && a.bgp.map(\.value) == b.bgp.map(\.value)
        }

        /// `TunnelOptionsSpecification.<index>` (for error names).
        public var parameter: String { "TunnelOptionsSpecification.\(index)" }
    }

    public struct TagFilter: Sendable, Equatable {
        public let key: String
        public let value: String?
    }

    public var values: [String: Value] = [:]
    /// The normalised business parameters (API.md §7), for ClientToken comparison: `sha256:`
    /// and the hex digest of `fingerprintText`, so a stored token costs the same whatever was
    /// sent. Both are empty when the call has no ClientToken (nothing to compare).
    public var fingerprint = ""
    /// The text the digest is made of; a token stored by 0.2.0 holds this text itself.
    public var fingerprintText = ""

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
    public func members(_ name: String) -> [(name: String, value: String)]? { if case let .members(m, _)? = values[name] { return m }; return nil }
    public func tunnels(_ name: String = "TunnelOptionsSpecification") -> [TunnelInput] {
        if case let .tunnels(t)? = values[name] { return t }; return []
    }
    public func tagPairs(_ name: String) -> [Tag] { if case let .tagPairs(t)? = values[name] { return t }; return [] }
    public func list(_ name: String) -> [String] { if case let .list(l)? = values[name] { return l }; return [] }

    /// Stages 9 and 10 (API.md §2): required parameters in table order, then formats in the fixed order.
    public static func validate(_ params: RPCParameters, specs: [ParameterSpec]) throws(RuleError) -> OperationInput {
        for spec in specs where spec.required {
            // A list (`ResourceId.N`, `Tag.N.Key`) is present when any of its parameters is.
            let present = spec.isPrefixed
                ? (params.queryPairs + params.formPairs).contains { $0.name.hasPrefix(spec.name + ".") && !$0.value.isEmpty }
                : params.nonBlank(spec.name) != nil
            if !present { throw Rules.paramMissing.error(name: spec.name) }
        }
        var input = OperationInput()
        let ordered = specs.enumerated().sorted { ($0.element.formatRank, $0.offset) < ($1.element.formatRank, $1.offset) }.map(\.element)
        for spec in ordered {
            switch spec.kind {
            case .tags:
                input.values["Tag"] = .tags(try tagFilters(params))
                continue
            case let .tunnels(create):
                let tunnels = try ResourceParameters.tunnels(params, name: spec.name, create: create)
                if !tunnels.isEmpty { input.values[spec.name] = .tunnels(tunnels) }
                continue
            case let .tagPairs(maxKey):
                let pairs = try ResourceParameters.tagPairs(params, name: spec.name, maxKey: maxKey)
                if !pairs.isEmpty { input.values[spec.name] = .tagPairs(pairs) }
                continue
            case let .stringList(max):
                let list = try ResourceParameters.list(params, name: spec.name, max: max)
                if !list.isEmpty { input.values[spec.name] = .list(list) }
                continue
            default:
                break
            }
            guard let raw = params.nonBlank(spec.name) else { continue }
            input.values[spec.name] = try value(raw, spec: spec)
        }
        guard input.string("ClientToken") != nil else { return input }
        input.fingerprintText = specs.filter { $0.kind != .clientToken && $0.kind != .tags }.map { spec in
            if spec.isPrefixed {
                // Every `<Name>.…` parameter sent, in name order: lists compare as sent.
                let prefix = spec.name + "."
                return (params.queryPairs + params.formPairs).filter { $0.name.hasPrefix(prefix) }
                    .map { $0.name + "=" + $0.value }.sorted().joined(separator: "\n")
            }
            let v: String
            switch input.values[spec.name] {
            case let .string(s)?: v = s
            case let .int(i)?: v = String(i)
            case let .bool(b)?: v = b ? "true" : "false"
            case let .cidr(_, s)?: v = s
            case let .members(_, raw)?: v = raw
            default: v = spec.defaultValue ?? ""
            }
            return spec.name + "=" + v
        }.joined(separator: "\n")
        input.fingerprint = "sha256:" + Crypto.hex(Crypto.sha256(Array(input.fingerprintText.utf8)))
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
        case let .integerChoice(allowed):
            let v = try ParameterRules.integer(raw, name: spec.name)
            guard allowed.contains(v) else { throw Rules.paramEnum.error(name: spec.name) }
            return .int(v)
        case .maxResults:
            let v = try ParameterRules.integer(raw, name: spec.name)
            guard (1...50).contains(v) else { throw Rules.paramPageSize.error(name: spec.name) }
            return .int(v)
        case .nextToken:
            guard raw.count <= 18, raw.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(raw) else {
                throw Rules.paramNextToken.error(name: spec.name)
            }
            return .int(v)
        case .name: try ParameterRules.name(raw); return .string(raw)
        case .resourceDescription: try ParameterRules.resourceDescription(raw); return .string(raw)
        case .customerGatewayAddress: try ParameterRules.customerGatewayAddress(raw); return .string(raw)
        case .asn: return .int(Int(try ParameterRules.asn(raw, name: spec.name)))
        case .authKey: try ParameterRules.authKey(raw, name: spec.name); return .string(raw)
        case .subnets: _ = try ParameterRules.subnets(raw, name: spec.name); return .string(raw)
        case .certificate: try ParameterRules.certificate(raw, name: spec.name); return .string(raw)
        case let .config(kind): return .members(try ResourceParameters.config(raw, name: spec.name, kind: kind), raw: raw)
        case .tagResourceType: _ = try ParameterRules.tagResourceType(raw); return .string(raw)
        case .tags, .tunnels, .tagPairs, .stringList: return .tags([])
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
