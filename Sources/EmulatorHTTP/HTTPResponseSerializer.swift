/// Turns an `HTTPResponse` into HTTP/1.1 wire bytes, adding the framing fields the server owns.
enum HTTPResponseSerializer {
    static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// - Parameters:
    ///   - close: the connection closes after this response → `Connection: close` (RFC 9112 §9.6).
    ///   - keepAlive10: answering an HTTP/1.0 keep-alive request → `Connection: keep-alive`
    ///     (RFC 9112 §9.3 and Appendix C.2.2).
    ///   - headRequest: the request was HEAD: send the fields but no content (RFC 9110 §9.3.2).
    static func serialize(_ response: HTTPResponse, close: Bool, keepAlive10: Bool = false,
                          headRequest: Bool = false) -> [UInt8] {
        let status = (100...999).contains(response.status) ? response.status : 500
        // RFC 9110 §8.6 and §6.4.1: no Content-Length and no content in 1xx and 204; no content
        // in 304.
        let noLength = status < 200 || status == 204
        let noContent = noLength || status == 304 || headRequest

        var head = "HTTP/1.1 \(status) \(HTTPResponse.reasonPhrase(for: status))\r\n"
        for (name, value) in response.headers {
            // The server owns the framing fields; a responder must not set them.
            switch name.lowercased() {
            case "content-length", "connection", "transfer-encoding": continue
            default: break
            }
            head += "\(sanitize(name)): \(sanitize(value))\r\n"
        }
        if !noLength { head += "Content-Length: \(response.body.count)\r\n" }
        if close {
            head += "Connection: close\r\n"
        } else if keepAlive10 {
            head += "Connection: keep-alive\r\n"
        }
        head += "\r\n"

        var bytes = Array(head.utf8)
        if !noContent { bytes.append(contentsOf: response.body) }
        return bytes
    }

    /// Replaces CR and LF so a field can never split the response (response splitting).
    private static func sanitize(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == .cr || $0 == .lf }) else { return text }
        return String(decoding: text.utf8.map { $0 == .cr || $0 == .lf ? .space : $0 }, as: UTF8.self)
    }
}
