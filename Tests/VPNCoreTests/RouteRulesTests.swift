import Testing
@testable import VPNCore

private let gw = "vpn-bp1default0000000001"
private let hopA = "vco-bp1default0000000001"
private let hopB = "vco-bp1default0000000002"
private let hopC = "vco-bp1default0000000003"

private func route(_ dest: String, _ hop: String, _ weight: Int, gateway: String = gw) -> GatewayRoute {
    GatewayRoute(vpnGatewayId: gateway, routeDest: dest, nextHop: hop, weight: weight)
}

/// API.md §4.2, §4.7, §5.1–§5.7 on plain values.
@Suite struct RouteRulesTests {
    // MARK: route.dest.reserved (§4.2)

    @Test(arguments: [
        "0.0.0.0/0",
        "127.0.0.0/8", "127.0.0.1/32", "127.10.0.0/16", "127.255.255.0/24",
        "169.254.0.0/16", "169.254.169.254/32", "169.254.1.0/24",
        "224.0.0.0/4", "224.0.0.0/8", "239.255.255.255/32", "232.1.0.0/16",
        "240.0.0.0/4", "255.255.255.255/32", "240.0.0.0/5", "250.0.0.0/8",
    ])
    func reservedDestinations(text: String) {
        for mode in [TunnelMode?.some(.single), .some(.dual), nil] {
            expectRule(.routeDestReserved, "\(text) mode \(String(describing: mode))") { () throws(RuleError) in
                try RouteRules.checkDestination(cidr(text), tunnelMode: mode)
            }
        }
    }

    /// Blocks that merely contain a reserved block pass (§4.2), on every kind of gateway and on transit connections.
    @Test(arguments: ["128.0.0.0/1", "160.0.0.0/3", "224.0.0.0/3", "192.0.0.0/2", "126.0.0.0/7", "169.0.0.0/8", "169.254.0.0/15",
                      "10.0.0.0/8", "10.1.0.0/24", "172.16.0.0/12", "223.255.255.0/24", "1.0.0.0/8", "0.0.0.0/2", "128.0.0.0/2"])
    func blocksOutsideReservedSpacePass(text: String) {
        for mode in [TunnelMode?.some(.single), .some(.dual), nil] {
            expectPass("\(text) mode \(String(describing: mode))") { () throws(RuleError) in
                try RouteRules.checkDestination(cidr(text), tunnelMode: mode)
            }
        }
    }

    // MARK: route.dest.shared-address (§4.2): single-tunnel gateways only

    @Test(arguments: ["100.64.0.0/10", "100.64.0.0/24", "100.100.1.0/24", "100.127.255.255/32", "100.0.0.0/8", "96.0.0.0/3",
                      "64.0.0.0/2", "0.0.0.0/1", "100.0.0.0/9"])
    func sharedAddressSpaceOnSingleTunnel(text: String) {
        expectRule(.routeDestSharedAddress, "\(text)") { () throws(RuleError) in
            try RouteRules.checkDestination(cidr(text), tunnelMode: .single)
        }
        expectPass("dual \(text)") { () throws(RuleError) in try RouteRules.checkDestination(cidr(text), tunnelMode: .dual) }
        expectPass("transit \(text)") { () throws(RuleError) in try RouteRules.checkDestination(cidr(text), tunnelMode: nil) }
    }

    @Test(arguments: ["100.128.0.0/10", "100.63.255.0/24", "100.0.0.0/10", "100.128.0.0/9", "101.0.0.0/8"])
    func nextToSharedAddressSpacePasses(text: String) {
        expectPass { () throws(RuleError) in try RouteRules.checkDestination(cidr(text), tunnelMode: .single) }
    }

    /// The reserved rule answers first: `0.0.0.0/0` also overlaps 100.64.0.0/10.
    @Test func reservedBeforeSharedAddress() {
        expectRule(.routeDestReserved) { () throws(RuleError) in try RouteRules.checkDestination(cidr("0.0.0.0/0"), tunnelMode: .single) }
    }

    // MARK: route.next-hop.not-found (§4.7)

