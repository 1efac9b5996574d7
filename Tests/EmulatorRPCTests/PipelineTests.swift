import EmulatorJSON
import Testing
import Foundation
import EmulatorHTTP
@testable import EmulatorStore
import VPNCore
@testable import EmulatorRPC

/// The write pipeline (API.md §2, §6.3, §7, §8): atomic failures, ClientToken, DryRun, tasks.
@Suite struct PipelineTests {
    static func token(_ t: String) -> [(String, String)] { [("ClientToken", t)] }

    /// A body without its RequestId (replays answer the stored body with a new one).
    static func withoutRequestId(_ r: Reply) -> [String] {
        (r.json.objectValue ?? []).filter { $0.0 != "RequestId" }.map { $0.0 + "=" + JSONValue.object([$0]).serialized() }
    }

    // MARK: Failures change nothing

    @Test(arguments: [
        #"{"action":"CreateVpnRouteEntry","code":"InternalError"}"#,
        #"{"action":"CreateVpnRouteEntry","code":"ServiceUnavailable"}"#,
        #"{"code":"Throttling","httpStatus":500}"#,
        #"{"action":"CreateVpnRouteEntry","code":"TaskConflict","retryAfterMs":10}"#,
    ])
    func anInjectedFaultHasNoSideEffect(fault: String) async throws {
        let h = try Harness()
        await h.fault(fault)
        let before = try h.snapshot()
        let r = await h.createRoute("10.5.0.0/24", publish: true, extra: Self.token("fault-tok"))
        #expect(r.rule == "fault.injected")
        #expect(r.status >= 400)
        #expect(try h.snapshot() == before)
        #expect(await h.pendingTasks().isEmpty)
        // The token was not remembered: the same call now executes (no replay header) and starts a task.
        let again = await h.createRoute("10.5.0.0/24", publish: true, extra: Self.token("fault-tok"))
        #expect(again.status == 200, "\(again)")
        #expect(!again.isReplay)
        #expect(await h.pendingTasks().count == 1)
    }

    @Test func writeFailuresAtEveryOperationStageLeaveTheDatabaseUnchanged() async throws {
        let h = try Harness { $0.quotaVPCRoutes = 3 }
        // Each request fails at a later stage than the previous one; none may leave a trace.
        let failing: [[(String, String)]] = [
            CatalogueScenario.create("10.5.0.0/24", Self.token("a")).filter { $0.0 != "NextHop" },       // 9
            CatalogueScenario.create("10.5.0.0/24", Self.token("a"), weight: "7"),                         // 10
            CatalogueScenario.create("10.5.0.0/24", Self.token("a")).map { $0.0 == "RegionId" ? ($0.0, "xx") : $0 }, // 11
            CatalogueScenario.create("10.5.0.0/24", Self.token("a"), gateway: "vpn-none"),                 // 13
            CatalogueScenario.create("10.5.0.0/24", Self.token("a"), nextHop: Fx.lockedConnection, gateway: Fx.lockedGateway), // 14
            CatalogueScenario.create("10.1.0.0/24", Self.token("a"), nextHop: Fx.connection2),             // 15 (pair)
            CatalogueScenario.create("10.10.0.0/16", Self.token("a"), publish: "true"),                    // 15 (VPC table)
            CatalogueScenario.create("10.5.0.0/24", Self.token("a") + [("DryRun", "true")], publish: "true"), // 16
        ]
        let before = try h.snapshot()
        for params in failing {
            let r = await h.rpc("CreateVpnRouteEntry", params)
            #expect(r.status >= 400, "\(r)")
            #expect(try h.snapshot() == before, "\(r)")
        }
        #expect(await h.pendingTasks().isEmpty)
        // The VPC table holds 2 fixture entries and allows 3: one publish fills it, the next one fails
        // without touching anything.
        #expect(await h.createRoute("10.5.0.0/24", publish: true).status == 200)
        h.advance(1500)
        let full = try h.snapshot()
        let r = await h.createRoute("10.6.0.0/24", publish: true)
        #expect(r.code == "QuotaExceeded.VpnRouteEntry")
        #expect(try h.snapshot() == full)
    }

    // MARK: DryRun

