import Testing
import VPNCore
@testable import EmulatorStore

/// One static error: a document, and the path and message it must be rejected with.
struct ParseCase: Sendable, CustomTestStringConvertible {
    let name: String
    let json: String
    let path: String
    let message: String
    var testDescription: String { name }
}

private let gw = #""id": "vpn-a", "account": "111", "region": "cn-hangzhou", "vpcId": "vpc-a""#
private let vpc = #""id": "vpc-a", "account": "111", "region": "cn-hangzhou", "cidrBlock": "10.0.0.0/16""#

let parseCases: [ParseCase] = [
    ParseCase(name: "unknown root field", json: #"{"vpnGateway": []}"#,
              path: "vpnGateway", message: #"unknown field "vpnGateway""#),
    ParseCase(name: "unknown field, wrong case", json: #"{"vpnGateways": [{\#(gw), "vpcID": "vpc-b"}]}"#,
              path: "vpnGateways[0].vpcID", message: #"unknown field "vpcID""#),
    ParseCase(name: "unknown field, nested",
              json: #"{"vpnGateways": [{\#(gw)}, {\#(gw.replacingOccurrences(of: "vpn-a", with: "vpn-b")), "sslVpn": {"clientIpPool": "10.1.0.0/24", "maxConn": 5}}]}"#,
              path: "vpnGateways[1].sslVpn.maxConn", message: #"unknown field "maxConn""#),
    ParseCase(name: "unknown field in a ram user policy",
              json: #"{"accounts": [{"id": "1", "ramUsers": [{"name": "u", "policy": {"allow": [], "Deny": []}}]}]}"#,
              path: "accounts[0].ramUsers[0].policy.Deny", message: #"unknown field "Deny""#),
    ParseCase(name: "repeated field", json: #"{"vpcs": [{\#(vpc), "status": "Pending", "status": "Available"}]}"#,
              path: "vpcs[0].status", message: #"duplicate field "status""#),
    ParseCase(name: "duplicate gateway id", json: #"{"vpnGateways": [{\#(gw)}, {\#(gw)}]}"#,
              path: "vpnGateways[1].id", message: #"duplicate id "vpn-a""#),
    ParseCase(name: "duplicate vSwitch id",
              json: #"{"vpcs": [{\#(vpc), "vSwitches": [{"id": "vsw-1", "cidrBlock": "10.0.1.0/24"}, {"id": "vsw-1", "cidrBlock": "10.0.2.0/24"}]}]}"#,
              path: "vpcs[0].vSwitches[1].id", message: #"duplicate id "vsw-1""#),
    ParseCase(name: "duplicate region", json: #"{"regions": ["a", "b", "a"]}"#,
              path: "regions[2]", message: #"duplicate region "a""#),
    ParseCase(name: "duplicate access key across accounts",
              json: #"{"accounts": [{"id": "1", "accessKeys": [{"id": "K", "secret": "s"}]}, {"id": "2", "ramUsers": [{"name": "u", "accessKeys": [{"id": "K", "secret": "t"}]}]}]}"#,
              path: "accounts[1].ramUsers[0].accessKeys[0].id", message: #"duplicate access key id "K""#),
    ParseCase(name: "duplicate route identity",
              json: #"{"vpnRouteEntries": [{"vpnGatewayId": "vpn-a", "routeDest": "10.1.0.0/24", "nextHop": "vco-a", "weight": 100}, {"vpnGatewayId": "vpn-a", "routeDest": "10.1.0.0/24", "nextHop": "vco-a", "weight": 0}]}"#,
              path: "vpnRouteEntries[1]", message: #"duplicate route "10.1.0.0/24" via "vco-a" on VPN gateway "vpn-a""#),
    ParseCase(name: "bad id prefix", json: #"{"vpcs": [{\#(vpc.replacingOccurrences(of: "vpc-a", with: "vcp-a"))}]}"#,
              path: "vpcs[0].id", message: #"invalid id "vcp-a": must start with "vpc-""#),
    ParseCase(name: "bare prefix", json: #"{"vpnGateways": [{\#(gw.replacingOccurrences(of: "vpn-a", with: "vpn-"))}]}"#,
              path: "vpnGateways[0].id", message: #"invalid id "vpn-": must start with "vpn-""#),
    ParseCase(name: "bad reference prefix",
              json: #"{"vpnConnections": [{"id": "vco-a", "account": "1", "region": "r", "attachType": "CEN", "transitRouterId": "rt-1", "cenId": "cen-1"}]}"#,
              path: "vpnConnections[0].transitRouterId", message: #"invalid id "rt-1": must start with "tr-""#),
    ParseCase(name: "account id not digits", json: #"{"accounts": [{"id": "12a"}]}"#,
              path: "accounts[0].id", message: #"invalid account id "12a": must be digits"#),
    ParseCase(name: "CIDR with host bits", json: #"{"vpcs": [{\#(vpc.replacingOccurrences(of: "10.0.0.0/16", with: "10.0.0.1/24"))}]}"#,
              path: "vpcs[0].cidrBlock", message: #"invalid CIDR "10.0.0.1/24""#),
    ParseCase(name: "CIDR with leading zero",
              json: #"{"vcoRouteEntries": [{"vpnConnectionId": "vco-a", "routeDest": "010.0.0.0/8", "weight": 0}]}"#,
              path: "vcoRouteEntries[0].routeDest", message: #"invalid CIDR "010.0.0.0/8""#),
    ParseCase(name: "wrong type", json: #"{"vpcs": [{"id": "vpc-a", "account": "111", "region": "r", "cidrBlock": 5}]}"#,
              path: "vpcs[0].cidrBlock", message: "expected a string, got number"),
    ParseCase(name: "integer expected", json: #"{"vpnGateways": [{\#(gw), "createTime": "1700000000000"}]}"#,
              path: "vpnGateways[0].createTime", message: "expected an integer, got string"),
    ParseCase(name: "boolean expected", json: #"{"vpnGateways": [{\#(gw), "enableBgp": 1}]}"#,
              path: "vpnGateways[0].enableBgp", message: "expected a boolean, got number"),
    ParseCase(name: "list expected", json: #"{"regions": "cn-hangzhou"}"#,
              path: "regions", message: "expected an array, got string"),
    ParseCase(name: "null outside sslVpn", json: #"{"vpnGateways": [{\#(gw), "name": null}]}"#,
              path: "vpnGateways[0].name", message: "expected a string, got null"),
    ParseCase(name: "root not an object", json: "[]", path: "", message: "expected an object, got array"),
    ParseCase(name: "missing required field", json: #"{"vpnGateways": [{"id": "vpn-a", "account": "111", "region": "r"}]}"#,
              path: "vpnGateways[0].vpcId", message: #"missing required field "vpcId""#),
    ParseCase(name: "bad vpc status", json: #"{"vpcs": [{\#(vpc), "status": "available"}]}"#,
              path: "vpcs[0].status", message: #"invalid value "available" (expected one of: Available, Pending)"#),
    ParseCase(name: "bad gateway status", json: #"{"vpnGateways": [{\#(gw), "status": "running"}]}"#,
              path: "vpnGateways[0].status",
              message: #"invalid value "running" (expected one of: init, provisioning, active, updating, deleting)"#),
    ParseCase(name: "bad business status", json: #"{"vpnGateways": [{\#(gw), "businessStatus": "Locked"}]}"#,
              path: "vpnGateways[0].businessStatus", message: #"invalid value "Locked" (expected one of: Normal, FinancialLocked)"#),
    ParseCase(name: "bad tunnel mode", json: #"{"vpnGateways": [{\#(gw), "tunnelMode": "double"}]}"#,
              path: "vpnGateways[0].tunnelMode", message: #"invalid value "double" (expected one of: single, dual)"#),
    ParseCase(name: "bad attach type", json: #"{"vpnConnections": [{"id": "vco-a", "account": "1", "region": "r", "attachType": "TR"}]}"#,
              path: "vpnConnections[0].attachType", message: #"invalid value "TR" (expected one of: VPNGW, CEN)"#),
    ParseCase(name: "bad next hop type",
              json: #"{"vpcs": [{\#(vpc), "routeEntries": [{"destinationCidrBlock": "10.9.0.0/16", "nextHopType": "Router", "nextHopId": "x"}]}]}"#,
              path: "vpcs[0].routeEntries[0].nextHopType",
              message: #"invalid value "Router" (expected one of: Instance, HaVip, NetworkInterface, RouterInterface, VpnGateway, NatGateway, IPv4Gateway, Attachment)"#),
    ParseCase(name: "bad weight",
              json: #"{"vpnRouteEntries": [{"vpnGatewayId": "vpn-a", "routeDest": "10.1.0.0/24", "nextHop": "vco-a", "weight": 50}]}"#,
              path: "vpnRouteEntries[0].weight", message: "weight must be 0 or 100, got 50"),
    ParseCase(name: "negative quota", json: #"{"vpnGateways": [{\#(gw), "quotas": {"routeEntries": -1}}]}"#,
              path: "vpnGateways[0].quotas.routeEntries", message: "must not be negative, got -1"),
    ParseCase(name: "two defaults", json: #"{"accounts": [{"id": "1", "default": true}, {"id": "2", "default": true}]}"#,
              path: "accounts[1].default", message: "more than one default account (also accounts[0])"),
    ParseCase(name: "VPNGW without gateway", json: #"{"vpnConnections": [{"id": "vco-a", "account": "1", "region": "r", "attachType": "VPNGW"}]}"#,
              path: "vpnConnections[0].vpnGatewayId", message: #"missing required field "vpnGatewayId""#),
    ParseCase(name: "CEN without cenId",
              json: #"{"vpnConnections": [{"id": "vco-a", "account": "1", "region": "r", "attachType": "CEN", "transitRouterId": "tr-1"}]}"#,
              path: "vpnConnections[0].cenId", message: #"missing required field "cenId""#),
    ParseCase(name: "CEN with a gateway",
              json: #"{"vpnConnections": [{"id": "vco-a", "account": "1", "region": "r", "attachType": "CEN", "vpnGatewayId": "vpn-a", "transitRouterId": "tr-1", "cenId": "cen-1"}]}"#,
              path: "vpnConnections[0].vpnGatewayId", message: "only allowed with attachType VPNGW"),
    ParseCase(name: "bad policy pattern",
              json: #"{"accounts": [{"id": "1", "ramUsers": [{"name": "u", "policy": {"allow": ["vpc.Describe*"]}}]}]}"#,
              path: "accounts[0].ramUsers[0].policy.allow[0]", message: #"invalid policy pattern "vpc.Describe*" (expected "vpc:Action", wildcards *)"#),
    ParseCase(name: "duplicate tag key", json: #"{"vpnGateways": [{\#(gw), "tags": [{"key": "a", "value": "1"}, {"key": "a"}]}]}"#,
              path: "vpnGateways[0].tags[1].key", message: #"duplicate tag key "a""#),
    ParseCase(name: "empty region", json: #"{"vpcs": [{"id": "vpc-a", "account": "111", "region": "", "cidrBlock": "10.0.0.0/16"}]}"#,
              path: "vpcs[0].region", message: "must not be empty"),
]

@Suite struct FixtureParseTests {
    @Test(arguments: parseCases)
    func staticErrors(_ c: ParseCase) {
        let error = parseError(c.json)
        #expect(error == FixtureError(path: c.path, message: c.message))
    }

    @Test func syntaxErrorHasByteOffset() throws {
        let error = try #require(parseError(#"{"regions": ["a",]}"#))
        #expect(error.path == "")
        #expect(error.message == "invalid JSON: unexpected character at byte 17")
    }

    @Test func descriptionJoinsSourcePathAndMessage() {
        #expect(FixtureError(path: "vpcs[0].id", message: "m", source: "f.json").description == "f.json: vpcs[0].id: m")
        #expect(FixtureError(path: "", message: "m").description == "m")
    }

    @Test func defaultsOfOmittedFields() throws {
        let doc = try FixtureDocument.parse(Array(smallWorld.utf8))
        let g = try #require(doc.vpnGateways.first)
        #expect(g.createTime == 5)
        #expect(g.gateway.status == .active && g.gateway.businessStatus == .normal && g.gateway.tunnelMode == .single)
        #expect(g.gateway.spec == "10M" && g.gateway.chargeType == "PostpayByFlow" && g.gateway.sslVpn == nil)
        #expect(g.gateway.routeQuota == nil && g.gateway.description == "" && g.gateway.internetIp == "")
        #expect(doc.vpnConnections.map(\.connection.state) == [.active, .attached])
        #expect(doc.vpnConnections.map(\.createTime) == [nil, nil])
        #expect(doc.vpcs.first?.status == "Available" && doc.vpcs.first?.routeTableQuota == nil)
        #expect(doc.accounts.map(\.isDefault) == [nil, nil])
        #expect(doc.vpnRouteEntries.first?.route.publishVpc == false)
    }

    @Test func sslVpnNullAndDefaultMaxConnections() throws {
        let doc = try FixtureDocument.parse(Array(#"""
            {"vpnGateways": [
              {"id": "vpn-a", "account": "1", "region": "r", "vpcId": "vpc-a", "sslVpn": null},
              {"id": "vpn-b", "account": "1", "region": "r", "vpcId": "vpc-a", "sslVpn": {"clientIpPool": "10.8.0.0/16"}}
            ]}
            """#.utf8))
        #expect(doc.vpnGateways[0].gateway.sslVpn == nil)
        #expect(doc.vpnGateways[1].gateway.sslVpn == SSLVPNServer(clientIpPool: "10.8.0.0/16", maxConnections: 5))
    }

    @Test func emptyDocumentIsValid() throws {
        #expect(try FixtureDocument.parse(Array("{}".utf8)) == FixtureDocument())
    }
}
