import EmulatorJSON
import VPNCore

/// The stage-10 parsing of the resource operations' structured parameters (API.md §4.12–§4.13):
/// JSON settings strings, `TunnelOptionsSpecification.N.*`, tag pairs and `<Name>.N` lists.
enum ResourceParameters {
    typealias TunnelInput = OperationInput.TunnelInput

    /// A JSON object sent as a string: its members as text (numbers in decimal, booleans
    /// `true`/`false`; null and empty-string members dropped, as a blank parameter is absent:
    /// Terraform sends every member of its block, unset ones as ""), checked onto the defaults of
    /// `kind` (`param.config`).
    static func config(_ raw: String, name: String, kind: ParameterSpec.ConfigKind) throws(RuleError) -> ConnectionSettingRules.Members {
        guard case let .object(pairs)? = try? JSONParser.parse(raw) else { throw Rules.paramConfig.error(name: name) }
        var members: ConnectionSettingRules.Members = []
        for (key, value) in pairs {
            switch value {
            case let .string(s): if !s.isEmpty { members.append((key, s)) }
            case let .int(i): members.append((key, String(i)))
            case let .bool(b): members.append((key, b ? "true" : "false"))
            case let .double(d):
                guard d.rounded() == d, abs(d) < 1e15 else { throw Rules.paramConfig.error(name: name + "." + key) }
                members.append((key, String(Int64(d))))
            case .null: continue
            case .array, .object: throw Rules.paramConfig.error(name: name + "." + key)
            }
        }
        switch kind {
        case .ike: _ = try ConnectionSettingRules.ike(members, onto: IkeConfig(), parameter: name)
        case .ipsec: _ = try ConnectionSettingRules.ipsec(members, onto: IpsecConfig(), parameter: name)
        case .bgp: _ = try ConnectionSettingRules.bgp(members, onto: BgpConfig(), parameter: name)
        case .healthCheck: _ = try ConnectionSettingRules.healthCheck(members, onto: HealthCheckConfig(), parameter: name)
        }
        return members
    }

    /// `N` of `<prefix>.N…`: 1…`max`, no leading zero.
    static func index(_ text: Substring, max: Int) -> Int? {
        guard text.first != "0", text.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(text), (1...max).contains(n) else { return nil }
        return n
    }

    /// Pairs named `<name>.…` in received order, blank values dropped.
    static func pairs(_ params: RPCParameters, prefix name: String) -> [(name: String, rest: Substring, value: String)] {
        let prefix = name + "."
        return (params.queryPairs + params.formPairs).compactMap { pair in
            guard pair.name.hasPrefix(prefix), !pair.value.isEmpty else { return nil }
            return (pair.name, pair.name.dropFirst(prefix.count), pair.value)
        }
    }

