#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A socket call that failed, with `errno` captured right after it.
public enum SocketError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `type` names the call (`socket`, `bind`, `listen`, ...).
    case failed(type: String, errno: Int32, message: String)
    /// The host is not an IP literal or `localhost`, or the port is out of range.
    case invalidAddress(String)
    /// `start()` was called on a server that was already started (or stopped).
    case alreadyStarted

    /// The error for the call that just failed; reads `errno`, so call it first thing.
    public static func makeFailed(_ type: String) -> SocketError {
        makeFailed(type, errno: errno)
    }

    public static func makeFailed(_ type: String, errno: Int32) -> SocketError {
        .failed(type: type, errno: errno, message: String(cString: strerror(errno)))
    }

    /// The captured errno, when there is one.
    public var errorCode: Int32? {
        if case .failed(_, let errno, _) = self { return errno }
        return nil
    }

    public var description: String {
        switch self {
        case .failed(let type, let errno, let message): return "\(type) failed: \(message) (errno \(errno))"
        case .invalidAddress(let address): return "invalid address: \(address)"
        case .alreadyStarted: return "server already started"
        }
    }
}
