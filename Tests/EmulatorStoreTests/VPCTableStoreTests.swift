import Foundation
import Testing
import VPNCore
@testable import EmulatorStore

private let gw = "vpn-a"
private func entry(_ dest: String, _ type: String, _ id: String) -> VPCRouteEntry {
    VPCRouteEntry(destinationCidrBlock: dest, nextHopType: type, nextHopId: id)
}

/// API.md §5.8 as the store keeps it (Schema version 3): the VPC system table holds the fixture's
/// entries plus one entry per distinct published (destination, gateway), shared by the routes
/// that publish it; counters follow every insert and delete.
@Suite struct VPCTableStoreTests {
    static let twoGateways = """
        {
          "regions": ["cn-hangzhou"],
          "accounts": [{ "id": "111", "accessKeys": [{ "id": "K1", "secret": "S1" }] }],
          "vpcs": [{ "id": "vpc-a", "account": "111", "region": "cn-hangzhou", "cidrBlock": "10.0.0.0/16",
                     "vSwitches": [{ "id": "vsw-a", "cidrBlock": "10.0.1.0/24" }, { "id": "vsw-b", "cidrBlock": "192.168.50.0/24" }],
                     "routeEntries": [{ "destinationCidrBlock": "10.9.0.0/16", "nextHopType": "Instance", "nextHopId": "i-1" },
                                      { "destinationCidrBlock": "10.8.0.0/24", "nextHopType": "VpnGateway", "nextHopId": "vpn-a" }] }],
          "vpnGateways": [
            { "id": "vpn-a", "account": "111", "region": "cn-hangzhou", "vpcId": "vpc-a" },
            { "id": "vpn-b", "account": "111", "region": "cn-hangzhou", "vpcId": "vpc-a" }
          ],
          "vpnConnections": [
            { "id": "vco-a", "account": "111", "region": "cn-hangzhou", "attachType": "VPNGW", "vpnGatewayId": "vpn-a" },
            { "id": "vco-a2", "account": "111", "region": "cn-hangzhou", "attachType": "VPNGW", "vpnGatewayId": "vpn-a" },
            { "id": "vco-b", "account": "111", "region": "cn-hangzhou", "attachType": "VPNGW", "vpnGatewayId": "vpn-b" }
          ]
        }
        """

    func published(_ db: SQLiteDatabase) throws -> [VPCRouteEntry] { try db.vpcRouteEntries(vpcId: "vpc-a", source: "published") }
    func count(_ db: SQLiteDatabase) throws -> Int64 { try db.scalar("SELECT route_entry_count FROM vpcs WHERE id = 'vpc-a'") }

    func route(_ dest: String, _ hop: String, gateway: String = gw, weight: Int = 100, publish: Bool = true) -> GatewayRoute {
        GatewayRoute(vpnGatewayId: gateway, routeDest: dest, nextHop: hop, weight: weight, publishVpc: publish)
    }

