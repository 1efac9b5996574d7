import EmulatorJSON
import Testing
@testable import EmulatorRPC

/// API.md §13.13–§13.17 in process: customer gateways are synchronous, scoped to (account,
/// region), idempotent with a ClientToken, tagged and listed.
@Suite struct CustomerGatewayOperationTests {
    @Test func createDescribeListModifyDelete() async throws {
        let h = try Harness()
        let created = await h.createCustomerGateway("2.2.2.5", extra: [("Name", "terraform-example"), ("Description", "dc"), ("Asn", "123.456"),
                                                                        ("AuthKey", "k3y"), ("Tags.1.Key", "Owner"), ("Tags.1.Value", "dc")])
        #expect(created.status == 200, "\(created)")
        #expect(created.keys == ["RequestId", "CustomerGatewayId", "IpAddress", "Name", "Description", "CreateTime"])
        let id = try #require(created.json["CustomerGatewayId"]?.stringValue)
        #expect(id.hasPrefix("cgw-") && id.count == 25 && id.dropFirst(4).allSatisfy { $0.isLowercase || $0.isNumber })
        #expect(created.json["CreateTime"] == .int(Harness.start))

        let d = await h.describeCustomerGateway(id)
        #expect(d.keys == ["RequestId", "CustomerGatewayId", "IpAddress", "Name", "Description", "Asn", "AuthKey", "CreateTime",
                           "ResourceGroupId", "Tags"])
        #expect(d.json["Asn"] == .int(8_061_384) && d.json["AuthKey"]?.stringValue == "k3y" && tagMap(d.json["Tags"]) == ["Owner": "dc"])
        #expect(await h.pendingTasks().isEmpty, "synchronous: no task")

        // No Asn: the key is left out.
        let plain = await h.customerGateway("2.2.2.6")
        #expect(await h.describeCustomerGateway(plain).json["Asn"] == nil)

        let list = await h.rpc("DescribeCustomerGateways", [("RegionId", Fx.region), ("PageSize", "1")])
        #expect(list.json["TotalCount"] == .int(2) && list.json["PageSize"] == .int(1))
        #expect(list.json["CustomerGateways"]?["CustomerGateway"]?.arrayValue?.map { $0["CustomerGatewayId"] } == [.string(id)])
        let page2 = await h.rpc("DescribeCustomerGateways", [("RegionId", Fx.region), ("PageSize", "1"), ("PageNumber", "2")])
        #expect(page2.json["CustomerGateways"]?["CustomerGateway"]?.arrayValue?.map { $0["CustomerGatewayId"] } == [.string(plain)])
        let byTag = await h.rpc("DescribeCustomerGateways", [("RegionId", Fx.region), ("Tag.1.Key", "Owner")])
        #expect(byTag.json["TotalCount"] == .int(1))
        let byId = await h.rpc("DescribeCustomerGateways", [("RegionId", Fx.region), ("CustomerGatewayId", plain)])
        #expect(byId.json["TotalCount"] == .int(1))
        let byGroup = await h.rpc("DescribeCustomerGateways", [("RegionId", Fx.region), ("ResourceGroupId", "rg-1")])
        #expect(byGroup.json["TotalCount"] == .int(0) && byGroup.json["CustomerGateways"]?["CustomerGateway"] == .array([]))

        let m = await h.rpc("ModifyCustomerGatewayAttribute", [("RegionId", Fx.region), ("CustomerGatewayId", id), ("Name", "renamed")])
        #expect(m.status == 200)
        #expect(m.keys == ["RequestId", "CustomerGatewayId", "Name", "Description", "IpAddress", "CreateTime", "ResourceGroupId"])
        #expect(m.json["Name"]?.stringValue == "renamed" && m.json["Description"]?.stringValue == "dc", "only what is sent changes")

        let del = await h.rpc("DeleteCustomerGateway", [("RegionId", Fx.region), ("CustomerGatewayId", id)])
        #expect(del.status == 200 && del.keys == ["RequestId"])
        let gone = await h.describeCustomerGateway(id)
        #expect(gone.status == 404 && gone.code == "InvalidCustomerGatewayInstanceId.NotFound")
        let again = await h.rpc("DeleteCustomerGateway", [("RegionId", Fx.region), ("CustomerGatewayId", id)])
        #expect(again.code == "InvalidCustomerGatewayInstanceId.NotFound", "Terraform's delete treats it as success")
    }

    @Test func aClientTokenReplayAnswersTheSameCustomerGateway() async throws {
        let h = try Harness()
        let first = await h.createCustomerGateway("2.2.2.5", extra: [("ClientToken", "t-1")])
        let second = await h.createCustomerGateway("2.2.2.5", extra: [("ClientToken", "t-1")])
        #expect(second.status == 200 && second.isReplay)
        #expect(second.json["CustomerGatewayId"] == first.json["CustomerGatewayId"])
        #expect(await h.rpc("DescribeCustomerGateways", [("RegionId", Fx.region)]).json["TotalCount"] == .int(1))
        // Without a token the same address is refused.
        #expect(await h.createCustomerGateway("2.2.2.5").code == "InvalidIpAddress.AlreadyExist")
    }

    @Test func accountsAndRegionsAreApart() async throws {
        let h = try Harness()
        let mine = await h.customerGateway("2.2.2.5")
        // The same address is free in another account and in another region.
        #expect(await h.createCustomerGateway("2.2.2.5", key: Fx.otherKey).status == 200)
        #expect(await h.rpc("CreateCustomerGateway", [("RegionId", Fx.shanghai), ("IpAddress", "2.2.2.5")]).status == 200)
        #expect(await h.describeCustomerGateway(mine, key: Fx.otherKey).code == "InvalidCustomerGatewayInstanceId.NotFound")
        #expect(await h.rpc("DescribeCustomerGateway", [("RegionId", Fx.shanghai), ("CustomerGatewayId", mine)]).status == 404)
        #expect(await h.rpc("DescribeCustomerGateways", [("RegionId", Fx.region)], key: Fx.otherKey).json["TotalCount"] == .int(1))
        // A read-only RAM user reads them, and cannot create one.
        #expect(await h.describeCustomerGateway(mine, key: Fx.readOnlyKey).status == 200)
        #expect(await h.createCustomerGateway("2.2.2.9", key: Fx.readOnlyKey).code == "Forbbiden.SubUser")
    }

    @Test func faultsMatchTheCustomerGatewayId() async throws {
        let h = try Harness()
        let id = await h.customerGateway()
        await h.fault(#"{"action":"DeleteCustomerGateway","code":"VpnGateway.task.conflict","resourceId":"\#(id)"}"#)
        let other = await h.customerGateway("2.2.2.6")
        #expect(await h.rpc("DeleteCustomerGateway", [("RegionId", Fx.region), ("CustomerGatewayId", other)]).status == 200)
        let r = await h.rpc("DeleteCustomerGateway", [("RegionId", Fx.region), ("CustomerGatewayId", id)])
        #expect(r.code == "VpnGateway.task.conflict" && r.rule == "fault.injected")
        #expect(r.message == "The VPN is in the configuration state, please wait a while before operating.")
        #expect(await h.describeCustomerGateway(id).status == 200, "a fault changes nothing")
        await h.fault(#"{"action":"CreateCustomerGateway","code":"OperationConflict"}"#)
        let conflict = await h.createCustomerGateway("2.2.2.7")
        #expect(conflict.code == "OperationConflict" && conflict.status == 400)
    }

    @Test func theJournalRecordsTheCreationTags() async throws {
        let h = try Harness()
        _ = await h.customerGateway(extra: [("Tags.1.Key", "Owner"), ("Tags.1.Value", "dc"), ("AuthKey", "k")])
        let entry = try #require(await h.journal("?action=CreateCustomerGateway").first)
        let names = entry["params"]?.objectValue?.map(\.0) ?? entry["params"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(names.contains("Tags.1.Key") && names.contains("Tags.1.Value") && names.contains("IpAddress"), "\(entry)")
    }
}
