import Testing
import VPNCore
@testable import EmulatorRPC

/// API.md §14, the rows of the resource operations: one failing request per rule, run by
/// `ErrorCatalogueTests.scenario` (code, status, rule header, message, database unchanged).
extension CatalogueScenario {
    static let noTask: @Sendable (inout EmulatorSettings) -> Void = { $0.taskDurationMs = 0 }

    static func sslGatewayFixture(_ id: String) -> String {
        """
        {"vpnGateways":[{"id":"\(id)","account":"\(Fx.accountId)","region":"\(Fx.region)","vpcId":"\(Fx.vpc)",
          "sslVpn":{"clientIpPool":"192.168.200.0/24"}}]}
        """
    }

    static let resourceOperations: [CatalogueScenario] = resourceFormats + resourceLookups + resourceRules

    static let resourceFormats: [CatalogueScenario] = [
        .init(name: "customer gateway name with an http:// prefix", code: "InvalidName", status: 400, rule: "name.format") { h in
            await h.createCustomerGateway(extra: [("Name", "http://gw")])
        },
        .init(name: "gateway description of 101 characters", code: "InvalidDescription", status: 400, rule: "description.format") { h in
            await h.rpc("ModifyVpnGatewayAttribute", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway),
                                                      ("Description", String(repeating: "d", count: 101))])
        },
        .init(name: "customer gateway on a loopback address", code: "InvalidIpAddress.WrongFormat", status: 400,
              rule: "customer-gateway.ip.format") { h in
            await h.createCustomerGateway("127.0.0.1")
        },
        .init(name: "ASN 45104", code: "InvalidParameter", status: 400, rule: "param.asn",
              message: "The specified parameter \"Asn\" is not valid.") { h in
            await h.createCustomerGateway(extra: [("Asn", "45104")])
        },
        .init(name: "AuthKey with a question mark", code: "InvalidParameter", status: 400, rule: "param.auth-key",
              message: "The specified parameter \"AuthKey\" is not valid.") { h in
            await h.createCustomerGateway(extra: [("AuthKey", "why?")])
        },
        .init(name: "RemoteSubnet with a space", code: "InvalidParameter", status: 400, rule: "param.subnet",
              message: "The specified parameter \"RemoteSubnet\" is not valid.") { h in
            await h.rpc("CreateVpnConnection", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("LocalSubnet", "172.16.0.0/12"),
                                                ("RemoteSubnet", "10.0.0.0/24, 10.0.1.0/24")])
        },
        .init(name: "LocalSubnet of 51 blocks", code: "InvalidParameter", status: 400, rule: "param.subnet",
              message: "The specified parameter \"LocalSubnet\" is not valid.") { h in
            await h.rpc("CreateVpnConnection", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway),
                                                ("LocalSubnet", (0...50).map { "10.0.\($0).0/24" }.joined(separator: ",")),
                                                ("RemoteSubnet", "10.0.0.0/24")])
        },
        .init(name: "RemoteCaCertificate over 16 KiB", code: "InvalidParameter", status: 400, rule: "param.config",
              message: "The specified parameter \"RemoteCaCertificate\" is not valid.") { h in
            await h.createConnection(customerGateway: "cgw-x", extra: [("RemoteCaCertificate", String(repeating: "A", count: 16_385))])
        },
        .init(name: "a tunnel's RemoteCaCertificate over 16 KiB", code: "InvalidParameter", status: 400, rule: "param.config",
              message: "The specified parameter \"TunnelOptionsSpecification.1.RemoteCaCertificate\" is not valid.") { h in
            await h.createConnection(gateway: Fx.dualGateway, extra: Harness.tunnels("cgw-x", "cgw-y", extra: [
                ("TunnelOptionsSpecification.1.RemoteCaCertificate", String(repeating: "A", count: 16_385))]))
        },
        // Formats in the table's order (§13.18, §13.19): the JSON settings row before the booleans after it.
        .init(name: "BgpConfig before EnableDpd", code: "InvalidParameter", status: 400, rule: "param.config",
              message: "The specified parameter \"BgpConfig\" is not valid.") { h in
            await h.createConnection(customerGateway: "cgw-x", extra: [("EnableDpd", "maybe"), ("BgpConfig", "x")])
        },
        .init(name: "AutoConfigRoute before IkeConfig", code: "InvalidParameter", status: 400, rule: "param.boolean",
              message: "The specified parameter \"AutoConfigRoute\" is not valid.") { h in
            await h.rpc("ModifyVpnConnectionAttribute", [("RegionId", Fx.region), ("VpnConnectionId", Fx.connection),
                                                         ("IkeConfig", "y"), ("AutoConfigRoute", "x")])
        },
        .init(name: "IkeConfig with ikev3", code: "InvalidParameter", status: 400, rule: "param.config",
              message: "The specified parameter \"IkeConfig.IkeVersion\" is not valid.") { h in
            await h.createConnection(customerGateway: "cgw-x", extra: [("IkeConfig", #"{"IkeVersion":"ikev3"}"#)])
        },
        .init(name: "HealthCheckConfig not an object", code: "InvalidParameter", status: 400, rule: "param.config",
              message: "The specified parameter \"HealthCheckConfig\" is not valid.") { h in
            await h.createConnection(customerGateway: "cgw-x", extra: [("HealthCheckConfig", "[1]")])
        },
        .init(name: "a third tunnel", code: "InvalidParameter", status: 400, rule: "param.tunnel",
              message: "The specified parameter \"TunnelOptionsSpecification.3.Role\" is not valid.") { h in
            await h.createConnection(gateway: Fx.dualGateway, extra: Harness.tunnels("cgw-a", "cgw-b")
                                        + [("TunnelOptionsSpecification.3.Role", "master")])
        },
        .init(name: "two master tunnels", code: "InvalidParameter", status: 400, rule: "param.tunnel",
              message: "The specified parameter \"TunnelOptionsSpecification.2.Role\" is not valid.") { h in
            await h.createConnection(gateway: Fx.dualGateway, extra: Harness.tunnels("cgw-a", "cgw-b")
                                        .map { $0.0 == "TunnelOptionsSpecification.2.Role" ? ($0.0, "master") : $0 })
        },
        .init(name: "ResourceId.51", code: "InvalidParameter", status: 400, rule: "param.list",
              message: "The specified parameter \"ResourceId.51\" is not valid.") { h in
            await h.rpc("TagResources", [("RegionId", Fx.region), ("ResourceType", "VPNGATEWAY"), ("ResourceId.51", Fx.gateway),
                                         ("Tag.1.Key", "k")])
        },
        .init(name: "tag key starting with acs:", code: "InvalidParameter", status: 400, rule: "param.tag-key",
              message: "The specified parameter \"Tag.1.Key\" is not valid.") { h in
            await h.tag("VPNGATEWAY", [Fx.gateway], [("acs:owner", "x")])
        },
        .init(name: "tag value of 129 characters", code: "InvalidParameter", status: 400, rule: "param.tag-value",
              message: "The specified parameter \"Tags.1.Value\" is not valid.") { h in
            await h.createCustomerGateway(extra: [("Tags.1.Key", "k"), ("Tags.1.Value", String(repeating: "v", count: 129))])
        },
        .init(name: "creation tag 21", code: "InvalidParameter", status: 400, rule: "param.tag",
              message: "The specified parameter \"Tags.21.Key\" is not valid.") { h in
            await h.createCustomerGateway(extra: [("Tags.21.Key", "k")])
        },
        .init(name: "a tag parameter without N.Key or N.Value", code: "InvalidParameter", status: 400, rule: "param.tag",
              message: "The specified parameter \"Tag.foo\" is not valid.") { h in
            await h.rpc("TagResources", [("RegionId", Fx.region), ("ResourceType", "VPNGATEWAY"), ("ResourceId.1", Fx.gateway),
                                         ("Tag.foo", "bar")])
        },
        .init(name: "NextToken not a token", code: "InvalidParameter", status: 400, rule: "param.next-token",
              message: "The specified parameter \"NextToken\" is not valid.") { h in
            await h.listTags("VPNGATEWAY", ids: [Fx.gateway], extra: [("NextToken", "abc")])
        },
        .init(name: "MaxResults 51", code: "InvalidParameter", status: 400, rule: "param.page-size",
              message: "The specified parameter \"MaxResults\" is not valid.") { h in
            await h.listTags("VPNGATEWAY", ids: [Fx.gateway], extra: [("MaxResults", "51")])
        },
        .init(name: "Bandwidth 7", code: "InvalidParameter", status: 400, rule: "param.enum",
              message: "The specified parameter \"Bandwidth\" is not valid.") { h in
            await h.rpc("CreateVpnGateway", [("RegionId", Fx.region), ("VpcId", Fx.vpc), ("Bandwidth", "7")])
        },
        .init(name: "ResourceType VPC", code: "InvalidResourceType.NotFound", status: 400, rule: "tag.resource-type") { h in
            await h.tag("VPC", [Fx.vpc], [("k", "v")])
        },
        .init(name: "TagResources without a resource", code: "MissingResourceId", status: 400, rule: "param.missing") { h in
            await h.rpc("TagResources", [("RegionId", Fx.region), ("ResourceType", "VPNGATEWAY"), ("ResourceId.1", ""), ("Tag.1.Key", "k")])
        },
        .init(name: "TagResources without a tag", code: "MissingTag", status: 400, rule: "param.missing") { h in
            await h.rpc("TagResources", [("RegionId", Fx.region), ("ResourceType", "VPNGATEWAY"), ("ResourceId.1", Fx.gateway)])
        },
        .init(name: "CreateCustomerGateway without IpAddress", code: "MissingIpAddress", status: 400, rule: "param.missing") { h in
            await h.rpc("CreateCustomerGateway", [("RegionId", Fx.region)])
        },
        .init(name: "CreateVpnConnection without LocalSubnet", code: "MissingLocalSubnet", status: 400, rule: "param.missing") { h in
            await h.rpc("CreateVpnConnection", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway)])
        },
        .init(name: "CreateVpnGateway without Bandwidth", code: "MissingBandwidth", status: 400, rule: "param.missing") { h in
            await h.rpc("CreateVpnGateway", [("RegionId", Fx.region), ("VpcId", Fx.vpc)])
        },
        .init(name: "ListTagResources without a filter", code: "InvalidParameter", status: 400, rule: "tag.list.no-filter",
              message: "The specified parameter \"ResourceId\" is not valid.") { h in
            await h.listTags("VPNCONNECTION")
        },
    ]

    static let resourceLookups: [CatalogueScenario] = [
        .init(name: "unknown customer gateway", code: "InvalidCustomerGatewayInstanceId.NotFound", status: 404,
              rule: "customer-gateway.not-found") { h in
            await h.describeCustomerGateway("cgw-doesnotexist")
        },
        .init(name: "customer gateway of another account", code: "InvalidCustomerGatewayInstanceId.NotFound", status: 404,
              rule: "customer-gateway.not-found", setup: { h in _ = await h.customerGateway("3.3.3.3", key: Fx.otherKey) }) { h in
            let other = await h.rpc("DescribeCustomerGateways", [("RegionId", Fx.region)], key: Fx.otherKey)
            let id = other.json["CustomerGateways"]?["CustomerGateway"]?.arrayValue?.first?["CustomerGatewayId"]?.stringValue ?? ""
            return await h.rpc("DeleteCustomerGateway", [("RegionId", Fx.region), ("CustomerGatewayId", id)])
        },
        .init(name: "connection to an unknown customer gateway", code: "InvalidCustomerGatewayInstanceId.NotFound", status: 404,
              rule: "customer-gateway.not-found") { h in
            await h.createConnection(customerGateway: "cgw-doesnotexist")
        },
        .init(name: "Modify of a transit connection", code: "InvalidVpnConnectionInstanceId.NotFound", status: 404,
              rule: "connection.not-gateway-bound") { h in
            await h.rpc("ModifyVpnConnectionAttribute", [("RegionId", Fx.region), ("VpnConnectionId", Fx.transit), ("Name", "x")])
        },
        .init(name: "Delete of an unknown connection", code: "InvalidVpnConnectionInstanceId.NotFound", status: 404,
              rule: "connection.not-found") { h in
            await h.rpc("DeleteVpnConnection", [("RegionId", Fx.region), ("VpnConnectionId", "vco-doesnotexist")])
        },
        .init(name: "gateway in an unknown VPC", code: "InvalidVpcId.NotFound", status: 404, rule: "vpc.not-found") { h in
            await h.rpc("CreateVpnGateway", [("RegionId", Fx.region), ("VpcId", "vpc-doesnotexist"), ("Bandwidth", "10")])
        },
        .init(name: "gateway in a VPC of another region", code: "InvalidVpcId.NotFound", status: 404, rule: "vpc.not-found") { h in
            await h.rpc("CreateVpnGateway", [("RegionId", Fx.shanghai), ("VpcId", Fx.vpc), ("Bandwidth", "10")])
        },
        .init(name: "vSwitch of another VPC", code: "InvalidVSwitchId.NotFound", status: 404, rule: "vswitch.not-found") { h in
            await h.createGateway([("VSwitchId", Fx.pendingVSwitch)])
        },
        .init(name: "unknown disaster-recovery vSwitch", code: "InvalidVSwitchId.NotFound", status: 404, rule: "vswitch.not-found") { h in
            await h.createGateway([("VSwitchId", Fx.vSwitch), ("DisasterRecoveryVSwitchId", "vsw-doesnotexist")])
        },
        .init(name: "tag an unknown resource", code: "InvalidResourceId.NotFound", status: 404, rule: "tag.resource.not-found") { h in
            await h.tag("VpnGateWay", [Fx.gateway, "vpn-doesnotexist"], [("k", "v")])
        },
        .init(name: "untag a gateway of another account", code: "InvalidResourceId.NotFound", status: 404, rule: "tag.resource.not-found") { h in
            await h.rpc("UnTagResources", [("RegionId", Fx.region), ("ResourceType", "VPNGATEWAY"), ("ResourceId.1", Fx.otherGateway),
                                           ("All", "true")])
        },
        .init(name: "connection on a provisioning gateway", code: "VpnGateway.Configuring", status: 400, rule: "gateway.state.configuring",
              setup: { h in
                  let r = await h.createGateway()
                  #expect(r.status == 200, "\(r)")
              }) { h in
            let listed = await h.rpc("DescribeVpnGateways", [("RegionId", Fx.region), ("Status", "provisioning")])
            let id = listed.json["VpnGateways"]?["VpnGateway"]?.arrayValue?.first?["VpnGatewayId"]?.stringValue ?? ""
            return await h.createConnection(gateway: id, customerGateway: "cgw-x")
        },
        .init(name: "route on a provisioning gateway", code: "VpnGateway.Configuring", status: 400, rule: "gateway.state.configuring",
              setup: { h in #expect(await h.createGateway().status == 200) }) { h in
            let listed = await h.rpc("DescribeVpnGateways", [("RegionId", Fx.region), ("Status", "provisioning")])
            let id = listed.json["VpnGateways"]?["VpnGateway"]?.arrayValue?.first?["VpnGatewayId"]?.stringValue ?? ""
            return await h.createRoute("10.5.0.0/24", nextHop: Fx.connection, gateway: id)
        },
        .init(name: "delete a connection of an updating gateway", code: "VpnGateway.Configuring", status: 400, rule: "gateway.state.configuring",
              setup: { h in #expect(await h.createRoute("10.5.0.0/24", nextHop: Fx.connection2).status == 200) }) { h in
            await h.rpc("DeleteVpnConnection", [("RegionId", Fx.region), ("VpnConnectionId", Fx.connection2)])
        },
        .init(name: "connection on a locked gateway", code: "VpnGateway.FinancialLocked", status: 400, rule: "gateway.state.financial-locked") { h in
            await h.createConnection(gateway: Fx.lockedGateway, customerGateway: "cgw-x")
        },
        .init(name: "modify a gateway in cooldown", code: "TaskConflict", status: 400, rule: "gateway.state.cooldown",
              configure: { $0.taskDurationMs = 0; $0.taskCooldownMs = 1000 },
              setup: { h in
                  #expect(await h.rpc("ModifyVpnGatewayAttribute", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("Name", "a")]).status == 200)
              }) { h in
            await h.rpc("ModifyVpnGatewayAttribute", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("Name", "b")])
        },
    ]

    static let resourceRules: [CatalogueScenario] = [
        .init(name: "customer gateway address taken", code: "InvalidIpAddress.AlreadyExist", status: 400, rule: "customer-gateway.ip.duplicate",
              setup: { h in _ = await h.customerGateway("2.2.2.2") }) { h in
            await h.createCustomerGateway("2.2.2.2", extra: [("Name", "again")])
        },
        .init(name: "single-tunnel connection without a customer gateway", code: "MissingCustomerGatewayId", status: 400,
              rule: "connection.customer-gateway.required") { h in
            await h.createConnection()
        },
        .init(name: "dual-tunnel connection without tunnels", code: "MissingTunnelOptionsSpecification", status: 400,
              rule: "connection.tunnels.required") { h in
            await h.createConnection(gateway: Fx.dualGateway, customerGateway: "cgw-x")
        },
        .init(name: "tunnels on a single-tunnel gateway", code: "InvalidParameter", status: 400, rule: "connection.tunnels.single-tunnel",
              message: "The specified parameter \"TunnelOptionsSpecification\" is not valid.") { h in
            await h.createConnection(customerGateway: "cgw-x", extra: Harness.tunnels("cgw-a", "cgw-b"))
        },
        .init(name: "second connection to the same customer gateway", code: "InvalidVpnConnection.AlreadyExists", status: 400,
              rule: "connection.duplicate", configure: noTask, setup: { h in
                  let cgw = await h.customerGateway()
                  _ = await h.connection(customerGateway: cgw)
              }) { h in
            let list = await h.rpc("DescribeCustomerGateways", [("RegionId", Fx.region)])
            let cgw = list.json["CustomerGateways"]?["CustomerGateway"]?.arrayValue?.first?["CustomerGatewayId"]?.stringValue ?? ""
            return await h.createConnection(customerGateway: cgw, extra: [("Name", "again")])
        },
        .init(name: "gateway connection quota", code: "Resource.QuotaFull", status: 400, rule: "quota.gateway-connections",
              setup: { h in
                  _ = await h.customerGateway()
                  await h.loadFixture("""
                      {"vpnGateways":[{"id":"\(Fx.dualGateway)","account":"\(Fx.accountId)","region":"\(Fx.region)","vpcId":"\(Fx.vpc)",
                        "tunnelMode":"dual","quotas":{"vpnConnections":1}}]}
                      """)
              }) { h in
            let list = await h.rpc("DescribeCustomerGateways", [("RegionId", Fx.region)])
            let cgw = list.json["CustomerGateways"]?["CustomerGateway"]?.arrayValue?.first?["CustomerGatewayId"]?.stringValue ?? ""
            return await h.createConnection(gateway: Fx.dualGateway, extra: Harness.tunnels(cgw, cgw))
        },
        .init(name: "delete a customer gateway in use", code: "DependencyViolation.VpnConnection", status: 400, rule: "customer-gateway.in-use",
              configure: noTask, setup: { h in
                  let cgw = await h.customerGateway()
                  _ = await h.connection(gateway: Fx.dualGateway, extra: Harness.tunnels(cgw, cgw))
              }) { h in
            let list = await h.rpc("DescribeCustomerGateways", [("RegionId", Fx.region)])
            let cgw = list.json["CustomerGateways"]?["CustomerGateway"]?.arrayValue?.first?["CustomerGatewayId"]?.stringValue ?? ""
            return await h.rpc("DeleteCustomerGateway", [("RegionId", Fx.region), ("CustomerGatewayId", cgw)])
        },
        .init(name: "delete a gateway with connections", code: "DependencyViolation.VpnConnection", status: 400,
              rule: "gateway.delete.connections") { h in
            await h.rpc("DeleteVpnGateway", [("RegionId", Fx.region), ("VpnGatewayId", Fx.dualGateway)])
        },
        .init(name: "delete a gateway with an SSL server", code: "DependencyViolation.SslVpnServer", status: 400,
              rule: "gateway.delete.ssl-server", setup: { h in await h.loadFixture(sslGatewayFixture("vpn-bp1sslonly000000001")) }) { h in
            await h.rpc("DeleteVpnGateway", [("RegionId", Fx.region), ("VpnGatewayId", "vpn-bp1sslonly000000001")])
        },
        .init(name: "delete the next hop of a route", code: "DependencyViolation.VpnRouteEntry", status: 400, rule: "connection.delete.next-hop") { h in
            await h.rpc("DeleteVpnConnection", [("RegionId", Fx.region), ("VpnConnectionId", Fx.connection)])
        },
        .init(name: "gateway in a Pending VPC", code: "IncorrectVpcStatus", status: 400, rule: "vpc.status") { h in
            await h.rpc("CreateVpnGateway", [("RegionId", Fx.region), ("VpcId", Fx.pendingVpc), ("Bandwidth", "10")])
        },
        .init(name: "prepaid gateway without Period", code: "MissingPeriod", status: 400, rule: "param.missing") { h in
            await h.createGateway([("InstanceChargeType", "PREPAY")])
        },
        .init(name: "a 21st tag", code: "SizeLimitExceeded.TagNum", status: 400, rule: "tag.quota") { h in
            await h.tag("VPNGATEWAY", [Fx.dualGateway, Fx.gateway], (1...20).map { ("k\($0)", "v") })
        },
        .init(name: "DryRun of a connection", code: "DryRunOperation", status: 400, rule: "dryrun.passed", configure: noTask,
              setup: { h in _ = await h.customerGateway() }) { h in
            let list = await h.rpc("DescribeCustomerGateways", [("RegionId", Fx.region)])
            let cgw = list.json["CustomerGateways"]?["CustomerGateway"]?.arrayValue?.first?["CustomerGatewayId"]?.stringValue ?? ""
            return await h.createConnection(customerGateway: cgw, extra: [("DryRun", "true")])
        },
        .init(name: "customer gateway token reused", code: "IdempotenceParamNotMatch", status: 400, rule: "token.mismatch",
              setup: { h in _ = await h.customerGateway("2.2.2.2", extra: [("ClientToken", "cgw-token")]) }) { h in
            await h.createCustomerGateway("2.2.2.3", extra: [("ClientToken", "cgw-token")])
        },
        .init(name: "RAM user without CreateCustomerGateway", code: "Forbbiden.SubUser", status: 403, rule: "ram.implicit-deny",
              message: "User not authorized to operate on the specified resource as your account is created by another user.") { h in
            await h.createCustomerGateway(key: Fx.readOnlyKey)
        },
    ]
}