    /// `TunnelOptionsSpecification.N.*` with N 1–2 (`param.tunnel` naming the parameter). With
    /// `create`, when any is sent: exactly tunnels 1 and 2, one `master` and one `slave`, each with
    /// its CustomerGatewayId. Otherwise each names its tunnel by TunnelId or Role.
    static func tunnels(_ params: RPCParameters, name: String, create: Bool) throws(RuleError) -> [TunnelInput] {
        var byIndex: [Int: TunnelInput] = [:]
        for (full, rest, value) in pairs(params, prefix: name) {
            let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let n = index(parts[0], max: 2) else { throw Rules.paramTunnel.error(name: full) }
            var t = byIndex[n] ?? TunnelInput(index: n)
            let field = parts[1]
            switch field {
            case "CustomerGatewayId": t.customerGatewayId = value
            case "TunnelId": t.tunnelId = value
            case "RemoteCaCertificate": try ParameterRules.certificate(value, name: full); t.remoteCaCertificate = value
            case "Role":
                guard let role = VPNTunnel.roles.first(where: { $0 == value.lowercased() }) else { throw Rules.paramTunnel.error(name: full) }
                t.role = role
            case "EnableDpd": t.enableDpd = try ParameterRules.boolean(value, name: full)
            case "EnableNatTraversal": t.enableNatTraversal = try ParameterRules.boolean(value, name: full)
            default:
                let sub = field.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
                guard sub.count == 2 else { continue }
                let member = (name: String(sub[1]), value: value)
                switch sub[0] {
                case "TunnelIkeConfig": t.ike.append(member)
                case "TunnelIpsecConfig": t.ipsec.append(member)
                case "TunnelBgpConfig": t.bgp.append(member)
                default: continue
                }
            }
            byIndex[n] = t
        }
        let tunnels = byIndex.keys.sorted().compactMap { byIndex[$0] }
        for t in tunnels {
            _ = try ConnectionSettingRules.ike(t.ike, onto: IkeConfig(), parameter: t.parameter + ".TunnelIkeConfig")
            _ = try ConnectionSettingRules.ipsec(t.ipsec, onto: IpsecConfig(), parameter: t.parameter + ".TunnelIpsecConfig")
            _ = try ConnectionSettingRules.bgp(t.bgp, onto: BgpConfig(), parameter: t.parameter + ".TunnelBgpConfig")
        }
        guard !tunnels.isEmpty else { return [] }
        if create {
            guard tunnels.count == 2 else { throw Rules.paramTunnel.error(name: name) }
            for t in tunnels {
                guard t.role != nil else { throw Rules.paramTunnel.error(name: t.parameter + ".Role") }
                guard t.customerGatewayId != nil else { throw Rules.paramTunnel.error(name: t.parameter + ".CustomerGatewayId") }
            }
            guard Set(tunnels.compactMap(\.role)) == Set(VPNTunnel.roles) else { throw Rules.paramTunnel.error(name: tunnels[1].parameter + ".Role") }
        } else {
            for t in tunnels where t.tunnelId == nil && t.role == nil { throw Rules.paramTunnel.error(name: t.parameter + ".TunnelId") }
        }
        return tunnels
    }

    /// `<name>.N.Key` / `<name>.N.Value` to set, N 1–20, nothing else under `<name>.`
    /// (`param.tag`); a Value needs its Key;
    /// keys and values by §4.13 (`param.tag-key`, `param.tag-value`). A key sent twice keeps the
    /// value of the higher N. Blank values count as `""` here (a tag value may be empty).
    static func tagPairs(_ params: RPCParameters, name: String, maxKey: Int) throws(RuleError) -> [Tag] {
        var keys: [Int: (String, String)] = [:], values: [Int: (String, String)] = [:]
        let prefix = name + "."
        for pair in params.queryPairs + params.formPairs where pair.name.hasPrefix(prefix) {
            let parts = pair.name.dropFirst(prefix.count).split(separator: ".", omittingEmptySubsequences: false)
            // Anything else under the prefix (`Tag.foo`) is refused, not ignored: it counted as
            // "sent" for the required check and then set nothing (review of issue 12).
            guard parts.count == 2, parts[1] == "Key" || parts[1] == "Value", let n = index(parts[0], max: 20) else {
                throw Rules.paramTag.error(name: pair.name)
            }
            if parts[1] == "Key" { keys[n] = (pair.name, pair.value) } else { values[n] = (pair.name, pair.value) }
        }
        for n in values.keys.sorted() where keys[n] == nil { throw Rules.paramTag.error(name: "\(name).\(n).Value") }
        var tags: [Tag] = []
        for n in keys.keys.sorted() {
            let (keyName, key) = keys[n]!
            try ParameterRules.tagKey(key, name: keyName, max: maxKey)
            let value = values[n]?.1 ?? ""
            try ParameterRules.tagValue(value, name: values[n]?.0 ?? "\(name).\(n).Value")
            tags.removeAll { $0.key == key }
            tags.append(Tag(key: key, value: value))
        }
        return tags
    }

    /// `<name>.N` values, N 1–`max` (`param.list`), in N order, repeats dropped.
    static func list(_ params: RPCParameters, name: String, max: Int) throws(RuleError) -> [String] {
        var byIndex: [Int: String] = [:]
        for (full, rest, value) in pairs(params, prefix: name) {
            guard let n = index(rest, max: max) else { throw Rules.paramList.error(name: full) }
            byIndex[n] = value
        }
        var seen = Set<String>()
        return byIndex.keys.sorted().compactMap { byIndex[$0] }.filter { seen.insert($0).inserted }
    }
}
