import Testing
@testable import EmulatorHTTP

/// What a parsed request looks like, comparable.
struct ParsedRequest: Equatable, CustomStringConvertible {
    var method: String
    var target: String
    var version: String
    var headers: [String]
    var body: String

    init(_ request: HTTPRequest) {
        method = request.method
        target = request.target
        version = request.version
        headers = request.headers.map { "\($0.name): \($0.value)" }
        body = String(decoding: request.body, as: UTF8.self)
    }

    init(_ method: String, _ target: String, _ version: String = "HTTP/1.1", headers: [String], body: String = "") {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
    }

    var description: String { "\(method) \(target) \(version) \(headers) \(body.debugDescription)" }
}

struct ParseOutcome: Equatable {
    var requests: [ParsedRequest] = []
    var continues = 0
}

/// Feeds `chunks` one after the other, draining events after each.
func parse(_ chunks: [[UInt8]], limits: HTTPRequestParser.Limits = .init()) throws(HTTPRequestError) -> ParseOutcome {
    var parser = HTTPRequestParser(limits: limits)
    var outcome = ParseOutcome()
    for chunk in chunks {
        parser.append(chunk)
        loop: while true {
            switch try parser.next() {
            case .needMoreData: break loop
            case .continueExpected: outcome.continues += 1
            case .request(let request): outcome.requests.append(ParsedRequest(request))
            }
        }
    }
    return outcome
}

func parseError(_ text: String, limits: HTTPRequestParser.Limits = .init()) -> HTTPRequestError? {
    parseError(Array(text.utf8), limits: limits)
}

func parseError(_ bytes: [UInt8], limits: HTTPRequestParser.Limits = .init()) -> HTTPRequestError? {
    do {
        _ = try parse([bytes], limits: limits)
        return nil
    } catch {
        return error
    }
}

struct CorpusCase: CustomTestStringConvertible, Sendable {
    var name: String
    var raw: String
    var expected: [ParsedRequest]
    var continues: Int
    var testDescription: String { name }
}

extension ParsedRequest: @unchecked Sendable {}

@Suite struct HTTPRequestParserTests {
    static let corpus: [CorpusCase] = [
        CorpusCase(
            name: "content-length body",
            raw: "POST /echo?a=1 HTTP/1.1\r\nHost: example.com\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world",
            expected: [ParsedRequest("POST", "/echo?a=1", headers: ["Host: example.com", "Content-Type: text/plain",
                                                                    "Content-Length: 11"], body: "hello world")],
            continues: 0),
        CorpusCase(
            name: "chunked with extension and trailer",
            raw: "POST /chunked HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n6 ; ext\r\n world\r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n",
            expected: [ParsedRequest("POST", "/chunked", headers: ["Host: x", "Transfer-Encoding: chunked"],
                                     body: "hello world0123456789")],
            continues: 0),
        CorpusCase(
            name: "pipelined pair",
            raw: "GET /first HTTP/1.1\r\nHost: x\r\n\r\nPOST /second HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc",
            expected: [ParsedRequest("GET", "/first", headers: ["Host: x"]),
                       ParsedRequest("POST", "/second", headers: ["Host: x", "Content-Length: 3"], body: "abc")],
            continues: 0),
        CorpusCase(
            name: "100-continue",
            raw: "PUT /upload HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\ndata",
            expected: [ParsedRequest("PUT", "/upload", headers: ["Host: x", "Expect: 100-continue", "Content-Length: 4"],
                                     body: "data")],
            continues: 1),
        CorpusCase(
            name: "HTTP/1.0, bare LF, leading empty line, OWS around values",
            raw: "\r\nGET / HTTP/1.0\nUser-Agent:  curl/8 \t\nAccept:*/*\n\n",
            expected: [ParsedRequest("GET", "/", "HTTP/1.0", headers: ["User-Agent: curl/8", "Accept: */*"])],
            continues: 0),
        CorpusCase(
            name: "repeated identical Content-Length",
            raw: "POST /x HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3, 3\r\n\r\nabc",
            expected: [ParsedRequest("POST", "/x", headers: ["Content-Length: 3", "Content-Length: 3, 3"], body: "abc")],
            continues: 0),
    ]

