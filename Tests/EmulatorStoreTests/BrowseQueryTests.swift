import Testing
import VPNCore
@testable import EmulatorStore

/// StateAdministration+Browse: the live state page's queries.
@Suite struct BrowseQueryTests {
    /// The browse queries of resources and VPC tables each search an index (no table scan).
    @Test func browseQueriesSearchIndexes() throws {
        let db = try memoryDatabase()
        let queries: [(String, [SQLValue])] = [
            ("SELECT id FROM vpn_connections WHERE account_id = ? AND region = ? ORDER BY create_time, rowid", [.text("a"), .text("r")]),
            ("SELECT id FROM vpcs WHERE account_id = ? AND region = ? ORDER BY rowid", [.text("a"), .text("r")]),
            ("SELECT id FROM vswitches WHERE vpc_id = ? ORDER BY rowid", [.text("v")]),
            ("SELECT destination FROM vpc_route_entries WHERE vpc_id = ? AND source = ? ORDER BY seq LIMIT 5 OFFSET 5", [.text("v"), .text("published")]),
        ]
        for (sql, params) in queries {
            let plan = try db.query("EXPLAIN QUERY PLAN " + sql, params).map { $0.text(3) }.joined(separator: " | ")
            #expect(plan.contains("USING") && !plan.contains("SCAN"), "\(sql): \(plan)")
        }
    }

    /// 300 routes on one gateway, creation times out of insertion order, three next hops.
    static func manyRoutes() throws -> SQLiteDatabase {
        let db = try memoryDatabase()
        try load(smallWorld, into: db)
        let routes = (0..<300).map { i in
            #"{"vpnGatewayId":"vpn-a","routeDest":"10.\#(i % 7).\#(i % 256).0/24","nextHop":"\#(i % 3 == 0 ? "vco-b" : "vco-a")","weight":100,"publishVpc":\#(i % 4 == 0),"createTime":\#(1000 + (i * 37) % 300)}"#
        }
        try load("""
            {"vpnConnections":[{"id":"vco-b","account":"111","region":"cn-hangzhou","attachType":"VPNGW","vpnGatewayId":"vpn-a"}],
             "vpnRouteEntries":[\(routes.joined(separator: ","))]}
            """, into: db)
        return db
    }

    /// Both plans of a route page (the RouteDest index then a sort, or the creation-order walk)
    /// give the same pages, in DescribeVpnRouteEntries' order reversed.
    @Test(arguments: [Browse.RouteFilter(), Browse.RouteFilter(routeDestPrefix: "10.3."),
                      Browse.RouteFilter(routeDestPrefix: "10.1"), Browse.RouteFilter(nextHop: "vco-b"),
                      Browse.RouteFilter(routeDestPrefix: "10.2.", nextHop: "vco-a"), Browse.RouteFilter(routeDestPrefix: "9.")])
    func bothPlansGiveTheSamePages(filter: Browse.RouteFilter) throws {
        let db = try Self.manyRoutes()
        let all = try db.gatewayRoutes(gatewayId: "vpn-a").filter { r in
            (filter.routeDestPrefix.map { r.routeDest.hasPrefix($0) } ?? true) && (filter.nextHop.map { r.nextHop == $0 } ?? true)
        }
        let expected = Array(all.reversed())
        for (offset, limit) in [(0, 50), (40, 25), (expected.count - 3, 10), (expected.count + 5, 10)] where offset >= 0 {
            let sorted = try db.admin.browseGatewayRoutes(gatewayId: "vpn-a", filter: filter, offset: offset, limit: limit, sortLimit: .max)
            let walked = try db.admin.browseGatewayRoutes(gatewayId: "vpn-a", filter: filter, offset: offset, limit: limit, sortLimit: 0)
            let want = Array(expected.dropFirst(offset).prefix(limit))
            #expect(sorted.total == expected.count)
            #expect(sorted.items == want, "\(filter) \(offset)")
            #expect(walked == sorted, "\(filter) \(offset)")
        }
    }

