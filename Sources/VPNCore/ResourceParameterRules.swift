/// Format rules of the resource operations (API.md §4.8–§4.13), on the raw text of a parameter.
extension ParameterRules {
    /// §4.8: 1–100 Unicode scalars, no `http://`/`https://` prefix (any letter case).
    public static func name(_ text: String) throws(RuleError) {
        guard plainText(text, max: 100) else { throw Rules.nameFormat.error() }
    }

    /// §4.8: the same limits for the Description of customer gateways and VPN gateways.
    public static func resourceDescription(_ text: String) throws(RuleError) {
        guard plainText(text, max: 100) else { throw Rules.descriptionFormat.error() }
    }

    static func plainText(_ text: String, max: Int) -> Bool {
        let lower = text.lowercased()
        return (1...max).contains(text.unicodeScalars.count) && !lower.hasPrefix("http://") && !lower.hasPrefix("https://")
    }

    /// An IPv4 address in the strict dotted form of §4.1 (no leading zeros).
    public static func ipv4(_ text: String) -> UInt32? {
        guard !text.contains("/"), let cidr = IPv4CIDR(text + "/32") else { return nil }
        return cidr.address
    }

    /// Blocks a customer gateway address may not lie in (documented on CreateCustomerGateway).
    static let unsupportedPeerBlocks = ["100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "224.0.0.0/4", "255.0.0.0/8"]
        .compactMap(IPv4CIDR.init)

    /// §4.9: the customer gateway's IpAddress: an IPv4 address outside the unsupported blocks
    /// (`customer-gateway.ip.format`).
    public static func customerGatewayAddress(_ text: String) throws(RuleError) {
        guard let address = ipv4(text), !unsupportedPeerBlocks.contains(where: { $0.contains(IPv4CIDR(address: address, prefixLength: 32)) })
        else { throw Rules.ipAddressFormat.error() }
    }

    /// §4.10: an ASN, `1`–`4294967295` in decimal or `high.low` (each 0–65535, high×65536+low);
    /// `45104` (Alibaba Cloud's own) is refused where `allowAlibaba` is false (`param.asn`).
    public static func asn(_ text: String, name: String, allowAlibaba: Bool = false) throws(RuleError) -> Int64 {
        func part(_ s: Substring, max: Int64) -> Int64? {
            guard (1...10).contains(s.count), s.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int64(s), v <= max else { return nil }
            return v
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let value: Int64?
        switch parts.count {
        case 1: value = part(parts[0], max: 4_294_967_295)
        case 2: value = part(parts[0], max: 65_535).flatMap { high in part(parts[1], max: 65_535).map { high * 65_536 + $0 } }
        default: value = nil
        }
        guard let value, value >= 1, allowAlibaba || value != 45_104 else { throw Rules.paramAsn.error(name: name) }
        return value
    }

    /// §4.10: a BGP authentication key: 1–64 printable ASCII characters, no space, no `?` (`param.auth-key`).
    public static func authKey(_ text: String, name: String) throws(RuleError) {
        guard (1...64).contains(text.utf8.count), text.utf8.allSatisfy({ $0 > 0x20 && $0 <= 0x7E && $0 != UInt8(ascii: "?") })
        else { throw Rules.paramAuthKey.error(name: name) }
    }

    /// §4.11: LocalSubnet/RemoteSubnet: at most `maxSubnetBlocks` CIDR blocks of §4.1 joined by
    /// commas (`param.subnet`).
    public static func subnets(_ text: String, name: String) throws(RuleError) -> [IPv4CIDR] {
        var blocks: [IPv4CIDR] = []
        guard text.utf8.count(where: { $0 == UInt8(ascii: ",") }) < maxSubnetBlocks else { throw Rules.paramSubnet.error(name: name) }
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let block = IPv4CIDR(String(item)) else { throw Rules.paramSubnet.error(name: name) }
            blocks.append(block)
        }
        return blocks
    }

    /// The most CIDR blocks of one LocalSubnet/RemoteSubnet (Emulator decision: the public
    /// reference states no limit; a bound keeps a connection's stored text small).
    public static let maxSubnetBlocks = 50

    /// §4.12: RemoteCaCertificate (of the connection or of a tunnel): at most
    /// `maxCertificateBytes` UTF-8 bytes (`param.config`; Emulator decision, a PEM CA
    /// certificate is 1–4 KB).
    public static func certificate(_ text: String, name: String) throws(RuleError) {
        guard text.utf8.count <= maxCertificateBytes else { throw Rules.paramConfig.error(name: name) }
    }

    public static let maxCertificateBytes = 16_384

    /// §4.13: a tag key: 1–`max` characters, not starting with `aliyun` or `acs:`, without
    /// `http://` or `https://` (`param.tag-key`, naming the parameter as sent).
    public static func tagKey(_ text: String, name: String, max: Int) throws(RuleError) {
        guard (1...max).contains(text.unicodeScalars.count), tagTextAllowed(text) else { throw Rules.paramTagKey.error(name: name) }
    }

    /// §4.13: a tag value: 0–128 characters, the same prefixes and contents refused (`param.tag-value`).
    public static func tagValue(_ text: String, name: String) throws(RuleError) {
        guard text.unicodeScalars.count <= 128, text.isEmpty || tagTextAllowed(text) else { throw Rules.paramTagValue.error(name: name) }
    }

    static func tagTextAllowed(_ text: String) -> Bool {
        let lower = text.lowercased()
        return !lower.hasPrefix("aliyun") && !lower.hasPrefix("acs:") && !lower.contains("http://") && !lower.contains("https://")
    }

    /// §4.13: `ResourceType` of the tag operations, any letter case (`tag.resource-type`).
    public static func tagResourceType(_ text: String) throws(RuleError) -> TagResourceType {
        guard let type = TagResourceType(rawValue: text.uppercased()) else { throw Rules.tagResourceType.error() }
        return type
    }
}

/// The settings carried as JSON strings (`IkeConfig`, `IpsecConfig`, `BgpConfig`,
/// `HealthCheckConfig`) or as `TunnelOptionsSpecification.N.Tunnel*Config.*` (API.md §4.12): each
/// member the caller sent, as text, applied onto a base. Unknown members are ignored; a bad value
/// answers `param.config` naming `<parameter>.<member>`.
public enum ConnectionSettingRules {
    public typealias Member = (name: String, value: String)
    public typealias Members = [Member]

