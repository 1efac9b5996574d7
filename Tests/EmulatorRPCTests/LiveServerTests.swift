import Testing
import EmulatorHTTP
import VPNCore
@testable import EmulatorRPC

/// The real `HTTPServer` with the `RPCResponder` over a socket (PROTOCOL.md §1).
@Suite struct LiveServerTests {
    static func post(_ pairs: [(String, String)], host: String = "127.0.0.1") -> String {
        "POST /?\(Harness.query(pairs)) HTTP/1.1\r\nHost: \(host)\r\nAccept-Encoding: identity\r\nContent-Length: 0\r\n\r\n"
    }

    @Test func rpcCallsShareAKeepAliveConnection() async throws {
        let h = try Harness { $0.taskDurationMs = 0 }
        let server = try LiveServer(h)
        do {
            let client = try LiveClient(port: server.port)
            let common = [("Action", "DescribeVpnGateway"), ("Version", "2016-04-28"), ("AccessKeyId", Fx.accountKey), ("RegionId", Fx.region)]
            try client.send(Self.post(common + [("VpnGatewayId", Fx.gateway)], host: "127.0.0.1:\(server.port)"))
            let first = try #require(try client.read())
            #expect(first.status == 200)
            #expect(first.json["VpnGatewayId"]?.stringValue == Fx.gateway)
            #expect(first.header("Content-Length") == String(first.body.count))
            #expect(first.header("Connection") == nil)
            #expect(first.contentType == "application/json;charset=utf-8")
            #expect(first.requestId == first.json["RequestId"]?.stringValue)

            // Same connection: an error, then a write in a form body, then a control call.
            try client.send(Self.post(common + [("VpnGatewayId", "vpn-none")], host: "127.0.0.1:\(server.port)"))
            let second = try #require(try client.read())
            #expect(second.status == 404)
            #expect(second.rule == "gateway.not-found")
            #expect(second.json["HostId"]?.stringValue == "127.0.0.1:\(server.port)")

            let form = Harness.query(CatalogueScenario.create("10.5.0.0/24"))
            try client.send("POST /?Action=CreateVpnRouteEntry&Version=2016-04-28 HTTP/1.1\r\nHost: x\r\n"
                            + "Content-Type: application/x-www-form-urlencoded; charset=UTF-8\r\nContent-Length: \(form.utf8.count)\r\n\r\n" + form)
            let third = try #require(try client.read())
            #expect(third.status == 200, "\(third)")
            #expect(third.json["RouteDest"]?.stringValue == "10.5.0.0/24")

            try client.send("GET /_emulator/requests HTTP/1.1\r\nHost: x\r\n\r\n")
            let fourth = try #require(try client.read())
            #expect(fourth.status == 200)
            #expect(fourth.json["requests"]?.arrayValue?.count == 3)
            client.close()
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        let h = try Harness()
        let server = try LiveServer(h)
        do {
            let client = try LiveClient(port: server.port)
            let gateways = [Fx.gateway, "vpn-none", Fx.dualGateway]
            try client.send(gateways.map {
                Self.post([("Action", "DescribeVpnGateway"), ("Version", "2016-04-28"), ("RegionId", Fx.region), ("VpnGatewayId", $0)])
            }.joined())
            var answers: [Reply] = []
            for _ in gateways { answers.append(try #require(try client.read())) }
            #expect(answers.map(\.status) == [200, 404, 200])
            #expect(answers[0].json["VpnGatewayId"]?.stringValue == Fx.gateway)
            #expect(answers[2].json["VpnGatewayId"]?.stringValue == Fx.dualGateway)
            client.close()
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test func aMalformedRequestGetsTheJSONEnvelopeAndTheConnectionCloses() async throws {
        let h = try Harness()
        let server = try LiveServer(h)
        do {
            let client = try LiveClient(port: server.port)
            try client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n")
            let r = try #require(try client.read())
            #expect(r.status == 400)
            #expect(r.code == "MalformedRequest")
            #expect(r.message == "The HTTP request is malformed.")
            #expect(r.rule == "http.framing")
            #expect(r.contentType == "application/json;charset=utf-8")
            #expect(r.header("Connection")?.lowercased() == "close")
            #expect(r.keys == ["RequestId", "HostId", "Code", "Message", "Recommend"])
            #expect(isUpperUUID(r.requestId ?? ""))
            #expect(try client.isClosedByPeer())
            client.close()
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test func formatXMLOverTheWire() async throws {
        let h = try Harness()
        let r = try await h.live(Self.post([("Action", "DescribeVpnGateway"), ("Version", "2016-04-28"), ("RegionId", Fx.region),
                                            ("VpnGatewayId", "vpn-none"), ("Format", "XML")]))
        #expect(r.status == 404)
        #expect(r.header("Content-Type") == "text/xml;charset=utf-8")
        #expect(r.header("x-emulator-rule") == "gateway.not-found")
        #expect(r.text.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?><Error><RequestId>"#))
    }
}