    @Test func dryRunRunsEveryCheckAndChangesNothing() async throws {
        let h = try Harness()
        let before = try h.snapshot()
        let passed = await h.createRoute("10.5.0.0/24", publish: true, extra: [("DryRun", "true")] + Self.token("dry"))
        #expect(passed.code == "DryRunOperation")
        #expect(passed.rule == "dryrun.passed")
        #expect(passed.status == 400)
        let failed = await h.createRoute("10.1.0.0/24", extra: [("DryRun", "True")])
        #expect(failed.code == "VpnRouteEntry.AlreadyExists", "DryRun still runs the business rules")
        let vco = await h.createVcoRoute("192.168.10.0/24", extra: [("DryRun", "TRUE")])
        #expect(vco.code == "VpnRouteEntry.AlreadyExists")
        let vcoPassed = await h.createVcoRoute("192.168.30.0/24", extra: [("DryRun", "true")])
        #expect(vcoPassed.code == "DryRunOperation")
        #expect(try h.snapshot() == before)
        #expect(await h.pendingTasks().isEmpty)
        // Not remembered: the token is free, although DryRun is a business parameter.
        let real = await h.createRoute("10.5.0.0/24", publish: true, extra: Self.token("dry"))
        #expect(real.status == 200, "\(real)")
        #expect(!real.isReplay)
    }

    // MARK: ClientToken

