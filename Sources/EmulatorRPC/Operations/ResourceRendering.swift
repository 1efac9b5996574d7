import EmulatorJSON
import VPNCore

/// The objects of the resource answers (API.md §13.5, §13.13–§13.27), keys in order.
enum ResourceRendering {
    static func tags(_ tags: [Tag]) -> JSONValue {
        .object([("Tag", .array(tags.map { .object([("Key", .string($0.key)), ("Value", .string($0.value))]) }))])
    }

    // MARK: Customer gateways

    /// DescribeCustomerGateway's body (without RequestId) and DescribeCustomerGateways' items.
    /// `Asn` is present only when the customer gateway has one.
    static func customerGateway(_ g: CustomerGateway) -> [(String, JSONValue)] {
        var out: [(String, JSONValue)] = [
            ("CustomerGatewayId", .string(g.id)),
            ("IpAddress", .string(g.ipAddress)),
            ("Name", .string(g.name)),
            ("Description", .string(g.description)),
        ]
        if let asn = g.asn { out.append(("Asn", .int(asn))) }
        out += [
            ("AuthKey", .string(g.authKey)),
            ("CreateTime", .int(g.createTime)),
            ("ResourceGroupId", .string("")),
            ("Tags", tags(g.tags)),
        ]
        return out
    }

    // MARK: Connections

    static func ike(_ c: IkeConfig, textNumbers: Bool) -> JSONValue {
        .object([("IkeAuthAlg", .string(c.authAlg)), ("IkeEncAlg", .string(c.encAlg)),
                 ("IkeLifetime", textNumbers ? .string(String(c.lifetime)) : .int(c.lifetime)),
                 ("IkeMode", .string(c.mode)), ("IkePfs", .string(c.pfs)), ("IkeVersion", .string(c.version)),
                 ("LocalId", .string(c.localId)), ("Psk", .string(c.psk)), ("RemoteId", .string(c.remoteId))])
    }

    static func ipsec(_ c: IpsecConfig, textNumbers: Bool) -> JSONValue {
        .object([("IpsecAuthAlg", .string(c.authAlg)), ("IpsecEncAlg", .string(c.encAlg)),
                 ("IpsecLifetime", textNumbers ? .string(String(c.lifetime)) : .int(c.lifetime)), ("IpsecPfs", .string(c.pfs))])
    }

    static func vpnBgp(_ c: BgpConfig) -> JSONValue {
        .object([("EnableBgp", .string(c.enableBgp ? "true" : "false")), ("LocalAsn", .int(c.localAsn)), ("PeerAsn", .int(c.peerAsn)),
                 ("LocalBgpIp", .string(c.localBgpIp)), ("PeerBgpIp", .string(c.peerBgpIp)), ("TunnelCidr", .string(c.tunnelCidr)),
                 ("AuthKey", .string(c.authKey)), ("Status", .string(""))])
    }

    static func healthCheck(_ c: HealthCheckConfig) -> JSONValue {
        .object([("Enable", .string(c.enable ? "true" : "false")), ("Sip", .string(c.sip)), ("Dip", .string(c.dip)),
                 ("Interval", .int(c.interval)), ("Retry", .int(c.retry)), ("Policy", .string(c.policy)), ("Status", .string(""))])
    }