    static let encryption = ["aes", "aes192", "aes256", "des", "3des", "sm4"]
    static let authentication = ["md5", "sha1", "sha256", "sha384", "sha512", "sm3"]
    static let ikeGroups = ["group1", "group2", "group5", "group14", "group24"]
    static let ipsecGroups = ["disabled"] + ikeGroups
    /// /30 blocks of 169.254.0.0/16 the service keeps for itself (documented on CreateVpnConnection).
    static let reservedTunnelCidrs = ["169.254.0.0/30", "169.254.1.0/30", "169.254.2.0/30", "169.254.3.0/30", "169.254.4.0/30",
                                      "169.254.5.0/30", "169.254.6.0/30", "169.254.169.252/30"]
    static let linkLocal = IPv4CIDR("169.254.0.0/16")!

    static func choice(_ value: String, _ allowed: [String], _ name: String) throws(RuleError) -> String {
        guard let hit = allowed.first(where: { $0 == value.lowercased() }) else { throw Rules.paramConfig.error(name: name) }
        return hit
    }

    static func lifetime(_ value: String, _ name: String) throws(RuleError) -> Int64 {
        guard value.count <= 10, value.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int64(value), v <= 86_400
        else { throw Rules.paramConfig.error(name: name) }
        return v
    }

    static func positive(_ value: String, _ name: String) throws(RuleError) -> Int64 {
        guard (1...10).contains(value.count), value.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int64(value), v >= 1, v <= 2_147_483_647
        else { throw Rules.paramConfig.error(name: name) }
        return v
    }

    static func identifier(_ value: String, _ name: String) throws(RuleError) -> String {
        guard value.unicodeScalars.count <= 100, !value.contains(" ") else { throw Rules.paramConfig.error(name: name) }
        return value
    }

    static func flag(_ value: String, _ name: String) throws(RuleError) -> Bool {
        switch value.lowercased() {
        case "true": return true
        case "false": return false
        default: throw Rules.paramConfig.error(name: name)
        }
    }

