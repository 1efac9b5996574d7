import EmulatorStore
import VPNCore

/// The settings CreateVpnConnection and ModifyVpnConnectionAttribute apply (API.md §13.18–§13.19).
enum ConnectionSteps {
    /// The single-tunnel settings sent (`IkeConfig`, …, `EnableDpd`, …) applied onto `base`.
    static func settings(_ input: OperationInput, onto base: ConnectionSettings) throws -> ConnectionSettings {
        var s = base
        if let m = input.members("IkeConfig") { s.ike = try ConnectionSettingRules.ike(m, onto: s.ike, parameter: "IkeConfig") }
        if let m = input.members("IpsecConfig") { s.ipsec = try ConnectionSettingRules.ipsec(m, onto: s.ipsec, parameter: "IpsecConfig") }
        if let m = input.members("BgpConfig") { s.bgp = try ConnectionSettingRules.bgp(m, onto: s.bgp, parameter: "BgpConfig") }
        if let m = input.members("HealthCheckConfig") {
            s.healthCheck = try ConnectionSettingRules.healthCheck(m, onto: s.healthCheck, parameter: "HealthCheckConfig")
        }
        s.effectImmediately = input.bool("EffectImmediately") ?? s.effectImmediately
        s.enableDpd = input.bool("EnableDpd") ?? s.enableDpd
        s.enableNatTraversal = input.bool("EnableNatTraversal") ?? s.enableNatTraversal
        s.autoConfigRoute = input.bool("AutoConfigRoute") ?? s.autoConfigRoute
        s.remoteCaCertificate = input.string("RemoteCaCertificate") ?? s.remoteCaCertificate
        return s
    }

    /// One tunnel's settings sent, applied onto `base`.
    static func tunnel(_ t: OperationInput.TunnelInput, onto base: VPNTunnel) throws -> VPNTunnel {
        var tunnel = base
        tunnel.customerGatewayId = t.customerGatewayId ?? tunnel.customerGatewayId
        tunnel.enableDpd = t.enableDpd ?? tunnel.enableDpd
        tunnel.enableNatTraversal = t.enableNatTraversal ?? tunnel.enableNatTraversal
        tunnel.remoteCaCertificate = t.remoteCaCertificate ?? tunnel.remoteCaCertificate
        tunnel.ike = try ConnectionSettingRules.ike(t.ike, onto: tunnel.ike, parameter: t.parameter + ".TunnelIkeConfig")
        tunnel.ipsec = try ConnectionSettingRules.ipsec(t.ipsec, onto: tunnel.ipsec, parameter: t.parameter + ".TunnelIpsecConfig")
        tunnel.bgp = try ConnectionSettingRules.bgp(t.bgp, onto: tunnel.bgp, parameter: t.parameter + ".TunnelBgpConfig")
        return tunnel
    }

    /// The IKE defaults of a new connection or tunnel: the identifiers are the two ends'
    /// addresses and, without a Psk, the service makes one of 16 characters (documented).
    static func ikeDefaults(localAddress: String, remoteAddress: String, context: OperationContext) -> IkeConfig {
        var ike = IkeConfig()
        ike.localId = localAddress
        ike.remoteId = remoteAddress
        ike.psk = context.resourceIds.next("", length: 16)
        return ike
    }
}
