import Testing
import EmulatorHTTP
import VPNCore
@testable import EmulatorRPC

/// OPERATING.md "Control API": health, reset, fixtures, state, tasks, config, the control token,
/// unknown paths and methods.
@Suite struct ControlAPITests {
    static let jsonType = "application/json;charset=utf-8"

    // MARK: health

    @Test func healthIsReadyOnlyAfterMarkReady() async throws {
        let h = try Harness(ready: false)
        let starting = await h.control("GET", "/_emulator/health")
        #expect(starting.status != 200)
        #expect(starting.status == 503)
        h.emulator.markReady()
        h.advance(1234)
        _ = await h.describeGateway()
        _ = await h.rpc("Nope")
        _ = await h.control("GET", "/_emulator/state")
        let ok = await h.control("GET", "/_emulator/health")
        #expect(ok.status == 200)
        #expect(ok.contentType == Self.jsonType)
        // OPERATING.md's four keys first, then what the project added (issue 9: the store's state).
        #expect(ok.keys == ["status", "version", "uptimeMs", "requests", "store", "lastWriteError"])
        #expect(ok.json["store"]?.stringValue == "ok" && ok.json["lastWriteError"]?.isNull == true)
        #expect(ok.json["status"]?.stringValue == "ok")
        #expect(ok.json["version"]?.stringValue == Emulator.version)
        #expect(ok.json["uptimeMs"]?.intValue == 1234)
        #expect(ok.json["requests"]?.intValue == 2, "RPC requests only: \(ok.text)")
    }

    // MARK: reset