    @Test func aReplayAnswersTheStoredBodyWithANewRequestIdAndNoSideEffect() async throws {
        let h = try Harness()
        let first = await h.createRoute("10.5.0.0/24", publish: true, extra: [("Description", "d")] + Self.token("tok-1"))
        #expect(first.status == 200)
        #expect(!first.isReplay)
        let tasks = await h.pendingTasks()
        #expect(tasks.count == 1)
        h.advance(500)
        let afterFirst = try h.snapshot()
        // Same business parameters, normalised: True = true, unknown and Owner* parameters ignored.
        let replay = await h.createRoute("10.5.0.0/24", publish: true,
                                         extra: [("Description", "d"), ("OwnerId", "42"), ("Unknown", "x"), ("OverlayMode", "Ipsec")] + Self.token("tok-1"))
        #expect(replay.status == 200, "\(replay)")
        #expect(replay.isReplay)
        #expect(replay.header("x-emulator-idempotent-replay") == "true")
        #expect(replay.requestId != first.requestId)
        #expect(replay.json["RequestId"]?.stringValue == replay.requestId)
        #expect(Self.withoutRequestId(replay) == Self.withoutRequestId(first))
        #expect(replay.json.objectValue?.map(\.0) == first.json.objectValue?.map(\.0))
        #expect(try h.snapshot() == afterFirst, "a replay changed the database")
        #expect(await h.pendingTasks() == tasks, "a replay started a task")
        // The gateway is still updating, the replay is answered anyway (stage 12 before 14).
        #expect(await h.describeGateway().json["Status"]?.stringValue == "updating")
        // After the route is deleted the replay still answers the stored success (stage 12 before 13).
        h.advance(1000)
        let delete = await h.rpc("DeleteVpnRouteEntry", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("RouteDest", "10.5.0.0/24"),
                                                         ("NextHop", Fx.connection), ("Weight", "100")])
        #expect(delete.status == 200, "\(delete)")
        let late = await h.createRoute("10.5.0.0/24", publish: true, extra: [("Description", "d")] + Self.token("tok-1"))
        #expect(late.isReplay)
        #expect(Self.withoutRequestId(late) == Self.withoutRequestId(first))
        #expect(!(await h.describeRoutes().text.contains("10.5.0.0/24")))
    }

    /// Review of issue 12: the stored fingerprint was the parameters' text (up to the body's
    /// size, kept 24 h); now a SHA-256 digest. A token stored as text by 0.2.0 still replays.
    @Test func theStoredFingerprintIsADigestAndTextOnesStillReplay() async throws {
        let h = try Harness()
        let params = [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("RouteDest", "10.5.0.0/24"), ("NextHop", Fx.connection),
                      ("Weight", "100"), ("PublishVpc", "false"), ("ClientToken", "legacy")]
        #expect(await h.rpc("CreateVpnRouteEntry", params).status == 200)
        let stored = try h.emulator.store.readSync { r in try r.db.query("SELECT fingerprint FROM client_tokens").map { $0.text(0) } }
        #expect(stored.count == 1 && stored[0].hasPrefix("sha256:") && stored[0].count == 7 + 64, "\(stored)")
        let specs = try #require(OperationRegistry.operation(named: "CreateVpnRouteEntry")?.descriptor.parameters)
        let input = try OperationInput.validate(RPCParameters(params), specs: specs)
        #expect(input.fingerprint == stored.first && input.fingerprintText.contains("RouteDest=10.5.0.0/24"))
        // As 0.2.0 stored it: the text itself.
        let text = input.fingerprintText
        _ = await withCheckedContinuation { (c: CheckedContinuation<Bool, Never>) in
            h.emulator.store.write({ r in try r.db.execute("UPDATE client_tokens SET fingerprint = ?", [.text(text)]) },
                                   completion: { c.resume(returning: (try? $0.get()) != nil) })
        }
        let replay = await h.rpc("CreateVpnRouteEntry", params)
        #expect(replay.status == 200 && replay.isReplay, "\(replay)")
        let other = await h.rpc("CreateVpnRouteEntry", params.map { $0.0 == "Weight" ? ($0.0, "0") : $0 })
        #expect(other.code == "IdempotenceParamNotMatch", "\(other)")
        // Without a ClientToken nothing is computed.
        #expect(try OperationInput.validate(RPCParameters(params.dropLast()), specs: specs).fingerprint.isEmpty)
    }

    @Test func blankOptionalParametersCompareAsTheirDefaults() async throws {
        let h = try Harness()
        let first = await h.createRoute("10.5.0.0/24", extra: Self.token("norm"))
        #expect(first.status == 200)
        let blank = await h.createRoute("10.5.0.0/24", extra: [("Description", ""), ("DryRun", "False"), ("OverlayMode", "")] + Self.token("norm"))
        #expect(blank.isReplay, "\(blank)")
        let leadingZero = await h.rpc("CreateVpnRouteEntry", CatalogueScenario.create("10.5.0.0/24", Self.token("norm"), weight: "0100", publish: "FALSE"))
        #expect(leadingZero.isReplay, "\(leadingZero)")
    }

    @Test func aDifferentBusinessParameterIsAMismatch() async throws {
        let h = try Harness { $0.taskDurationMs = 0 }
        #expect(await h.createRoute("10.5.0.0/24", extra: Self.token("mm")).status == 200)
        let before = try h.snapshot()
        for extra in [[("Description", "other")], [("DryRun", "true")]] {
            let r = await h.createRoute("10.5.0.0/24", extra: extra + Self.token("mm"))
            #expect(r.code == "IdempotenceParamNotMatch", "\(r)")
            #expect(r.rule == "token.mismatch")
            #expect(r.message == "Request uses a client token in a previous request but is not identical to that request.")
        }
        let weight = await h.createRoute("10.5.0.0/24", weight: 0, extra: Self.token("mm"))
        #expect(weight.code == "IdempotenceParamNotMatch")
        #expect(try h.snapshot() == before)
    }

    @Test func tokensAreKeyedByAccountAndAction() async throws {
        let h = try Harness { $0.taskDurationMs = 0 }
        #expect(await h.createRoute("10.5.0.0/24", extra: Self.token("k")).status == 200)
        // Another action with the same token executes normally.
        let delete = await h.rpc("DeleteVpnRouteEntry", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("RouteDest", "10.5.0.0/24"),
                                                         ("NextHop", Fx.connection), ("Weight", "100")] + Self.token("k"))
        #expect(delete.status == 200)
        #expect(!delete.isReplay)
        // Another account with the same token executes normally on its own gateway.
        let other = await h.createRoute("10.5.0.0/24", nextHop: Fx.otherConnection, gateway: Fx.otherGateway, key: Fx.otherKey,
                                        extra: Self.token("k"))
        #expect(other.status == 200, "\(other)")
        #expect(!other.isReplay)
        // A RAM user of the first account shares its tokens (the key is the account).
        let ram = await h.rpc("DeleteVpnRouteEntry", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("RouteDest", "10.5.0.0/24"),
                                                      ("NextHop", Fx.connection), ("Weight", "100")] + Self.token("k"), key: Fx.deniedKey)
        #expect(ram.isReplay, "\(ram)")
    }

    @Test func failedCallsAreNotRemembered() async throws {
        let h = try Harness { $0.taskDurationMs = 0 }
        let fail = await h.createRoute("10.7.0.0/24", nextHop: Fx.pendingVpcConnection, publish: true, gateway: Fx.pendingVpcGateway,
                                       extra: Self.token("g"))
        #expect(fail.code == "IncorrectVpcStatus")
        // Same token, same parameters but publish=false: not a mismatch, the failure was forgotten.
        let retry = await h.createRoute("10.7.0.0/24", nextHop: Fx.pendingVpcConnection, publish: false, gateway: Fx.pendingVpcGateway,
                                        extra: Self.token("g"))
        #expect(retry.status == 200, "\(retry)")
        #expect(!retry.isReplay)
    }

    @Test func aTokenExpiresAfterItsTTL() async throws {
        let h = try Harness { $0.clientTokenTTLMs = 10_000; $0.taskDurationMs = 0 }
        let first = await h.createRoute("10.5.0.0/24", extra: Self.token("ttl"))
        #expect(first.status == 200)
        _ = await h.rpc("DeleteVpnRouteEntry", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("RouteDest", "10.5.0.0/24"),
                                                ("NextHop", Fx.connection), ("Weight", "100")])
        h.advance(9_999)
        #expect(await h.createRoute("10.5.0.0/24", extra: Self.token("ttl")).isReplay)
        h.advance(2)
        let fresh = await h.createRoute("10.5.0.0/24", extra: Self.token("ttl"))
        #expect(fresh.status == 200, "\(fresh)")
        #expect(!fresh.isReplay)
        #expect(fresh.json["CreateTime"]?.intValue == Harness.start + 10_001)
        // Remembered again from this success.
        #expect(await h.createRoute("10.5.0.0/24", extra: Self.token("ttl")).isReplay)
    }

    @Test func sixteenConcurrentCallsWithOneTokenExecuteOnce() async throws {
        let h = try Harness()
        let replies = await withTaskGroup(of: Reply.self) { group in
            for _ in 0..<16 { group.addTask { await h.createRoute("10.5.0.0/24", publish: true, extra: Self.token("burst")) } }
            var out: [Reply] = []
            for await r in group { out.append(r) }
            return out
        }
        #expect(replies.allSatisfy { $0.status == 200 }, "\(replies.filter { $0.status != 200 })")
        #expect(replies.filter { !$0.isReplay }.count == 1)
        #expect(Set(replies.compactMap(\.requestId)).count == 16)
        #expect(Set(replies.map { Self.withoutRequestId($0) }).count == 1)
        #expect(await h.pendingTasks().count == 1)
        let routes = await h.describeRoutes().json["VpnRouteEntries"]?["VpnRouteEntry"]?.arrayValue ?? []
        #expect(routes.filter { $0["RouteDest"]?.stringValue == "10.5.0.0/24" }.count == 1)
    }

    @Test func readsCheckTheTokenFormatButNeverReplay() async throws {
        let h = try Harness()
        let params = [("RegionId", Fx.region), ("VpnConnectionId", Fx.transit)]
        let bad = await h.rpc("DescribeVcoRouteEntries", params + Self.token(String(repeating: "x", count: 65)))
        #expect(bad.code == "IllegalParam.ClientToken")
        let nonASCII = await h.rpc("DescribeVcoRouteEntries", params + Self.token("tök"))
        #expect(nonASCII.code == "IllegalParam.ClientToken")
        let first = await h.rpc("DescribeVcoRouteEntries", params + Self.token("read"))
        let second = await h.rpc("DescribeVcoRouteEntries", params + [("PageSize", "1")] + Self.token("read"))
        #expect(first.status == 200 && second.status == 200)
        #expect(!first.isReplay && !second.isReplay)
        #expect(second.json["PageSize"]?.intValue == 1)
        #expect(try h.emulator.store.readSync { try $0.db.query("SELECT COUNT(*) FROM client_tokens").first?.int(0) } == 0)
    }

    @Test func resetForgetsTokens() async throws {
        let h = try Harness()
        #expect(await h.createRoute("10.5.0.0/24", extra: Self.token("r")).status == 200)
        #expect(await h.control("POST", "/_emulator/reset").status == 200)
        let after = await h.createRoute("10.5.0.0/24", extra: Self.token("r"))
        #expect(after.status == 200)
        #expect(!after.isReplay)
    }

    // MARK: Tasks

    @Test func aGatewayIsUpdatingUntilTheTaskDurationPasses() async throws {
        let h = try Harness()
        #expect(await h.describeGateway().json["Status"]?.stringValue == "active")
        #expect(await h.createRoute("10.5.0.0/24").status == 200)
        #expect(await h.describeGateway().json["Status"]?.stringValue == "updating")
        let tasks = await h.pendingTasks()
        #expect(tasks == [.object([("resourceId", .string(Fx.gateway)), ("action", .string("CreateVpnRouteEntry")),
                                   ("endsAt", .int(Harness.start + 1500))])])
        // The route is visible at once with its final state.
        #expect(await h.describeRoutes().text.contains(#""RouteDest":"10.5.0.0/24""#))
        h.advance(1499)
        #expect(await h.describeGateway().json["Status"]?.stringValue == "updating")
        let busy = await h.createRoute("10.6.0.0/24")
        #expect(busy.code == "VpnGateway.Configuring")
        // A no-change write still meets the state check.
        let noop = await h.rpc("ModifyVpnRouteEntryWeight", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("RouteDest", "10.1.0.0/24"),
                                                             ("NextHop", Fx.connection), ("Weight", "100"), ("NewWeight", "100")])
        #expect(noop.code == "VpnGateway.Configuring")
        h.advance(1)
        #expect(await h.describeGateway().json["Status"]?.stringValue == "active")
        #expect(await h.pendingTasks().isEmpty)
        #expect(await h.createRoute("10.6.0.0/24").status == 200)
        // Other gateways and connections never changed.
        #expect(await h.describeGateway(Fx.dualGateway).json["Status"]?.stringValue == "active")
        #expect(await h.describeConnection().json["State"]?.stringValue == "attached")
    }

    @Test func aTransitConnectionIsUpdatingUntilItsTaskEnds() async throws {
        let h = try Harness { $0.taskDurationMs = 300 }
        #expect(await h.createVcoRoute("192.168.30.0/24").status == 200)
        #expect(await h.describeConnection().json["State"]?.stringValue == "updating")
        #expect(await h.describeGateway().json["Status"]?.stringValue == "active")
        #expect(await h.pendingTasks().first?["endsAt"]?.intValue == Harness.start + 300)
        h.advance(300)
        #expect(await h.describeConnection().json["State"]?.stringValue == "attached")
    }

    @Test func tasksCompleteOnRequest() async throws {
        let h = try Harness { $0.taskDurationMs = 60_000 }
        #expect(await h.createRoute("10.5.0.0/24").status == 200)
        #expect(await h.createVcoRoute("192.168.30.0/24").status == 200)
        #expect(await h.pendingTasks().count == 2)
        let done = await h.control("POST", "/_emulator/tasks/complete")
        #expect(done.status == 200)
        #expect(done.json == .object([("completed", .int(2))]))
        #expect(await h.pendingTasks().isEmpty)
        #expect(await h.describeGateway().json["Status"]?.stringValue == "active")
        #expect(await h.describeConnection().json["State"]?.stringValue == "attached")
        #expect(await h.control("POST", "/_emulator/tasks/complete").json["completed"]?.intValue == 0)
        #expect(await h.createRoute("10.6.0.0/24").status == 200)
    }

    @Test func aZeroDurationNeverShowsUpdating() async throws {
        let h = try Harness { $0.taskDurationMs = 0 }
        #expect(await h.createRoute("10.5.0.0/24").status == 200)
        #expect(await h.describeGateway().json["Status"]?.stringValue == "active")
        #expect(await h.pendingTasks().isEmpty)
        #expect(await h.createRoute("10.6.0.0/24").status == 200)
    }

    @Test func theConfiguredDurationAppliesToNewTasks() async throws {
        let h = try Harness()
        #expect(await h.createRoute("10.5.0.0/24").status == 200)
        await h.config(#"{"taskDurationMs":100}"#)
        #expect(await h.createVcoRoute("192.168.30.0/24").status == 200)
        let ends = Dictionary(uniqueKeysWithValues: await h.pendingTasks().map { ($0["resourceId"]!.stringValue!, $0["endsAt"]!.intValue!) })
        #expect(ends == [Fx.gateway: Harness.start + 1500, Fx.transit: Harness.start + 100])
    }

    @Test func cooldownFollowsTheEndOfATaskHoweverItEnded() async throws {
        let h = try Harness { $0.taskDurationMs = 1000; $0.taskCooldownMs = 500 }
        #expect(await h.createRoute("10.5.0.0/24").status == 200)
        h.advance(1000)
        #expect(await h.describeGateway().json["Status"]?.stringValue == "active", "reads see active during the cooldown")
        let conflict = await h.createRoute("10.6.0.0/24")
        #expect(conflict.code == "TaskConflict")
        #expect(conflict.rule == "gateway.state.cooldown")
        #expect(conflict.message == "The operation is too frequent, please wait a moment and try again.")
        h.advance(499)
        #expect(await h.createRoute("10.6.0.0/24").code == "TaskConflict")
        h.advance(1)
        #expect(await h.createRoute("10.6.0.0/24").status == 200)
        // Ended by tasks/complete: the cooldown starts then.
        h.advance(100)
        #expect(await h.control("POST", "/_emulator/tasks/complete").json["completed"]?.intValue == 1)
        #expect(await h.createRoute("10.7.0.0/24").code == "TaskConflict")
        h.advance(500)
        #expect(await h.createRoute("10.7.0.0/24").status == 200)
    }

    @Test func writesThatChangeNothingStartNoTask() async throws {
        let h = try Harness { $0.taskCooldownMs = 1000 }
        let modify = await h.rpc("ModifyVpnRouteEntryWeight", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("RouteDest", "10.1.0.0/24"),
                                                               ("NextHop", Fx.connection), ("Weight", "100"), ("NewWeight", "100")])
        #expect(modify.status == 200)
        let publish = await h.rpc("PublishVpnRouteEntry", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("RouteDest", "10.1.0.0/24"),
                                                           ("NextHop", Fx.connection), ("RouteType", "dbr"), ("PublishVpc", "false")])
        #expect(publish.status == 200)
        let vco = await h.rpc("ModifyVcoRouteEntryWeight", [("RegionId", Fx.region), ("VpnConnectionId", Fx.transit), ("RouteDest", "192.168.10.0/24"),
                                                            ("NextHop", Fx.transit), ("Weight", "100"), ("NewWeight", "100")])
        #expect(vco.status == 200)
        #expect(await h.pendingTasks().isEmpty)
        // And no cooldown either.
        #expect(await h.createRoute("10.5.0.0/24").status == 200)
        #expect(await h.createVcoRoute("192.168.30.0/24").status == 200)
    }

    @Test func aPersistedTaskCompletesAcrossARestart() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vpngw-rpc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("emulator.sqlite").path

        let first = try Harness(path: path)
        let created = await first.createRoute("10.5.0.0/24", publish: true, extra: Self.token("persist"))
        #expect(created.status == 200)
        #expect(await first.describeGateway().json["Status"]?.stringValue == "updating")
        first.emulator.store.close()

        // Restarted before the end: still updating, same end time.
        let early = try Harness(path: path, now: Harness.start + 100, loadFixtures: false)
        #expect(await early.describeGateway().json["Status"]?.stringValue == "updating")
        #expect(await early.pendingTasks().first?["endsAt"]?.intValue == Harness.start + 1500)
        early.emulator.store.close()

        // Restarted after the end: complete, the route and the ClientToken are still there.
        let late = try Harness(path: path, now: Harness.start + 2000, loadFixtures: false)
        #expect(await late.describeGateway().json["Status"]?.stringValue == "active")
        #expect(await late.pendingTasks().isEmpty)
        #expect(await late.describeRoutes().text.contains(#""RouteDest":"10.5.0.0/24""#))
        let replay = await late.createRoute("10.5.0.0/24", publish: true, extra: Self.token("persist"))
        #expect(replay.isReplay)
        #expect(Self.withoutRequestId(replay) == Self.withoutRequestId(created))
        late.emulator.store.close()
    }
}
