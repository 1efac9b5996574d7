/// The system route table of one VPC as API.md §5.8 sees it: the fixture's entries plus one
/// entry (destination → gateway) per distinct published gateway route. Published entries are
/// derived, never stored, so reference counting and "withdraw removes the entry when no other
/// published route remains" hold by construction.
public struct VPCRouteTable: Sendable, Equatable {
    public var entries: [VPCRouteEntry]

    /// - Parameters:
    ///   - fixtureEntries: `vpcs[].routeEntries`.
    ///   - publishedRoutes: (routeDest, gatewayId) of every route with publishVpc of a gateway in this VPC.
    public init(fixtureEntries: [VPCRouteEntry], publishedRoutes: [(routeDest: String, gatewayId: String)]) {
        var entries = fixtureEntries
        for (dest, gw) in publishedRoutes where !entries.contains(where: {
            $0.destinationCidrBlock == dest && $0.nextHopType == "VpnGateway" && $0.nextHopId == gw
        }) {
            entries.append(VPCRouteEntry(destinationCidrBlock: dest, nextHopType: "VpnGateway", nextHopId: gw))
        }
        self.entries = entries
    }

    /// The entries derived from published routes (those not declared by the fixture).
    public static func publishedEntries(fixtureEntries: [VPCRouteEntry], publishedRoutes: [(routeDest: String, gatewayId: String)]) -> [VPCRouteEntry] {
        Array(VPCRouteTable(fixtureEntries: fixtureEntries, publishedRoutes: publishedRoutes).entries.dropFirst(fixtureEntries.count))
    }

    /// The five checks of §5.8 for publishing `dest` to gateway `gatewayId`, in order.
    public func checkPublish(dest: IPv4CIDR, gatewayId: String, vpc: VPC, quota: Int) throws(RuleError) {
        if vpc.status != "Available" { throw Rules.vpcStatus.error() }
        let local = ([vpc.cidrBlock] + vpc.vSwitches.map(\.cidrBlock)).compactMap(IPv4CIDR.init)
        if local.contains(where: { dest.isInside($0) }) { throw Rules.vpcLocalCidr.error() }
        let same = entries.filter { IPv4CIDR($0.destinationCidrBlock) == dest }
        if same.contains(where: { $0.nextHopType == "VpnGateway" && $0.nextHopId != gatewayId }) { throw Rules.vpcConflictOtherVPN.error() }
        if same.contains(where: { $0.nextHopType != "RouterInterface" && $0.nextHopType != "VpnGateway" }) { throw Rules.vpcConflictNonVPN.error() }
        let alreadyThere = same.contains { $0.nextHopType == "VpnGateway" && $0.nextHopId == gatewayId }
        if !alreadyThere, entries.count >= quota { throw Rules.vpcQuota.error() }
    }
}
