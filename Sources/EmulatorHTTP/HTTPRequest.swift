/// One parsed HTTP/1.x request, body fully read (chunked bodies already decoded).
public struct HTTPRequest: Sendable {
    public var method: String
    /// The request target as received: origin form (`/path?query`), or absolute form
    /// (`http://host:port/path?query`, RFC 9112 §3.2.2), still encoded; `path` and `query` read
    /// the origin part of either.
    public var target: String
    /// `HTTP/1.1` or `HTTP/1.0`.
    public var version: String
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The peer address as text (for logs), e.g. `127.0.0.1:53122`.
    public var remoteAddress: String

    public init(method: String, target: String, version: String = "HTTP/1.1",
                headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [], remoteAddress: String = "") {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// The origin part of the target: the target itself in origin form; in absolute form
    /// (RFC 9112 §3.2.2: a server MUST accept it) what follows the scheme and authority, with
    /// an empty path read as `/` (RFC 9112 §3.2.1).
    /// The scheme follows RFC 3986 §3.1: `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`.
    public var origin: Substring {
        guard let scheme = target.firstIndex(of: ":"), Self.isScheme(target[..<scheme].utf8),
              target[scheme...].hasPrefix("://") else { return target[...] }
        let authorityStart = target.index(scheme, offsetBy: 3)
        guard let end = target[authorityStart...].firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
        return target[end...]
    }

    private static func isScheme(_ bytes: Substring.UTF8View) -> Bool {
        func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        guard let first = bytes.first, isAlpha(first) else { return false }
        return bytes.dropFirst().allSatisfy { isAlpha($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E }
    }

    /// The path part of the target (before `?`), still percent-encoded; `/` when an absolute-form
    /// target has an empty path.
    public var path: Substring {
        let origin = self.origin
        if let q = origin.firstIndex(of: "?") { return q == origin.startIndex ? "/" : origin[..<q] }
        return origin
    }

    /// The raw query string (after the first `?`), or "" when there is none.
    public var query: Substring {
        let origin = self.origin
        if let q = origin.firstIndex(of: "?") { return origin[origin.index(after: q)...] }
        return ""
    }
}