    /// `IkeConfig` / `TunnelIkeConfig`.
    public static func ike(_ members: Members, onto base: IkeConfig, parameter: String) throws(RuleError) -> IkeConfig {
        var c = base
        for (key, value) in members {
            let name = parameter + "." + key
            switch key {
            case "IkeAuthAlg": c.authAlg = try choice(value, authentication, name)
            case "IkeEncAlg": c.encAlg = try choice(value, encryption, name)
            case "IkeLifetime": c.lifetime = try lifetime(value, name)
            case "IkeMode": c.mode = try choice(value, ["main", "aggressive"], name)
            case "IkePfs": c.pfs = try choice(value, ikeGroups, name)
            case "IkeVersion": c.version = try choice(value, ["ikev1", "ikev2"], name)
            case "LocalId": c.localId = try identifier(value, name)
            case "RemoteId": c.remoteId = try identifier(value, name)
            case "Psk":
                guard (1...100).contains(value.utf8.count), value.utf8.allSatisfy({ $0 > 0x20 && $0 <= 0x7E })
                else { throw Rules.paramConfig.error(name: name) }
                c.psk = value
            default: continue
            }
        }
        return c
    }

    /// `IpsecConfig` / `TunnelIpsecConfig`.
    public static func ipsec(_ members: Members, onto base: IpsecConfig, parameter: String) throws(RuleError) -> IpsecConfig {
        var c = base
        for (key, value) in members {
            let name = parameter + "." + key
            switch key {
            case "IpsecAuthAlg": c.authAlg = try choice(value, authentication, name)
            case "IpsecEncAlg": c.encAlg = try choice(value, encryption, name)
            case "IpsecLifetime": c.lifetime = try lifetime(value, name)
            case "IpsecPfs": c.pfs = try choice(value, ipsecGroups, name)
            default: continue
            }
        }
        return c
    }

    /// `BgpConfig` / `TunnelBgpConfig`: `LocalBgpIp` must lie in `TunnelCidr` once both are known.
    public static func bgp(_ members: Members, onto base: BgpConfig, parameter: String) throws(RuleError) -> BgpConfig {
        var c = base
        for (key, value) in members {
            let name = parameter + "." + key
            switch key {
            case "EnableBgp": c.enableBgp = try flag(value, name)
            case "LocalAsn": c.localAsn = try ParameterRules.asn(value, name: name, allowAlibaba: true)
            case "TunnelCidr":
                guard let block = IPv4CIDR(value), block.prefixLength == 30, block.isInside(linkLocal),
                      !reservedTunnelCidrs.contains(value) else { throw Rules.paramConfig.error(name: name) }
                c.tunnelCidr = value
            case "LocalBgpIp":
                guard ParameterRules.ipv4(value) != nil else { throw Rules.paramConfig.error(name: name) }
                c.localBgpIp = value
            default: continue
            }
        }
        if !c.localBgpIp.isEmpty, let block = IPv4CIDR(c.tunnelCidr), let ip = ParameterRules.ipv4(c.localBgpIp),
           !block.contains(IPv4CIDR(address: ip, prefixLength: 32)) {
            throw Rules.paramConfig.error(name: parameter + ".LocalBgpIp")
        }
        return c
    }

    /// `HealthCheckConfig` (members are documented in lower case: `enable`, `dip`, `sip`,
    /// `interval`, `retry`; matched without regard to case, `policy` too).
    public static func healthCheck(_ members: Members, onto base: HealthCheckConfig, parameter: String) throws(RuleError) -> HealthCheckConfig {
        var c = base
        for (key, value) in members {
            let name = parameter + "." + key
            switch key.lowercased() {
            case "enable": c.enable = try flag(value, name)
            case "dip", "sip":
                guard ParameterRules.ipv4(value) != nil else { throw Rules.paramConfig.error(name: name) }
                if key.lowercased() == "dip" { c.dip = value } else { c.sip = value }
            case "interval": c.interval = try positive(value, name)
            case "retry": c.retry = try positive(value, name)
            case "policy": c.policy = try choice(value, ["revoke_route", "keep_route"], name)
            default: continue
            }
        }
        return c
    }
}
