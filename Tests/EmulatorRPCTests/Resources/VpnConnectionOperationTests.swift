import EmulatorJSON
import Testing
@testable import EmulatorRPC

/// API.md §13.5, §13.18–§13.21 in process: single- and dual-tunnel connections, their settings,
/// tags and tunnels, the gateway's task, Modify and Delete, and what the route operations see.
@Suite struct VpnConnectionOperationTests {
    static let settings: [(String, String)] = [
        ("IkeConfig", #"{"IkeVersion":"ikev2","IkeLifetime":3600,"IkeMode":"aggressive","Psk":"s3cret"}"#),
        ("IpsecConfig", #"{"IpsecPfs":"disabled","IpsecLifetime":2700}"#),
        ("BgpConfig", #"{"EnableBgp":true,"LocalAsn":"65001","TunnelCidr":"169.254.11.0/30","LocalBgpIp":"169.254.11.1"}"#),
        ("HealthCheckConfig", #"{"enable":true,"dip":"192.168.1.1","sip":"172.16.1.1","interval":5,"retry":4}"#),
        ("EnableDpd", "False"), ("EffectImmediately", "true"), ("Name", "single"), ("Tags.1.Key", "Created"), ("Tags.1.Value", "TF"),
    ]

    @Test func aSingleTunnelConnectionWithItsSettings() async throws {
        let h = try Harness()
        let cgw = await h.customerGateway("2.2.2.5", extra: [("Asn", "65010")])
        let r = await h.createConnection(customerGateway: cgw, extra: Self.settings)
        #expect(r.status == 200, "\(r)")
        #expect(r.keys == ["RequestId", "VpnConnectionId", "Name", "CreateTime"])
        let id = try #require(r.json["VpnConnectionId"]?.stringValue)
        #expect(id.hasPrefix("vco-") && id.count == 25)

        // Listed at once, State active; the gateway is updating for the task (documented).
        let d = await h.describeConnection(id)
        #expect(d.status == 200 && d.json["State"]?.stringValue == "active" && d.json["Status"]?.stringValue == "ipsec_sa_established")
        #expect(d.json["VpnGatewayId"]?.stringValue == Fx.gateway && d.json["CustomerGatewayId"]?.stringValue == cgw)
        #expect(d.json["LocalSubnet"]?.stringValue == "172.16.0.0/12" && d.json["RemoteSubnet"]?.stringValue == "10.0.0.0/24,10.0.1.0/24")
        #expect(d.json["EnableDpd"] == .bool(false) && d.json["EnableNatTraversal"] == .bool(true) && d.json["EffectImmediately"] == .bool(true))
        let ike = d.json["IkeConfig"]
        #expect(ike?["IkeVersion"] == .string("ikev2") && ike?["IkeLifetime"] == .int(3600) && ike?["IkeMode"] == .string("aggressive"))
        #expect(ike?["Psk"] == .string("s3cret") && ike?["IkeEncAlg"] == .string("aes"))
        #expect(ike?["LocalId"] == .string("47.0.0.1") && ike?["RemoteId"] == .string("2.2.2.5"), "the two ends' addresses by default")
        #expect(d.json["IpsecConfig"]?["IpsecPfs"] == .string("disabled") && d.json["IpsecConfig"]?["IpsecLifetime"] == .int(2700))
        let bgp = d.json["VpnBgpConfig"]
        #expect(bgp?["EnableBgp"] == .string("true") && bgp?["LocalAsn"] == .int(65001) && bgp?["PeerAsn"] == .int(65010))
        #expect(bgp?["TunnelCidr"] == .string("169.254.11.0/30") && bgp?["LocalBgpIp"] == .string("169.254.11.1"))
        let hc = d.json["VcoHealthCheck"]
        #expect(hc?["Enable"] == .string("true") && hc?["Dip"] == .string("192.168.1.1") && hc?["Interval"] == .int(5) && hc?["Retry"] == .int(4))
        #expect(tagMap(d.json["Tags"]) == ["Created": "TF"] && d.json["TunnelOptionsSpecification"]?["TunnelOptions"] == .array([]))
        #expect(await h.describeGateway().json["Status"]?.stringValue == "updating")
        h.advance(1500)
        #expect(await h.describeGateway().json["Status"]?.stringValue == "active")
    }

    @Test func withoutAPskTheServiceMakesOne() async throws {
        let h = try Harness()
        let cgw = await h.customerGateway()
        let id = await h.connection(customerGateway: cgw)
        let psk = await h.describeConnection(id).json["IkeConfig"]?["Psk"]?.stringValue ?? ""
        #expect(psk.count == 16 && psk.allSatisfy { $0.isLowercase || $0.isNumber })
    }

    @Test func aDualTunnelConnectionShowsItsTunnels() async throws {
        let h = try Harness()
        let master = await h.customerGateway("2.2.2.5", extra: [("Asn", "2224")]), slave = await h.customerGateway("2.2.2.6")
        let tunnels = Harness.tunnels(master, slave, extra: [
            ("TunnelOptionsSpecification.1.EnableDpd", "false"), ("TunnelOptionsSpecification.1.EnableNatTraversal", "false"),
            ("TunnelOptionsSpecification.1.TunnelIkeConfig.IkeLifetime", "3600"), ("TunnelOptionsSpecification.1.TunnelIkeConfig.Psk", "12345678"),
            ("TunnelOptionsSpecification.1.TunnelBgpConfig.LocalAsn", "1219002"),
            ("TunnelOptionsSpecification.1.TunnelBgpConfig.TunnelCidr", "169.254.30.0/30"),
            ("TunnelOptionsSpecification.2.TunnelIpsecConfig.IpsecPfs", "group14"),
        ])
        let id = await h.connection(gateway: Fx.dualGateway, extra: tunnels + [("EnableTunnelsBgp", "true"), ("Tags.1.Key", "For"),
                                                                                ("Tags.1.Value", "example")])
        let d = await h.describeConnection(id)
        #expect(d.json["EnableTunnelsBgp"] == .bool(true) && d.json["CustomerGatewayId"]?.stringValue == "")
        let options = try #require(d.json["TunnelOptionsSpecification"]?["TunnelOptions"]?.arrayValue)
        #expect(options.map { $0["Role"] } == [.string("master"), .string("slave")])
        let m = options[0]
        #expect(m.objectValue?.map(\.0) == ["TunnelId", "CustomerGatewayId", "Role", "State", "Status", "EnableDpd", "EnableNatTraversal",
                                            "InternetIp", "RemoteCaCertificate", "ZoneNo", "TunnelIndex", "TunnelBgpConfig", "TunnelIkeConfig",
                                            "TunnelIpsecConfig"])
        #expect(m["TunnelId"]?.stringValue?.hasPrefix("tun-") == true && m["CustomerGatewayId"]?.stringValue == master)
        #expect(m["EnableDpd"] == .string("false") && m["EnableNatTraversal"] == .string("false"), "strings, as the SDK model types them")
        #expect(m["TunnelIkeConfig"]?["IkeLifetime"] == .string("3600") && m["TunnelIkeConfig"]?["Psk"] == .string("12345678"))
        #expect(m["TunnelIkeConfig"]?["RemoteId"] == .string("2.2.2.5"))
        #expect(m["TunnelBgpConfig"]?["LocalAsn"] == .string("1219002") && m["TunnelBgpConfig"]?["PeerAsn"] == .string("2224"))
        #expect(m["TunnelBgpConfig"]?["BgpStatus"] == .string("true") && m["TunnelIndex"] == .int(1))
        #expect(options[1]["EnableDpd"] == .string("true") && options[1]["TunnelIpsecConfig"]?["IpsecPfs"] == .string("group14"))
        #expect(options[1]["TunnelIpsecConfig"]?["IpsecLifetime"] == .string("86400") && options[1]["TunnelIndex"] == .int(2))

        // DescribeVpnConnections: the tags under `Tag`, not `Tags`.
        let list = await h.rpc("DescribeVpnConnections", [("RegionId", Fx.region), ("VpnGatewayId", Fx.dualGateway)])
        let items = try #require(list.json["VpnConnections"]?["VpnConnection"]?.arrayValue)
        #expect(items.map { $0["VpnConnectionId"] } == [.string(Fx.dualConnection), .string(id)] && list.json["TotalCount"] == .int(2))
        #expect(tagMap(items[1]["Tag"]) == ["For": "example"] && items[1]["Tags"] == nil)
        #expect(items[1]["TunnelOptionsSpecification"] == d.json["TunnelOptionsSpecification"])
        // Filters: a tunnel's customer gateway, a tag, an id.
        for (filter, count) in [(("CustomerGatewayId", slave), 1), (("Tag.1.Key", "For"), 1), (("VpnConnectionId", id), 1),
                                (("CustomerGatewayId", "cgw-none"), 0), (("ResourceGroupId", "rg-x"), 0)] {
            let r = await h.rpc("DescribeVpnConnections", [("RegionId", Fx.region), filter])
            #expect(r.json["TotalCount"] == .int(Int64(count)), "\(filter)")
        }
        // Both kinds are listed, with paging.
        let all = await h.rpc("DescribeVpnConnections", [("RegionId", Fx.region), ("PageSize", "50")])
        #expect(all.json["TotalCount"] == .int(8), "the account's connections in the region, both kinds")
        let last = await h.rpc("DescribeVpnConnections", [("RegionId", Fx.region), ("PageSize", "3"), ("PageNumber", "3")])
        #expect(last.json["VpnConnections"]?["VpnConnection"]?.arrayValue?.map { $0["VpnConnectionId"] } == [.string(Fx.transitLocked), .string(id)]
                || last.json["VpnConnections"]?["VpnConnection"]?.arrayValue?.last?["VpnConnectionId"] == .string(id))
    }

    @Test func dryRunChangesNothingAndAReplayMakesNoSecondConnection() async throws {
        let h = try Harness { $0.taskDurationMs = 0 }
        let cgw = await h.customerGateway()
        let before = try h.snapshot()
        #expect(await h.createConnection(customerGateway: cgw, extra: [("DryRun", "true")]).code == "DryRunOperation")
        #expect(try h.snapshot() == before)
        let first = await h.createConnection(customerGateway: cgw, extra: [("ClientToken", "c-1")])
        let replay = await h.createConnection(customerGateway: cgw, extra: [("ClientToken", "c-1")])
        #expect(replay.isReplay && replay.json["VpnConnectionId"] == first.json["VpnConnectionId"])
        let mismatch = await h.createConnection(customerGateway: cgw, extra: [("ClientToken", "c-1"), ("Tags.1.Key", "x")])
        #expect(mismatch.code == "IdempotenceParamNotMatch", "the tags are business parameters")
    }

    @Test func modifyAppliesWhatIsSentAndTheGatewayUpdates() async throws {
        let h = try Harness()
        let cgw = await h.customerGateway()
        let id = await h.connection(customerGateway: cgw, extra: [("IkeConfig", #"{"Psk":"keepme","IkeVersion":"ikev2"}"#)])
        #expect(await h.rpc("ModifyVpnConnectionAttribute", [("RegionId", Fx.region), ("VpnConnectionId", id), ("Name", "x")]).code
                == "VpnGateway.Configuring", "the create's task still runs")
        _ = await h.control("POST", "/_emulator/tasks/complete")
        let m = await h.rpc("ModifyVpnConnectionAttribute", [("RegionId", Fx.region), ("VpnConnectionId", id), ("Name", "renamed"),
                                                             ("IkeConfig", #"{"IkeLifetime":600}"#), ("RemoteSubnet", "10.9.0.0/16")])
        #expect(m.status == 200, "\(m)")
        #expect(m.keys == ["RequestId", "VpnConnectionId", "CustomerGatewayId", "VpnGatewayId", "Name", "Description", "LocalSubnet",
                           "RemoteSubnet", "CreateTime", "EffectImmediately", "EnableDpd", "EnableNatTraversal", "EnableTunnelsBgp",
                           "ResourceGroupId", "IkeConfig", "IpsecConfig", "VpnBgpConfig", "VcoHealthCheck", "TunnelOptionsSpecification"])
        #expect(m.json["IkeConfig"]?["IkeLifetime"] == .int(600) && m.json["IkeConfig"]?["Psk"] == .string("keepme"))
        #expect(m.json["IkeConfig"]?["IkeVersion"] == .string("ikev2"), "members not sent keep their values")
        let d = await h.describeConnection(id)
        #expect(d.json["Name"]?.stringValue == "renamed" && d.json["RemoteSubnet"]?.stringValue == "10.9.0.0/16")
        #expect(await h.describeGateway().json["Status"]?.stringValue == "updating")
        _ = await h.control("POST", "/_emulator/tasks/complete")
        // The same values again: nothing changes, no task.
        let same = await h.rpc("ModifyVpnConnectionAttribute", [("RegionId", Fx.region), ("VpnConnectionId", id), ("Name", "renamed")])
        let pending = await h.pendingTasks()
        #expect(same.status == 200 && pending.isEmpty)
        // Tunnels are for dual-tunnel connections only.
        let wrong = await h.rpc("ModifyVpnConnectionAttribute", [("RegionId", Fx.region), ("VpnConnectionId", id),
                                                                 ("TunnelOptionsSpecification.1.Role", "master")])
        #expect(wrong.code == "InvalidParameter" && wrong.rule == "connection.tunnels.single-tunnel")
    }

    @Test func modifyTunnelsByRoleOrId() async throws {
        let h = try Harness { $0.taskDurationMs = 0 }
        let a = await h.customerGateway("2.2.2.5"), b = await h.customerGateway("2.2.2.6", extra: [("Asn", "65001")])
        let c = await h.customerGateway("2.2.2.7", extra: [("Asn", "65002")])
        let id = await h.connection(gateway: Fx.dualGateway, extra: Harness.tunnels(a, b))
        let slaveId = await h.describeConnection(id).json["TunnelOptionsSpecification"]?["TunnelOptions"]?.arrayValue?[1]["TunnelId"]?.stringValue ?? ""
        let m = await h.rpc("ModifyVpnConnectionAttribute", [
            ("RegionId", Fx.region), ("VpnConnectionId", id),
            ("TunnelOptionsSpecification.1.Role", "master"), ("TunnelOptionsSpecification.1.TunnelIkeConfig.IkeMode", "aggressive"),
            ("TunnelOptionsSpecification.2.TunnelId", slaveId), ("TunnelOptionsSpecification.2.CustomerGatewayId", c),
            ("TunnelOptionsSpecification.2.EnableDpd", "false"),
        ])
        #expect(m.status == 200, "\(m)")
        let options = try #require(m.json["TunnelOptionsSpecification"]?["TunnelOptions"]?.arrayValue)
        #expect(options[0]["TunnelIkeConfig"]?["IkeMode"] == .string("aggressive") && options[0]["TunnelIkeConfig"]?["IkeLifetime"] == .int(86400))
        #expect(options[1]["CustomerGatewayId"]?.stringValue == c && options[1]["EnableDpd"] == .bool(false), "booleans in this answer")
        #expect(options[0]["Status"] == nil && options[0]["TunnelIndex"] == nil)
        // §4.12: the slave tunnel's peer is now c: its ASN, and RemoteId (left at b's address) is c's.
        #expect(options[1]["TunnelBgpConfig"]?["PeerAsn"] == .int(65002), "\(m)")
        #expect(options[1]["TunnelIkeConfig"]?["RemoteId"]?.stringValue == "2.2.2.7", "\(m)")
        #expect(options[0]["TunnelIkeConfig"]?["RemoteId"]?.stringValue == "2.2.2.5")
        // The customer gateway it left is free again; the one it uses is not.
        #expect(await h.rpc("DeleteCustomerGateway", [("RegionId", Fx.region), ("CustomerGatewayId", b)]).status == 200)
        #expect(await h.rpc("DeleteCustomerGateway", [("RegionId", Fx.region), ("CustomerGatewayId", c)]).code == "DependencyViolation.VpnConnection")
        let unknown = await h.rpc("ModifyVpnConnectionAttribute", [("RegionId", Fx.region), ("VpnConnectionId", id),
                                                                   ("TunnelOptionsSpecification.1.TunnelId", "tun-nope")])
        #expect(unknown.rule == "param.tunnel" && unknown.message == "The specified parameter \"TunnelOptionsSpecification.1.TunnelId\" is not valid.")
        let noCgw = await h.rpc("ModifyVpnConnectionAttribute", [("RegionId", Fx.region), ("VpnConnectionId", id),
                                                                 ("TunnelOptionsSpecification.1.Role", "slave"),
                                                                 ("TunnelOptionsSpecification.1.CustomerGatewayId", "cgw-nope")])
        #expect(noCgw.code == "InvalidCustomerGatewayInstanceId.NotFound")
    }

    /// The Terraform order: a route on a connection made through the API, the connection's delete
    /// refused while the route uses it, then allowed; the connection is gone at once.
    @Test func routesUseAPIConnectionsAndKeepThemUntilDeleted() async throws {
        let h = try Harness { $0.taskDurationMs = 0 }
        let cgw = await h.customerGateway()
        let id = await h.connection(gateway: Fx.dualGateway, extra: Harness.tunnels(cgw, cgw))
        #expect(await h.createRoute("10.0.0.0/24", nextHop: id, weight: 0, gateway: Fx.dualGateway).status == 200)
        let refused = await h.rpc("DeleteVpnConnection", [("RegionId", Fx.region), ("VpnConnectionId", id)])
        #expect(refused.code == "DependencyViolation.VpnRouteEntry" && refused.status == 400)
        #expect(await h.rpc("DeleteVpnRouteEntry", [("RegionId", Fx.region), ("VpnGatewayId", Fx.dualGateway), ("RouteDest", "10.0.0.0/24"),
                                                    ("NextHop", id), ("Weight", "0")]).status == 200)
        let deleted = await h.rpc("DeleteVpnConnection", [("RegionId", Fx.region), ("VpnConnectionId", id)])
        #expect(deleted.status == 200 && deleted.keys == ["RequestId"])
        #expect(await h.describeConnection(id).code == "InvalidVpnConnectionInstanceId.NotFound")
        #expect(await h.rpc("DescribeVpnConnections", [("RegionId", Fx.region), ("VpnConnectionId", id)]).json["TotalCount"] == .int(0))
        #expect(await h.rpc("DeleteCustomerGateway", [("RegionId", Fx.region), ("CustomerGatewayId", cgw)]).status == 200)
        // Another account's connection is invisible.
        let (x, y) = (await h.customerGateway("2.2.2.9"), await h.customerGateway("2.2.2.8"))
        let mine = await h.connection(gateway: Fx.dualGateway, extra: Harness.tunnels(x, y))
        #expect(await h.rpc("DeleteVpnConnection", [("RegionId", Fx.region), ("VpnConnectionId", mine)], key: Fx.otherKey).status == 404)
    }

    @Test func theGatewayIsUpdatingWhileAConnectionIsDeleted() async throws {
        let h = try Harness()
        let deleted = await h.rpc("DeleteVpnConnection", [("RegionId", Fx.region), ("VpnConnectionId", Fx.lockedConnection)])
        #expect(deleted.code == "VpnGateway.FinancialLocked")
        #expect(await h.rpc("DeleteVpnConnection", [("RegionId", Fx.region), ("VpnConnectionId", Fx.dualConnection)]).status == 200)
        let task = try #require(await h.pendingTasks().first)
        #expect(task["resourceId"]?.stringValue == Fx.dualGateway && task["action"]?.stringValue == "DeleteVpnConnection")
        #expect(await h.describeGateway(Fx.dualGateway).json["Status"]?.stringValue == "updating")
    }
}

/// Terraform's blocks: every member sent, the unset ones as "" (API.md §4.12).
@Suite struct TerraformSettingsTests {
    @Test func emptyMembersAreAbsent() async throws {
        let h = try Harness()
        let cgw = await h.customerGateway()
        let r = await h.createConnection(customerGateway: cgw, extra: [
            ("IkeConfig", #"{"IkeAuthAlg":"sha1","IkeEncAlg":"aes","IkeLifetime":86400,"IkeMode":"main","IkePfs":"group2","IkeVersion":"ikev1","LocalId":"","Psk":"","RemoteId":""}"#),
            ("HealthCheckConfig", #"{"enable":false,"dip":"","sip":"","interval":3,"retry":3}"#),
            ("BgpConfig", #"{"EnableBgp":"false","LocalAsn":45104,"TunnelCidr":"","LocalBgpIp":""}"#),
        ])
        #expect(r.status == 200, "\(r)")
        let d = await h.describeConnection(r.json["VpnConnectionId"]?.stringValue ?? "")
        #expect(d.json["IkeConfig"]?["Psk"]?.stringValue?.count == 16 && d.json["IkeConfig"]?["RemoteId"] == .string("2.2.2.5"))
        #expect(d.json["VpnBgpConfig"]?["EnableBgp"] == .string("false") && d.json["VcoHealthCheck"]?["Enable"] == .string("false"))
    }
}
