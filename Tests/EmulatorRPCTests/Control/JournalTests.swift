import Testing
import EmulatorHTTP
import VPNCore
@testable import EmulatorRPC

/// OPERATING.md: `/_emulator/requests` (the journal) and `/_emulator/metrics`.
@Suite struct JournalTests {
    static let fields = ["time", "action", "params", "accessKeyId", "httpStatus", "code", "rule", "requestId", "durationMs"]

    @Test func entriesHaveTheDocumentedFieldsNewestLast() async throws {
        let h = try Harness()
        let ok = await h.describeGateway()
        h.advance(5)
        let bad = await h.createRoute("10.1.0.0/24", nextHop: Fx.connection2, key: Fx.deniedKey)
        h.advance(5)
        let conflict = await h.createRoute("10.1.0.0/24", nextHop: Fx.connection2)
        _ = await h.control("GET", "/_emulator/state")

        let r = await h.control("GET", "/_emulator/requests")
        #expect(r.status == 200)
        #expect(r.contentType == "application/json;charset=utf-8")
        let entries = try #require(r.json["requests"]?.arrayValue)
        #expect(entries.count == 3, "control calls are not journaled")
        for e in entries { #expect(e.objectValue?.map(\.0) == Self.fields) }

        #expect(entries[0]["time"]?.intValue == Harness.start)
        #expect(entries[0]["action"]?.stringValue == "DescribeVpnGateway")
        #expect(entries[0]["params"] == .object([("RegionId", .string(Fx.region)), ("VpnGatewayId", .string(Fx.gateway))]))
        #expect(entries[0]["accessKeyId"]?.stringValue == Fx.accountKey)
        #expect(entries[0]["httpStatus"]?.intValue == 200)
        #expect(entries[0]["code"] == .null)
        #expect(entries[0]["rule"] == .null)
        #expect(entries[0]["requestId"]?.stringValue == ok.requestId)
        if case .double(let ms)? = entries[0]["durationMs"] { #expect(ms >= 0) } else if case .int(let ms)? = entries[0]["durationMs"] {
            #expect(ms >= 0)
        } else { Issue.record("durationMs is not a number") }

        #expect(entries[1]["time"]?.intValue == Harness.start + 5)
        #expect(entries[1]["accessKeyId"]?.stringValue == Fx.deniedKey)
        #expect(entries[1]["httpStatus"]?.intValue == 403)
        #expect(entries[1]["code"]?.stringValue == "Forbidden")
        #expect(entries[1]["rule"]?.stringValue == "ram.explicit-deny")
        #expect(entries[1]["requestId"]?.stringValue == bad.requestId)
        #expect(entries[2]["code"]?.stringValue == "VpnRouteEntry.Conflict")
        #expect(entries[2]["rule"]?.stringValue == "route.pair.second-active")
        #expect(entries[2]["requestId"]?.stringValue == conflict.requestId)
        #expect(entries[2]["params"]?["RouteDest"]?.stringValue == "10.1.0.0/24")
    }

    @Test func filtersByActionCodeAndLimit() async throws {
        let h = try Harness { $0.taskDurationMs = 0 }
        _ = await h.describeGateway()                       // 1 ok
        _ = await h.createRoute("10.5.0.0/24")              // 2 ok
        _ = await h.createRoute("10.5.0.0/24")              // 3 AlreadyExists
        _ = await h.createRoute("10.6.0.0/24")              // 4 ok
        _ = await h.describeGateway("vpn-none")             // 5 not found
        _ = await h.createRoute("10.5.0.0/24")              // 6 AlreadyExists

        let creates = await h.journal("?action=CreateVpnRouteEntry")
        #expect(creates.count == 4)
        #expect(creates.allSatisfy { $0["action"]?.stringValue == "CreateVpnRouteEntry" })
        let dup = await h.journal("?code=VpnRouteEntry.AlreadyExists")
        #expect(dup.count == 2)
        let both = await h.journal("?action=DescribeVpnGateway&code=InvalidVpnGatewayInstanceId.NotFound")
        #expect(both.count == 1)
        let last2 = await h.journal("?limit=2")
        #expect(last2.map { $0["code"]?.stringValue } == ["InvalidVpnGatewayInstanceId.NotFound", "VpnRouteEntry.AlreadyExists"])
        let lastCreate = await h.journal("?action=CreateVpnRouteEntry&limit=1")
        #expect(lastCreate.count == 1)
        #expect(lastCreate.first?["code"]?.stringValue == "VpnRouteEntry.AlreadyExists")
        #expect(await h.journal("?limit=0").isEmpty)
        #expect(await h.journal("?action=&code=&limit=").count == 6)
        #expect(await h.journal("?action=ModifyVpnRouteEntryWeight").isEmpty)
        #expect(await h.control("GET", "/_emulator/requests?limit=-1").status == 400)
        #expect(await h.control("GET", "/_emulator/requests?limit=abc").status == 400)

        let cleared = await h.control("DELETE", "/_emulator/requests")
        #expect(cleared.status == 200)
        #expect(await h.journal().isEmpty)
    }

    @Test func theJournalNeverHoldsSecretsOrSignatures() async throws {
        let h = try Harness(auth: .verify)
        let requests = [
            h.signedRequest("DescribeVpnGateway", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("SecurityToken", "sts-token-value")]),
            h.signedRequest("CreateVpnRouteEntry", CatalogueScenario.create("10.5.0.0/24")),
            h.signedRequest("CreateVpnRouteEntry", CatalogueScenario.create("10.6.0.0/24"), secret: "WrongSecretValue"),
        ]
        var signatures: [String] = []
        for request in requests {
            _ = await h.send(request)
            let query = request.query
            let pairs = try RPCParameters(query: query, form: nil)
            signatures.append(try #require(pairs["Signature"]))
        }
        let raw = await h.control("GET", "/_emulator/requests").text
        #expect(await h.journal().count == 3)
        for secret in [Fx.accountSecret, "WrongSecretValue", "sts-token-value"] { #expect(!raw.contains(secret), "\(secret) in the journal") }
        for signature in signatures {
            #expect(!raw.contains(signature), "a signature in the journal")
            #expect(!raw.contains(PercentEncoding.encode(signature)))
        }
        for name in ["Signature", "SecurityToken", "SignatureNonce", "Timestamp", "AccessKeySecret"] {
            #expect(!raw.contains("\"\(name)\""), "\(name) in the journal: \(raw)")
        }
        #expect(raw.contains(#""accessKeyId":"LTAI5tEmulatorDefaultKey""#))
    }

    @Test func theJournalIsABoundedRing() async throws {
        let h = try Harness(journalCapacity: 5)
        var ids: [String] = []
        for _ in 0..<7 { ids.append(await h.describeGateway().requestId ?? "?") }
        let entries = await h.journal()
        #expect(entries.count == 5)
        #expect(entries.map { $0["requestId"]?.stringValue ?? "" } == Array(ids.suffix(5)))
    }

    @Test func metricsCountRequestsByActionAndCode() async throws {
        let h = try Harness()
        _ = await h.describeGateway()
        _ = await h.describeGateway()
        _ = await h.createRoute("10.5.0.0/24")
        _ = await h.createRoute("10.6.0.0/24")
        _ = await h.rpc("Nope")
        _ = await h.control("GET", "/_emulator/state")
        let r = await h.control("GET", "/_emulator/metrics")
        #expect(r.status == 200)
        #expect(r.contentType?.hasPrefix("text/plain") == true)
        let lines = r.text.split(separator: "\n").map(String.init)
        #expect(lines.contains(#"vpngw_requests_total{action="DescribeVpnGateway",code=""} 2"#), "\(r.text)")
        #expect(lines.contains(#"vpngw_requests_total{action="CreateVpnRouteEntry",code=""} 1"#))
        #expect(lines.contains(#"vpngw_requests_total{action="CreateVpnRouteEntry",code="VpnGateway.Configuring"} 1"#))
        // An unknown action is counted without its name: clients must not be able to mint series.
        #expect(lines.contains(#"vpngw_requests_total{action="",code="InvalidAction.NotFound"} 1"#))
        #expect(!r.text.contains("Nope"))
        #expect(lines.contains("# TYPE vpngw_requests_total counter"))
        #expect(lines.contains("# TYPE vpngw_request_duration_seconds histogram"))
        #expect(lines.contains(#"vpngw_request_duration_seconds_bucket{le="+Inf"} 5"#))
        #expect(lines.contains("vpngw_request_duration_seconds_count 5"))
        #expect(lines.contains { $0.hasPrefix("vpngw_request_duration_seconds_sum ") })
        // Buckets are cumulative and end at the count.
        let buckets = lines.filter { $0.hasPrefix("vpngw_request_duration_seconds_bucket") }.compactMap { Int($0.split(separator: " ").last!) }
        #expect(buckets == buckets.sorted())
        #expect(buckets.last == 5)
        #expect(lines.contains("vpngw_pending_tasks 1"))
        _ = await h.control("POST", "/_emulator/tasks/complete")
        #expect(await h.control("GET", "/_emulator/metrics").text.contains("\nvpngw_pending_tasks 0\n"))
    }
}
