import ArgumentParser
// FoundationEssentials, not Foundation: the full Foundation links 34 MB of ICU data into the
// binary (the container image goal is under 120 MB); nothing here needs ICU.
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// `GET /_emulator/ready` (or `/_emulator/health` with `--liveness`) on the local emulator, for
/// container HEALTHCHECKs (no curl needed).
struct HealthCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "healthcheck",
        abstract: "Exit 0 when the emulator on this machine is ready (/_emulator/ready answers 200: started and writes reach the database).")

    @Option(help: "Port (default: VPNGW_PORT, else 8428).") var port: Int?
    @Option(help: "Address to call (default 127.0.0.1).") var host = "127.0.0.1"
    @Option(help: "Timeout in seconds.") var timeout = 3
    @Flag(help: "Check liveness only (/_emulator/health): up, whether or not writes succeed.") var liveness = false

    func run() throws {
        let port = try Environment.integer(self.port, "port", default: 8428)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ExitCode(1) }
        defer { close(fd) }
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &addr.sin_addr) == 1 else { throw ValidationError("--host must be an IPv4 address") }
        let connected = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { print("unhealthy: cannot connect to \(host):\(port)"); throw ExitCode(1) }
        let path = liveness ? "/_emulator/health" : "/_emulator/ready"
        let request = Array("GET \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nConnection: close\r\n\r\n".utf8)
        guard send(fd, request, request.count, Int32(MSG_NOSIGNAL)) == request.count else { throw ExitCode(1) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        var received: [UInt8] = []
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            received += buffer[0..<n]
        }
        let text = String(decoding: received, as: UTF8.self)
        guard text.hasPrefix("HTTP/1.1 200") else {
            print("unhealthy: \(text.split(separator: "\r\n").first ?? "no answer")")
            throw ExitCode(1)
        }
        print("healthy")
    }
}
