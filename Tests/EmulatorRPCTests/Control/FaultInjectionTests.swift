import EmulatorJSON
import Testing
import VPNCore
@testable import EmulatorRPC

/// API.md §11 and OPERATING.md `/_emulator/faults`.
@Suite struct FaultInjectionTests {
    @Test func aFaultIsRegisteredListedAndCleared() async throws {
        let h = try Harness()
        let created = await h.control("POST", "/_emulator/faults", body: """
            {"action":"CreateVpnRouteEntry","code":"TaskConflict","httpStatus":409,"message":"busy","count":2,"resourceId":null}
            """)
        #expect(created.status == 201)
        #expect(created.contentType == "application/json;charset=utf-8")
        let id = try #require(created.json["id"]?.stringValue)
        #expect(!id.isEmpty)
        let list = await h.control("GET", "/_emulator/faults")
        #expect(list.status == 200)
        let faults = try #require(list.json["faults"]?.arrayValue)
        #expect(faults.count == 1)
        #expect(faults[0]["id"]?.stringValue == id)
        #expect(faults[0]["action"]?.stringValue == "CreateVpnRouteEntry")
        #expect(faults[0]["code"]?.stringValue == "TaskConflict")
        #expect(faults[0]["httpStatus"]?.intValue == 409)
        #expect(faults[0]["message"]?.stringValue == "busy")
        #expect(faults[0]["count"]?.intValue == 2)
        #expect(faults[0]["resourceId"] == .null)

        let r = await h.createRoute("10.5.0.0/24")
        #expect(r.status == 409)
        #expect(r.code == "TaskConflict")
        #expect(r.message == "busy")
        #expect(r.rule == "fault.injected")
        #expect(r.keys == ["RequestId", "HostId", "Code", "Message", "Recommend"])
        #expect(await h.control("GET", "/_emulator/faults").json["faults"]?.arrayValue?.first?["count"]?.intValue == 1)

        let cleared = await h.control("DELETE", "/_emulator/faults")
        #expect(cleared.status == 200)
        #expect(await h.control("GET", "/_emulator/faults").json["faults"] == .array([]))
        #expect(await h.createRoute("10.5.0.0/24").status == 200)
    }

