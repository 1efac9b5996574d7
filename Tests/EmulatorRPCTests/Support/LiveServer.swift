#if canImport(Glibc)
import Glibc
#endif
import Foundation
@testable import EmulatorHTTP
@testable import EmulatorRPC

/// The real `HTTPServer` on a free port with the harness's `RPCResponder`.
final class LiveServer: Sendable {
    let server: HTTPServer
    let port: Int

    init(_ harness: Harness, configuration: HTTPServerConfiguration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)) throws {
        server = HTTPServer(configuration: configuration, responder: harness.responder)
        port = try server.start()
    }

    func stop() async { await server.stop() }
}

/// A blocking client on a raw socket with a receive timeout, so a test can never hang.
final class LiveClient {
    struct Failure: Error, CustomStringConvertible { var description: String }

    let fd: Int32
    private var pending: [UInt8] = []
    private var closed = false

    init(port: Int, timeoutSeconds: Int = 5) throws {
        let address = try SocketAddress(host: "127.0.0.1", port: port)
        fd = socket(address.family, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { closed = true; throw Failure(description: "socket: errno \(errno)") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard address.withSockAddr({ connect(fd, $0, $1) }) == 0 else { throw Failure(description: "connect: errno \(errno)") }
    }

    deinit { close() }

    func close() {
        guard !closed else { return }
        closed = true
        Glibc.close(fd)
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "send: errno \(errno)")
            }
            offset += n
        }
    }

    private func fill() throws -> Int {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 { pending.append(contentsOf: chunk[0..<n]); return n }
            if n == 0 { return 0 }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { throw Failure(description: "receive timed out") }
            throw Failure(description: "recv: errno \(errno)")
        }
    }

    /// The next response (Content-Length framed), or nil at end of stream.
    func read() throws -> Reply? {
        var headEnd: Int?
        while headEnd == nil {
            if let r = pending.firstRange(of: [13, 10, 13, 10]) { headEnd = r.upperBound; break }
            if try fill() == 0 {
                if pending.isEmpty { return nil }
                throw Failure(description: "end of stream inside a response head")
            }
        }
        let head = String(decoding: pending[0..<headEnd!], as: UTF8.self)
        pending.removeFirst(headEnd!)
        var lines = head.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, let status = Int(parts[1]) else { throw Failure(description: "bad status line \(statusLine)") }
        var headers = HTTPHeaders()
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw Failure(description: "bad header \(line)") }
            headers.add(name: String(line[..<colon]), value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let length = Int(headers["Content-Length"] ?? "0") ?? 0
        while pending.count < length {
            if try fill() == 0 { throw Failure(description: "end of stream inside a body") }
        }
        let body = Array(pending[0..<length])
        pending.removeFirst(length)
        return Reply(status: status, headers: headers, body: body)
    }

    /// True when the server closed the connection (end of stream with nothing pending).
    func isClosedByPeer() throws -> Bool { try pending.isEmpty && fill() == 0 }
}

extension Harness {
    /// Sends raw bytes to a live server on a new connection and reads one response.
    func live(_ raw: String) async throws -> Reply {
        let server = try LiveServer(self)
        let reply: Reply?
        do {
            let client = try LiveClient(port: server.port)
            try client.send(raw)
            reply = try client.read()
            client.close()
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
        guard let reply else { throw LiveClient.Failure(description: "no response") }
        return reply
    }
}
