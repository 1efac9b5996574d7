/// What the server calls. Implementations must never block the calling thread for long: they
/// call `completion` exactly once, from any thread, when the answer is ready.
public protocol HTTPResponder: Sendable {
    func respond(to request: HTTPRequest, completion: @escaping @Sendable (HTTPResponse) -> Void)

    /// The answer to a request that could not be framed (the connection closes after it).
    func respond(to error: HTTPRequestError) -> HTTPResponse

    /// The answer sent before closing a connection refused because the connection cap is reached.
    func serviceUnavailableResponse() -> HTTPResponse
}