    @Test(arguments: [
        ("{", "malformed JSON"),
        ("[]", "not an object"),
        (#"{"action":"CreateVpnRoute","code":"X"}"#, "unknown action"),
        (#"{"action":5,"code":"X"}"#, "action not a string"),
        (#"{"action":"CreateVpnRouteEntry"}"#, "missing code"),
        (#"{"code":""}"#, "empty code"),
        (#"{"code":7}"#, "code not a string"),
        (#"{"code":"X","count":0}"#, "zero count"),
        (#"{"code":"X","count":-1}"#, "negative count"),
        (#"{"code":"X","count":"2"}"#, "count not an integer"),
        (#"{"code":"X","httpStatus":200}"#, "success status"),
        (#"{"code":"X","httpStatus":600}"#, "status out of range"),
        (#"{"code":"X","httpStatus":"500"}"#, "status not an integer"),
        (#"{"code":"X","message":5}"#, "message not a string"),
        (#"{"code":"X","resourceId":5}"#, "resourceId not a string"),
        (#"{"code":"X","retryAfterMs":0}"#, "zero retryAfterMs"),
        (#"{"code":"X","colour":"red"}"#, "unknown field"),
    ])
    func aBadFaultIs400WithAMessage(body: String, why: String) async throws {
        let h = try Harness()
        let r = await h.control("POST", "/_emulator/faults", body: body)
        #expect(r.status == 400, "\(why): \(r)")
        #expect(r.json["error"]?.stringValue?.isEmpty == false, "\(why): \(r)")
        #expect(await h.control("GET", "/_emulator/faults").json["faults"] == .array([]), "\(why)")
    }

    /// Defaults from the catalogue (API.md §11): the first row with the code that lists the action,
    /// else the first row with the code, else 400 and the generic message.
    @Test(arguments: [
        (#"{"code":"ServiceUnavailable"}"#, "DescribeVpnGateway", 503, "The request has failed due to a temporary failure of the server."),
        (#"{"action":"CreateVpnRouteEntry","code":"InternalError"}"#, "CreateVpnRouteEntry", 400,
         "The request processing has failed due to some unknown error, exception or failure."),
        (#"{"action":"DeleteVpnRouteEntry","code":"InternalError"}"#, "DeleteVpnRouteEntry", 500,
         "The request processing has failed due to some unknown error, exception or failure."),
        (#"{"action":"CreateVcoRouteEntry","code":"Forbbiden.SubUser"}"#, "CreateVcoRouteEntry", 403,
         "User not authorized to operate on the specified resource."),
        (#"{"action":"DescribeVpnGateway","code":"Forbbiden.SubUser"}"#, "DescribeVpnGateway", 403,
         "User not authorized to operate on the specified resource as your account is created by another user."),
        (#"{"action":"DescribeVcoRouteEntries","code":"UnknownError"}"#, "DescribeVcoRouteEntries", 500,
         "The request processing has failed due to some unknown error."),
        (#"{"code":"InvalidAccessKeyId.Inactive"}"#, "DescribeVpnGateway", 400, "Specified access key is disabled."),
        (#"{"code":"Throttling","retryAfterMs":1500}"#, "DescribeVpnGateway", 400, "Request was denied due to request throttling."),
        (#"{"action":"ModifyVpnRouteEntryWeight","code":"VpnTask.CONFLICT"}"#, "ModifyVpnRouteEntryWeight", 400, "Vpn task has conflict."),
        (#"{"action":"CreateVcoRouteEntry","code":"Resource.QuotaFull"}"#, "CreateVcoRouteEntry", 400, "The quota of resource is full"),
        (#"{"action":"PublishVpnRouteEntry","code":"VpnRouteEntry.Conflict"}"#, "PublishVpnRouteEntry", 400, "The specified route entry has conflict."),
        (#"{"code":"Made.Up"}"#, "DescribeVpnGateway", 400, "The request processing has failed due to an injected fault."),
        (#"{"code":"Made.Up","httpStatus":502,"message":"gone fishing"}"#, "DescribeVpnGateway", 502, "gone fishing"),
    ])
    func defaultsComeFromTheCatalogue(fault: String, action: String, status: Int, message: String) async throws {
        let h = try Harness()
        await h.fault(fault)
        let code = try #require(JSONParser.parse(fault)["code"]?.stringValue)
        let r = await h.rpc(action, [("RegionId", Fx.region)])
        #expect(r.status == status, "\(r)")
        #expect(r.code == code)
        #expect(r.message == message)
        #expect(r.rule == "fault.injected")
        if code == "Throttling" { #expect(r.header("x-acs-retry-after") == "1500") } else { #expect(r.header("x-acs-retry-after") == nil) }
    }

    @Test func actionAndResourceIdSelectTheCalls() async throws {
        let h = try Harness { $0.taskDurationMs = 0 }
        await h.fault(#"{"action":"CreateVpnRouteEntry","code":"Appliance.Configuring","resourceId":"vpn-bp1dualtunnel000001"}"#)
        await h.fault(#"{"action":"DeleteVcoRouteEntry","code":"Appliance.Configuring","resourceId":"vco-bp1transit0000000001"}"#)
        // Another gateway, another action: untouched.
        #expect(await h.createRoute("10.5.0.0/24").status == 200)
        #expect(await h.describeGateway(Fx.dualGateway).status == 200)
        let hit = await h.createRoute("10.5.0.0/24", nextHop: Fx.dualConnection, gateway: Fx.dualGateway)
        #expect(hit.code == "Appliance.Configuring")
        #expect(hit.message == "The specified appliance is configuring.")
        #expect(await h.createRoute("10.5.0.0/24", nextHop: Fx.dualConnection, gateway: Fx.dualGateway).status == 200)
        // VpnConnectionId matches too.
        let vco = await h.rpc("DeleteVcoRouteEntry", [("RegionId", Fx.region), ("VpnConnectionId", Fx.transit), ("RouteDest", "192.168.10.0/24"),
                                                      ("NextHop", Fx.transit), ("Weight", "100")])
        #expect(vco.code == "Appliance.Configuring")
        #expect(h.emulator.faults.list().isEmpty)
    }

    /// "matches when the request's raw VpnGatewayId or VpnConnectionId equals it" (API.md §11):
    /// either parameter, even when the request carries both.
    @Test func resourceIdMatchesEitherIdParameter() async throws {
        let h = try Harness()
        await h.fault(#"{"code":"Appliance.Configuring","resourceId":"vco-bp1transit0000000001"}"#)
        let both = await h.rpc("DescribeVpnGateway", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("VpnConnectionId", Fx.transit)])
        #expect(both.code == "Appliance.Configuring", "\(both)")
        await h.fault(#"{"code":"Appliance.Configuring","resourceId":"vpn-bp1default0000000001"}"#)
        let raw = await h.rpc("DescribeVpnConnection", [("RegionId", Fx.region), ("VpnConnectionId", Fx.transit), ("VpnGatewayId", Fx.gateway)])
        #expect(raw.code == "Appliance.Configuring", "\(raw)")
        #expect(h.emulator.faults.list().isEmpty)
        // Neither id equal: no match.
        await h.fault(#"{"code":"Appliance.Configuring","resourceId":"vpn-other"}"#)
        #expect(await h.describeGateway().status == 200)
        #expect(await h.rpc("DescribeVpnGateways", [("RegionId", Fx.region)]).status == 200)
    }

    @Test func wildcardOrAbsentActionMatchesEveryAction() async throws {
        let h = try Harness()
        await h.fault(#"{"action":"*","code":"ServiceUnavailable"}"#)
        await h.fault(#"{"code":"InternalError","httpStatus":500}"#)
        #expect(await h.describeGateway().code == "ServiceUnavailable")
        #expect(await h.rpc("DescribeVcoRouteEntries", []).code == "InternalError")
        #expect(await h.describeGateway().status == 200)
    }

    @Test func theOldestMatchingFaultAnswersAndCountsDown() async throws {
        let h = try Harness()
        await h.fault(#"{"action":"DescribeVpnGateway","code":"First.Fault","count":2}"#)
        await h.fault(#"{"code":"Second.Fault"}"#)
        await h.fault(#"{"action":"DescribeVpnGateway","code":"Third.Fault"}"#)
        var codes: [String?] = []
        for _ in 0..<5 { codes.append(await h.describeGateway().code) }
        #expect(codes == ["First.Fault", "First.Fault", "Second.Fault", "Third.Fault", nil])
        #expect(h.emulator.faults.list().isEmpty)
    }

    @Test func a5xxFaultHasNoSideEffectAndCarriesRetryAfter() async throws {
        let h = try Harness()
        await h.fault(#"{"action":"DeleteVpnRouteEntry","code":"InternalError","retryAfterMs":250}"#)
        let before = try h.snapshot()
        let delete = [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("RouteDest", "10.1.0.0/24"),
                      ("NextHop", Fx.connection), ("Weight", "100"), ("ClientToken", "del-1")]
        let r = await h.rpc("DeleteVpnRouteEntry", delete)
        #expect(r.status == 500)
        #expect(r.header("x-acs-retry-after") == "250")
        #expect(try h.snapshot() == before)
        #expect(await h.pendingTasks().isEmpty)
        let retried = await h.rpc("DeleteVpnRouteEntry", delete)
        #expect(retried.status == 200)
        #expect(!retried.isReplay)
        #expect(!(await h.describeRoutes().text.contains("10.1.0.0/24")))
    }

    @Test func anInjectedErrorRendersInXML() async throws {
        let h = try Harness()
        await h.fault(#"{"code":"Throttling","retryAfterMs":5}"#)
        let r = await h.rpc("DescribeVpnGateway", [("Format", "XML")])
        #expect(r.contentType == "text/xml;charset=utf-8")
        #expect(r.text.contains("<Code>Throttling</Code><Message>Request was denied due to request throttling.</Message>"))
        #expect(r.header("x-acs-retry-after") == "5")
    }

    @Test func faultsAreJournaledWithTheirRule() async throws {
        let h = try Harness()
        await h.fault(#"{"code":"ServiceUnavailable"}"#)
        _ = await h.describeGateway()
        let entry = try #require(await h.journal().last)
        #expect(entry["code"]?.stringValue == "ServiceUnavailable")
        #expect(entry["rule"]?.stringValue == "fault.injected")
        #expect(entry["httpStatus"]?.intValue == 503)
    }
}
