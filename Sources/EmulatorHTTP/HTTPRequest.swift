/// One parsed HTTP/1.x request, body fully read (chunked bodies already decoded).
public struct HTTPRequest: Sendable {
    public var method: String
    /// The request target as received (origin form: path plus optional `?query`, still encoded).
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

    /// The path part of the target (before `?`), still percent-encoded.
    public var path: Substring {
        if let q = target.firstIndex(of: "?") { return target[..<q] }
        return target[...]
    }

    /// The raw query string (after the first `?`), or "" when there is none.
    public var query: Substring {
        if let q = target.firstIndex(of: "?") { return target[target.index(after: q)...] }
        return ""
    }
}