    @Test func nextHopMustBeAGatewayBoundConnectionOfThisGateway() {
        let mine = VPNConnection(id: hopA, accountId: "1", regionId: "cn-hangzhou", attachType: .vpnGateway, vpnGatewayId: gw)
        let otherGateway = VPNConnection(id: "vco-x", accountId: "1", regionId: "cn-hangzhou", attachType: .vpnGateway,
                                         vpnGatewayId: "vpn-other")
        let transit = VPNConnection(id: "vco-t", accountId: "1", regionId: "cn-hangzhou", attachType: .cen,
                                    transitRouterId: "tr-1", cenId: "cen-1")
        let transitClaimingGateway = VPNConnection(id: "vco-t2", accountId: "1", regionId: "cn-hangzhou", attachType: .cen,
                                                   vpnGatewayId: gw, transitRouterId: "tr-1", cenId: "cen-1")
        expectPass { () throws(RuleError) in try RouteRules.checkNextHop(mine, gatewayId: gw) }
        expectRule(.nextHopNotFound, "unknown id") { () throws(RuleError) in try RouteRules.checkNextHop(nil, gatewayId: gw) }
        expectRule(.nextHopNotFound, "connection of another gateway") { () throws(RuleError) in
            try RouteRules.checkNextHop(otherGateway, gatewayId: gw)
        }
        expectRule(.nextHopNotFound, "transit connection") { () throws(RuleError) in try RouteRules.checkNextHop(transit, gatewayId: gw) }
        expectRule(.nextHopNotFound, "transit connection with a gateway id") { () throws(RuleError) in
            try RouteRules.checkNextHop(transitClaimingGateway, gatewayId: gw)
        }
    }

    /// "The connection's own state does not matter."
    @Test(arguments: ["active", "ike_sa_not_established", "updating", "financialLocked", "deleting"])
    func nextHopStateDoesNotMatter(state: String) {
        let c = VPNConnection(id: hopA, accountId: "1", regionId: "cn-hangzhou", attachType: .vpnGateway, vpnGatewayId: gw,
                              state: ConnectionState(rawValue: state), businessStatus: state == "financialLocked" ? .financialLocked : .normal)
        expectPass { () throws(RuleError) in try RouteRules.checkNextHop(c, gatewayId: gw) }
    }

    // MARK: route.duplicate (§5.2)

    @Test func duplicateIsSameDestAndNextHopWhateverTheWeight() {
        let routes = [route("10.1.0.0/24", hopA, 100)]
        expectRule(.duplicate, "same weight") { () throws(RuleError) in
            try RouteRules.checkNotDuplicate(routes, dest: "10.1.0.0/24", nextHop: hopA)
        }
        let standby = [route("10.1.0.0/24", hopA, 0)]
        expectRule(.duplicate, "other weight") { () throws(RuleError) in
            try RouteRules.checkNotDuplicate(standby, dest: "10.1.0.0/24", nextHop: hopA)
        }
        expectPass("other next hop") { () throws(RuleError) in try RouteRules.checkNotDuplicate(routes, dest: "10.1.0.0/24", nextHop: hopB) }
        expectPass("other dest") { () throws(RuleError) in try RouteRules.checkNotDuplicate(routes, dest: "10.1.0.0/25", nextHop: hopA) }
        expectPass("overlapping dest") { () throws(RuleError) in try RouteRules.checkNotDuplicate(routes, dest: "10.1.0.0/32", nextHop: hopA) }
        expectPass("empty table") { () throws(RuleError) in try RouteRules.checkNotDuplicate([GatewayRoute](), dest: "10.1.0.0/24", nextHop: hopA) }
    }

    // MARK: §5.3 pair table, row by row

    struct PairCase: Sendable, CustomTestStringConvertible {
        let name: String
        let partners: [Int]        // weights of routes with the same RouteDest and other next hops
        let newWeight: Int
        let expected: Documented?  // nil = accepted
        var testDescription: String { name }
    }