    @Test func resetRestoresEverything() async throws {
        let h = try Harness(auth: .verify, seed: 7) { $0.taskDurationMs = 1500 }
        let initialState = try h.snapshot()
        let initialConfig = await h.control("PUT", "/_emulator/config", body: "{}")
        #expect(initialConfig.status == 200)

        let request = h.signedRequest("CreateVpnRouteEntry", CatalogueScenario.create("10.5.0.0/24", [("ClientToken", "reset-tok")], publish: "true"),
                                      nonce: "reset-nonce")
        let first = await h.send(request)
        #expect(first.status == 200, "\(first)")
        await h.config(#"{"taskDurationMs":5,"taskCooldownMs":9,"throttle":true,"auth":"off"}"#)
        await h.fault(#"{"action":"DescribeVpnGateway","code":"InternalError","count":3}"#)
        #expect(await h.journal().count == 1)
        #expect(try h.snapshot() != initialState)

        let reset = await h.control("POST", "/_emulator/reset")
        #expect(reset.status == 200)
        #expect(reset.json == .object([("status", .string("reset"))]))

        #expect(try h.snapshot() == initialState, "state")
        #expect(await h.control("GET", "/_emulator/faults").json["faults"] == .array([]), "faults")
        #expect(await h.journal().isEmpty, "journal")
        #expect(await h.control("PUT", "/_emulator/config", body: "{}").text == initialConfig.text, "config")
        // Nonce forgotten, ClientToken forgotten, --seed sequence restarted: the very same signed
        // request answers exactly as the first time (same RequestId, same CreateTime, no replay).
        let again = await h.send(request)
        #expect(again.status == 200, "\(again)")
        #expect(!again.isReplay)
        #expect(again.text == first.text)
        #expect(again.requestId == first.requestId)
    }

    @Test func resetReloadsTheStartupFixturesOnlyAndKeysFollow() async throws {
        let h = try Harness(auth: .verify)
        let added = await h.control("POST", "/_emulator/fixtures", body: """
            {"accounts":[{"id":"3234567890123456","accessKeys":[{"id":"LTAI5tAddedKey","secret":"AddedSecret"}]}]}
            """)
        #expect(added.status == 200, "\(added)")
        let withNewKey = await h.signed("DescribeVpnGateways", [("RegionId", Fx.region)], key: "LTAI5tAddedKey", secret: "AddedSecret")
        #expect(withNewKey.status == 200, "\(withNewKey)")
        #expect(withNewKey.json["TotalCount"]?.intValue == 0, "a new account sees no resource")
        #expect(await h.control("POST", "/_emulator/reset").status == 200)
        let gone = await h.signed("DescribeVpnGateways", [("RegionId", Fx.region)], key: "LTAI5tAddedKey", secret: "AddedSecret")
        #expect(gone.code == "InvalidAccessKeyId.NotFound")
        #expect(await h.signed("DescribeVpnGateways", [("RegionId", Fx.region)]).status == 200)
    }

    // MARK: fixtures

    @Test func fixturesApplyOnTopAndAnswerCounts() async throws {
        let h = try Harness()
        let r = await h.control("POST", "/_emulator/fixtures", body: """
            {"vpnGateways":[{"id":"vpn-bp1added0000000001","account":"1234567890123456","region":"cn-hangzhou",
              "vpcId":"vpc-bp1default0000000001","vSwitchId":"vsw-bp1default000000001","name":"added","internetIp":"47.0.0.9"}],
             "vpnConnections":[{"id":"vco-bp1added0000000001","account":"1234567890123456","region":"cn-hangzhou",
              "attachType":"VPNGW","vpnGatewayId":"vpn-bp1added0000000001"}]}
            """)
        #expect(r.status == 200, "\(r)")
        #expect(r.contentType == Self.jsonType)
        #expect(r.text == #"{"regions":0,"accounts":0,"vpcs":0,"vpnGateways":1,"customerGateways":0,"vpnConnections":1,"vpnRouteEntries":0,"vcoRouteEntries":0}"#)
        let g = await h.describeGateway("vpn-bp1added0000000001")
        #expect(g.json["Name"]?.stringValue == "added")
        #expect(await h.describeGateway().status == 200, "the start-up fixture is still there")
        #expect(await h.createRoute("10.5.0.0/24", nextHop: "vco-bp1added0000000001", gateway: "vpn-bp1added0000000001").status == 200)
    }

    @Test(arguments: [
        (#"{"vpnGateways":[{"id":"vpn-bp1bad","account":"1234567890123456","region":"cn-hangzhou","vpcId":"vpc-missing"}],"regions":["eu-central-1"]}"#,
         "vpnGateways[0].vpcId"),
        (#"{"regions":["eu-central-1"],"vpcs":[{"id":"vpc-x","account":"1234567890123456","region":"eu-central-1","cidrBlock":"10.0.0.0/8","colour":"red"}]}"#,
         "vpcs[0].colour"),
        (#"{"regions":["eu-central-1"],"vpnRouteEntries":[{"vpnGatewayId":"vpn-bp1default0000000001","routeDest":"10.0.0.0/33","nextHop":"vco-bp1default0000000001","weight":100}]}"#,
         "vpnRouteEntries[0].routeDest"),
        (#"{"regions": ["eu-central-1"], "#, ""),
        ("[]", ""),
    ])
    func anInvalidFixtureIs400AndChangesNothing(body: String, path: String) async throws {
        let h = try Harness()
        let before = try h.snapshot()
        let r = await h.control("POST", "/_emulator/fixtures", body: body)
        #expect(r.status == 400, "\(r)")
        #expect(r.json["error"]?.stringValue?.isEmpty == false, "\(r)")
        #expect(r.json["path"]?.stringValue == path, "\(r)")
        #expect(try h.snapshot() == before)
        #expect(await h.rpc("DescribeVpnGateways", [("RegionId", "eu-central-1")]).code == "InvalidRegionId.NotFound")
    }

    // MARK: state

    @Test func theStateRoundTrips() async throws {
        let h = try Harness { $0.taskDurationMs = 0 }
        #expect(await h.createRoute("10.5.0.0/24", publish: true, extra: [("Description", "pub")]).status == 200)
        #expect(await h.createRoute("10.5.0.0/24", nextHop: Fx.connection2, weight: 0, publish: true).status == 200)
        #expect(await h.createVcoRoute("192.168.30.0/24", weight: 0).status == 200)
        let state = await h.control("GET", "/_emulator/state")
        #expect(state.status == 200)
        #expect(state.contentType == Self.jsonType)
        #expect(state.json["vpnRouteEntries"]?.arrayValue?.count == 3)

        let fresh = try Harness(loadFixtures: false)
        let load = await fresh.control("POST", "/_emulator/fixtures", body: state.text)
        #expect(load.status == 200, "\(load)")
        let again = await fresh.control("GET", "/_emulator/state")
        #expect(again.json == state.json)
        // The loaded world behaves the same: the published pair shares one VPC entry.
        let routes = await fresh.describeRoutes().json["VpnRouteEntries"]?["VpnRouteEntry"]?.arrayValue ?? []
        #expect(routes.filter { $0["State"]?.stringValue == "published" }.count == 2)
        #expect(await fresh.createRoute("10.5.0.0/24", nextHop: Fx.dualConnection, publish: true, gateway: Fx.dualGateway).code
                == "OperationFailed.RouteConflict")
    }

    // MARK: tasks

    @Test func tasksListsPendingTasks() async throws {
        let h = try Harness()
        let empty = await h.control("GET", "/_emulator/tasks")
        #expect(empty.status == 200)
        #expect(empty.text == #"{"tasks":[]}"#)
        #expect(await h.createRoute("10.5.0.0/24").status == 200)
        h.advance(10)
        #expect(await h.createVcoRoute("192.168.30.0/24").status == 200)
        let list = await h.control("GET", "/_emulator/tasks")
        #expect(list.text == #"{"tasks":[{"resourceId":"vpn-bp1default0000000001","action":"CreateVpnRouteEntry","endsAt":\#(Harness.start + 1500)},{"resourceId":"vco-bp1transit0000000001","action":"CreateVcoRouteEntry","endsAt":\#(Harness.start + 1510)}]}"#)
        let done = await h.control("POST", "/_emulator/tasks/complete")
        #expect(done.text == #"{"completed":2}"#)
        #expect(await h.control("GET", "/_emulator/tasks").text == #"{"tasks":[]}"#)
    }

    // MARK: config

    @Test func putConfigAnswersTheSettingsInForce() async throws {
        let h = try Harness(auth: .verify)
        let r = await h.control("PUT", "/_emulator/config", body: #"{"taskDurationMs":0,"taskCooldownMs":250,"throttle":true,"auth":"off"}"#)
        #expect(r.status == 200)
        #expect(r.contentType == Self.jsonType)
        #expect(r.json["taskDurationMs"] == .int(0))
        #expect(r.json["taskCooldownMs"] == .int(250))
        #expect(r.json["throttle"] == .bool(true))
        #expect(r.json["auth"] == .string("off"))
        #expect(h.emulator.settings.value.taskCooldownMs == 250)
        // In force: unsigned calls pass, tasks end at once.
        #expect(await h.createRoute("10.5.0.0/24").status == 200)
        #expect(await h.describeGateway().json["Status"]?.stringValue == "active")
        // A partial body changes only what it names.
        let partial = await h.control("PUT", "/_emulator/config", body: #"{"auth":"verify"}"#)
        #expect(partial.json["auth"] == .string("verify"))
        #expect(partial.json["taskCooldownMs"] == .int(250))
        #expect(await h.describeGateway().code == "MissingSignature")
    }

    /// Any non-negative value the config accepts keeps the emulator answering (it used to trap on
    /// `now + duration` overflow and kill the process).
    @Test func theLargestDurationsAreAcceptedAndUsable() async throws {
        let h = try Harness()
        let max = Int64.max
        let r = await h.control("PUT", "/_emulator/config",
                                body: #"{"taskDurationMs":\#(max),"taskCooldownMs":\#(max),"clientTokenTtlMs":\#(max)}"#)
        #expect(r.status == 200, "\(r)")
        let created = await h.createRoute("10.5.0.0/24", extra: [("ClientToken", "forever")])
        #expect(created.status == 200, "\(created)")
        #expect(await h.pendingTasks().first?["endsAt"]?.intValue == max)
        #expect(await h.describeGateway().json["Status"]?.stringValue == "updating")
        #expect(await h.createRoute("10.5.0.0/24", extra: [("ClientToken", "forever")]).isReplay)
        #expect(await h.control("POST", "/_emulator/tasks/complete").json["completed"]?.intValue == 1)
        let cooling = await h.createRoute("10.6.0.0/24")
        #expect(cooling.code == "TaskConflict", "\(cooling)")
    }

    @Test(arguments: [
        #"{"taskDurationMs":-1}"#, #"{"taskCooldownMs":-5}"#, #"{"taskDurationMs":"100"}"#, #"{"taskDurationMs":1.5}"#,
        #"{"throttle":"true"}"#, #"{"throttle":1}"#, #"{"auth":"maybe"}"#, #"{"auth":true}"#, #"{"colour":"red"}"#,
        #"{"taskDurationMs":5,"bogus":1}"#, #"{"taskDurationMs":5,"throttle":null}"#, #"{"taskDurationMs":"#, "[1]", "",
    ])
    func aBadConfigIs400WithAMessageAndChangesNothing(body: String) async throws {
        let h = try Harness()
        let before = h.emulator.settings.value
        let r = await h.control("PUT", "/_emulator/config", body: body)
        #expect(r.status == 400, "\(r)")
        #expect(r.json["error"]?.stringValue?.isEmpty == false, "\(r)")
        #expect(h.emulator.settings.value == before)
    }

    // MARK: control token

    static let endpoints: [(String, String, String?)] = [
        ("POST", "/_emulator/reset", nil),
        ("POST", "/_emulator/fixtures", #"{"regions":["eu-west-1"]}"#),
        ("GET", "/_emulator/state", nil),
        ("POST", "/_emulator/tasks/complete", nil),
        ("GET", "/_emulator/tasks", nil),
        ("PUT", "/_emulator/config", #"{"taskDurationMs":10}"#),
        ("POST", "/_emulator/faults", #"{"code":"InternalError"}"#),
        ("GET", "/_emulator/faults", nil),
        ("DELETE", "/_emulator/faults", nil),
        ("GET", "/_emulator/requests", nil),
        ("DELETE", "/_emulator/requests", nil),
        ("GET", "/_emulator/metrics", nil),
    ]

    @Test func theControlTokenGuardsEveryEndpointButHealth() async throws {
        let h = try Harness(controlToken: "s3cret")
        for (method, path, body) in Self.endpoints {
            let none = await h.control(method, path, body: body)
            #expect(none.status == 401, "\(method) \(path) without a token: \(none)")
            #expect(none.json["error"]?.stringValue?.isEmpty == false)
            let wrong = await h.control(method, path, body: body, token: "guess")
            #expect(wrong.status == 401, "\(method) \(path) with a wrong token")
            var lower = HTTPHeaders([("Authorization", "s3cret")])
            lower.add(name: "Content-Type", value: "application/json")
            let bare = await h.send(HTTPRequest(method: method, target: path, headers: lower, body: Array((body ?? "").utf8)))
            #expect(bare.status == 401, "\(method) \(path) with the token but no Bearer")
        }
        // Nothing happened through the refused calls.
        #expect(h.emulator.faults.list().isEmpty)
        #expect(h.emulator.settings.value.taskDurationMs == 1500)
        for (method, path, body) in Self.endpoints {
            let ok = await h.control(method, path, body: body, token: "s3cret")
            #expect(ok.status == 200 || ok.status == 201, "\(method) \(path) with the token: \(ok)")
        }
        #expect(await h.control("GET", "/_emulator/health").status == 200)
        // RPC calls never need it.
        #expect(await h.describeGateway().status == 200)
    }

    // MARK: unknown paths and methods

    @Test func unknownPathsAre404AndWrongMethods405() async throws {
        let h = try Harness()
        for path in ["/_emulator/nope", "/_emulator", "/_emulator/", "/_emulator/tasks/", "/_emulator/health/x"] {
            let r = await h.control("GET", path)
            #expect(r.status == 404, "\(path): \(r)")
            #expect(r.json["error"]?.stringValue?.isEmpty == false)
            #expect(r.rule == nil, "control answers are not RPC envelopes")
        }
        let wrong: [(String, String)] = [("GET", "/_emulator/reset"), ("POST", "/_emulator/health"), ("DELETE", "/_emulator/state"),
                                         ("POST", "/_emulator/tasks"), ("GET", "/_emulator/tasks/complete"), ("POST", "/_emulator/config"),
                                         ("PUT", "/_emulator/faults"), ("POST", "/_emulator/requests"), ("POST", "/_emulator/metrics"),
                                         ("GET", "/_emulator/fixtures")]
        for (method, path) in wrong {
            let r = await h.control(method, path)
            #expect(r.status == 405, "\(method) \(path): \(r)")
            #expect(r.json["error"]?.stringValue?.isEmpty == false)
        }
        // Control calls are not RPC calls: not journaled.
        #expect(await h.journal().isEmpty)
    }
}
