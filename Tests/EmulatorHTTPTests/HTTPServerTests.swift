#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import EmulatorHTTP

/// Starts a server on port 0 with the echo responder, runs `body`, then stops it gracefully.
func withServer(_ configure: (inout HTTPServerConfiguration) -> Void = { _ in },
                _ body: (HTTPServer, Int, EchoResponder) async throws -> Void) async throws {
    var configuration = HTTPServerConfiguration(headerTimeoutMilliseconds: 2_000, idleTimeoutMilliseconds: 5_000,
                                                shutdownGracePeriodMilliseconds: 2_000,
                                                lingerTimeoutMilliseconds: 500)
    configure(&configuration)
    let responder = EchoResponder()
    let server = HTTPServer(configuration: configuration, responder: responder)
    let port = try server.start()
    do {
        try await body(server, port, responder)
    } catch {
        await server.stop()
        throw error
    }
    await server.stop()
    #expect(server.openConnectionCount == 0)
}

func hasIPv6Loopback() -> Bool {
    let fd = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    guard let address = try? SocketAddress(host: "::1", port: 0) else { return false }
    return address.withSockAddr { bind(fd, $0, $1) } == 0
}

@Suite(.timeLimit(.minutes(1)))
struct HTTPServerTests {
    @Test func keepAliveServesSequentialRequests() async throws {
        try await withServer { _, port, _ in
            let client = try TestClient(port: port)
            client.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\n")
            let first = try #require(try client.readResponse())
            #expect(first.status == 200)
            #expect(first.reason == "OK")
            #expect(first.text == "GET /one\n")
            #expect(first.header("Connection") == nil)
            #expect(first.header("Content-Type") == "text/plain")

            client.send("POST /two HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
            let second = try #require(try client.readResponse())
            #expect(second.text == "POST /two\nhello")
            #expect(second.header("Content-Length") == "15")
        }
    }

    @Test func pipelinedRequestsAnsweredInOrder() async throws {
        try await withServer { _, port, _ in
            let client = try TestClient(port: port)
            client.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
                + "GET /c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let a = try #require(try client.readResponse())
            let b = try #require(try client.readResponse())
            let c = try #require(try client.readResponse())
            #expect([a.text, b.text, c.text] == ["GET /slow\n", "POST /b\nabc", "GET /c\n"])
            #expect(c.header("Connection") == "close")
            #expect(try client.readToEnd().isEmpty)
        }
    }

    @Test func http10ClosesUnlessKeepAlive() async throws {
        try await withServer { _, port, _ in
            let plain = try TestClient(port: port)
            plain.send("GET /a HTTP/1.0\r\n\r\n")
            let response = try #require(try plain.readResponse())
            #expect(response.header("Connection") == "close")
            #expect(try plain.readToEnd().isEmpty)

            let keepAlive = try TestClient(port: port)
            keepAlive.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try keepAlive.readResponse()?.header("Connection") == "keep-alive")
            keepAlive.send("GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try keepAlive.readResponse()?.text == "GET /b\n")
        }
    }

    @Test func headResponseHasLengthButNoBody() async throws {
        try await withServer { _, port, _ in
            let client = try TestClient(port: port)
            client.send("HEAD /abc HTTP/1.1\r\n\r\nGET /d HTTP/1.1\r\n\r\n")
            let head = try #require(try client.readResponse(headRequest: true))
            #expect(head.header("Content-Length") == "10")  // "HEAD /abc\n"
            #expect(head.body.isEmpty)
            #expect(try client.readResponse()?.text == "GET /d\n")
        }
    }

    @Test func expectContinue() async throws {
        try await withServer { _, port, _ in
            let client = try TestClient(port: port)
            client.send("PUT /up HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
            let interim = try #require(try client.readResponse())
            #expect(interim.status == 100)
            client.send("data")
            let final = try #require(try client.readResponse())
            #expect(final.status == 200)
            #expect(final.text == "PUT /up\ndata")
        }
    }

    @Test func largeHeaderUnderLimitAndOverLimit() async throws {
        try await withServer { _, port, _ in
            let ok = try TestClient(port: port)
            ok.send("GET /h HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 20_000))\r\n\r\n")
            #expect(try ok.readResponse()?.status == 200)

            let tooBig = try TestClient(port: port)
            tooBig.send("GET /h HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 70_000))\r\n\r\n")
            let response = try #require(try tooBig.readResponse())
            #expect(response.status == 431)
            #expect(response.reason == "Request Header Fields Too Large")
            #expect(response.text == "error 431")
            #expect(response.header("Connection") == "close")
            #expect(try tooBig.readToEnd().isEmpty)
        }
    }

    @Test func oversizedBodyRefusedBeforeItIsSent() async throws {
        try await withServer { _, port, _ in
            let client = try TestClient(port: port)
            client.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 2097152\r\n\r\n")
            client.send([UInt8](repeating: 0x61, count: 65_536))
            // Only 64 KiB of the 2 MiB sent so far: the answer is already there.
            let response = try #require(try client.readResponse())
            #expect(response.status == 413)
            #expect(response.header("Connection") == "close")
            // The server drains what still comes, then closes; the client is not reset mid-send.
            client.send([UInt8](repeating: 0x61, count: 2_097_152 - 65_536))
            #expect(try client.readToEnd().isEmpty)
        }
    }

    @Test func garbageDoesNotHurtOtherConnections() async throws {
        try await withServer({ $0.headerTimeoutMilliseconds = 300 }) { _, port, _ in
            var generator = SystemRandomNumberGenerator()
            for _ in 0..<3 {
                let junk = try TestClient(port: port)
                junk.send((0..<1000).map { _ in UInt8.random(in: 0...255, using: &generator) })
                // Either an error response or a silent close (header deadline); never a hang.
                let answer = try junk.readToEnd()
                if !answer.isEmpty {
                    let text = String(decoding: answer, as: UTF8.self)
                    #expect(text.hasPrefix("HTTP/1.1 4") || text.hasPrefix("HTTP/1.1 5"))
                }
                let good = try TestClient(port: port)
                good.send("GET /after HTTP/1.1\r\n\r\n")
                #expect(try good.readResponse()?.text == "GET /after\n")
            }
        }
    }

    @Test func halfSentRequestDoesNotBlockOthersAndHitsHeaderDeadline() async throws {
        try await withServer({ $0.headerTimeoutMilliseconds = 300 }) { _, port, _ in
            let stalled = try TestClient(port: port)
            stalled.send("GET /stalled HTTP/1.1\r\nHost: x\r\n")
            let other = try TestClient(port: port)
            other.send("GET /other HTTP/1.1\r\n\r\n")
            #expect(try other.readResponse()?.text == "GET /other\n")
            // Header deadline: closed without any response.
            #expect(try stalled.readToEnd().isEmpty)
            // The keep-alive connection that is merely idle was not affected.
            other.send("GET /again HTTP/1.1\r\n\r\n")
            #expect(try other.readResponse()?.text == "GET /again\n")
        }
    }

    @Test func idleKeepAliveConnectionIsClosedSilently() async throws {
        try await withServer({ $0.idleTimeoutMilliseconds = 200 }) { server, port, _ in
            let client = try TestClient(port: port)
            client.send("GET / HTTP/1.1\r\n\r\n")
            #expect(try client.readResponse()?.status == 200)
            #expect(try client.readToEnd().isEmpty)
            #expect(eventually { server.openConnectionCount == 0 })
        }
    }

    @Test func clientResetMidResponse() async throws {
        try await withServer { server, port, _ in
            let client = try TestClient(port: port)
            client.send("GET /big?n=8000000 HTTP/1.1\r\n\r\n")
            #expect(try client.readSome(1000).count == 1000)
            client.reset()  // RST while the server is still writing megabytes
            let gone = try TestClient(port: port)
            gone.send("GET /slow HTTP/1.1\r\n\r\n")
            gone.reset()  // gone before the response is ready
            #expect(eventually { server.openConnectionCount == 0 })

            let next = try TestClient(port: port)
            next.send("GET /still-here HTTP/1.1\r\n\r\n")
            #expect(try next.readResponse()?.text == "GET /still-here\n")
        }
    }

    /// At the cap with every slot busy (requests arriving for less than the eviction time), a
    /// newcomer gets the 503 envelope and a close.
    @Test func connectionCapAnswers503WhenEveryoneIsBusy() async throws {
        try await withServer({ $0.maxConnections = 2; $0.slowRequestEvictionMilliseconds = 60_000 }) { server, port, _ in
            let first = try TestClient(port: port)
            let second = try TestClient(port: port)
            for client in [first, second] { client.send("GET /partial HTTP/1.1\r\nHost: x\r\n") }   // headers not finished
            #expect(eventually { server.openConnectionCount == 2 })
            let third = try TestClient(port: port)
            third.send("GET / HTTP/1.1\r\n\r\n")
            let refused = try #require(try third.readResponse())
            #expect(refused.status == 503)
            #expect(refused.text == "busy")
            #expect(refused.header("Connection") == "close")
            #expect(try third.readToEnd().isEmpty)

            // Once a slot frees up, new connections are served again.
            first.close()
            third.close()
            #expect(eventually { server.openConnectionCount == 1 })
            let fourth = try TestClient(port: port)
            fourth.send("GET /4 HTTP/1.1\r\n\r\n")
            #expect(try fourth.readResponse()?.status == 200)
        }
    }

    /// At the cap, idle keep-alive connections give way: the longest idle is closed to admit a
    /// newcomer (issue 9: 512 idle connections must not lock new clients out).
    @Test func atTheCapTheLongestIdleKeepAliveConnectionGivesWay() async throws {
        try await withServer({ $0.maxConnections = 2 }) { server, port, _ in
            let first = try TestClient(port: port)
            first.send("GET /1 HTTP/1.1\r\n\r\n")
            #expect(try first.readResponse()?.status == 200)
            usleep(20_000)
            let second = try TestClient(port: port)
            second.send("GET /2 HTTP/1.1\r\n\r\n")
            #expect(try second.readResponse()?.status == 200)
            let third = try TestClient(port: port)
            third.send("GET /3 HTTP/1.1\r\n\r\n")
            #expect(try third.readResponse()?.status == 200)
            #expect(try first.readToEnd().isEmpty, "the longest idle connection was closed")
            second.send("GET /2again HTTP/1.1\r\n\r\n")
            #expect(try second.readResponse()?.text == "GET /2again\n", "the other one is untouched")
            #expect(server.openConnectionCount == 2)
        }
    }

    /// At the cap with no idle connection, a request that has been arriving for longer than the
    /// eviction time (a slow body) gives way to a newcomer.
    @Test func atTheCapASlowRequestGivesWayAfterTheEvictionTime() async throws {
        try await withServer({ $0.maxConnections = 2; $0.slowRequestEvictionMilliseconds = 200 }) { _, port, _ in
            let slow = try TestClient(port: port)
            slow.send("POST /slow HTTP/1.1\r\nContent-Length: 100000\r\n\r\nx")
            usleep(50_000)
            let fresh = try TestClient(port: port)
            fresh.send("POST /fresh HTTP/1.1\r\nContent-Length: 100000\r\n\r\nx")
            usleep(50_000)   // both requests have begun: no connection is idle
            let early = try TestClient(port: port)
            early.send("GET /early HTTP/1.1\r\n\r\n")
            #expect(try early.readResponse()?.status == 503, "nobody has been slow for 200 ms yet")
            usleep(300_000)
            let late = try TestClient(port: port)
            late.send("GET /late HTTP/1.1\r\n\r\n")
            #expect(try late.readResponse()?.status == 200)
            #expect(try slow.readToEnd().isEmpty, "the oldest unfinished request was closed")
        }
    }

    /// The whole request has a deadline, not only the header block: a body that trickles is closed.
    @Test func aTricklingBodyHitsTheRequestDeadline() async throws {
        try await withServer({ $0.requestTimeoutMilliseconds = 300 }) { _, port, _ in
            let client = try TestClient(port: port)
            let start = Date()
            client.send("POST / HTTP/1.1\r\nContent-Length: 1000\r\n\r\n")
            for _ in 0..<3 { client.send("x"); usleep(60_000) }   // progress, but too slow
            #expect(try client.readToEnd().isEmpty)
            #expect(Date().timeIntervalSince(start) < 2)
        }
    }

    @Test func gracefulShutdownFinishesRequestInFlight() async throws {
        let responder = EchoResponder()
        let server = HTTPServer(configuration: HTTPServerConfiguration(shutdownGracePeriodMilliseconds: 5_000),
                                responder: responder)
        let port = try server.start()
        let idle = try TestClient(port: port)
        idle.send("GET /idle HTTP/1.1\r\n\r\n")
        #expect(try idle.readResponse()?.status == 200)

        let busy = try TestClient(port: port)
        busy.send("POST /slow HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi")
        #expect(eventually { responder.received.load(ordering: .relaxed) == 2 })

        let stopped = Flag()
        server.stop { stopped.set() }
        let response = try #require(try busy.readResponse())
        #expect(response.text == "POST /slow\nhi")
        #expect(response.header("Connection") == "close")
        #expect(try busy.readToEnd().isEmpty)
        busy.close()
        #expect(try idle.readToEnd().isEmpty)
        #expect(eventually { stopped.isSet })
        #expect(server.openConnectionCount == 0)
        #expect(throws: TestClient.Failure.self) { try TestClient(port: port) }
    }

    @Test func shutdownGracePeriodBoundsSlowResponders() async throws {
        let responder = EchoResponder()
        let server = HTTPServer(configuration: HTTPServerConfiguration(shutdownGracePeriodMilliseconds: 50),
                                responder: responder)
        let port = try server.start()
        let busy = try TestClient(port: port)
        busy.send("GET /slow HTTP/1.1\r\n\r\n")
        #expect(eventually { responder.received.load(ordering: .relaxed) == 1 })
        await server.stop()
        // Closed after the grace period, before the 200 ms responder finished.
        #expect(try busy.readToEnd().isEmpty)
    }

    @Test(.enabled(if: hasIPv6Loopback()))
    func ipv6Loopback() async throws {
        try await withServer({ $0.host = "::1" }) { _, port, _ in
            let client = try TestClient(port: port, host: "::1")
            client.send("GET /v6 HTTP/1.1\r\n\r\n")
            #expect(try client.readResponse()?.text == "GET /v6\n")
        }
    }

    @Test func localhostAndBindErrors() async throws {
        try await withServer({ $0.host = "localhost" }) { _, port, _ in
            let client = try TestClient(port: port, host: "127.0.0.1")
            client.send("GET / HTTP/1.1\r\n\r\n")
            #expect(try client.readResponse()?.status == 200)

            let clash = HTTPServer(configuration: HTTPServerConfiguration(port: port), responder: EchoResponder())
            #expect(throws: SocketError.makeFailed("bind", errno: EADDRINUSE)) { try clash.start() }
        }
        let bad = HTTPServer(configuration: HTTPServerConfiguration(host: "example.com"), responder: EchoResponder())
        #expect(throws: SocketError.invalidAddress("example.com")) { try bad.start() }
        let started = HTTPServer(responder: EchoResponder())
        try started.start()
        #expect(throws: SocketError.alreadyStarted) { try started.start() }
        await started.stop()
    }
}