    static let pairCases: [PairCase] = [
        PairCase(name: "nothing, weight 0", partners: [], newWeight: 0, expected: nil),
        PairCase(name: "nothing, weight 100", partners: [], newWeight: 100, expected: nil),
        PairCase(name: "100 exists, new 100", partners: [100], newWeight: 100, expected: .secondActive),
        PairCase(name: "0 exists, new 0", partners: [0], newWeight: 0, expected: .secondStandby),
        PairCase(name: "only 100, new 0 is the standby", partners: [100], newWeight: 0, expected: nil),
        PairCase(name: "only 0, new 100 is the active", partners: [0], newWeight: 100, expected: nil),
        PairCase(name: "full pair, new 100", partners: [100, 0], newWeight: 100, expected: .secondActive),
        PairCase(name: "full pair, new 0", partners: [100, 0], newWeight: 0, expected: .secondStandby),
        PairCase(name: "full pair (standby first), new 100", partners: [0, 100], newWeight: 100, expected: .secondActive),
        PairCase(name: "full pair (standby first), new 0", partners: [0, 100], newWeight: 0, expected: .secondStandby),
        PairCase(name: "two 100 from a fixture, new 0", partners: [100, 100], newWeight: 0, expected: nil),
        PairCase(name: "two 0 from a fixture, new 100", partners: [0, 0], newWeight: 100, expected: nil),
        PairCase(name: "two 100 from a fixture, new 100", partners: [100, 100], newWeight: 100, expected: .secondActive),
        PairCase(name: "two 0 from a fixture, new 0", partners: [0, 0], newWeight: 0, expected: .secondStandby),
    ]

    @Test(arguments: pairCases)
    func pairTableOnSingleTunnel(c: PairCase) {
        let hops = [hopB, hopC, "vco-bp1default0000000004"]
        var routes = c.partners.enumerated().map { route("10.5.0.0/24", hops[$0.offset], $0.element) }
        // Noise that is not in P: another destination with both weights, and an overlapping block.
        routes += [route("10.6.0.0/24", hopB, 100), route("10.6.0.0/24", hopC, 0), route("10.5.0.0/25", hopB, c.newWeight)]
        if let expected = c.expected {
            expectRule(expected) { () throws(RuleError) in
                try RouteRules.checkPair(routes, dest: "10.5.0.0/24", nextHop: hopA, weight: c.newWeight, tunnelMode: .single)
            }
        } else {
            expectPass { () throws(RuleError) in
                try RouteRules.checkPair(routes, dest: "10.5.0.0/24", nextHop: hopA, weight: c.newWeight, tunnelMode: .single)
            }
        }
    }

    /// §5.4: dual-tunnel gateways skip §5.3 entirely.
    @Test(arguments: pairCases)
    func dualTunnelSkipsThePairTable(c: PairCase) {
        let hops = [hopB, hopC, "vco-bp1default0000000004"]
        let routes = c.partners.enumerated().map { route("10.5.0.0/24", hops[$0.offset], $0.element) }
        expectPass { () throws(RuleError) in
            try RouteRules.checkPair(routes, dest: "10.5.0.0/24", nextHop: hopA, weight: c.newWeight, tunnelMode: .dual)
        }
    }

    /// *P* excludes routes with the new route's own next hop (those are §5.2's business).
    @Test func partnersExcludeTheSameNextHop() {
        let routes = [route("10.5.0.0/24", hopA, 100), route("10.5.0.0/24", hopB, 0), route("10.7.0.0/24", hopC, 100)]
        #expect(RouteRules.partners(routes, dest: "10.5.0.0/24", nextHop: hopA).map(\.nextHop) == [hopB])
        #expect(RouteRules.partners(routes, dest: "10.5.0.0/24", nextHop: hopC).map(\.nextHop) == [hopA, hopB])
        #expect(RouteRules.partners(routes, dest: "10.9.0.0/24", nextHop: hopA).isEmpty)
        expectPass { () throws(RuleError) in
            try RouteRules.checkPair([route("10.5.0.0/24", hopA, 100)], dest: "10.5.0.0/24", nextHop: hopA, weight: 100, tunnelMode: .single)
        }
    }

    // MARK: route.pair.modify-with-partner (§5.3)

    @Test func modifyWithPartner() {
        let pair = [route("10.5.0.0/24", hopA, 100), route("10.5.0.0/24", hopB, 0)]
        expectRule(.modifyWithPartner, "active with standby") { () throws(RuleError) in
            try RouteRules.checkModifyWithoutPartner(pair, dest: "10.5.0.0/24", nextHop: hopA, tunnelMode: .single)
        }
        expectRule(.modifyWithPartner, "standby with active") { () throws(RuleError) in
            try RouteRules.checkModifyWithoutPartner(pair, dest: "10.5.0.0/24", nextHop: hopB, tunnelMode: .single)
        }
        expectPass("dual-tunnel") { () throws(RuleError) in
            try RouteRules.checkModifyWithoutPartner(pair, dest: "10.5.0.0/24", nextHop: hopA, tunnelMode: .dual)
        }
        let alone = [route("10.5.0.0/24", hopA, 100), route("10.5.0.0/25", hopB, 0), route("10.6.0.0/24", hopB, 0)]
        expectPass("no partner") { () throws(RuleError) in
            try RouteRules.checkModifyWithoutPartner(alone, dest: "10.5.0.0/24", nextHop: hopA, tunnelMode: .single)
        }
    }

