import EmulatorJSON
import VPNCore

/// The IPsec settings of connections and tunnels as JSON, in the fixture format (FIXTURES.md
/// "IPsec settings"): the same objects are stored in `vpn_connections.settings_json` and
/// `vpn_tunnels.settings_json` (schema 4), written by the dump and read by fixtures. Reading is
/// strict about types (a fixture error names the field); omitted members keep their defaults.
enum ConnectionSettingsJSON {
    /// The connection members these objects hold (besides `customerGatewayId`, `tunnels`, `tags`).
    static let connectionKeys = ["effectImmediately", "enableDpd", "enableNatTraversal", "enableTunnelsBgp", "autoConfigRoute",
                                 "ikeConfig", "ipsecConfig", "bgpConfig", "healthCheckConfig", "remoteCaCertificate"]
    static let tunnelKeys = ["enableDpd", "enableNatTraversal", "ikeConfig", "ipsecConfig", "bgpConfig", "remoteCaCertificate"]
    static let ikeKeys = ["ikeAuthAlg", "ikeEncAlg", "ikeLifetime", "ikeMode", "ikePfs", "ikeVersion", "localId", "psk", "remoteId"]
    static let ipsecKeys = ["ipsecAuthAlg", "ipsecEncAlg", "ipsecLifetime", "ipsecPfs"]
    static let bgpKeys = ["enableBgp", "localAsn", "tunnelCidr", "localBgpIp", "peerAsn", "peerBgpIp", "authKey"]
    static let healthCheckKeys = ["enable", "sip", "dip", "interval", "retry", "policy"]

    // MARK: Writing

    static func json(_ c: IkeConfig) -> JSONValue {
        .object([("ikeAuthAlg", .string(c.authAlg)), ("ikeEncAlg", .string(c.encAlg)), ("ikeLifetime", .int(c.lifetime)),
                 ("ikeMode", .string(c.mode)), ("ikePfs", .string(c.pfs)), ("ikeVersion", .string(c.version)),
                 ("localId", .string(c.localId)), ("psk", .string(c.psk)), ("remoteId", .string(c.remoteId))])
    }

    static func json(_ c: IpsecConfig) -> JSONValue {
        .object([("ipsecAuthAlg", .string(c.authAlg)), ("ipsecEncAlg", .string(c.encAlg)), ("ipsecLifetime", .int(c.lifetime)),
                 ("ipsecPfs", .string(c.pfs))])
    }

    static func json(_ c: BgpConfig) -> JSONValue {
        .object([("enableBgp", .bool(c.enableBgp)), ("localAsn", .int(c.localAsn)), ("tunnelCidr", .string(c.tunnelCidr)),
                 ("localBgpIp", .string(c.localBgpIp)), ("peerAsn", .int(c.peerAsn)), ("peerBgpIp", .string(c.peerBgpIp)),
                 ("authKey", .string(c.authKey))])
    }

    static func json(_ c: HealthCheckConfig) -> JSONValue {
        .object([("enable", .bool(c.enable)), ("sip", .string(c.sip)), ("dip", .string(c.dip)), ("interval", .int(c.interval)),
                 ("retry", .int(c.retry)), ("policy", .string(c.policy))])
    }

    /// The connection members of `connectionKeys`, in that order.
    static func members(_ s: ConnectionSettings) -> [(String, JSONValue)] {
        [("effectImmediately", .bool(s.effectImmediately)), ("enableDpd", .bool(s.enableDpd)),
         ("enableNatTraversal", .bool(s.enableNatTraversal)), ("enableTunnelsBgp", .bool(s.enableTunnelsBgp)),
         ("autoConfigRoute", .bool(s.autoConfigRoute)), ("ikeConfig", json(s.ike)), ("ipsecConfig", json(s.ipsec)),
         ("bgpConfig", json(s.bgp)), ("healthCheckConfig", json(s.healthCheck)), ("remoteCaCertificate", .string(s.remoteCaCertificate))]
    }

    /// The tunnel members of `tunnelKeys`, in that order.
    static func members(_ t: VPNTunnel) -> [(String, JSONValue)] {
        [("enableDpd", .bool(t.enableDpd)), ("enableNatTraversal", .bool(t.enableNatTraversal)), ("ikeConfig", json(t.ike)),
         ("ipsecConfig", json(t.ipsec)), ("bgpConfig", json(t.bgp)), ("remoteCaCertificate", .string(t.remoteCaCertificate))]
    }

    // MARK: Reading (fixtures and the stored columns)

    static func ike(_ o: FixtureObject?) throws(FixtureError) -> IkeConfig {
        var c = IkeConfig()
        guard let o else { return c }
        c.authAlg = try o.string("ikeAuthAlg") ?? c.authAlg
        c.encAlg = try o.string("ikeEncAlg") ?? c.encAlg
        c.lifetime = try o.nonNegativeInt("ikeLifetime") ?? c.lifetime
        c.mode = try o.string("ikeMode") ?? c.mode
        c.pfs = try o.string("ikePfs") ?? c.pfs
        c.version = try o.string("ikeVersion") ?? c.version
        c.localId = try o.string("localId") ?? c.localId
        c.psk = try o.string("psk") ?? c.psk
        c.remoteId = try o.string("remoteId") ?? c.remoteId
        return c
    }