    @Test func publishedRoutesAddOneEntryPerDestinationAndGatewayAndShareIt() throws {
        let db = try memoryDatabase()
        try load(Self.twoGateways, into: db)
        #expect(try count(db) == 2)
        try db.transaction {
            try db.upsertGatewayRoute(route("10.5.0.0/24", "vco-a"))                         // active of a pair
            try db.upsertGatewayRoute(route("10.5.0.0/24", "vco-a2", weight: 0))             // its standby: shares the entry
            try db.upsertGatewayRoute(route("10.6.0.0/24", "vco-a"))
            try db.upsertGatewayRoute(route("10.6.0.0/24", "vco-b", gateway: "vpn-b"))      // another gateway: its own entry
            try db.upsertGatewayRoute(route("10.7.0.0/24", "vco-a", publish: false))          // not published: nothing
        }
        #expect(try published(db) == [entry("10.5.0.0/24", "VpnGateway", gw), entry("10.6.0.0/24", "VpnGateway", gw),
                                       entry("10.6.0.0/24", "VpnGateway", "vpn-b")])
        #expect(try count(db) == 5)
        let table = try db.repository.routeTable(vpcId: "vpc-a", destination: IPv4CIDR("10.6.0.0/24")!)
        #expect(table.entryCount == 5 && table.sameDestination.count == 2)
    }

    @Test func withdrawingOneOfTwoKeepsTheEntryWithdrawingBothRemovesIt() throws {
        let db = try memoryDatabase()
        try load(Self.twoGateways, into: db)
        try db.transaction {
            try db.upsertGatewayRoute(route("10.5.0.0/24", "vco-a"))
            try db.upsertGatewayRoute(route("10.5.0.0/24", "vco-a2", weight: 0))
        }
        try db.transaction { try db.repository.deleteGatewayRoute(gatewayId: gw, routeDest: "10.5.0.0/24", nextHop: "vco-a") }
        #expect(try published(db) == [entry("10.5.0.0/24", "VpnGateway", gw)])
        try db.transaction {
            try db.repository.updateGatewayRoute(gatewayId: gw, routeDest: "10.5.0.0/24", nextHop: "vco-a2", publishVpc: false)
        }
        #expect(try published(db).isEmpty)
        #expect(try count(db) == 2)
        try db.transaction {
            try db.repository.updateGatewayRoute(gatewayId: gw, routeDest: "10.5.0.0/24", nextHop: "vco-a2", publishVpc: true)
        }
        #expect(try published(db) == [entry("10.5.0.0/24", "VpnGateway", gw)])
    }

    /// An entry (dest → this gateway) declared by the fixture is shared, never duplicated, and stays
    /// when nothing is published any more.
    @Test func fixtureEntryToTheSameGatewayIsShared() throws {
        let db = try memoryDatabase()
        try load(Self.twoGateways, into: db)
        try db.transaction { try db.upsertGatewayRoute(route("10.8.0.0/24", "vco-a")) }
        #expect(try published(db).isEmpty)
        #expect(try count(db) == 2)
        try db.transaction { try db.repository.deleteGatewayRoute(gatewayId: gw, routeDest: "10.8.0.0/24", nextHop: "vco-a") }
        #expect(try db.vpc(id: "vpc-a")?.routeEntries.count == 2)
        #expect(try count(db) == 2)
    }

    /// Reloading the VPC from a fixture keeps the entries of routes still published; moving a
    /// gateway to another VPC takes its published entries along.
    @Test func fixturesReloadingTheVPCOrMovingAGatewayKeepTheTableExact() throws {
        let db = try memoryDatabase()
        try load(Self.twoGateways, into: db)
        try db.transaction { try db.upsertGatewayRoute(route("10.5.0.0/24", "vco-a")) }
        try load(#"{"vpcs":[{"id":"vpc-a","account":"111","region":"cn-hangzhou","cidrBlock":"10.0.0.0/16"}]}"#, into: db)
        #expect(try published(db) == [entry("10.5.0.0/24", "VpnGateway", gw)])
        #expect(try count(db) == 1)
        try load(#"""
            {"vpcs":[{"id":"vpc-c","account":"111","region":"cn-hangzhou","cidrBlock":"10.1.0.0/16"}],
             "vpnGateways":[{"id":"vpn-a","account":"111","region":"cn-hangzhou","vpcId":"vpc-c"}]}
            """#, into: db)
        #expect(try published(db).isEmpty)
        #expect(try db.vpcRouteEntries(vpcId: "vpc-c", source: "published") == [entry("10.5.0.0/24", "VpnGateway", gw)])
        #expect(try db.scalar("SELECT route_entry_count FROM vpcs WHERE id = 'vpc-c'") == 1)
    }

    @Test func routeCountersFollowInsertsAndDeletes() throws {
        let db = try memoryDatabase()
        try load(smallWorld, into: db)
        let before = try #require(try db.repository.gateway(id: "vpn-a", accountId: "111", regionId: "cn-hangzhou"))
        #expect(before.routeCount == 1)
        try db.transaction {
            try db.upsertGatewayRoute(GatewayRoute(vpnGatewayId: "vpn-a", routeDest: "10.7.0.0/24", nextHop: "vco-a", weight: 100))
            try db.upsertGatewayRoute(GatewayRoute(vpnGatewayId: "vpn-a", routeDest: "10.7.0.0/24", nextHop: "vco-a", weight: 0))  // replaces
            try db.repository.upsertConnectionRoute(ConnectionRoute(vpnConnectionId: "vco-t", routeDest: "10.8.0.0/24", weight: 0))
        }
        #expect(try db.repository.gateway(id: "vpn-a", accountId: "111", regionId: "cn-hangzhou")?.routeCount == 2)
        #expect(try db.repository.connection(id: "vco-t", accountId: "111", regionId: "cn-hangzhou")?.routeCount == 2)
        try db.transaction { try db.repository.deleteConnectionRoute(connectionId: "vco-t", routeDest: "10.8.0.0/24") }
        #expect(try db.repository.connection(id: "vco-t", accountId: "111", regionId: "cn-hangzhou")?.routeCount == 1)
    }

    /// `vpc.local-cidr` asks the store for the local blocks containing the destination (an indexed range query).
    @Test func localBlocksContainingADestination() throws {
        let db = try memoryDatabase()
        try load(Self.twoGateways, into: db)
        let vpc = try #require(try db.repository.vpc(id: "vpc-a"))
        func blocks(_ dest: String) throws -> [String] { try db.repository.localBlocks(of: vpc, containing: IPv4CIDR(dest)!).map(\.description) }
        #expect(try blocks("10.0.1.128/25") == ["10.0.0.0/16", "10.0.1.0/24"])
        #expect(try blocks("192.168.50.4/30") == ["10.0.0.0/16", "192.168.50.0/24"])
        #expect(try blocks("192.168.0.0/16") == ["10.0.0.0/16"])   // contains a vSwitch: not inside it
    }
}
