#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Foundation
import Synchronization
import Testing
@testable import EmulatorHTTP

/// Issue 9: 0.1.0 died (SIGILL in libdispatch) under connections the *server* closes. Each test
/// opens thousands of short connections from four threads and checks every answer, then that
/// the server still serves and has closed everything. Run repeatedly by `scripts/load/churn`.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct ChurnTests {
    enum Ending { case readToEnd, reset }

    /// One connection: send `request`, then read to the end (or reset right away); the status
    /// of the answer, nil when none came.
    static func exchange(port: Int, _ request: [UInt8], ending: Ending) -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        var tv = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        if ending == .reset {
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0)   // close → RST
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
            return 0
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            if received.count < 64 { received += buffer[0..<n] }
        }
        guard received.count >= 12, received.starts(with: Array("HTTP/1.1 ".utf8)) else { return nil }
        return Int(String(decoding: received[9..<12], as: UTF8.self))
    }

    /// `count` connections from four threads; every answer must have `status` (nil: no answer expected).
    static func churn(port: Int, count: Int, _ request: String, ending: Ending = .readToEnd, status: Int?) -> Int {
        let bytes = Array(request.utf8)
        let wrong = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for _ in 0..<(count / 4) {
                let got = exchange(port: port, bytes, ending: ending)
                if ending == .readToEnd, got != status { wrong.wrappingAdd(1, ordering: .relaxed) }
            }
        }
        return wrong.load(ordering: .relaxed)
    }

    static func stillServes(_ port: Int) -> Bool {
        exchange(port: port, Array("GET /alive HTTP/1.1\r\nConnection: close\r\n\r\n".utf8), ending: .readToEnd) == 200
    }

    @Test func twentyThousandServerClosedConnections() async throws {
        try await withServer { server, port, _ in
            let wrong = Self.churn(port: port, count: 20_000, "GET /churn HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", status: 200)
            #expect(wrong == 0)
            #expect(Self.stillServes(port))
            #expect(eventually { server.openConnectionCount == 0 })
        }
    }

    @Test func framingErrorsThenClose() async throws {
        try await withServer({ $0.maxHeaderBytes = 4096; $0.maxBodyBytes = 1024 }) { server, port, _ in
            #expect(Self.churn(port: port, count: 4_000, "\u{01}garbage\r\n\r\n", status: 400) == 0)
            #expect(Self.churn(port: port, count: 4_000, "POST / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n", status: 413) == 0)
            #expect(Self.churn(port: port, count: 4_000, "GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: 5000) + "\r\n\r\n",
                               status: 431) == 0)
            #expect(Self.stillServes(port))
            #expect(eventually { server.openConnectionCount == 0 })
        }
    }

    @Test func clientsThatResetOrLeaveEarly() async throws {
        try await withServer { server, port, _ in
            _ = Self.churn(port: port, count: 8_000, "GET /reset HTTP/1.1\r\nHost: x\r\n\r\n", ending: .reset, status: nil)
            _ = Self.churn(port: port, count: 4_000, "\u{01}garbage\r\n\r\n", ending: .reset, status: nil)
            #expect(Self.stillServes(port))
            #expect(eventually { server.openConnectionCount == 0 })
        }
    }

    @Test func connectionCapRefusals() async throws {
        try await withServer({ $0.maxConnections = 4; $0.slowRequestEvictionMilliseconds = 60_000 }) { server, port, _ in
            // Four slots held by requests still arriving: every newcomer is refused with 503.
            let holders = try (0..<4).map { _ in try TestClient(port: port) }
            for client in holders { client.send("GET /hold HTTP/1.1\r\n") }
            #expect(eventually { server.openConnectionCount == 4 })
            #expect(Self.churn(port: port, count: 4_000, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", status: 503) == 0)
            holders.forEach { $0.close() }
            #expect(eventually { server.openConnectionCount == 0 })
            #expect(Self.stillServes(port))
        }
    }
}