    @Test(arguments: corpus)
    func parsesWholeAndSplitIdentically(_ corpus: CorpusCase) throws {
        let bytes = Array(corpus.raw.utf8)
        let whole = try parse([bytes])
        #expect(whole.requests == corpus.expected)
        #expect(whole.continues == corpus.continues)

        for split in 0...bytes.count {
            let outcome = try parse([Array(bytes[..<split]), Array(bytes[split...])])
            #expect(outcome == whole, "split at \(split)")
        }
        let byteByByte = try parse(bytes.map { [$0] })
        #expect(byteByByte == whole)
    }

    @Test func pipelinedBytesStayBufferedUntilAsked() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("GET /a HTTP/1.1\r\n\r\nGET /b HT".utf8))
        #expect(parser.progress == .head)
        guard case .request(let first) = try parser.next() else { Issue.record("no request"); return }
        #expect(first.target == "/a")
        #expect(parser.bufferedByteCount == 9)
        #expect(parser.progress == .head)
        guard case .needMoreData = try parser.next() else { Issue.record("expected needMoreData"); return }
        parser.append(Array("TP/1.1\r\n\r\n".utf8))
        guard case .request(let second) = try parser.next() else { Issue.record("no second request"); return }
        #expect(second.target == "/b")
        #expect(parser.progress == .idle)
    }

    struct ErrorCase: CustomTestStringConvertible, Sendable {
        var name: String
        var raw: String
        var status: Int
        init(_ name: String, _ raw: String, _ status: Int) {
            self.name = name
            self.raw = raw
            self.status = status
        }
        var testDescription: String { "\(name) → \(status)" }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase("HTTP/2.0", "GET / HTTP/2.0\r\n\r\n", 505),
        ErrorCase("HTTP/1.2", "GET / HTTP/1.2\r\nHost: x\r\n\r\n", 505),
        ErrorCase("not HTTP", "GET / HTTX/1.1\r\n\r\n", 400),
        ErrorCase("short version", "GET / HTTP/1\r\n\r\n", 400),
        ErrorCase("two spaces", "GET /  HTTP/1.1\r\n\r\n", 400),
        ErrorCase("no target", "GET HTTP/1.1\r\n\r\n", 400),
        ErrorCase("bad method token", "G(T / HTTP/1.1\r\n\r\n", 400),
        ErrorCase("control char in target", "GET /a\u{01}b HTTP/1.1\r\n\r\n", 400),
        ErrorCase("obs-fold", "GET / HTTP/1.1\r\nX-A: 1\r\n  continued\r\n\r\n", 400),
        ErrorCase("missing colon", "GET / HTTP/1.1\r\nNoColon\r\n\r\n", 400),
        ErrorCase("space before colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),
        ErrorCase("bad field name", "GET / HTTP/1.1\r\nBad@Name: x\r\n\r\n", 400),
        ErrorCase("empty field name", "GET / HTTP/1.1\r\n: x\r\n\r\n", 400),
        ErrorCase("NUL in value", "GET / HTTP/1.1\r\nX: a\u{00}b\r\n\r\n", 400),
        ErrorCase("bare CR in value", "GET / HTTP/1.1\r\nX: a\rb\r\n\r\n", 400),
        ErrorCase("non-numeric Content-Length", "POST / HTTP/1.1\r\nContent-Length: 12a\r\n\r\n", 400),
        ErrorCase("negative Content-Length", "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400),
        ErrorCase("empty Content-Length", "POST / HTTP/1.1\r\nContent-Length:\r\n\r\n", 400),
        ErrorCase("conflicting Content-Length", "POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", 400),
        ErrorCase("conflicting Content-Length list", "POST / HTTP/1.1\r\nContent-Length: 5, 6\r\n\r\n", 400),
        ErrorCase("Transfer-Encoding with Content-Length",
         "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n", 400),
        ErrorCase("gzip only", "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
        ErrorCase("chunked not last", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", 501),
        ErrorCase("coding before chunked", "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n", 501),
        ErrorCase("chunked twice", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", 400),
        ErrorCase("Transfer-Encoding in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
        ErrorCase("bad chunk size", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
        ErrorCase("empty chunk size", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", 400),
        ErrorCase("space before chunk size", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n 5\r\nhello\r\n", 400),
        ErrorCase("chunk not followed by CRLF", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX", 400),
        ErrorCase("Content-Length over limit", "POST / HTTP/1.1\r\nContent-Length: 2000000\r\n\r\n", 413),
        ErrorCase("absurd Content-Length", "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999999\r\n\r\n", 413),
        ErrorCase("chunk over limit", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n200000\r\n", 413),
        ErrorCase("huge chunk size", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFFFFFF\r\n", 413),
        ErrorCase("request line over limit", "GET /\(String(repeating: "a", count: 8200)) HTTP/1.1\r\n\r\n", 414),
        ErrorCase("header section over limit", "GET / HTTP/1.1\r\nX: \(String(repeating: "a", count: 70_000))\r\n\r\n", 431),
        ErrorCase("too many fields", "GET / HTTP/1.1\r\n" + (0...100).map { "X-\($0): v\r\n" }.joined() + "\r\n", 431),
    ]

    @Test(arguments: errorCases)
    func errorCase(_ errorCase: ErrorCase) {
        let error = parseError(errorCase.raw)
        #expect(error?.status == errorCase.status, "\(errorCase.name): \(String(describing: error))")
    }

    @Test func exactly100FieldsAreAccepted() throws {
        let raw = "GET / HTTP/1.1\r\n" + (1...100).map { "X-\($0): v\r\n" }.joined() + "\r\n"
        let outcome = try parse([Array(raw.utf8)])
        #expect(outcome.requests.first?.headers.count == 100)
    }

    @Test func errorIsSticky() {
        var parser = HTTPRequestParser()
        parser.append(Array("GET / HTTP/3.0\r\n\r\nGET / HTTP/1.1\r\n\r\n".utf8))
        #expect(throws: HTTPRequestError.unsupportedVersion) { try parser.next() }
        #expect(throws: HTTPRequestError.unsupportedVersion) { try parser.next() }
    }

    // MARK: Limits detected before the whole oversized input arrives

    @Test func requestLineLimitHitsBeforeLineEnds() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("GET /".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 8192 - 5))
        guard case .needMoreData = try parser.next() else { Issue.record("8192 bytes is within the limit"); return }
        parser.append([13])  // a CR whose LF may still come
        guard case .needMoreData = try parser.next() else { Issue.record("CR may precede LF"); return }
        parser.append([UInt8(ascii: "b")])
        #expect(throws: HTTPRequestError.requestLineTooLong) { try parser.next() }
    }

    @Test func headerLimitHitsBeforeSectionEnds() {
        var parser = HTTPRequestParser()
        parser.append(Array("GET / HTTP/1.1\r\nX-Big: ".utf8))
        var thrown: HTTPRequestError?
        var fed = 0
        while thrown == nil, fed < 200_000 {
            parser.append([UInt8](repeating: UInt8(ascii: "a"), count: 1000))
            fed += 1000
            do { _ = try parser.next() } catch { thrown = error }
        }
        #expect(thrown == .headersTooLarge)
        #expect(fed <= 66_000)
    }

    @Test func fieldCountLimitHitsBeforeSectionEnds() {
        let raw = "GET / HTTP/1.1\r\n" + (0...100).map { "X-\($0): v\r\n" }.joined()  // no final CRLF
        #expect(parseError(raw) == .headersTooLarge)
    }

    @Test func contentLengthRefusedRightAfterHead() {
        // No body byte sent: the declared size alone is enough, and no 100 Continue is offered.
        var parser = HTTPRequestParser()
        parser.append(Array("PUT / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2097152\r\n\r\n".utf8))
        #expect(throws: HTTPRequestError.bodyTooLarge) { try parser.next() }
    }

    @Test func chunkedBodyRefusedAtTheChunkThatOverflows() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nFFFFF\r\n".utf8))
        parser.append([UInt8](repeating: 0x61, count: 0xFFFFF))
        parser.append(Array("\r\n".utf8))
        guard case .needMoreData = try parser.next() else { Issue.record("1 MiB - 1 is within the limit"); return }
        parser.append(Array("2\r\n".utf8))  // the size line alone is enough
        #expect(throws: HTTPRequestError.bodyTooLarge) { try parser.next() }
    }

    @Test func exactLimitBodyIsAccepted() throws {
        let head = "POST / HTTP/1.1\r\nContent-Length: 1048576\r\n\r\n"
        let outcome = try parse([Array(head.utf8), [UInt8](repeating: 0x61, count: 1_048_576)])
        #expect(outcome.requests.first?.body.count == 1_048_576)
    }

    @Test func trailerSectionLimit() {
        let raw = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T: \(String(repeating: "a", count: 70_000))"
        #expect(parseError(raw) == .headersTooLarge)
    }

    // MARK: 100-continue

    @Test func continueOnlyForHTTP11WithBody() throws {
        let noBody = try parse([Array("GET / HTTP/1.1\r\nExpect: 100-continue\r\n\r\n".utf8)])
        #expect(noBody.continues == 0 && noBody.requests.count == 1)
        let http10 = try parse([Array("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx".utf8)])
        #expect(http10.continues == 0 && http10.requests.count == 1)
        let chunked = try parse([Array("POST / HTTP/1.1\r\nExpect: 100-Continue\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n".utf8)])
        #expect(chunked.continues == 1 && chunked.requests.count == 1)
    }

    @Test func continueComesBeforeAnyBodyByte() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("PUT / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n".utf8))
        guard case .continueExpected = try parser.next() else { Issue.record("expected continue"); return }
        guard case .needMoreData = try parser.next() else { Issue.record("expected needMoreData"); return }
        #expect(parser.progress == .body)
        parser.append(Array("ok".utf8))
        guard case .request(let request) = try parser.next() else { Issue.record("expected request"); return }
        #expect(request.body == Array("ok".utf8))
    }
}

/// RFC 9112 §3.2.2: a server MUST accept the absolute form of a request target (some proxies and
/// clients send it); its path and query are read from the origin part.
@Suite struct AbsoluteFormTests {
    @Test(arguments: [
        ("http://vpc.aliyuncs.com/?Action=DescribeVpnGateway&RegionId=cn-hangzhou", "/", "Action=DescribeVpnGateway&RegionId=cn-hangzhou"),
        ("HTTP://127.0.0.1:8428/_emulator/health", "/_emulator/health", ""),
        ("http://127.0.0.1:8428", "/", ""),
        ("http://127.0.0.1:8428?Action=X", "/", "Action=X"),
        ("https://h/a/b?c=d?e", "/a/b", "c=d?e"),
        ("/?Action=X", "/", "Action=X"),
        ("/plain", "/plain", ""),
        // RFC 3986 §3.1: a scheme may hold digits, "+", "-" and "." after its first letter (the
        // HTTP parser fuzzer found the server reading such a target as a path).
        ("svn+ssh.v2-x://host/p?q=1", "/p", "q=1"),
        ("h2://host", "/", ""),
        // Not a scheme: starts with a digit, or holds a character the grammar refuses.
        ("2http://host/p", "2http://host/p", ""),
        ("ht_tp://host/p", "ht_tp://host/p", ""),
    ])
    func pathAndQuery(target: String, path: String, query: String) throws {
        var parser = HTTPRequestParser()
        parser.append(Array("GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        guard case let .request(request) = try parser.next() else { Issue.record("no request"); return }
        #expect(request.target == target)
        #expect(request.path == path)
        #expect(request.query == query)
    }
}