    /// One element of `TunnelOptionsSpecification.TunnelOptions`. The Describe answers carry
    /// the flags and numbers as strings (`textScalars`, as the SDK models type them); the
    /// ModifyVpnConnectionAttribute answer as JSON booleans and numbers.
    static func tunnel(_ t: VPNTunnel, index: Int, connection: VPNConnection, state: String, status: String,
                       textScalars: Bool) -> JSONValue {
        func flag(_ b: Bool) -> JSONValue { textScalars ? .string(b ? "true" : "false") : .bool(b) }
        func number(_ i: Int64) -> JSONValue { textScalars ? .string(String(i)) : .int(i) }
        var bgp: [(String, JSONValue)] = []
        if textScalars { bgp.append(("BgpStatus", .string(connection.settings.enableTunnelsBgp ? "true" : "false"))) }
        bgp += [("LocalAsn", number(t.bgp.localAsn)), ("LocalBgpIp", .string(t.bgp.localBgpIp)), ("PeerAsn", number(t.bgp.peerAsn)),
                ("PeerBgpIp", .string(t.bgp.peerBgpIp)), ("TunnelCidr", .string(t.bgp.tunnelCidr))]
        var out: [(String, JSONValue)] = [
            ("TunnelId", .string(t.id)),
            ("CustomerGatewayId", .string(t.customerGatewayId)),
            ("Role", .string(t.role)),
            ("State", .string(state)),
        ]
        if textScalars { out.append(("Status", .string(status))) }
        out += [
            ("EnableDpd", flag(t.enableDpd)),
            ("EnableNatTraversal", flag(t.enableNatTraversal)),
            ("InternetIp", .string("")),
            ("RemoteCaCertificate", .string(t.remoteCaCertificate)),
            ("ZoneNo", .string("")),
        ]
        if textScalars { out.append(("TunnelIndex", .int(Int64(index + 1)))) }
        out += [
            ("TunnelBgpConfig", .object(bgp)),
            ("TunnelIkeConfig", ike(t.ike, textNumbers: textScalars)),
            ("TunnelIpsecConfig", ipsec(t.ipsec, textNumbers: textScalars)),
        ]
        return .object(out)
    }

    /// The state a connection shows (API.md §6.2): `financialLocked` when FinancialLocked, else
    /// the stored state, `updating` while a task runs on it.
    static func state(_ c: VPNConnection, task: ResourceTask?, now: Int64) -> ConnectionState {
        let current = ResourceStateRules.connectionState(stored: c.state, task: task, now: now)
        return c.businessStatus == .financialLocked ? .financialLocked : current
    }

    /// DescribeVpnConnection's body (without RequestId); DescribeVpnConnections' items carry the
    /// tags under `Tag` instead of `Tags` (`tagsKey`). `c` must carry its tunnels and tags.
    static func connection(_ c: VPNConnection, state: ConnectionState, tagsKey: String = "Tags") -> [(String, JSONValue)] {
        let established = [ConnectionState.active, .attached, .updating].contains(state)
        let status = established ? "ipsec_sa_established" : "ike_sa_not_established"
        let transit = c.attachType == .cen
        let s = c.settings
        return [
            ("VpnConnectionId", .string(c.id)),
            ("VpnGatewayId", .string(transit ? "" : c.vpnGatewayId ?? "")),
            ("CustomerGatewayId", .string(s.customerGatewayId)),
            ("Name", .string(c.name)),
            ("LocalSubnet", .string(c.localSubnet)),
            ("RemoteSubnet", .string(c.remoteSubnet)),
            ("CreateTime", .int(c.createTime)),
            ("EffectImmediately", .bool(s.effectImmediately)),
            ("EnableDpd", .bool(s.enableDpd)),
            ("EnableNatTraversal", .bool(s.enableNatTraversal)),
            ("EnableTunnelsBgp", .bool(s.enableTunnelsBgp)),
            ("Status", .string(status)),
            ("State", .string(state.rawValue)),
            ("Spec", .string("")),
            ("TunnelBandwidth", .string("")),
            ("NetworkType", .string("public")),
            ("AttachType", .string(c.attachType.rawValue)),
            ("AttachInstanceId", .string(transit ? c.cenId ?? "" : "")),
            ("TransitRouterId", .string(transit ? c.transitRouterId ?? "" : "")),
            ("TransitRouterName", .string("")),
            ("CrossAccountAuthorized", .bool(false)),
            ("InternetIp", .string("")),
            ("ZoneNo", .string("")),
            ("ResourceGroupId", .string("")),
            ("RemoteCaCertificate", .string(s.remoteCaCertificate)),
            ("IkeConfig", ike(s.ike, textNumbers: false)),
            ("IpsecConfig", ipsec(s.ipsec, textNumbers: false)),
            ("VpnBgpConfig", vpnBgp(s.bgp)),
            ("VcoHealthCheck", healthCheck(s.healthCheck)),
            (tagsKey, tags(c.tags)),
            ("TunnelOptionsSpecification", .object([("TunnelOptions", .array(c.tunnels.enumerated().map { i, t in
                tunnel(t, index: i, connection: c, state: state.rawValue, status: status, textScalars: true)
            }))])),
        ]
    }
}
