#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import EmulatorHTTP

@Suite struct SocketAddressTests {
    @Test(arguments: [("127.0.0.1", AF_INET), ("0.0.0.0", AF_INET), ("localhost", AF_INET), ("LocalHost", AF_INET),
                      ("::1", AF_INET6), ("::", AF_INET6), ("[::1]", AF_INET6), ("fe80::1", AF_INET6)])
    func parsesLiterals(_ host: String, _ family: Int32) throws {
        #expect(try SocketAddress(host: host, port: 8080).family == family)
    }

    @Test func rejectsNamesAndBadPorts() {
        #expect(throws: SocketError.invalidAddress("example.com")) { try SocketAddress(host: "example.com", port: 80) }
        #expect(throws: SocketError.invalidAddress("256.0.0.1")) { try SocketAddress(host: "256.0.0.1", port: 80) }
        #expect(throws: SocketError.invalidAddress("port 65536")) { try SocketAddress(host: "::1", port: 65536) }
    }

    @Test func socketErrorCapturesErrno() {
        let error = SocketError.makeFailed("bind", errno: EADDRINUSE)
        #expect(error.errorCode == EADDRINUSE)
        #expect(error.description.hasPrefix("bind failed: "))
    }
}
