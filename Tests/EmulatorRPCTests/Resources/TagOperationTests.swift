import EmulatorJSON
import Testing
@testable import EmulatorRPC

/// API.md §4.13, §13.25–§13.27 in process: the three resource types, ResourceType in any case,
/// the tags in the Describe answers, NextToken pages.
@Suite struct TagOperationTests {
    func rows(_ r: Reply) -> [String] {
        (r.json["TagResources"]?["TagResource"]?.arrayValue ?? []).map {
            "\($0["ResourceId"]?.stringValue ?? ""):\($0["TagKey"]?.stringValue ?? "")=\($0["TagValue"]?.stringValue ?? "")"
        }
    }

    @Test func tagsOfEveryTypeShowWhereTheDescribeAnswersShowThem() async throws {
        let h = try Harness { $0.taskDurationMs = 0 }
        let cgw = await h.customerGateway()
        let connection = await h.connection(customerGateway: cgw)
        #expect(await h.tag("VpnGateWay", [Fx.gateway], [("Created", "TF")]).status == 200)
        #expect(await h.tag("VPNCONNECTION", [connection], [("Stage", "route"), ("Empty", "")]).status == 200)
        #expect(await h.tag("customergateway", [cgw], [("Owner", "dc")]).status == 200)
        #expect(tagMap(await h.describeGateway().json["Tags"]) == ["env": "test", "Created": "TF"])
        #expect(tagMap(await h.describeConnection(connection).json["Tags"]) == ["Stage": "route", "Empty": ""])
        let items = await h.rpc("DescribeVpnConnections", [("RegionId", Fx.region), ("VpnConnectionId", connection)])
        #expect(tagMap(items.json["VpnConnections"]?["VpnConnection"]?.arrayValue?.first?["Tag"]) == ["Stage": "route", "Empty": ""])
        #expect(tagMap(await h.describeCustomerGateway(cgw).json["Tags"]) == ["Owner": "dc"])
        let listed = await h.rpc("DescribeVpnGateways", [("RegionId", Fx.region), ("Tag.1.Key", "Created"), ("Tag.1.Value", "TF")])
        #expect(listed.json["TotalCount"] == .int(1))

        // ListTagResources echoes ResourceType as sent.
        let l = await h.listTags("VpnGateWay", ids: [Fx.gateway])
        #expect(l.status == 200 && l.keys == ["RequestId", "NextToken", "TagResources"] && l.json["NextToken"] == .string(""))
        #expect(rows(l) == ["\(Fx.gateway):env=test", "\(Fx.gateway):Created=TF"])
        #expect(l.json["TagResources"]?["TagResource"]?.arrayValue?.first?["ResourceType"] == .string("VpnGateWay"))

        // Overwrite, untag one key, untag all.
        #expect(await h.tag("VPNCONNECTION", [connection], [("Stage", "done")]).status == 200)
        #expect(rows(await h.listTags("VPNCONNECTION", ids: [connection])) == ["\(connection):Stage=done", "\(connection):Empty="])
        let untag = await h.rpc("UnTagResources", [("RegionId", Fx.region), ("ResourceType", "VPNCONNECTION"), ("ResourceId.1", connection),
                                                   ("TagKey.1", "Stage"), ("TagKey.2", "Absent")])
        #expect(untag.status == 200 && untag.keys == ["RequestId"])
        #expect(rows(await h.listTags("VPNCONNECTION", ids: [connection])) == ["\(connection):Empty="])
        #expect(await h.rpc("UnTagResources", [("RegionId", Fx.region), ("ResourceType", "VPNCONNECTION"), ("ResourceId.1", connection),
                                               ("All", "true")]).status == 200)
        #expect(tagMap(await h.describeConnection(connection).json["Tags"]) == [:])
        // Neither keys nor All: nothing changes.
        #expect(await h.rpc("UnTagResources", [("RegionId", Fx.region), ("ResourceType", "VPNGATEWAY"), ("ResourceId.1", Fx.gateway)]).status == 200)
        #expect(tagMap(await h.describeGateway().json["Tags"]).count == 2)
        #expect(await h.pendingTasks().isEmpty, "tags start no task")
    }

    @Test func tagsWorkWhileTheGatewayIsBusy() async throws {
        let h = try Harness()
        let id = try #require(await h.createGateway().json["VpnGatewayId"]?.stringValue)
        #expect(await h.tag("VpnGateWay", [id], [("Created", "TF")]).status == 200)
        #expect(tagMap(await h.describeGateway(id).json["Tags"]) == ["Created": "TF"])
    }

    @Test func pagesWithNextToken() async throws {
        let h = try Harness()
        #expect(await h.tag("VPNGATEWAY", [Fx.gateway, Fx.dualGateway], (1...3).map { ("k\($0)", "v\($0)") }).status == 200)
        var token = "", seen: [String] = [], pages = 0
        repeat {
            let r = await h.listTags("VPNGATEWAY", ids: [Fx.gateway, Fx.dualGateway],
                                     extra: [("MaxResults", "3")] + (token.isEmpty ? [] : [("NextToken", token)]))
            #expect(r.status == 200, "\(r)")
            seen += rows(r)
            token = r.json["NextToken"]?.stringValue ?? ""
            pages += 1
        } while !token.isEmpty && pages < 10
        #expect(pages == 3 && seen.count == 7 && Set(seen).count == 7)
        // By tag only: every tag of the resources that carry the pair; another account sees none.
        let byTag = await h.listTags("VPNGATEWAY", extra: [("Tag.1.Key", "k2"), ("Tag.1.Value", "v2")])
        #expect(rows(byTag).count == 7)
        #expect(rows(await h.listTags("VPNGATEWAY", extra: [("Tag.1.Key", "env")])) == ["\(Fx.gateway):env=test", "\(Fx.gateway):k1=v1",
                                                                                        "\(Fx.gateway):k2=v2", "\(Fx.gateway):k3=v3"])
        #expect(rows(await h.listTags("VPNGATEWAY", extra: [("Tag.1.Key", "k1")], key: Fx.otherKey)).isEmpty)
        #expect(rows(await h.listTags("VPNGATEWAY", ids: ["vpn-doesnotexist"])).isEmpty, "unknown ids match nothing")
    }

    /// Review of issue 12: ModifyCustomerGatewayAttribute re-inserted the gateway's tags, so a
    /// page already read was listed again, after tags added later.
    @Test func modifyingAnAttributeKeepsTheTagsInPlace() async throws {
        let h = try Harness()
        let a = await h.customerGateway("2.2.2.5"), b = await h.customerGateway("2.2.2.6")
        #expect(await h.tag("CUSTOMERGATEWAY", [a], [("k1", "v1")]).status == 200)
        #expect(await h.tag("CUSTOMERGATEWAY", [b], [("k2", "v2")]).status == 200)
        let first = await h.listTags("CUSTOMERGATEWAY", ids: [a, b], extra: [("MaxResults", "1")])
        #expect(rows(first) == ["\(a):k1=v1"])
        let modified = await h.rpc("ModifyCustomerGatewayAttribute", [("RegionId", Fx.region), ("CustomerGatewayId", a), ("Name", "renamed")])
        #expect(modified.status == 200 && modified.json["Name"]?.stringValue == "renamed", "\(modified)")
        let token = first.json["NextToken"]?.stringValue ?? ""
        let rest = await h.listTags("CUSTOMERGATEWAY", ids: [a, b], extra: [("MaxResults", "5"), ("NextToken", token)])
        #expect(rows(rest) == ["\(b):k2=v2"], "\(rest)")
        #expect(tagMap(await h.describeCustomerGateway(a).json["Tags"]) == ["k1": "v1"])
    }

    @Test func allOrNothing() async throws {
        let h = try Harness()
        let before = try h.snapshot()
        #expect(await h.tag("VPNGATEWAY", [Fx.gateway, Fx.otherGateway], [("k", "v")]).code == "InvalidResourceId.NotFound")
        #expect(try h.snapshot() == before)
        await h.fault(#"{"action":"TagResources","code":"ServiceUnavailable","resourceId":"\#(Fx.dualGateway)"}"#)
        #expect(await h.tag("VPNGATEWAY", [Fx.gateway], [("k", "v")]).status == 200, "the fault names another resource")
        #expect(await h.tag("VPNGATEWAY", [Fx.gateway, Fx.dualGateway], [("k", "v")]).status == 503, "ResourceId.2 matches")
    }

    @Test func ramAllowsListingToDescribeOnlyUsersNot() async throws {
        let h = try Harness()
        #expect(await h.listTags("VPNGATEWAY", ids: [Fx.gateway], key: Fx.readOnlyKey).code == "Forbbiden.SubUser")
        #expect(await h.listTags("VPNGATEWAY", ids: [Fx.gateway], key: Fx.deniedKey).status == 200)
    }
}
