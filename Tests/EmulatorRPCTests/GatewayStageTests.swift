import Testing
import EmulatorHTTP
import VPNCore
@testable import EmulatorRPC

/// PROTOCOL.md §5 / API.md §2 stages 1–8: the first failing check answers, nothing after it runs.
@Suite struct GatewayStageTests {
    static let badlySigned: [(String, String)] = CatalogueScenario.v1Common + [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway)]

    static func target(_ path: String, _ pairs: [(String, String)]) -> String { path + "?" + Harness.query(pairs) }

    func expect(_ r: Reply, _ status: Int, _ code: String, _ rule: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == status, "\(r)", sourceLocation: sourceLocation)
        #expect(r.code == code, "\(r)", sourceLocation: sourceLocation)
        #expect(r.rule == rule, "\(r)", sourceLocation: sourceLocation)
    }

    // Stage 1 before everything.
    @Test func aBadPathWinsOverABadSignatureAndABadMethod() async throws {
        let h = try Harness(auth: .verify)
        let pairs = [("Action", "DescribeVpnGateway"), ("Version", "1999")] + Self.badlySigned
        expect(await h.send(HTTPRequest(method: "POST", target: Self.target("/api", pairs))), 404, "InvalidAction.NotFound", "http.path")
        expect(await h.send(HTTPRequest(method: "PUT", target: Self.target("/api", pairs))), 404, "InvalidAction.NotFound", "http.path")
        expect(await h.send(HTTPRequest(method: "GET", target: "//?Action=DescribeVpnGateway")), 404, "InvalidAction.NotFound", "http.path")
    }

    @Test func aBadMethodWinsOverBadParameters() async throws {
        let h = try Harness(auth: .verify)
        expect(await h.send(HTTPRequest(method: "PUT", target: "/?RegionId=%ZZ&Action=Nope")), 400, "UnsupportedHTTPMethod", "http.method")
        expect(await h.send(HTTPRequest(method: "HEAD", target: "/")), 400, "UnsupportedHTTPMethod", "http.method")
    }

    // Stage 2 before 3.
    @Test func parameterDecodingWinsOverAuthentication() async throws {
        let h = try Harness(auth: .verify)
        let r = await h.send(HTTPRequest(method: "GET", target: "/?Action=DescribeVpnGateway&Bad%G1=1"))
        expect(r, 400, "InvalidParameter", "param.encoding")
        #expect(r.message == "The specified parameter \"Bad%G1\" is not valid.")
        let dup = await h.send(HTTPRequest(method: "GET", target: "/?Action=DescribeVpnGateway&RegionId=a&RegionId=b"))
        expect(dup, 400, "InvalidParameter", "param.duplicate")
        // The same value twice is one parameter: authentication answers next.
        let same = await h.send(HTTPRequest(method: "GET", target: "/?Action=DescribeVpnGateway&RegionId=a&RegionId=a"))
        expect(same, 400, "MissingAccessKeyId", "auth.missing")
    }

    // Stage 3 before 4 and 5.
    @Test func authenticationWinsOverVersionAndAction() async throws {
        let h = try Harness(auth: .verify)
        expect(await h.rpc("Nope", [("RegionId", Fx.region)], key: nil, version: nil), 400, "MissingAccessKeyId", "auth.missing")
        expect(await h.rpc("Nope", Self.badlySigned, key: nil, version: nil), 400, "SignatureDoesNotMatch", "auth.signature")
        // A correct signature passes stage 3, and Version answers.
        let signed = await h.signed("DescribeVpnGateway", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway)], version: "2014-05-26")
        expect(signed, 400, "InvalidVersion", "api.version")
        // The nonce is remembered whatever the later outcome (PROTOCOL.md §4.6).
        let again = await h.signed("DescribeVpnGateway", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway)], nonce: "same")
        #expect(again.status == 200, "\(again)")
        expect(await h.signed("Nope", [], nonce: "same"), 400, "SignatureNonceUsed", "auth.nonce.reused")
    }

    @Test func aSignedRequestSucceedsAndAnUnsignedOneDoesNot() async throws {
        let h = try Harness(auth: .verify)
        let ok = await h.signed("DescribeVpnGateway", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway)])
        #expect(ok.status == 200, "\(ok)")
        #expect(ok.json["VpnGatewayId"]?.stringValue == Fx.gateway)
        let unsigned = await h.describeGateway()
        expect(unsigned, 400, "MissingSignature", "auth.missing")
    }

    // Stage 4 before 5.
    @Test func missingVersionBeatsAnUnknownAction() async throws {
        let h = try Harness()
        expect(await h.rpc("NoSuchAction", [("RegionId", Fx.region)], version: nil), 400, "InvalidVersion", "api.version")
        expect(await h.rpc(nil, [("RegionId", Fx.region)]), 404, "InvalidAction.NotFound", "api.action")
        // Version and Action may come as headers (V3 path).
        let viaHeaders = await h.rpc(nil, [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway)], version: nil,
                                     headers: [("x-acs-action", "DescribeVpnGateway"), ("x-acs-version", "2016-04-28")])
        #expect(viaHeaders.status == 200, "\(viaHeaders)")
        // Action names are case-sensitive.
        expect(await h.rpc("describevpngateway", [("RegionId", Fx.region)]), 404, "InvalidAction.NotFound", "api.action")
    }

    // Stages 4 and 5 before 6; 6 before 7.
    @Test func throttlingComesAfterVersionAndActionAndBeforeRAM() async throws {
        let h = try Harness { $0.throttle = true }
        for i in 0..<60 { _ = await h.createRoute("10.60.\(i).0/24") }
        expect(await h.createRoute("10.61.0.0/24"), 400, "Throttling.User", "throttle.user")
        expect(await h.rpc("CreateVpnRouteEntry", [("RegionId", Fx.region)], version: "1"), 400, "InvalidVersion", "api.version")
        expect(await h.rpc("CreateVpnRouteEntryX", [("RegionId", Fx.region)]), 404, "InvalidAction.NotFound", "api.action")
        // RAM users count toward their account, and throttling answers before their denial.
        expect(await h.createRoute("10.61.0.0/24", key: Fx.deniedKey), 400, "Throttling.User", "throttle.user")
        expect(await h.createRoute("10.61.0.0/24", key: Fx.readOnlyKey), 400, "Throttling.User", "throttle.user")
        // Stage 6 before 8: a throttled call does not consume a fault.
        await h.fault(#"{"action":"CreateVpnRouteEntry","code":"InternalError"}"#)
        expect(await h.createRoute("10.61.0.0/24"), 400, "Throttling.User", "throttle.user")
        #expect(h.emulator.faults.list().first?.count == 1)
        await h.config(#"{"throttle":false}"#)
        expect(await h.createRoute("10.61.0.0/24"), 400, "InternalError", "fault.injected")
    }

    @Test func callsRejectedBeforeStageSixAreNotCounted() async throws {
        let h = try Harness(auth: .verify) { $0.throttle = true }
        for i in 0..<70 {
            let r = await h.signed("CreateVpnRouteEntry", CatalogueScenario.create("10.62.\(i).0/24"), secret: "wrong")
            #expect(r.code == "SignatureDoesNotMatch")
        }
        for i in 0..<5 {
            let r = await h.rpc("CreateVpnRouteEntry", CatalogueScenario.create("10.62.\(i).0/24"), version: "x")
            #expect(r.code == "MissingSignature")
        }
        let ok = await h.signed("CreateVpnRouteEntry", CatalogueScenario.create("10.63.0.0/24"))
        #expect(ok.status == 200, "\(ok)")
    }

    // Stage 7 before 8 and before parameters.
    @Test func ramDenialBeatsAMissingParameterAndAFault() async throws {
        let h = try Harness()
        await h.fault(#"{"action":"CreateVpnRouteEntry","code":"TaskConflict"}"#)
        let denied = await h.rpc("CreateVpnRouteEntry", [], key: Fx.deniedKey)
        expect(denied, 403, "Forbidden", "ram.explicit-deny")
        #expect(denied.keys == ["RequestId", "HostId", "Code", "Message", "Recommend", "AccessDeniedDetail"])
        let detail = denied.json["AccessDeniedDetail"]
        #expect(detail?.objectValue?.map(\.0) == ["AuthAction", "AuthPrincipalDisplayName", "AuthPrincipalOwnerId", "AuthPrincipalType",
                                                 "EncodedDiagnosticMessage", "NoPermissionType", "PolicyType"])
        #expect(detail?["AuthAction"]?.stringValue == "vpc:CreateVpnRouteEntry")
        #expect(detail?["AuthPrincipalDisplayName"]?.stringValue == "denied")
        #expect(detail?["AuthPrincipalOwnerId"]?.stringValue == Fx.accountId)
        #expect(detail?["AuthPrincipalType"]?.stringValue == "SubUser")
        #expect(detail?["NoPermissionType"]?.stringValue == "ExplicitDeny")
        #expect(detail?["PolicyType"]?.stringValue == "AccountLevelIdentityBasedPolicy")

        let implicit = await h.rpc("CreateVpnRouteEntry", [], key: Fx.readOnlyKey)
        expect(implicit, 403, "Forbbiden.SubUser", "ram.implicit-deny")
        #expect(implicit.json["AccessDeniedDetail"]?["NoPermissionType"]?.stringValue == "ImplicitDeny")
        #expect(implicit.json["AccessDeniedDetail"]?["AuthPrincipalDisplayName"]?.stringValue == "readonly")

        // The fault was not consumed by the denied calls.
        let faults = await h.control("GET", "/_emulator/faults").json["faults"]?.arrayValue ?? []
        #expect(faults.count == 1)
        #expect(faults.first?["count"]?.intValue == 1)
        // An allowed RAM user passes stage 7 and meets the fault.
        let allowed = await h.rpc("DeleteVpnRouteEntry", [], key: Fx.deniedKey)
        expect(allowed, 400, "MissingRegionId", "param.missing")
        expect(await h.createRoute("10.5.0.0/24"), 400, "TaskConflict", "fault.injected")
        // A read-only user's allowed Describe reaches parameter validation.
        expect(await h.rpc("DescribeVpnGateway", [], key: Fx.readOnlyKey), 400, "MissingRegionId", "param.missing")
    }

    @Test func aRAMUserIsStillCheckedWithAuthOff() async throws {
        let h = try Harness()
        expect(await h.createRoute("10.5.0.0/24", key: Fx.readOnlyKey), 403, "Forbbiden.SubUser", "ram.implicit-deny")
        // An unknown or absent key acts as the default account with full rights.
        #expect(await h.createRoute("10.5.0.0/24", key: "LTAI5tUnknown").status == 200)
        h.advance(2000)
        #expect(await h.rpc("CreateVpnRouteEntry", CatalogueScenario.create("10.6.0.0/24"), key: nil).status == 200)
    }

    // Stage 8 before parameters, after authentication.
    @Test func aFaultAnswersBeforeParameterValidation() async throws {
        let h = try Harness()
        await h.fault(#"{"action":"CreateVpnRouteEntry","code":"VpnTask.CONFLICT"}"#)
        let r = await h.rpc("CreateVpnRouteEntry", [("Weight", "not-a-number")])
        expect(r, 400, "VpnTask.CONFLICT", "fault.injected")
        #expect(r.message == "Vpn task has conflict.")
        expect(await h.rpc("CreateVpnRouteEntry", [("Weight", "not-a-number")]), 400, "MissingRegionId", "param.missing")
    }

    @Test func authenticationFailuresDoNotConsumeAFault() async throws {
        let h = try Harness(auth: .verify)
        await h.fault(#"{"code":"ServiceUnavailable"}"#)
        expect(await h.signed("DescribeVpnGateway", [("RegionId", Fx.region)], secret: "bad"), 400, "SignatureDoesNotMatch", "auth.signature")
        expect(await h.signed("DescribeVpnGateway", [("RegionId", Fx.region)], version: "1"), 400, "InvalidVersion", "api.version")
        expect(await h.signed("Nope", []), 404, "InvalidAction.NotFound", "api.action")
        expect(await h.signed("DescribeVpnGateway", [("RegionId", Fx.region)]), 503, "ServiceUnavailable", "fault.injected")
    }

    // Every error carries its rule; successes carry none (API.md §0.1).
    @Test func successesHaveNoRuleHeaderAndNoCodeOrMessage() async throws {
        let h = try Harness { $0.taskDurationMs = 0 }
        let calls: [(String, [(String, String)])] = [
            ("DescribeVpnGateway", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("IncludeReservationData", "True")]),
            ("DescribeVpnGateways", [("RegionId", Fx.region)]),
            ("DescribeVpnConnection", [("RegionId", Fx.region), ("VpnConnectionId", Fx.transit)]),
            ("DescribeVpnRouteEntries", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway)]),
            ("DescribeVcoRouteEntries", [("RegionId", Fx.region), ("VpnConnectionId", Fx.transit)]),
            ("CreateVpnRouteEntry", CatalogueScenario.create("10.5.0.0/24")),
            ("ModifyVpnRouteEntryWeight", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("RouteDest", "10.5.0.0/24"),
                                           ("NextHop", Fx.connection), ("Weight", "100"), ("NewWeight", "0")]),
            ("PublishVpnRouteEntry", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("RouteDest", "10.5.0.0/24"),
                                      ("NextHop", Fx.connection), ("RouteType", "dbr"), ("PublishVpc", "true")]),
            ("DeleteVpnRouteEntry", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("RouteDest", "10.5.0.0/24"),
                                     ("NextHop", Fx.connection), ("Weight", "0")]),
            ("CreateVcoRouteEntry", [("RegionId", Fx.region), ("VpnConnectionId", Fx.transit), ("RouteDest", "192.168.30.0/24"),
                                     ("Weight", "100"), ("NextHop", Fx.transit)]),
            ("ModifyVcoRouteEntryWeight", [("RegionId", Fx.region), ("VpnConnectionId", Fx.transit), ("RouteDest", "192.168.30.0/24"),
                                           ("NextHop", Fx.transit), ("Weight", "100"), ("NewWeight", "0")]),
            ("DeleteVcoRouteEntry", [("RegionId", Fx.region), ("VpnConnectionId", Fx.transit), ("RouteDest", "192.168.30.0/24"),
                                     ("NextHop", Fx.transit), ("Weight", "0")]),
        ]
        var ids: Set<String> = []
        for (action, params) in calls {
            let r = await h.rpc(action, params)
            #expect(r.status == 200, "\(action): \(r)")
            #expect(r.rule == nil, "\(action)")
            #expect(r.contentType == "application/json;charset=utf-8")
            #expect(!r.keys.contains("Code") && !r.keys.contains("Message"), "\(action): \(r.keys)")
            #expect(r.keys.first == "RequestId")
            let id = try #require(r.json["RequestId"]?.stringValue)
            #expect(isUpperUUID(id), "\(id)")
            #expect(r.requestId == id)
            ids.insert(id)
        }
        #expect(ids.count == calls.count, "RequestIds repeat")
    }

    @Test func errorEnvelopeKeysHostIdRequestIdAndRecommend() async throws {
        let h = try Harness()
        let r = await h.rpc("DescribeVpnGateway", [("RegionId", "nowhere"), ("VpnGatewayId", Fx.gateway)], host: "emulator.test:9000")
        #expect(r.keys == ["RequestId", "HostId", "Code", "Message", "Recommend"])
        let id = try #require(r.json["RequestId"]?.stringValue)
        #expect(isUpperUUID(id))
        #expect(r.requestId == id)
        #expect(r.json["HostId"]?.stringValue == "emulator.test:9000")
        #expect(r.json["Recommend"]?.stringValue == "https://api.aliyun.com/troubleshoot?q=InvalidRegionId.NotFound&product=Vpc&requestId=\(id)")
        #expect(r.text == #"{"RequestId":"\#(id)","HostId":"emulator.test:9000","Code":"InvalidRegionId.NotFound","Message":"The specified region does not exist.","Recommend":"https://api.aliyun.com/troubleshoot?q=InvalidRegionId.NotFound&product=Vpc&requestId=\#(id)"}"#)
        #expect(r.header("x-acs-retry-after") == nil)
        // Without a Host header the service's own name stands in.
        let noHost = await h.rpc("DescribeVpnGateway", [("RegionId", "nowhere")], host: nil)
        #expect(noHost.json["HostId"]?.stringValue == "vpc.aliyuncs.com")
        #expect(noHost.json["RequestId"]?.stringValue != id)
    }
}