    static func ipsec(_ o: FixtureObject?) throws(FixtureError) -> IpsecConfig {
        var c = IpsecConfig()
        guard let o else { return c }
        c.authAlg = try o.string("ipsecAuthAlg") ?? c.authAlg
        c.encAlg = try o.string("ipsecEncAlg") ?? c.encAlg
        c.lifetime = try o.nonNegativeInt("ipsecLifetime") ?? c.lifetime
        c.pfs = try o.string("ipsecPfs") ?? c.pfs
        return c
    }

    static func bgp(_ o: FixtureObject?) throws(FixtureError) -> BgpConfig {
        var c = BgpConfig()
        guard let o else { return c }
        c.enableBgp = try o.bool("enableBgp") ?? c.enableBgp
        c.localAsn = try o.nonNegativeInt("localAsn") ?? c.localAsn
        c.tunnelCidr = try o.string("tunnelCidr") ?? c.tunnelCidr
        c.localBgpIp = try o.string("localBgpIp") ?? c.localBgpIp
        c.peerAsn = try o.nonNegativeInt("peerAsn") ?? c.peerAsn
        c.peerBgpIp = try o.string("peerBgpIp") ?? c.peerBgpIp
        c.authKey = try o.string("authKey") ?? c.authKey
        return c
    }

    static func healthCheck(_ o: FixtureObject?) throws(FixtureError) -> HealthCheckConfig {
        var c = HealthCheckConfig()
        guard let o else { return c }
        c.enable = try o.bool("enable") ?? c.enable
        c.sip = try o.string("sip") ?? c.sip
        c.dip = try o.string("dip") ?? c.dip
        c.interval = try o.nonNegativeInt("interval") ?? c.interval
        c.retry = try o.nonNegativeInt("retry") ?? c.retry
        c.policy = try o.string("policy") ?? c.policy
        return c
    }

    /// The settings members of a connection object (`customerGatewayId` is read by the caller).
    static func settings(_ o: FixtureObject) throws(FixtureError) -> ConnectionSettings {
        var s = ConnectionSettings()
        s.effectImmediately = try o.bool("effectImmediately") ?? s.effectImmediately
        s.enableDpd = try o.bool("enableDpd") ?? s.enableDpd
        s.enableNatTraversal = try o.bool("enableNatTraversal") ?? s.enableNatTraversal
        s.enableTunnelsBgp = try o.bool("enableTunnelsBgp") ?? s.enableTunnelsBgp
        s.autoConfigRoute = try o.bool("autoConfigRoute") ?? s.autoConfigRoute
        s.ike = try ike(try o.object("ikeConfig", allowed: ikeKeys))
        s.ipsec = try ipsec(try o.object("ipsecConfig", allowed: ipsecKeys))
        s.bgp = try bgp(try o.object("bgpConfig", allowed: bgpKeys))
        s.healthCheck = try healthCheck(try o.object("healthCheckConfig", allowed: healthCheckKeys))
        s.remoteCaCertificate = try o.string("remoteCaCertificate") ?? ""
        return s
    }

    /// The settings members of a tunnel object onto `t`.
    static func tunnelSettings(_ o: FixtureObject, into t: inout VPNTunnel) throws(FixtureError) {
        t.enableDpd = try o.bool("enableDpd") ?? t.enableDpd
        t.enableNatTraversal = try o.bool("enableNatTraversal") ?? t.enableNatTraversal
        t.ike = try ike(try o.object("ikeConfig", allowed: ikeKeys))
        t.ipsec = try ipsec(try o.object("ipsecConfig", allowed: ipsecKeys))
        t.bgp = try bgp(try o.object("bgpConfig", allowed: bgpKeys))
        t.remoteCaCertificate = try o.string("remoteCaCertificate") ?? ""
    }

    // MARK: The stored columns

    static func column(_ s: ConnectionSettings) -> String { JSONValue.object(members(s)).serialized() }
    static func column(_ t: VPNTunnel) -> String { JSONValue.object(members(t)).serialized() }

    /// The stored settings; `""` (a connection from before schema 4, or a fixture without
    /// settings) is the defaults.
    static func settings(column text: String) -> ConnectionSettings {
        guard !text.isEmpty, let value = try? JSONParser.parse(Array(text.utf8)),
              let o = try? FixtureObject(value, path: "", allowed: connectionKeys), let s = try? settings(o)
        else { return ConnectionSettings() }
        return s
    }

    static func tunnel(id: String, role: String, customerGatewayId: String, column text: String) -> VPNTunnel {
        var t = VPNTunnel(id: id, role: role, customerGatewayId: customerGatewayId)
        if let value = try? JSONParser.parse(Array(text.utf8)), let o = try? FixtureObject(value, path: "", allowed: tunnelKeys) {
            try? tunnelSettings(o, into: &t)
        }
        return t
    }
}
