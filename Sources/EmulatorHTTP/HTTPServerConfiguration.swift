/// Settings of an `HTTPServer`. Timeouts are in milliseconds so tests can use small values.
public struct HTTPServerConfiguration: Sendable, Equatable {
    /// Address to bind exactly: an IPv4 or IPv6 literal (`127.0.0.1`, `0.0.0.0`, `::1`, `::`,
    /// optionally in brackets) or `localhost` (bound as `127.0.0.1`).
    public var host: String
    /// TCP port; 0 picks a free one (`HTTPServer.start()` returns it).
    public var port: Int
    /// Longest request line, without CRLF → 414.
    public var maxRequestLineBytes: Int
    /// Largest header section → 431.
    public var maxHeaderBytes: Int
    /// Most header fields → 431.
    public var maxHeaderCount: Int
    /// Largest request body (after de-chunking) → 413.
    public var maxBodyBytes: Int
    /// Deadline for the whole header section once the first byte of a request arrived. When it
    /// passes the connection is closed without a response.
    public var headerTimeoutMilliseconds: Int
    /// Deadline for the whole request (header block and body) once its first byte arrived; a
    /// request not complete by then is closed without a response.
    public var requestTimeoutMilliseconds: Int
    /// A keep-alive connection with no request in progress is closed silently after this long.
    /// Also bounds a stalled response write (no progress for this long).
    public var idleTimeoutMilliseconds: Int
    /// Connections served at once. At the cap a newcomer takes the place of the longest-idle
    /// keep-alive connection, else of a request that has been arriving for longer than
    /// `slowRequestEvictionMilliseconds`; only when neither exists is it answered
    /// `serviceUnavailableResponse()` and closed.
    public var maxConnections: Int
    /// How long a request may have been arriving before, at the connection cap, a newcomer may
    /// take its place.
    public var slowRequestEvictionMilliseconds: Int
    /// How long `stop` lets requests in flight finish before closing their connections.
    public var shutdownGracePeriodMilliseconds: Int
    /// After a response that closes the connection, the server half-closes and keeps reading
    /// (and discarding, up to 16 MiB) until the client closes or stays silent this long, so the
    /// client sees the response rather than a reset (RFC 9112 §9.6).
    public var lingerTimeoutMilliseconds: Int
    /// `listen(2)` backlog.
    public var listenBacklog: Int

    public init(host: String = "127.0.0.1", port: Int = 0,
                maxRequestLineBytes: Int = 8 * 1024, maxHeaderBytes: Int = 64 * 1024,
                maxHeaderCount: Int = 100, maxBodyBytes: Int = 1024 * 1024,
                headerTimeoutMilliseconds: Int = 10_000, requestTimeoutMilliseconds: Int = 30_000,
                idleTimeoutMilliseconds: Int = 60_000, maxConnections: Int = 512,
                slowRequestEvictionMilliseconds: Int = 2_000, shutdownGracePeriodMilliseconds: Int = 10_000,
                lingerTimeoutMilliseconds: Int = 2_000, listenBacklog: Int = 511) {
        self.host = host
        self.port = port
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
        self.headerTimeoutMilliseconds = headerTimeoutMilliseconds
        self.requestTimeoutMilliseconds = requestTimeoutMilliseconds
        self.idleTimeoutMilliseconds = idleTimeoutMilliseconds
        self.maxConnections = maxConnections
        self.slowRequestEvictionMilliseconds = slowRequestEvictionMilliseconds
        self.shutdownGracePeriodMilliseconds = shutdownGracePeriodMilliseconds
        self.lingerTimeoutMilliseconds = lingerTimeoutMilliseconds
        self.listenBacklog = listenBacklog
    }

    /// The parser limits these settings imply.
    public var parserLimits: HTTPRequestParser.Limits {
        HTTPRequestParser.Limits(maxRequestLineBytes: maxRequestLineBytes, maxHeaderBytes: maxHeaderBytes,
                                 maxHeaderCount: maxHeaderCount, maxBodyBytes: maxBodyBytes)
    }
}
