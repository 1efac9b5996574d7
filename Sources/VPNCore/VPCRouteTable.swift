/// What the checks of API.md §5.8 need to know of one VPC's system route table for one
/// destination: the entries with that destination and how many entries the table holds. The
/// store finds both by index; the table itself (fixture entries plus one entry per distinct
/// published (destination, gateway), shared between routes) is kept by the store in the same
/// transaction as the routes (see EmulatorStore's Schema, version 3).
public struct VPCRouteTable: Sendable, Equatable {
    /// The entries whose destination equals the destination being published (canonical CIDR text).
    public var sameDestination: [VPCRouteEntry]
    /// Every entry of the table: fixture entries and published ones.
    public var entryCount: Int

    public init(sameDestination: [VPCRouteEntry], entryCount: Int) {
        self.sameDestination = sameDestination
        self.entryCount = entryCount
    }

    /// The five checks of §5.8 for publishing `dest` to gateway `gatewayId`, in order.
    /// `localBlocks` are the VPC's CIDR block and those of its vSwitches (or just the ones that
    /// contain `dest`, as the store's range query returns them).
    public func checkPublish(dest: IPv4CIDR, gatewayId: String, vpcStatus: String, localBlocks: [IPv4CIDR], quota: Int) throws(RuleError) {
        if vpcStatus != "Available" { throw Rules.vpcStatus.error() }
        if localBlocks.contains(where: { dest.isInside($0) }) { throw Rules.vpcLocalCidr.error() }
        let same = sameDestination.filter { IPv4CIDR($0.destinationCidrBlock) == dest }
        if same.contains(where: { $0.nextHopType == "VpnGateway" && $0.nextHopId != gatewayId }) { throw Rules.vpcConflictOtherVPN.error() }
        if same.contains(where: { $0.nextHopType != "RouterInterface" && $0.nextHopType != "VpnGateway" }) { throw Rules.vpcConflictNonVPN.error() }
        let alreadyThere = same.contains { $0.nextHopType == "VpnGateway" && $0.nextHopId == gatewayId }
        if !alreadyThere, entryCount >= quota { throw Rules.vpcQuota.error() }
    }
}