    @Test func transitRoutesBothPlans() throws {
        let db = try memoryDatabase()
        try load(smallWorld, into: db)
        let routes = (0..<40).map { #"{"vpnConnectionId":"vco-t","routeDest":"172.\#($0 % 4).\#($0).0/24","weight":100,"createTime":\#(2000 - $0)}"# }
        try load(#"{"vcoRouteEntries":[\#(routes.joined(separator: ","))]}"#, into: db)
        let expected = try db.connectionRoutes(connectionId: "vco-t").filter { $0.routeDest.hasPrefix("172.1.") }.reversed()
        let sorted = try db.admin.browseConnectionRoutes(connectionId: "vco-t", routeDestPrefix: "172.1.", offset: 2, limit: 5, sortLimit: .max)
        let walked = try db.admin.browseConnectionRoutes(connectionId: "vco-t", routeDestPrefix: "172.1.", offset: 2, limit: 5, sortLimit: 0)
        #expect(sorted.total == 10)
        #expect(sorted.items == Array(expected.dropFirst(2).prefix(5)))
        #expect(walked == sorted)
    }

    /// The VPC entries are the table the store keeps, fixture entries first, whatever the paging.
    @Test func vpcEntriesAreTheRouteTable() throws {
        let db = try Self.manyRoutes()
        try load("""
            {"vpcs":[{"id":"vpc-a","account":"111","region":"cn-hangzhou","cidrBlock":"10.0.0.0/16",
              "vSwitches":[{"id":"vsw-a","cidrBlock":"10.0.1.0/24"}],
              "routeEntries":[{"destinationCidrBlock":"10.9.0.0/16","nextHopType":"Instance","nextHopId":"i-1"},
                              {"destinationCidrBlock":"10.0.0.0/24","nextHopType":"VpnGateway","nextHopId":"vpn-a"},
                              {"destinationCidrBlock":"10.4.4.0/24","nextHopType":"VpnGateway","nextHopId":"vpn-other"}]}]}
            """, into: db)
        let table = try db.vpcRouteEntries(vpcId: "vpc-a", source: "fixture") + db.vpcRouteEntries(vpcId: "vpc-a", source: "published")
        let counts = try db.admin.browseVPCEntryCounts(vpcId: "vpc-a")
        #expect(counts.fixture == 3)
        #expect(counts.total == table.count)
        #expect(counts.published == 75 - 1, "75 published routes, one of them stated by the fixture")
        var paged: [Browse.VPCEntry] = []
        for offset in stride(from: 0, to: counts.total + 10, by: 7) {
            let page = try db.admin.browseVPCEntries(vpcId: "vpc-a", offset: offset, limit: 7)
            #expect(page.total == counts.total)
            paged += page.items
        }
        #expect(paged.count == table.count)
        #expect(Array(paged.prefix(3).map(\.entry)) == Array(table.prefix(3)), "fixture entries first, in order")
        #expect(paged.prefix(3).allSatisfy { !$0.published } && paged.dropFirst(3).allSatisfy(\.published))
        #expect(Set(paged.map(\.entry)) == Set(table))
        let vpc = try #require(try db.admin.browseVPCs(accountId: "111", regionId: "cn-hangzhou", limit: 10).items.first)
        #expect(vpc.entryCount == table.count)
        #expect(vpc.vSwitches == [VSwitch(id: "vsw-a", cidrBlock: "10.0.1.0/24")])
    }

    @Test func scopedListsAndTheirLimit() throws {
        let db = try memoryDatabase()
        try load(smallWorld, into: db)
        try db.startTask(resourceId: "vco-t", kind: .vpnConnection, action: "CreateVcoRouteEntry", endsAt: 9_000)
        let gateways = try db.admin.browseGateways(accountId: "111", regionId: "cn-hangzhou", limit: 10)
        #expect(gateways.items.map(\.id) == ["vpn-a"] && !gateways.truncated)
        #expect(gateways.items[0].routeCount == 1)
        #expect(gateways.items[0].task == nil)
        let connections = try db.admin.browseConnections(accountId: "111", regionId: "cn-hangzhou", limit: 1)
        #expect(connections.items.count == 1 && connections.truncated, "two connections, a limit of one")
        let both = try db.admin.browseConnections(accountId: "111", regionId: "cn-hangzhou", limit: 10).items
        #expect(both.map(\.id).sorted() == ["vco-a", "vco-t"])
        let transit = try #require(both.first { $0.id == "vco-t" })
        #expect(transit.task == ResourceTask(resourceId: "vco-t", action: "CreateVcoRouteEntry", endsAt: 9_000))
        #expect(transit.routeCount == 1)
        #expect(both.first { $0.id == "vco-a" }?.routeCount == nil)
        #expect(try db.admin.browseGateways(accountId: "222", regionId: "cn-hangzhou", limit: 10).items.isEmpty)
        #expect(try db.admin.browseGateways(accountId: "111", regionId: "cn-shanghai", limit: 10).items.isEmpty)
        let accounts = try db.admin.browseAccounts()
        #expect(accounts.map(\.id) == ["111", "222"])
        #expect(accounts[0].accessKeys == [.init(id: "K1", ramUser: nil), .init(id: "K1RO", ramUser: "ro")])
    }
}
