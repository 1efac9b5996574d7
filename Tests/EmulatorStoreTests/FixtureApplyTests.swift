import Testing
import VPNCore
@testable import EmulatorStore

@Suite struct FixtureApplyTests {
    @Test func countsPerKind() throws {
        let db = try memoryDatabase()
        let counts = try load(smallWorld, into: db)
        #expect(counts.json.serialized()
            == #"{"regions":2,"accounts":2,"vpcs":1,"vpnGateways":1,"customerGateways":0,"vpnConnections":2,"vpnRouteEntries":1,"vcoRouteEntries":1}"#)
    }

    @Test func loadsEverything() throws {
        let db = try memoryDatabase()
        try load(smallWorld, into: db, now: 42)
        #expect(try db.regions() == ["cn-hangzhou", "cn-shanghai"])
        #expect(try db.defaultAccountId() == "111")   // none says so: the first
        #expect(try db.accounts().map(\.isDefault) == [true, false])
        let ro = try #require(try db.credential(accessKeyId: "K1RO"))
        #expect(ro.secret == "S" && ro.caller.accountId == "111" && ro.caller.ramUser?.policy.allow == ["vpc:Describe*"])
        let gw = try #require(try db.gateway(id: "vpn-a", accountId: "111", regionId: "cn-hangzhou"))
        #expect(gw.createTime == 5 && gw.vSwitchId == "vsw-a" && gw.name == "a")
        let vco = try #require(try db.connection(id: "vco-a", accountId: "111", regionId: "cn-hangzhou"))
        #expect(vco.createTime == 42 && vco.state == .active)   // omitted time → load time
        #expect(try db.gatewayRoutes(gatewayId: "vpn-a").map(\.createTime) == [42])
        #expect(try db.connectionRoutes(connectionId: "vco-t").map(\.weight) == [0])
    }

    /// A document that does not resolve, and the path and message it must be rejected with.
    struct ApplyCase: Sendable, CustomTestStringConvertible {
        let name: String
        let json: String
        let path: String
        let message: String
        var testDescription: String { name }
    }

