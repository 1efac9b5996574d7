import EmulatorJSON
import Testing
import VPNCore
@testable import EmulatorRPC

/// `--seed N` (OPERATING.md, PROTOCOL.md §6.3): RequestIds and generated values are a function of
/// N and the order of RPC requests; reset restarts the sequence; control calls consume nothing.
@Suite struct SeedDeterminismTests {
    /// A mixed sequence: successes, errors, a replay, reads; returns every response body.
    static func run(_ h: Harness) async -> [String] {
        var bodies: [String] = []
        bodies.append(await h.describeGateway().text)
        bodies.append(await h.createRoute("10.5.0.0/24", publish: true, extra: [("ClientToken", "seed")]).text)
        bodies.append(await h.createRoute("10.5.0.0/24", publish: true, extra: [("ClientToken", "seed")]).text)
        bodies.append(await h.createRoute("10.6.0.0/24").text)
        bodies.append(await h.createVcoRoute("192.168.30.0/24").text)
        bodies.append(await h.rpc("Nope").text)
        bodies.append(await h.describeRoutes().text)
        bodies.append(await h.rpc("DescribeVcoRouteEntries", [("RegionId", Fx.region), ("VpnConnectionId", Fx.transit), ("Format", "XML")]).text)
        bodies.append(await h.describeGateway().text)
        return bodies
    }

    @Test func twoEmulatorsWithTheSameSeedAnswerByteForByteTheSame() async throws {
        // Different wall clocks: the seeded values must not depend on them.
        let a = try Harness(seed: 42) { $0.taskDurationMs = 0 }
        let b = try Harness(seed: 42, now: Harness.start + 3_600_000) { $0.taskDurationMs = 0 }
        let first = await Self.run(a)
        // Control calls in between consume nothing from the sequence.
        _ = await b.control("GET", "/_emulator/state")
        _ = await b.control("GET", "/_emulator/health")
        let second = await Self.run(b)
        #expect(first == second)
        #expect(Set(first).count == first.count, "every response has its own RequestId")
        #expect(first[1].contains(#""CreateTime":"#))
        let ids = first.compactMap { try? JSONParser.parse($0)["RequestId"]?.stringValue }
        #expect(ids.allSatisfy(isUpperUUID), "\(ids)")
    }

    @Test func anotherSeedOrNoSeedGivesOtherIds() async throws {
        let a = try Harness(seed: 42)
        let b = try Harness(seed: 43)
        let c = try Harness()
        let d = try Harness()
        let ra = await a.describeGateway().requestId, rb = await b.describeGateway().requestId
        let rc = await c.describeGateway().requestId, rd = await d.describeGateway().requestId
        #expect(ra != rb)
        #expect(rc != rd)
        #expect(ra != rc)
    }

    /// Framing errors and connection-cap answers are not RPC calls: they consume nothing.
    @Test func transportErrorsDoNotConsumeTheSequence() async throws {
        let a = try Harness(seed: 42)
        let b = try Harness(seed: 42)
        _ = b.responder.respond(to: .malformed("test"))
        _ = b.responder.respond(to: .bodyTooLarge)
        _ = b.responder.serviceUnavailableResponse()
        let ra = await a.describeGateway().requestId, rb = await b.describeGateway().requestId
        #expect(ra == rb)
    }

    @Test func resetRestartsTheSequence() async throws {
        let h = try Harness(seed: 42) { $0.taskDurationMs = 0 }
        let first = await Self.run(h)
        #expect(await h.control("POST", "/_emulator/reset").status == 200)
        let second = await Self.run(h)
        #expect(first == second)
        // Without reset the sequence continues: a third run differs.
        let third = await Self.run(h)
        #expect(third[0] != first[0])
    }

    @Test func seededCreateTimesAreASequenceIndependentOfTheClock() async throws {
        let h = try Harness(seed: 1) { $0.taskDurationMs = 0 }
        let t1 = await h.createRoute("10.5.0.0/24").json["CreateTime"]?.intValue
        h.advance(123_456)
        let t2 = await h.createVcoRoute("192.168.30.0/24").json["CreateTime"]?.intValue
        let unseeded = try Harness { $0.taskDurationMs = 0 }
        #expect(await unseeded.createRoute("10.5.0.0/24").json["CreateTime"]?.intValue == Harness.start, "without a seed: the clock")
        let first = try #require(t1), second = try #require(t2)
        #expect(second > first)
        #expect(second - first < 123_456)
    }
}