    // MARK: route.ssl-client-pool (§5.6)

    @Test(arguments: [
        ("192.168.100.0/24", true),     // equal
        ("192.168.100.128/25", true),   // inside the pool
        ("192.168.100.7/32", true),
        ("192.168.0.0/16", true),       // contains the pool
        ("128.0.0.0/1", true),
        ("192.168.101.0/24", false),    // disjoint
        ("192.168.99.0/24", false),
        ("10.0.0.0/8", false),
    ])
    func sslClientPool(dest: String, conflicts: Bool) {
        let ssl = SSLVPNServer(clientIpPool: "192.168.100.0/24", maxConnections: 5)
        if conflicts {
            expectRule(.sslClientPool, "\(dest)") { () throws(RuleError) in try RouteRules.checkSSLClientPool(cidr(dest), sslVpn: ssl) }
        } else {
            expectPass("\(dest)") { () throws(RuleError) in try RouteRules.checkSSLClientPool(cidr(dest), sslVpn: ssl) }
        }
        expectPass("no SSL server") { () throws(RuleError) in try RouteRules.checkSSLClientPool(cidr(dest), sslVpn: nil) }
    }

    // MARK: quota.gateway-routes (§5.7)

    @Test(arguments: [(0, 0, false), (5, 0, false), (19, 20, true), (20, 20, false), (21, 20, false), (0, 1, true), (1, 1, false)])
    func gatewayQuota(count: Int, quota: Int, accepted: Bool) {
        if accepted {
            expectPass { () throws(RuleError) in try RouteRules.checkGatewayQuota(routeCount: count, quota: quota) }
        } else {
            expectRule(.quotaGatewayRoutes, "\(count) of \(quota)") { () throws(RuleError) in
                try RouteRules.checkGatewayQuota(routeCount: count, quota: quota)
            }
        }
    }

    // MARK: route.not-found (§5.1)

    @Test func findMatchesDestNextHopAndWeight() {
        let routes = [route("10.1.0.0/24", hopA, 100), route("10.1.0.0/24", hopB, 0), route("10.2.0.0/24", hopA, 0)]
        #expect(expectPass { () throws(RuleError) in try RouteRules.find(routes, dest: "10.1.0.0/24", nextHop: hopB, weight: 0) } == routes[1])
        expectRule(.routeNotFound, "wrong weight") { () throws(RuleError) in
            try RouteRules.find(routes, dest: "10.1.0.0/24", nextHop: hopA, weight: 0)
        }
        expectRule(.routeNotFound, "wrong next hop") { () throws(RuleError) in
            try RouteRules.find(routes, dest: "10.2.0.0/24", nextHop: hopB, weight: 0)
        }
        expectRule(.routeNotFound, "wrong dest") { () throws(RuleError) in
            try RouteRules.find(routes, dest: "10.3.0.0/24", nextHop: hopA, weight: 100)
        }
        expectRule(.routeNotFound, "empty") { () throws(RuleError) in
            try RouteRules.find([GatewayRoute](), dest: "10.1.0.0/24", nextHop: hopA, weight: nil)
        }
        // Publish matches without the weight.
        #expect(expectPass { () throws(RuleError) in try RouteRules.find(routes, dest: "10.2.0.0/24", nextHop: hopA, weight: nil) } == routes[2])
    }

    @Test func findTakesTheFirstInCreationOrder() {
        var first = route("10.1.0.0/24", hopA, 100); first.description = "first"
        var second = route("10.1.0.0/24", hopA, 100); second.description = "second"
        #expect(expectPass { () throws(RuleError) in try RouteRules.find([first, second], dest: "10.1.0.0/24", nextHop: hopA, weight: 100) }?
            .description == "first")
    }
}
