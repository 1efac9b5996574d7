/// Route rules of API.md §4.2, §4.7 and §5, on plain values.
public enum RouteRules {
    static let reservedBlocks = ["127.0.0.0/8", "169.254.0.0/16", "224.0.0.0/4", "240.0.0.0/4"].compactMap(IPv4CIDR.init)
    static let sharedAddressSpace = IPv4CIDR("100.64.0.0/10")!
    static let defaultRoute = IPv4CIDR("0.0.0.0/0")!

    /// §4.2: `0.0.0.0/0`, or inside a reserved block (`route.dest.reserved`); on a single-tunnel
    /// gateway also any overlap with 100.64.0.0/10 (`route.dest.shared-address`). Pass
    /// `tunnelMode: nil` for transit connections, which have no shared-address rule.
    public static func checkDestination(_ dest: IPv4CIDR, tunnelMode: TunnelMode?) throws(RuleError) {
        if dest == defaultRoute || reservedBlocks.contains(where: { dest.isInside($0) }) { throw Rules.routeDestReserved.error() }
        if tunnelMode == .single, dest.overlaps(sharedAddressSpace) { throw Rules.routeDestSharedAddress.error() }
    }

    /// §4.7, CreateVpnRouteEntry: the next hop must be a gateway-bound connection of this gateway
    /// (the caller looked it up in the same account and region; nil = not found).
    public static func checkNextHop(_ connection: VPNConnection?, gatewayId: String) throws(RuleError) {
        guard let connection, connection.attachType == .vpnGateway, connection.vpnGatewayId == gatewayId
        else { throw Rules.routeNextHopNotFound.error() }
    }

    /// §4.7, CreateVcoRouteEntry: NextHop must equal VpnConnectionId exactly.
    public static func checkNextHopIsSelf(nextHop: String, connectionId: String) throws(RuleError) {
        guard nextHop == connectionId else { throw Rules.routeNextHopNotSelf.error() }
    }

    /// §5.2 for gateways: same RouteDest and NextHop, whatever the weight.
    public static func checkNotDuplicate(_ routes: [GatewayRoute], dest: String, nextHop: String) throws(RuleError) {
        if routes.contains(where: { $0.routeDest == dest && $0.nextHop == nextHop }) { throw Rules.routeDuplicate.error() }
    }

    /// §5.2 for transit connections: same RouteDest.
    public static func checkNotDuplicate(_ routes: [ConnectionRoute], dest: String) throws(RuleError) {
        if routes.contains(where: { $0.routeDest == dest }) { throw Rules.routeDuplicate.error() }
    }

    /// The partners *P* of §5.3: same RouteDest, other next hop.
    public static func partners(_ routes: [GatewayRoute], dest: String, nextHop: String) -> [GatewayRoute] {
        routes.filter { $0.routeDest == dest && $0.nextHop != nextHop }
    }

    /// §5.3 on single-tunnel gateways (§5.4: dual-tunnel gateways skip it). Rows top to bottom.
    public static func checkPair(_ routes: [GatewayRoute], dest: String, nextHop: String, weight: Int, tunnelMode: TunnelMode) throws(RuleError) {
        guard tunnelMode == .single else { return }
        let p = partners(routes, dest: dest, nextHop: nextHop)
        if weight == 100, p.contains(where: { $0.weight == 100 }) { throw Rules.routePairSecondActive.error() }
        if weight == 0, p.contains(where: { $0.weight == 0 }) { throw Rules.routePairSecondStandby.error() }
    }

    /// §5.3, ModifyVpnRouteEntryWeight: a route with a partner cannot change its weight.
    public static func checkModifyWithoutPartner(_ routes: [GatewayRoute], dest: String, nextHop: String, tunnelMode: TunnelMode) throws(RuleError) {
        guard tunnelMode == .single else { return }
        if !partners(routes, dest: dest, nextHop: nextHop).isEmpty { throw Rules.routePairModifyWithPartner.error() }
    }

    /// §5.6: RouteDest overlapping the SSL-VPN client pool of the gateway.
    public static func checkSSLClientPool(_ dest: IPv4CIDR, sslVpn: SSLVPNServer?) throws(RuleError) {
        guard let sslVpn, let pool = IPv4CIDR(sslVpn.clientIpPool) else { return }
        if dest.overlaps(pool) { throw Rules.routeSSLClientPool.error() }
    }

    /// §5.7: a create fails when the table already holds at least `quota` routes.
    public static func checkGatewayQuota(routeCount: Int, quota: Int) throws(RuleError) {
        if routeCount >= quota { throw Rules.quotaGatewayRoutes.error() }
    }

    /// §5.7 for transit connections.
    public static func checkConnectionQuota(routeCount: Int, quota: Int) throws(RuleError) {
        if routeCount >= quota { throw Rules.quotaConnectionRoutes.error() }
    }

    /// §5.1: the first route (creation order) matching RouteDest, NextHop and, when given, Weight.
    public static func find(_ routes: [GatewayRoute], dest: String, nextHop: String, weight: Int?) throws(RuleError) -> GatewayRoute {
        guard let r = routes.first(where: { $0.routeDest == dest && $0.nextHop == nextHop && (weight == nil || $0.weight == weight) })
        else { throw Rules.routeNotFound.error() }
        return r
    }

    /// §5.1 for transit connections: RouteDest, NextHop (must be the connection) and Weight.
    public static func find(_ routes: [ConnectionRoute], connectionId: String, dest: String, nextHop: String, weight: Int) throws(RuleError) -> ConnectionRoute {
        guard nextHop == connectionId, let r = routes.first(where: { $0.routeDest == dest && $0.weight == weight })
        else { throw Rules.routeNotFound.error() }
        return r
    }
}
