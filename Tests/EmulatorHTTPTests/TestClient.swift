#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
@testable import EmulatorHTTP

/// A blocking test client on a raw socket, with a receive timeout so a test can never hang.
final class TestClient {
    struct Response {
        var status: Int
        var reason: String
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let fd: Int32
    private var pending: [UInt8] = []
    private var closed = false

    init(port: Int, host: String = "127.0.0.1", receiveTimeout: Double = 5) throws {
        let address = try SocketAddress(host: host, port: port)
        fd = socket(address.family, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else {
            closed = true
            throw Failure(description: "socket: \(errno)")
        }
        var timeout = timeval(tv_sec: Int(receiveTimeout), tv_usec: Int((receiveTimeout - Double(Int(receiveTimeout))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let result = address.withSockAddr { connect(fd, $0, $1) }
        guard result == 0 else {
            // No close here: a class whose init throws after full initialization still runs
            // deinit, which closes the descriptor (closing twice could hit a reused number).
            throw Failure(description: "connect: errno \(errno)")
        }
    }

    deinit { close() }

    func close() {
        guard !closed else { return }
        closed = true
        Glibc.close(fd)
    }

    /// Closes with a reset (SO_LINGER 0) instead of a FIN.
    func reset() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close()
    }

    /// Sends everything; false when the peer is gone (EPIPE / ECONNRESET).
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }

    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// Reads more bytes; 0 on end of stream; throws on timeout or error.
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

    /// The next response, or nil at end of stream before any byte of one.
    func readResponse(headRequest: Bool = false) throws -> Response? {
        var headEnd: Int?
        while true {
            if let range = pending.firstRange(of: [13, 10, 13, 10]) { headEnd = range.upperBound; break }
            if try fill() == 0 {
                if pending.isEmpty { return nil }
                throw Failure(description: "end of stream inside a response head")
            }
        }
        let head = String(decoding: pending[0..<headEnd!], as: UTF8.self)
        pending.removeFirst(headEnd!)
        var lines = head.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0] == "HTTP/1.1", let status = Int(parts[1]) else {
            throw Failure(description: "bad status line: \(statusLine)")
        }
        var response = Response(status: status, reason: parts.count > 2 ? String(parts[2]) : "", headers: [], body: [])
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw Failure(description: "bad header line: \(line)") }
            response.headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        let length = headRequest || status < 200 ? 0 : Int(response.header("Content-Length") ?? "0") ?? 0
        while pending.count < length {
            if try fill() == 0 { throw Failure(description: "end of stream inside a body") }
        }
        response.body = Array(pending[0..<length])
        pending.removeFirst(length)
        return response
    }

    /// Reads until the server closes; the bytes received. Throws on timeout.
    func readToEnd() throws -> [UInt8] {
        while try fill() > 0 {}
        defer { pending = [] }
        return pending
    }

    /// Reads up to `count` bytes (fewer at end of stream).
    func readSome(_ count: Int) throws -> [UInt8] {
        while pending.count < count, try fill() > 0 {}
        let n = min(count, pending.count)
        defer { pending.removeFirst(n) }
        return Array(pending[0..<n])
    }

    func shutdownWrite() { Glibc.shutdown(fd, Int32(SHUT_WR)) }
}

/// Polls `condition` until true or the timeout passes (the test thread may wait; the server never does).
func eventually(timeout: Double = 5, _ condition: () -> Bool) -> Bool {
    let end = Date().addingTimeInterval(timeout)
    while Date() < end {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}

/// A flag shared with a Sendable closure.
final class Flag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .releasing) }
    var isSet: Bool { value.load(ordering: .acquiring) }
}
