import Testing
@testable import EmulatorHTTP

@Suite struct HTTPResponseSerializerTests {
    func text(_ response: HTTPResponse, close: Bool = false, keepAlive10: Bool = false, head: Bool = false) -> String {
        String(decoding: HTTPResponseSerializer.serialize(response, close: close, keepAlive10: keepAlive10,
                                                          headRequest: head), as: UTF8.self)
    }

    @Test func addsFramingAndDropsResponderFraming() {
        let response = HTTPResponse(status: 200, headers: HTTPHeaders([
            ("Content-Type", "application/json"), ("Content-Length", "999"), ("Connection", "keep-alive"),
            ("Transfer-Encoding", "chunked"), ("X-Acs-Request-Id", "abc"),
        ]), body: Array("{}".utf8))
        #expect(text(response) == "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Acs-Request-Id: abc\r\n"
            + "Content-Length: 2\r\n\r\n{}")
        #expect(text(response, close: true).contains("Content-Length: 2\r\nConnection: close\r\n\r\n"))
        #expect(text(response, keepAlive10: true).contains("Connection: keep-alive\r\n\r\n"))
    }

    @Test func reasonPhrases() {
        #expect(text(HTTPResponse(status: 413)).hasPrefix("HTTP/1.1 413 Content Too Large\r\n"))
        #expect(text(HTTPResponse(status: 431)).hasPrefix("HTTP/1.1 431 Request Header Fields Too Large\r\n"))
        #expect(text(HTTPResponse(status: 505)).hasPrefix("HTTP/1.1 505 HTTP Version Not Supported\r\n"))
        #expect(text(HTTPResponse(status: 299)).hasPrefix("HTTP/1.1 299 \r\n"))
    }

    @Test func noContentCases() {
        let body = HTTPResponse(status: 200, contentType: "text/plain", body: "hello")
        #expect(text(body, head: true) == "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n")
        #expect(text(HTTPResponse(status: 204, body: Array("x".utf8))) == "HTTP/1.1 204 No Content\r\n\r\n")
    }

    @Test func fieldsCannotSplitTheResponse() {
        let response = HTTPResponse(status: 200, headers: HTTPHeaders([("X-A", "1\r\nSet-Cookie: evil")]))
        #expect(text(response).contains("X-A: 1  Set-Cookie: evil\r\n"))
    }
}
