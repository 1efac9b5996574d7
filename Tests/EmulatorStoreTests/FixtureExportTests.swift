import EmulatorJSON
import Foundation
import Testing
import VPNCore
@testable import EmulatorStore

@Suite struct FixtureExportTests {
    @Test func roundTrip() throws {
        let db = try memoryDatabase()
        try load(try defaultFixtureText(), into: db, now: 1_234)
        try load(smallWorld, into: db, now: 5_678)
        // State the API adds: a published route, a pending task (not part of the dump).
        try db.upsertGatewayRoute(GatewayRoute(vpnGatewayId: "vpn-bp1default0000000001", routeDest: "10.30.0.0/16",
                                               nextHop: "vco-bp1default0000000002", weight: 0, publishVpc: true, createTime: 99))
        try db.startTask(resourceId: "vpn-bp1default0000000001", kind: .vpnGateway, action: "CreateVpnRouteEntry", endsAt: .max)
        let first = try db.exportState()

        try Schema.wipe(db)
        let text = first.prettySerialized()
        _ = try db.transaction { try db.apply(try FixtureDocument.parse(Array(text.utf8)), now: 999_999) }
        let second = try db.exportState()
        #expect(second == first)
        if second != first { Issue.record("\(first.prettySerialized())\n---\n\(second.prettySerialized())") }
    }

    @Test func everyFieldIsWritten() throws {
        let db = try memoryDatabase()
        try load(smallWorld, into: db, now: 3)
        let state = try db.exportState()
        let gw = try #require(state["vpnGateways"]?.arrayValue?.first)
        #expect(gw.objectValue?.map(\.0) == [
            "id", "account", "region", "vpcId", "vSwitchId", "name", "description", "status", "businessStatus", "spec",
            "chargeType", "tunnelMode", "enableBgp", "internetIp", "sslVpn", "quotas", "tags", "createTime",
            "disasterRecoveryVSwitchId", "disasterRecoveryInternetIp", "enableIpsec", "enableSsl", "sslConnections", "autoPropagate",
            "networkType", "vpnType",
        ])
        #expect(gw["sslVpn"] == .null && gw["quotas"] == .object([]) && gw["createTime"] == .int(5))
        let connections = try #require(state["vpnConnections"]?.arrayValue)
        #expect(connections[0].objectValue?.map(\.0) == [
            "id", "account", "region", "attachType", "vpnGatewayId", "state", "businessStatus", "name", "localSubnet",
            "remoteSubnet", "quotas", "createTime", "tunnels", "effectImmediately", "enableDpd", "enableNatTraversal",
            "enableTunnelsBgp", "autoConfigRoute", "ikeConfig", "ipsecConfig", "bgpConfig", "healthCheckConfig", "remoteCaCertificate",
            "tags",
        ])
        // A transit connection has no customer gateway and no tunnels.
        #expect(connections[1]["tunnels"] == nil && connections[1]["customerGatewayId"] == nil)
        #expect(connections[1]["transitRouterId"] == .string("tr-1") && connections[1]["vpnGatewayId"] == nil)
        #expect(connections[1]["state"] == .string("attached") && connections[1]["createTime"] == .int(3))
        let vpc = try #require(state["vpcs"]?.arrayValue?.first)
        #expect(vpc["routeTableQuota"] == nil)
        #expect(state["accounts"]?.arrayValue?.map { $0["default"] } == [.bool(true), .bool(false)])
        #expect(state.objectValue?.map(\.0) == FixtureDocument.rootFields)
    }

    @Test func storedStatusNotTaskStatus() throws {
        let db = try memoryDatabase()
        try load(smallWorld, into: db)
        try db.startTask(resourceId: "vpn-a", kind: .vpnGateway, action: "CreateVpnRouteEntry", endsAt: .max)
        try db.startTask(resourceId: "vco-t", kind: .vpnConnection, action: "CreateVcoRouteEntry", endsAt: .max)
        let state = try db.exportState()
        #expect(state["vpnGateways"]?.arrayValue?.first?["status"] == .string("active"))
        #expect(state["vpnConnections"]?.arrayValue?.last?["state"] == .string("attached"))
    }

    @Test func publishedRoutesAreDerivedNotStored() throws {
        let db = try memoryDatabase()
        try load(try defaultFixtureText(), into: db)
        try db.upsertGatewayRoute(GatewayRoute(vpnGatewayId: "vpn-bp1default0000000001", routeDest: "10.30.0.0/16",
                                               nextHop: "vco-bp1default0000000001", weight: 100, publishVpc: true, createTime: 1))
        // The pair partner shares the entry.
        try db.upsertGatewayRoute(GatewayRoute(vpnGatewayId: "vpn-bp1default0000000001", routeDest: "10.30.0.0/16",
                                               nextHop: "vco-bp1default0000000002", weight: 0, publishVpc: true, createTime: 2))
        let state = try db.exportState()
        let vpc = try #require(state["vpcs"]?.arrayValue?.first { $0["id"] == .string("vpc-bp1default0000000001") })
        let entry = JSONValue.object([("destinationCidrBlock", .string("10.30.0.0/16")), ("nextHopType", .string("VpnGateway")),
                                      ("nextHopId", .string("vpn-bp1default0000000001"))])
        #expect(vpc["publishedRouteEntries"] == .array([entry]))
        #expect(vpc["routeEntries"]?.arrayValue?.count == 2)
        #expect(vpc["routeEntries"]?.arrayValue?.contains(entry) == false)

        // Loading the dump does not turn the derived entry into a stored one.
        try Schema.wipe(db)
        try load(state.serialized(), into: db)
        #expect(try db.vpc(id: "vpc-bp1default0000000001")?.routeEntries.count == 2)
        #expect(try db.exportState() == state)
    }
}
