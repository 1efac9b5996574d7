import Testing
import EmulatorHTTP
@testable import EmulatorStore
import VPNCore
@testable import EmulatorRPC

/// Inputs a client controls must not crash the process, bypass a rule or grow memory without
/// bound (findings of the code review of the first version, each pinned here).
@Suite struct HostileInputTests {
    /// `%00` decodes to valid UTF-8; SQLite must see the whole text, or a NUL-suffixed NextHop
    /// would pass the duplicate and pair rules and then overwrite the existing route.
    @Test func aNulInsideAValueIsNotCutShortBySQLite() async throws {
        let h = try Harness { $0.taskDurationMs = 0 }
        let r = await h.createRoute("10.1.0.0/24", nextHop: Fx.connection + "\u{0}x", weight: 0)
        #expect(r.code == "InvalidNextHop.NotFound")
        let state = try h.emulator.store.readSync { try $0.gatewayRoutes(gatewayId: Fx.gateway, routeDest: "10.1.0.0/24") }
        #expect(state.first { $0.routeDest == "10.1.0.0/24" }?.weight == 100)
        let missing = await h.rpc("DescribeVpnGateway", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway + "\u{0}junk")])
        #expect(missing.status == 404)
        let created = await h.createRoute("10.44.0.0/24", extra: [("Description", "abc\u{0}def")])
        #expect(created.status == 200)
        let stored = try h.emulator.store.readSync { try $0.gatewayRoutes(gatewayId: Fx.gateway, routeDest: "10.44.0.0/24") }
        #expect(stored.first { $0.routeDest == "10.44.0.0/24" }?.description == "abc\u{0}def")
    }

    @Test func theJournalKeepsOnlyTheOperationsOwnParametersCut() async throws {
        let h = try Harness()
        _ = await h.rpc("DescribeVpnGateway", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway),
                                               ("Junk", String(repeating: "x", count: 100_000))])
        _ = await h.rpc("NoSuchAction", [("Big", String(repeating: "y", count: 100_000))])
        _ = await h.rpc("DescribeVpnGateway", [("RegionId", Fx.region), ("VpnGatewayId", String(repeating: "v", count: 5000))])
        let entries = await h.journal()
        #expect(entries.count == 3)
        #expect(entries[0]["params"] == .object([("RegionId", .string(Fx.region)), ("VpnGatewayId", .string(Fx.gateway))]))
        #expect(entries[1]["params"] == .object([]))
        #expect(entries[2]["params"]?["VpnGatewayId"]?.stringValue == String(repeating: "v", count: 256) + "…")
    }

    /// OPERATING.md: the journal never holds a secret. Pre-shared keys and BGP authentication keys
    /// are replaced, flat or inside a JSON setting, and the rest of the value is kept.
    @Test func theJournalNeverHoldsAPreSharedOrAuthenticationKey() throws {
        let d = try #require(OperationRegistry.operation(named: "CreateVpnConnection")?.descriptor)
        let params = RPCParameters([
            ("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway),
            ("IkeConfig", #"{"IkeVersion":"ikev2","Psk":"hunter2-ike"}"#),
            ("TunnelOptionsSpecification.1.TunnelIkeConfig.Psk", "hunter2-tunnel"),
            ("TunnelOptionsSpecification.1.TunnelIkeConfig.IkeVersion", "ikev1"),
            ("BgpConfig", #"{"nested":[{"AUTHKEY":"hunter2-bgp"}]}"#),
            ("IpsecConfig", #"{"Psk": broken"#),
        ])
        let logged = RequestJournal.businessParameters(params, operation: d)
        let text = logged.map { "\($0.0)=\($0.1)" }.joined(separator: "\n")
        #expect(!text.contains("hunter2"), "\(text)")
        let byName = Dictionary(logged, uniquingKeysWith: { a, _ in a })
        #expect(byName["IkeConfig"] == #"{"IkeVersion":"ikev2","Psk":"***"}"#)
        #expect(byName["TunnelOptionsSpecification.1.TunnelIkeConfig.Psk"] == "***")
        #expect(byName["TunnelOptionsSpecification.1.TunnelIkeConfig.IkeVersion"] == "ikev1")
        #expect(byName["IpsecConfig"] == "***")
        let cgw = try #require(OperationRegistry.operation(named: "CreateCustomerGateway")?.descriptor)
        let cgwLogged = RequestJournal.businessParameters(RPCParameters([("IpAddress", "1.2.3.4"), ("AuthKey", "hunter2")]), operation: cgw)
        #expect(cgwLogged.first { $0.0 == "AuthKey" }?.1 == "***")
        #expect(cgwLogged.first { $0.0 == "IpAddress" }?.1 == "1.2.3.4")
    }

    /// Review of issue 12: list parameters were journaled whole, names uncut, before
    /// authentication (a 1 MiB body of `Tag.N` pairs kept megabytes per entry).
    @Test func aJournalEntryKeepsABoundedPartOfAListParameter() throws {
        let d = try #require(OperationRegistry.operation(named: "TagResources")?.descriptor)
        let longName = "Tag." + String(repeating: "A", count: 100_000)
        let pairs = [("RegionId", Fx.region), (longName, "x")] + (1...5_000).map { ("Tag.\($0).Key", "k\($0)") }
        let logged = RequestJournal.businessParameters(RPCParameters(pairs), operation: d)
        let tags = logged.filter { $0.0.hasPrefix("Tag.") }
        #expect(tags.count == RequestJournal.maxListPairs + 1)
        #expect(tags.last?.0 == "Tag.…" && tags.last?.1 == "\(5_001 - RequestJournal.maxListPairs) more")
        #expect(logged.allSatisfy { $0.0.count <= 257 && $0.1.count <= 257 })
        #expect(logged.contains { $0.0 == "Tag.1.Key" && $0.1 == "k1" })
        #expect(logged.contains { $0.0 == "RegionId" })
    }

    @Test func tagIndexesAreNamedInReceivedOrderAndRefuseLeadingZeros() async throws {
        let h = try Harness()
        for _ in 0..<3 {
            let r = await h.rpc("DescribeVpnGateways", [("RegionId", Fx.region), ("Tag.01.Key", "a"), ("Tag.99.Key", "b"), ("Tag.x.Value", "c")])
            #expect(r.code == "InvalidParameter")
            #expect(r.message == #"The specified parameter "Tag.01.Key" is not valid."#)
        }
    }

    @Test func xmlNeverCarriesControlCharacters() {
        let xml = String(decoding: ResponseFormat.xml.render(.object([("Description", .string("a\u{01}b\u{1F}c\td"))]), root: "R"), as: UTF8.self)
        #expect(xml.hasSuffix("<R><Description>a\u{FFFD}b\u{FFFD}c\td</Description></R>"))
    }

    @Test func rawInvalidUTF8InAFormBodyIsAnEncodingError() async throws {
        let h = try Harness()
        var body = Array("Action=DescribeVpnGateway&Version=2016-04-28&AccessKeyId=\(Fx.accountKey)&RegionId=cn-hangzhou&ResourceGroupId=".utf8)
        body.append(0xFF)
        let r = await h.send(HTTPRequest(method: "POST", target: "/",
                                         headers: HTTPHeaders([("Content-Type", "application/x-www-form-urlencoded")]), body: body))
        #expect(r.status == 400)
        #expect(r.code == "InvalidParameter")
        #expect(r.header("x-emulator-rule") == "param.encoding")
    }

    @Test func rawNonASCIIInTheRequestTargetIsMalformed() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("GET /?Format=\u{FF}x HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        #expect(throws: HTTPRequestError.self) { _ = try parser.next() }
    }

    @Test func aPrepayGatewayAtTheEndOfTimeDoesNotOverflow() async throws {
        let h = try Harness()
        let fixture = #"{"vpnGateways":[{"id":"vpn-endoftime","account":"1234567890123456","region":"cn-hangzhou","vpcId":"vpc-bp1default0000000001","chargeType":"Prepay","createTime":9223372036854775807}]}"#
        #expect(await h.control("POST", "/_emulator/fixtures", body: fixture).status == 200)
        let r = await h.rpc("DescribeVpnGateway", [("RegionId", Fx.region), ("VpnGatewayId", "vpn-endoftime")])
        #expect(r.status == 200)
        #expect(r.json["EndTime"] == .int(Int64.max))
    }

    @Test func expiredClientTokensArePurged() async throws {
        let h = try Harness { $0.taskDurationMs = 0; $0.clientTokenTTLMs = 1000 }
        #expect(await h.createRoute("10.45.0.0/24", extra: [("ClientToken", "old")]).status == 200)
        h.advance(2000)
        #expect(await h.createRoute("10.46.0.0/24", extra: [("ClientToken", "new")]).status == 200)
        let tokens = try h.emulator.store.readSync { r in try r.db.query("SELECT token FROM client_tokens").map { $0.text(0) } }
        #expect(tokens == ["new"])
    }

    /// Issue 11: a request target in absolute form (RFC 9112 §3.2.2) was answered 404.
    @Test func absoluteFormTargetIsAnRPCCall() async throws {
        let h = try Harness()
        let query = "Action=DescribeVpnGateway&Version=2016-04-28&AccessKeyId=\(Fx.accountKey)&RegionId=\(Fx.region)&VpnGatewayId=\(Fx.gateway)"
        let r = await h.send(HTTPRequest(method: "GET", target: "http://vpc.aliyuncs.com/?" + query, headers: HTTPHeaders([("Host", "vpc.aliyuncs.com")])))
        #expect(r.status == 200, "\(r)")
        #expect(r.json["VpnGatewayId"]?.stringValue == Fx.gateway)
    }
}