    static let applyCases: [ApplyCase] = [
        ApplyCase(name: "dangling vpcId",
                  json: #"{"vpnGateways": [{"id": "vpn-b", "account": "111", "region": "cn-hangzhou", "vpcId": "vpc-x"}]}"#,
                  path: "vpnGateways[0].vpcId", message: #"unknown VPC "vpc-x""#),
        ApplyCase(name: "unknown account",
                  json: #"{"vpcs": [{"id": "vpc-b", "account": "333", "region": "cn-hangzhou", "cidrBlock": "10.0.0.0/8"}]}"#,
                  path: "vpcs[0].account", message: #"unknown account "333""#),
        ApplyCase(name: "unknown region",
                  json: #"{"vpcs": [{"id": "vpc-b", "account": "111", "region": "us-west-1", "cidrBlock": "10.0.0.0/8"}]}"#,
                  path: "vpcs[0].region", message: #"unknown region "us-west-1""#),
        ApplyCase(name: "VPC of another account",
                  json: #"{"vpnGateways": [{"id": "vpn-b", "account": "222", "region": "cn-hangzhou", "vpcId": "vpc-a"}]}"#,
                  path: "vpnGateways[0].vpcId", message: #"VPC "vpc-a" belongs to account "111", not "222""#),
        ApplyCase(name: "VPC of another region",
                  json: #"{"vpnGateways": [{"id": "vpn-b", "account": "111", "region": "cn-shanghai", "vpcId": "vpc-a"}]}"#,
                  path: "vpnGateways[0].vpcId", message: #"VPC "vpc-a" is in region "cn-hangzhou", not "cn-shanghai""#),
        ApplyCase(name: "vSwitch of no such VPC",
                  json: #"{"vpnGateways": [{"id": "vpn-b", "account": "111", "region": "cn-hangzhou", "vpcId": "vpc-a", "vSwitchId": "vsw-z"}]}"#,
                  path: "vpnGateways[0].vSwitchId", message: #"unknown vSwitch "vsw-z" in VPC "vpc-a""#),
        ApplyCase(name: "dangling connection gateway",
                  json: #"{"vpnConnections": [{"id": "vco-b", "account": "111", "region": "cn-hangzhou", "attachType": "VPNGW", "vpnGatewayId": "vpn-x"}]}"#,
                  path: "vpnConnections[0].vpnGatewayId", message: #"unknown VPN gateway "vpn-x""#),
        ApplyCase(name: "connection gateway of another account",
                  json: #"{"vpnConnections": [{"id": "vco-b", "account": "222", "region": "cn-hangzhou", "attachType": "VPNGW", "vpnGatewayId": "vpn-a"}]}"#,
                  path: "vpnConnections[0].vpnGatewayId", message: #"VPN gateway "vpn-a" belongs to account "111", not "222""#),
        ApplyCase(name: "route of unknown gateway",
                  json: #"{"vpnRouteEntries": [{"vpnGatewayId": "vpn-x", "routeDest": "10.1.0.0/24", "nextHop": "vco-a", "weight": 100}]}"#,
                  path: "vpnRouteEntries[0].vpnGatewayId", message: #"unknown VPN gateway "vpn-x""#),
        ApplyCase(name: "route via unknown connection",
                  json: #"{"vpnRouteEntries": [{"vpnGatewayId": "vpn-a", "routeDest": "10.1.0.0/24", "nextHop": "vco-x", "weight": 100}]}"#,
                  path: "vpnRouteEntries[0].nextHop", message: #"unknown VPN connection "vco-x""#),
        ApplyCase(name: "route via a CEN connection",
                  json: #"{"vpnRouteEntries": [{"vpnGatewayId": "vpn-a", "routeDest": "10.1.0.0/24", "nextHop": "vco-t", "weight": 100}]}"#,
                  path: "vpnRouteEntries[0].nextHop", message: #"VPN connection "vco-t" is not bound to VPN gateway "vpn-a""#),
        ApplyCase(name: "vco route on a VPNGW connection",
                  json: #"{"vcoRouteEntries": [{"vpnConnectionId": "vco-a", "routeDest": "10.1.0.0/24", "weight": 100}]}"#,
                  path: "vcoRouteEntries[0].vpnConnectionId",
                  message: #"VPN connection "vco-a" is not attached to a transit router (attachType VPNGW)"#),
        ApplyCase(name: "access key of another account",
                  json: #"{"accounts": [{"id": "333", "accessKeys": [{"id": "K2", "secret": "x"}]}]}"#,
                  path: "accounts[0].accessKeys[0].id", message: #"access key "K2" belongs to account "222""#),
        ApplyCase(name: "vSwitch of a VPC not reloaded",
                  json: #"{"vpcs": [{"id": "vpc-b", "account": "111", "region": "cn-hangzhou", "cidrBlock": "10.0.0.0/16", "vSwitches": [{"id": "vsw-a", "cidrBlock": "10.0.1.0/24"}]}]}"#,
                  path: "vpcs[0].vSwitches[0].id", message: #"vSwitch "vsw-a" belongs to VPC "vpc-a""#),
        ApplyCase(name: "replacing a VPC under a stored gateway",
                  json: #"{"vpcs": [{"id": "vpc-a", "account": "222", "region": "cn-hangzhou", "cidrBlock": "10.0.0.0/16", "vSwitches": [{"id": "vsw-a", "cidrBlock": "10.0.1.0/24"}]}]}"#,
                  path: "vpcs[0].account", message: #"VPN gateway "vpn-a" of this VPC belongs to account "111""#),
        ApplyCase(name: "dropping a stored gateway's vSwitch",
                  json: #"{"vpcs": [{"id": "vpc-a", "account": "111", "region": "cn-hangzhou", "cidrBlock": "10.0.0.0/16"}]}"#,
                  path: "vpcs[0].vSwitches", message: #"vSwitch "vsw-a" is used by VPN gateway "vpn-a""#),
        ApplyCase(name: "replacing the next hop of a stored route",
                  json: #"{"vpnConnections": [{"id": "vco-a", "account": "111", "region": "cn-hangzhou", "attachType": "CEN", "transitRouterId": "tr-1", "cenId": "cen-1"}]}"#,
                  path: "vpnConnections[0].attachType", message: #"route "192.168.0.0/24" of VPN gateway "vpn-a" uses this connection as next hop"#),
        ApplyCase(name: "replacing a transit connection that has routes",
                  json: #"{"vpnConnections": [{"id": "vco-t", "account": "111", "region": "cn-hangzhou", "attachType": "VPNGW", "vpnGatewayId": "vpn-a"}]}"#,
                  path: "vpnConnections[0].attachType", message: #"route "192.168.1.0/24" of this connection needs attachType CEN"#),
        ApplyCase(name: "moving a gateway under a stored connection",
                  json: #"{"vpcs": [{"id": "vpc-s", "account": "111", "region": "cn-shanghai", "cidrBlock": "10.0.0.0/16"}], "vpnGateways": [{"id": "vpn-a", "account": "111", "region": "cn-shanghai", "vpcId": "vpc-s"}]}"#,
                  path: "vpnGateways[0].region", message: #"VPN connection "vco-a" of this gateway is in region "cn-hangzhou""#),
    ]

    @Test(arguments: applyCases)
    func referenceErrors(_ c: ApplyCase) throws {
        let db = try memoryDatabase()
        try load(smallWorld, into: db)
        let before = try db.exportState()
        #expect(loadError(c.json, into: db) == FixtureError(path: c.path, message: c.message))
        #expect(try db.exportState() == before)
    }

    @Test func allOrNothing() throws {
        let db = try memoryDatabase()
        try load(smallWorld, into: db)
        let before = try db.exportState()
        let error = loadError(#"""
            {"regions": ["cn-beijing"],
             "accounts": [{"id": "999", "default": true}],
             "vpnGateways": [
               {"id": "vpn-b", "account": "111", "region": "cn-hangzhou", "vpcId": "vpc-a"},
               {"id": "vpn-c", "account": "111", "region": "cn-hangzhou", "vpcId": "vpc-nope"}
             ]}
            """#, into: db)
        #expect(error == FixtureError(path: "vpnGateways[1].vpcId", message: #"unknown VPC "vpc-nope""#))
        #expect(try db.exportState() == before)
    }

    @Test func allOrNothingAfterWrites() throws {
        // The error is found after the writes (a stored gateway breaks): the savepoint undoes them,
        // even when the caller goes on with its transaction.
        let db = try memoryDatabase()
        try load(smallWorld, into: db)
        let before = try db.exportState()
        let doc = try FixtureDocument.parse(Array(#"""
            {"regions": ["cn-beijing"],
             "vpcs": [{"id": "vpc-a", "account": "222", "region": "cn-hangzhou", "cidrBlock": "10.0.0.0/16",
                       "vSwitches": [{"id": "vsw-a", "cidrBlock": "10.0.1.0/24"}]}]}
            """#.utf8))
        _ = try db.transaction {
            #expect(throws: FixtureError.self) { try db.apply(doc, now: 1) }
        }
        #expect(try db.exportState() == before)
    }

    @Test func replaceInPlaceKeepsRoutes() throws {
        let db = try memoryDatabase()
        try load(smallWorld, into: db)
        try load(#"""
            {"vpnGateways": [{"id": "vpn-a", "account": "111", "region": "cn-hangzhou", "vpcId": "vpc-a",
                              "name": "renamed", "status": "updating", "createTime": 7}],
             "vpnConnections": [{"id": "vco-t", "account": "111", "region": "cn-hangzhou", "attachType": "CEN",
                                 "transitRouterId": "tr-2", "cenId": "cen-1", "state": "attaching"}]}
            """#, into: db)
        let gw = try #require(try db.gateway(id: "vpn-a", accountId: "111", regionId: "cn-hangzhou"))
        #expect(gw.name == "renamed" && gw.status == .updating && gw.createTime == 7)
        #expect(gw.vSwitchId == "")   // omitted: the default, like a new object
        #expect(try db.gatewayRoutes(gatewayId: "vpn-a").map(\.routeDest) == ["192.168.0.0/24"])
        #expect(try db.connectionRoutes(connectionId: "vco-t").map(\.routeDest) == ["192.168.1.0/24"])
        #expect(try db.allConnections().map(\.id) == ["vco-a", "vco-t"])   // order kept
        #expect(try db.allConnections().last?.state.rawValue == "attaching")
    }

    @Test func replaceDropsTheTask() throws {
        let db = try memoryDatabase()
        try load(smallWorld, into: db)
        try db.startTask(resourceId: "vpn-a", kind: .vpnGateway, action: "CreateVpnRouteEntry", endsAt: 10_000)
        try load(#"{"vpnGateways": [{"id": "vpn-a", "account": "111", "region": "cn-hangzhou", "vpcId": "vpc-a"}]}"#, into: db)
        #expect(try db.task(resourceId: "vpn-a") == nil)
    }

    @Test func routesUpsertByIdentity() throws {
        let db = try memoryDatabase()
        try load(smallWorld, into: db)
        try load(#"""
            {"vpnRouteEntries": [{"vpnGatewayId": "vpn-a", "routeDest": "192.168.0.0/24", "nextHop": "vco-a", "weight": 0,
                                  "publishVpc": true, "description": "d", "createTime": 9}],
             "vcoRouteEntries": [{"vpnConnectionId": "vco-t", "routeDest": "192.168.1.0/24", "weight": 100}]}
            """#, into: db, now: 77)
        #expect(try db.allGatewayRoutes() == [GatewayRoute(vpnGatewayId: "vpn-a", routeDest: "192.168.0.0/24", nextHop: "vco-a",
                                                          weight: 0, publishVpc: true, description: "d", createTime: 9)])
        #expect(try db.allConnectionRoutes() == [ConnectionRoute(vpnConnectionId: "vco-t", routeDest: "192.168.1.0/24",
                                                                 weight: 100, createTime: 77)])
    }

    @Test func childListsAreReplaced() throws {
        let db = try memoryDatabase()
        try load(smallWorld, into: db)
        try load(#"""
            {"accounts": [{"id": "111", "accessKeys": [{"id": "K1NEW", "secret": "N"}]}],
             "vpcs": [{"id": "vpc-a", "account": "111", "region": "cn-hangzhou", "cidrBlock": "10.0.0.0/16",
                       "vSwitches": [{"id": "vsw-a", "cidrBlock": "10.0.1.0/24"}, {"id": "vsw-b", "cidrBlock": "10.0.2.0/24"}]}]}
            """#, into: db)
        #expect(try db.credential(accessKeyId: "K1") == nil)
        #expect(try db.credential(accessKeyId: "K1RO") == nil)   // the RAM user went with the list
        #expect(try db.credential(accessKeyId: "K1NEW")?.caller.accountId == "111")
        let vpc = try #require(try db.vpc(id: "vpc-a"))
        #expect(vpc.vSwitches.map(\.id) == ["vsw-a", "vsw-b"])
        #expect(vpc.routeEntries.isEmpty)
        // The key id K1 is free again: another account may take it.
        try load(#"{"accounts": [{"id": "333", "accessKeys": [{"id": "K1", "secret": "x"}]}]}"#, into: db)
        #expect(try db.credential(accessKeyId: "K1")?.caller.accountId == "333")
    }

    @Test func vSwitchMovesBetweenReloadedVPCs() throws {
        let db = try memoryDatabase()
        try load(smallWorld, into: db)
        try load(#"""
            {"vpcs": [
              {"id": "vpc-b", "account": "111", "region": "cn-hangzhou", "cidrBlock": "10.0.0.0/16",
               "vSwitches": [{"id": "vsw-a", "cidrBlock": "10.0.1.0/24"}]},
              {"id": "vpc-a", "account": "111", "region": "cn-hangzhou", "cidrBlock": "10.0.0.0/16"}],
             "vpnGateways": [{"id": "vpn-a", "account": "111", "region": "cn-hangzhou", "vpcId": "vpc-b", "vSwitchId": "vsw-a"}]}
            """#, into: db)
        #expect(try db.vpc(id: "vpc-b")?.vSwitches.map(\.id) == ["vsw-a"])
        #expect(try db.vpc(id: "vpc-a")?.vSwitches == [])
    }

    @Test func defaultAccount() throws {
        let db = try memoryDatabase()
        try load(smallWorld, into: db)
        #expect(try db.defaultAccountId() == "111")
        try load(#"{"accounts": [{"id": "333", "default": true}]}"#, into: db)
        #expect(try db.defaultAccountId() == "333")
        #expect(try db.accounts().filter(\.isDefault).map(\.id) == ["333"])
        // Omitted keeps the flag of an existing account.
        try load(#"{"accounts": [{"id": "333"}, {"id": "444"}]}"#, into: db)
        #expect(try db.defaultAccountId() == "333")
        // false clears it: the first account becomes the default.
        try load(#"{"accounts": [{"id": "333", "default": false}]}"#, into: db)
        #expect(try db.accounts().filter(\.isDefault).map(\.id) == ["111"])
    }

    @Test func secondFixtureBuildsOnTheFirst() throws {
        let db = try memoryDatabase()
        try load(smallWorld, into: db)
        let counts = try load(#"""
            {"vpnGateways": [{"id": "vpn-b", "account": "111", "region": "cn-hangzhou", "vpcId": "vpc-a", "vSwitchId": "vsw-a"}],
             "vpnConnections": [{"id": "vco-b", "account": "111", "region": "cn-hangzhou", "attachType": "VPNGW", "vpnGatewayId": "vpn-b"}],
             "vpnRouteEntries": [{"vpnGatewayId": "vpn-a", "routeDest": "10.5.0.0/16", "nextHop": "vco-a", "weight": 100}]}
            """#, into: db)
        #expect(counts == { var c = FixtureCounts(); c.vpnGateways = 1; c.vpnConnections = 1; c.vpnRouteEntries = 1; return c }())
        #expect(try db.allGateways().map(\.id) == ["vpn-a", "vpn-b"])
        #expect(try db.gatewayRoutes(gatewayId: "vpn-a").count == 2)
    }
}
