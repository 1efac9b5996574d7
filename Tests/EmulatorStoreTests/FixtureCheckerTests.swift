import Foundation
import Testing
import VPNCore
@testable import EmulatorStore

@Suite struct FixtureCheckerTests {
    @Test func defaultFixtureLoads() throws {
        let db = try memoryDatabase()
        let counts = try load(try defaultFixtureText(), into: db)
        #expect(counts.json.serialized()
            == #"{"regions":2,"accounts":2,"vpcs":4,"vpnGateways":6,"customerGateways":0,"vpnConnections":9,"vpnRouteEntries":1,"vcoRouteEntries":1}"#)
        #expect(try db.defaultAccessKey() == AccessKey(id: "LTAI5tEmulatorDefaultKey", secret: "EmulatorDefaultSecret"))
        #expect(try db.defaultAccountId() == "1234567890123456")
        let denied = try #require(try db.credential(accessKeyId: "LTAI5tDeniedKey"))
        #expect(denied.caller.ramUser?.policy == RAMPolicy(allow: ["vpc:*"], deny: ["vpc:CreateVpnRouteEntry"]))
        #expect(try db.credential(accessKeyId: "LTAI5tReadOnlyKey")?.caller.ramUser?.policy.allow == ["vpc:Describe*"])
        #expect(try db.credential(accessKeyId: "LTAI5tOtherAccountKey")?.caller.accountId == "2234567890123456")
        let gw = try #require(try db.gateway(id: "vpn-bp1default0000000001", accountId: "1234567890123456", regionId: "cn-hangzhou"))
        #expect(gw.sslVpn == SSLVPNServer(clientIpPool: "192.168.100.0/24", maxConnections: 5))
        #expect(gw.tags == [Tag(key: "env", value: "test")] && gw.createTime == 1_700_000_000_000 && gw.internetIp == "47.0.0.1")
        #expect(try db.gateway(id: "vpn-bp1dualtunnel000001", accountId: "1234567890123456", regionId: "cn-hangzhou")?.tunnelMode == .dual)
        #expect(try db.gateway(id: "vpn-bp1locked0000000001", accountId: "1234567890123456", regionId: "cn-hangzhou")?.businessStatus == .financialLocked)
        #expect(try db.gateways(accountId: "1234567890123456", regionId: "cn-shanghai").map(\.id) == ["vpn-bp1shanghai00000001"])
        #expect(try db.gateways(accountId: "2234567890123456", regionId: "cn-hangzhou").map(\.id) == ["vpn-bp1otheraccount00001"])
        #expect(try db.vpc(id: "vpc-bp1pending0000000001")?.status == "Pending")
        #expect(try db.gatewayRoutes(gatewayId: "vpn-bp1default0000000001")
            == [GatewayRoute(vpnGatewayId: "vpn-bp1default0000000001", routeDest: "10.1.0.0/24", nextHop: "vco-bp1default0000000001",
                             weight: 100, publishVpc: false, createTime: 1_700_000_000_000)])
        #expect(try db.connectionRoutes(connectionId: "vco-bp1transit0000000001")
            == [ConnectionRoute(vpnConnectionId: "vco-bp1transit0000000001", routeDest: "192.168.10.0/24", weight: 100,
                                createTime: 1_700_000_000_000)])
        #expect(try db.connection(id: "vco-bp1transitlocked001", accountId: "1234567890123456", regionId: "cn-hangzhou")?.businessStatus
            == .financialLocked)
    }

    @Test func checkerAcceptsTheDefaultFixture() {
        #expect(FixtureChecker.check(paths: [defaultFixturePath]) == [])
    }

    @Test func checkerReportsABrokenCopy() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let broken = dir.appendingPathComponent("broken.json").path
        let text = try defaultFixtureText().replacingOccurrences(of: #""vpcId": "vpc-bp1pending0000000001""#,
                                                                with: #""vpcId": "vpc-bp1missing0000000001""#)
        try text.write(toFile: broken, atomically: true, encoding: .utf8)
        #expect(FixtureChecker.check(paths: [broken]) == [#"\#(broken): vpnGateways[3].vpcId: unknown VPC "vpc-bp1missing0000000001""#])
    }

    @Test func checkerResolvesAcrossFilesInOrder() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let extra = dir.appendingPathComponent("extra.json").path
        try #"""
            {"vpnGateways": [{"id": "vpn-bp1extra", "account": "1234567890123456", "region": "cn-hangzhou",
                              "vpcId": "vpc-bp1default0000000001"}]}
            """#.write(toFile: extra, atomically: true, encoding: .utf8)
        #expect(FixtureChecker.check(paths: [defaultFixturePath, extra]) == [])
        #expect(FixtureChecker.check(paths: [extra]) == [#"\#(extra): vpnGateways[0].account: unknown account "1234567890123456""#])
    }

    @Test func checkerReportsUnreadableAndInvalidFiles() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("missing.json").path
        let bad = dir.appendingPathComponent("bad.json").path
        try "{".write(toFile: bad, atomically: true, encoding: .utf8)
        let errors = FixtureChecker.check(paths: [missing, bad])
        #expect(errors == ["\(missing): cannot read the file: No such file or directory",
                           "\(bad): invalid JSON: expected a string key at byte 1"])
    }
}
