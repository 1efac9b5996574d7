import EmulatorJSON
import Testing
@testable import EmulatorRPC

/// Calls of the resource operations (API.md §13.13–§13.27) for the in-process tests.
extension Harness {
    /// CreateCustomerGateway; `extra` adds or overrides parameters.
    func createCustomerGateway(_ ip: String = "2.2.2.5", extra: [(String, String)] = [], key: String = Fx.accountKey) async -> Reply {
        await rpc("CreateCustomerGateway", [("RegionId", Fx.region), ("IpAddress", ip)] + extra, key: key)
    }

    /// A new customer gateway's id (expects success).
    func customerGateway(_ ip: String = "2.2.2.5", extra: [(String, String)] = [], key: String = Fx.accountKey,
                         sourceLocation: SourceLocation = #_sourceLocation) async -> String {
        let r = await createCustomerGateway(ip, extra: extra, key: key)
        #expect(r.status == 200, "\(r)", sourceLocation: sourceLocation)
        return r.json["CustomerGatewayId"]?.stringValue ?? ""
    }

    /// The two tunnels of a dual-tunnel CreateVpnConnection, on `master` and `slave`.
    static func tunnels(_ master: String, _ slave: String, extra: [(String, String)] = []) -> [(String, String)] {
        [("TunnelOptionsSpecification.1.CustomerGatewayId", master), ("TunnelOptionsSpecification.1.Role", "master"),
         ("TunnelOptionsSpecification.2.CustomerGatewayId", slave), ("TunnelOptionsSpecification.2.Role", "slave")] + extra
    }

    /// CreateVpnConnection on `gateway` (single-tunnel by default: `customerGateway`).
    func createConnection(gateway: String = Fx.gateway, customerGateway: String? = nil, extra: [(String, String)] = [],
                          key: String = Fx.accountKey) async -> Reply {
        var params: [(String, String)] = [("RegionId", Fx.region), ("VpnGatewayId", gateway), ("LocalSubnet", "172.16.0.0/12"),
                                          ("RemoteSubnet", "10.0.0.0/24,10.0.1.0/24")]
        if let customerGateway { params.append(("CustomerGatewayId", customerGateway)) }
        return await rpc("CreateVpnConnection", params + extra, key: key)
    }

    /// A new connection's id (expects success).
    func connection(gateway: String = Fx.gateway, customerGateway: String? = nil, extra: [(String, String)] = [],
                    sourceLocation: SourceLocation = #_sourceLocation) async -> String {
        let r = await createConnection(gateway: gateway, customerGateway: customerGateway, extra: extra)
        #expect(r.status == 200, "\(r)", sourceLocation: sourceLocation)
        return r.json["VpnConnectionId"]?.stringValue ?? ""
    }

    /// CreateVpnGateway in the default VPC.
    func createGateway(_ extra: [(String, String)] = [], key: String = Fx.accountKey) async -> Reply {
        let base = [("RegionId", Fx.region), ("VpcId", Fx.vpc), ("Bandwidth", "10")].filter { p in !extra.contains { $0.0 == p.0 } }
        return await rpc("CreateVpnGateway", base + extra, key: key)
    }

    func describeCustomerGateway(_ id: String, key: String = Fx.accountKey) async -> Reply {
        await rpc("DescribeCustomerGateway", [("RegionId", Fx.region), ("CustomerGatewayId", id)], key: key)
    }

    func tag(_ type: String, _ ids: [String], _ tags: [(String, String)], key: String = Fx.accountKey) async -> Reply {
        await rpc("TagResources", [("RegionId", Fx.region), ("ResourceType", type)]
                    + ids.enumerated().map { ("ResourceId.\($0.offset + 1)", $0.element) }
                    + tags.enumerated().flatMap { [("Tag.\($0.offset + 1).Key", $0.element.0), ("Tag.\($0.offset + 1).Value", $0.element.1)] },
                  key: key)
    }

    func listTags(_ type: String, ids: [String] = [], extra: [(String, String)] = [], key: String = Fx.accountKey) async -> Reply {
        await rpc("ListTagResources", [("RegionId", Fx.region), ("ResourceType", type)]
                    + ids.enumerated().map { ("ResourceId.\($0.offset + 1)", $0.element) } + extra, key: key)
    }

    /// Loads a fixture document on top of the state; expects 200.
    func loadFixture(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) async {
        let r = await control("POST", "/_emulator/fixtures", body: json)
        #expect(r.status == 200, "\(r)", sourceLocation: sourceLocation)
    }
}

extension Fx {
    static let vpc = "vpc-bp1default0000000001"
    static let vSwitch = "vsw-bp1default000000001"
    static let vSwitch2 = "vsw-bp1default000000002"
    static let pendingVpc = "vpc-bp1pending0000000001"
    static let pendingVSwitch = "vsw-bp1pending000000001"
}

/// `{"Tag": [...]}` as [key: value].
func tagMap(_ value: JSONValue?) -> [String: String] {
    var out: [String: String] = [:]
    for t in value?["Tag"]?.arrayValue ?? [] { out[t["Key"]?.stringValue ?? ""] = t["Value"]?.stringValue ?? "" }
    return out
}
