/// Business rules of the resource operations (API.md §13.13–§13.27, stage 15), each fed with what
/// an indexed query found.
public enum ResourceRules {
    /// CreateCustomerGateway: one customer gateway per IP address in (account, region).
    public static func checkAddressFree(taken: Bool) throws(RuleError) {
        if taken { throw Rules.customerGatewayIpTaken.error() }
    }

    /// DeleteCustomerGateway: no connection (nor tunnel) uses it.
    public static func checkCustomerGatewayUnused(inUse: Bool) throws(RuleError) {
        if inUse { throw Rules.customerGatewayInUse.error() }
    }

    /// DeleteVpnGateway: no connection, then no SSL server. Routes need a connection of the
    /// gateway as next hop, so a gateway with routes always has connections.
    public static func checkGatewayDeletable(_ gateway: VPNGateway) throws(RuleError) {
        if gateway.connectionCount > 0 { throw Rules.gatewayHasConnections.error() }
        if gateway.sslVpn != nil { throw Rules.gatewayHasSSLServer.error() }
    }

    /// DeleteVpnConnection: no route of the gateway uses the connection as next hop.
    public static func checkConnectionNotNextHop(inUse: Bool) throws(RuleError) {
        if inUse { throw Rules.connectionIsNextHop.error() }
    }

    /// CreateVpnConnection: the tunnel layout the gateway needs. Single-tunnel gateways take
    /// `CustomerGatewayId` and no tunnels; dual-tunnel gateways take two tunnels (whose shape the
    /// format stage checked) and ignore `CustomerGatewayId`.
    public static func checkTunnelLayout(tunnelMode: TunnelMode, customerGatewayId: String?, tunnelCount: Int) throws(RuleError) {
        switch tunnelMode {
        case .single:
            if tunnelCount > 0 { throw Rules.connectionTunnelsNotSupported.error(name: "TunnelOptionsSpecification") }
            if customerGatewayId == nil { throw Rules.connectionCustomerGatewayRequired.error() }
        case .dual:
            if tunnelCount == 0 { throw Rules.connectionTunnelsRequired.error() }
        }
    }

    /// CreateVpnConnection: one single-tunnel connection per (gateway, customer gateway).
    public static func checkConnectionNew(exists: Bool) throws(RuleError) {
        if exists { throw Rules.connectionDuplicate.error() }
    }

    /// CreateVpnConnection: connections per gateway.
    public static func checkConnectionQuota(count: Int, quota: Int) throws(RuleError) {
        if count >= quota { throw Rules.quotaGatewayConnections.error() }
    }

    /// TagResources: at most 20 tags per resource once the new keys are added.
    public static func checkTagCount(existing: [Tag], adding keys: [String]) throws(RuleError) {
        let total = Set(existing.map(\.key)).union(keys).count
        if total > 20 { throw Rules.tagQuota.error() }
    }
}
