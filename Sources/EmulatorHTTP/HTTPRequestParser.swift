/// Incremental HTTP/1.1 request parser (RFC 9112). Feed it bytes as they arrive with `append`,
/// then call `next()` until it answers `.needMoreData`. It knows nothing about sockets, so it can
/// be driven byte by byte in tests. After an error it stays failed and rethrows the same error.
///
/// Limits are checked while bytes are still arriving: an over-long request line or header
/// section is refused as soon as the buffered part of it is over the limit, and an over-large
/// body as soon as its declared (or de-chunked) size is known.
public struct HTTPRequestParser: Sendable {
    public struct Limits: Sendable, Equatable {
        /// Longest accepted request line, without its CRLF (→ 414).
        public var maxRequestLineBytes: Int
        /// Largest header section: field lines with their CRLFs plus the final empty line (→ 431).
        public var maxHeaderBytes: Int
        /// Most header fields (→ 431).
        public var maxHeaderCount: Int
        /// Largest body after de-chunking (→ 413).
        public var maxBodyBytes: Int

        public init(maxRequestLineBytes: Int = 8 * 1024, maxHeaderBytes: Int = 64 * 1024,
                    maxHeaderCount: Int = 100, maxBodyBytes: Int = 1024 * 1024) {
            self.maxRequestLineBytes = maxRequestLineBytes
            self.maxHeaderBytes = maxHeaderBytes
            self.maxHeaderCount = maxHeaderCount
            self.maxBodyBytes = maxBodyBytes
        }
    }

    public enum Event: Sendable {
        /// Nothing complete is buffered; append more bytes.
        case needMoreData
        /// The head of an HTTP/1.1 request with `Expect: 100-continue` and a body (not refused by
        /// its size) was parsed: send `100 Continue`, then keep calling `next()` (RFC 9110 §10.1.1).
        case continueExpected
        /// A complete request; bytes after it (a pipelined request) stay buffered.
        case request(HTTPRequest)
    }

    /// Where the request currently being received stands.
    public enum Progress: Sendable, Equatable {
        /// Between requests, no byte of the next one buffered.
        case idle
        /// Receiving the request line or header section.
        case head
        /// Receiving the body.
        case body
    }

    private enum State: Sendable {
        case requestLine
        case headerLines
        case body(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case failed(HTTPRequestError)
    }

    /// Longest chunk-size line (size plus ignored extensions) accepted.
    static let maxChunkLineBytes = 4096

    public let limits: Limits
    private var buffer: [UInt8] = []
    /// First unconsumed byte of `buffer`.
    private var readIndex = 0
    /// Bytes before this index (and from `readIndex`) are known to hold no LF: avoids rescanning
    /// a partial line every time a few more bytes arrive.
    private var scanIndex = 0
    private var state: State = .requestLine

    // The request being assembled.
    private var method = ""
    private var target = ""
    private var version = ""
    private var headers = HTTPHeaders()
    private var sectionBytes = 0
    private var body: [UInt8] = []
    private var continuePending = false

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Bytes received and not yet consumed by a returned request.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    public var progress: Progress {
        switch state {
        case .requestLine: return readIndex == buffer.count ? .idle : .head
        case .headerLines, .failed: return .head
        case .body, .chunkSize, .chunkData, .chunkDataEnd, .trailers: return .body
        }
    }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    public mutating func append<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Drops consumed bytes. Only called from `append`, so ranges handed out by `nextLine()`
    /// stay valid while `next()` runs.
    private mutating func compact() {
        if readIndex == 0 { return }
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 256 * 1024)
        } else if readIndex >= 4096 && readIndex * 2 >= buffer.count {
            buffer.removeSubrange(0..<readIndex)
        } else {
            return
        }
        scanIndex = max(0, scanIndex - readIndex)
        readIndex = 0
    }

    public mutating func next() throws(HTTPRequestError) -> Event {
        while true {
            if continuePending {
                continuePending = false
                return .continueExpected
            }
            switch state {
            case .failed(let error):
                throw error

            case .requestLine:
                guard let (line, _) = nextLine() else {
                    // RFC 9112 §3: a server that receives a request-target longer than it wishes
                    // to parse responds 414. Refuse once the partial line is surely too long
                    // (one extra byte allowed for a CR whose LF has not arrived yet).
                    if bufferedByteCount > limits.maxRequestLineBytes + 1 { try fail(.requestLineTooLong) }
                    return .needMoreData
                }
                // RFC 9112 §2.2: ignore empty lines received before the request line.
                if line.isEmpty { continue }
                if line.count > limits.maxRequestLineBytes { try fail(.requestLineTooLong) }
                try parseRequestLine(line)
                sectionBytes = 0
                state = .headerLines

            case .headerLines:
                guard let (line, consumed) = nextLine() else {
                    // RFC 6585 §5: 431 when the header section is too large; detected early.
                    if sectionBytes + bufferedByteCount > limits.maxHeaderBytes { try fail(.headersTooLarge) }
                    return .needMoreData
                }
                sectionBytes += consumed
                if sectionBytes > limits.maxHeaderBytes { try fail(.headersTooLarge) }
                if line.isEmpty {
                    if let request = try finishHead() { return .request(request) }
                    continue
                }
                // RFC 9112 §5.2: obs-fold in a request → 400.
                if buffer[line.lowerBound] == .space || buffer[line.lowerBound] == .tab {
                    try fail(.malformed("obsolete line folding in header section"))
                }
                if headers.fields.count >= limits.maxHeaderCount { try fail(.headersTooLarge) }
                try parseFieldLine(line)

            case .body(let remaining):
                let take = min(remaining, bufferedByteCount)
                body.append(contentsOf: buffer[readIndex..<readIndex + take])
                readIndex += take
                if take == remaining { return .request(completeRequest()) }
                state = .body(remaining: remaining - take)
                return .needMoreData

            case .chunkSize:
                guard let (line, _) = nextLine() else {
                    if bufferedByteCount > Self.maxChunkLineBytes + 1 { try fail(.malformed("chunk size line too long")) }
                    return .needMoreData
                }
                if line.count > Self.maxChunkLineBytes { try fail(.malformed("chunk size line too long")) }
                let size = try parseChunkSize(line)
                if size == 0 {
                    sectionBytes = 0
                    state = .trailers
                } else {
                    // Refuse as soon as the size line says the body will be too large.
                    if body.count + size > limits.maxBodyBytes { try fail(.bodyTooLarge) }
                    state = .chunkData(remaining: size)
                }

            case .chunkData(let remaining):
                let take = min(remaining, bufferedByteCount)
                body.append(contentsOf: buffer[readIndex..<readIndex + take])
                readIndex += take
                if take < remaining {
                    state = .chunkData(remaining: remaining - take)
                    return .needMoreData
                }
                state = .chunkDataEnd

            case .chunkDataEnd:
                // RFC 9112 §7.1: chunk-data is followed by CRLF (a lone LF is tolerated, §2.2).
                guard bufferedByteCount >= 1 else { return .needMoreData }
                if buffer[readIndex] == .lf {
                    readIndex += 1
                } else if buffer[readIndex] == .cr {
                    guard bufferedByteCount >= 2 else { return .needMoreData }
                    guard buffer[readIndex + 1] == .lf else { try fail(.malformed("chunk data not followed by CRLF")) }
                    readIndex += 2
                } else {
                    try fail(.malformed("chunk data not followed by CRLF"))
                }
                state = .chunkSize

            case .trailers:
                // RFC 9112 §7.1.2: trailer fields are read and discarded here.
                guard let (line, consumed) = nextLine() else {
                    if sectionBytes + bufferedByteCount > limits.maxHeaderBytes { try fail(.headersTooLarge) }
                    return .needMoreData
                }
                sectionBytes += consumed
                if sectionBytes > limits.maxHeaderBytes { try fail(.headersTooLarge) }
                if line.isEmpty { return .request(completeRequest()) }
            }
        }
    }

    private mutating func fail(_ error: HTTPRequestError) throws(HTTPRequestError) -> Never {
        state = .failed(error)
        continuePending = false
        throw error
    }

    /// The next complete line: its content range (without CRLF or LF) and the bytes consumed
    /// including the terminator; nil when no LF is buffered yet.
    private mutating func nextLine() -> (Range<Int>, Int)? {
        let from = max(scanIndex, readIndex)
        guard let lf = buffer[from...].firstIndex(of: .lf) else {
            scanIndex = buffer.count
            return nil
        }
        let start = readIndex
        // RFC 9112 §2.2: a lone LF is accepted as a line terminator; a preceding CR is dropped.
        let end = (lf > start && buffer[lf - 1] == .cr) ? lf - 1 : lf
        readIndex = lf + 1
        scanIndex = readIndex
        return (start..<end, lf + 1 - start)
    }

    /// RFC 9112 §3: request-line = method SP request-target SP HTTP-version.
    private mutating func parseRequestLine(_ line: Range<Int>) throws(HTTPRequestError) {
        let bytes = buffer[line]
        guard let firstSP = bytes.firstIndex(of: .space), let lastSP = bytes.lastIndex(of: .space),
              firstSP != lastSP else {
            try fail(.malformed("request line is not METHOD SP target SP version"))
        }
        let methodBytes = buffer[line.lowerBound..<firstSP]
        let targetBytes = buffer[(firstSP + 1)..<lastSP]
        let versionBytes = buffer[(lastSP + 1)..<line.upperBound]
        guard !methodBytes.isEmpty, methodBytes.allSatisfy(\.isTokenChar) else {
            try fail(.malformed("invalid method"))
        }
        // The target may not contain whitespace or control characters (RFC 9112 §3.2).
        guard !targetBytes.isEmpty, targetBytes.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else {
            try fail(.malformed("invalid request target"))
        }
        // RFC 9112 §2.3: HTTP-version = "HTTP" "/" DIGIT "." DIGIT.
        let v = Array(versionBytes)
        guard v.count == 8, v.starts(with: Array("HTTP/".utf8)), v[5].isDigit, v[6] == UInt8(ascii: "."),
              v[7].isDigit else {
            try fail(.malformed("invalid HTTP version"))
        }
        guard v[5] == UInt8(ascii: "1"), v[7] == UInt8(ascii: "0") || v[7] == UInt8(ascii: "1") else {
            try fail(.unsupportedVersion)
        }
        // RFC 9112 §3.2 / RFC 3986: the request-target is visible ASCII; raw other bytes would
        // otherwise be replaced silently when decoded (PROTOCOL.md §3.2 wants them refused).
        guard targetBytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            try fail(.malformed("request-target with a byte outside visible ASCII"))
        }
        method = String(decoding: methodBytes, as: UTF8.self)
        target = String(decoding: targetBytes, as: UTF8.self)
        version = String(decoding: v, as: UTF8.self)
    }

    /// RFC 9112 §5.1: field-line = field-name ":" OWS field-value OWS; no whitespace allowed
    /// between the name and the colon.
    private mutating func parseFieldLine(_ line: Range<Int>) throws(HTTPRequestError) {
        guard let colon = buffer[line].firstIndex(of: .colon) else {
            try fail(.malformed("header field without colon"))
        }
        let name = buffer[line.lowerBound..<colon]
        guard !name.isEmpty else { try fail(.malformed("empty header field name")) }
        guard name.allSatisfy(\.isTokenChar) else {
            if let last = name.last, last == .space || last == .tab {
                try fail(.malformed("whitespace between header field name and colon"))
            }
            try fail(.malformed("invalid header field name"))
        }
        var valueStart = colon + 1
        var valueEnd = line.upperBound
        while valueStart < valueEnd, buffer[valueStart] == .space || buffer[valueStart] == .tab { valueStart += 1 }
        while valueEnd > valueStart, buffer[valueEnd - 1] == .space || buffer[valueEnd - 1] == .tab { valueEnd -= 1 }
        let value = buffer[valueStart..<valueEnd]
        // RFC 9110 §5.5: field-value is VCHAR / obs-text with inner SP / HTAB; CR, LF, NUL and
        // other controls are invalid.
        guard value.allSatisfy({ $0 == .tab || ($0 >= 0x20 && $0 != 0x7F) }) else {
            try fail(.malformed("invalid character in header field value"))
        }
        headers.add(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
    }

    /// Decides the body framing (RFC 9112 §6.3) once the header section ended. Returns the
    /// request when it has no body.
    private mutating func finishHead() throws(HTTPRequestError) -> HTTPRequest? {
        let transferEncodings = headers.values(for: "Transfer-Encoding")
        let contentLengths = headers.values(for: "Content-Length")
        var chunked = false
        var length = 0

        if !transferEncodings.isEmpty {
            // RFC 9112 §6.1: a message with both is a smuggling attempt; we reject it (§6.3 ¶3).
            if !contentLengths.isEmpty { try fail(.malformed("both Transfer-Encoding and Content-Length")) }
            // RFC 9112 §6.1: Transfer-Encoding in an HTTP/1.0 request means faulty framing.
            if version == "HTTP/1.0" { try fail(.malformed("Transfer-Encoding in an HTTP/1.0 request")) }
            let codings = Self.listElements(transferEncodings).map { $0.lowercased() }
            guard let last = codings.last else { try fail(.malformed("empty Transfer-Encoding")) }
            // RFC 9112 §6.3 ¶4: final coding not chunked → cannot frame the body. We decode no
            // coding other than chunked, so any other one is unsupported too (RFC 9112 §6.1: 501).
            guard last == "chunked", codings.allSatisfy({ $0 == "chunked" }) else {
                try fail(.unsupportedTransferCoding)
            }
            // RFC 9112 §7: chunked must not be applied more than once.
            if codings.count > 1 { try fail(.malformed("chunked applied more than once")) }
            chunked = true
        } else if !contentLengths.isEmpty {
            // RFC 9110 §8.6: Content-Length = 1*DIGIT; a list of identical values may be
            // accepted, differing values are unrecoverable (RFC 9112 §6.3 ¶5).
            var value: Int?
            for element in Self.listElements(contentLengths, keepEmpty: true) {
                guard !element.isEmpty, element.utf8.allSatisfy(\.isDigit) else {
                    try fail(.malformed("invalid Content-Length"))
                }
                let digits = element.drop { $0 == "0" }
                // More than 15 significant digits is far beyond any limit; don't overflow Int.
                let n = digits.count > 15 ? Int.max : (Int(digits) ?? 0)
                if let value, value != n { try fail(.malformed("conflicting Content-Length values")) }
                value = n
            }
            length = value ?? 0
            if length > limits.maxBodyBytes { try fail(.bodyTooLarge) }
        }

        // RFC 9110 §10.1.1: only an HTTP/1.1 client may expect 100; a server that is going to
        // read the content sends it before reading.
        if version == "HTTP/1.1", chunked || length > 0,
           Self.listElements(headers.values(for: "Expect")).contains(where: { $0.lowercased() == "100-continue" }) {
            continuePending = true
        }
        if chunked {
            state = .chunkSize
        } else if length > 0 {
            state = .body(remaining: length)
        } else {
            return completeRequest()
        }
        return nil
    }

    /// RFC 9112 §7.1: chunk-size [ chunk-ext ] CRLF; extensions are ignored.
    private mutating func parseChunkSize(_ line: Range<Int>) throws(HTTPRequestError) -> Int {
        var index = line.lowerBound
        var size = 0
        var digits = 0
        while index < line.upperBound, let digit = buffer[index].hexValue {
            // Stop growing once surely over the limit; the caller refuses it with 413.
            if size <= limits.maxBodyBytes { size = size * 16 + digit }
            digits += 1
            index += 1
        }
        guard digits > 0 else { try fail(.malformed("invalid chunk size")) }
        while index < line.upperBound, buffer[index] == .space || buffer[index] == .tab { index += 1 } // BWS
        guard index == line.upperBound || buffer[index] == UInt8(ascii: ";") else {
            try fail(.malformed("invalid chunk size"))
        }
        if size > limits.maxBodyBytes { try fail(.bodyTooLarge) }
        return size
    }

    private mutating func completeRequest() -> HTTPRequest {
        let request = HTTPRequest(method: method, target: target, version: version, headers: headers, body: body)
        method = ""
        target = ""
        version = ""
        headers = HTTPHeaders()
        body = []
        sectionBytes = 0
        continuePending = false
        state = .requestLine
        return request
    }

    /// Elements of a comma-separated list field (RFC 9110 §5.6.1), trimmed, empty ones dropped
    /// unless `keepEmpty`.
    static func listElements(_ values: [String], keepEmpty: Bool = false) -> [String] {
        var elements: [String] = []
        for value in values {
            for part in value.split(separator: ",", omittingEmptySubsequences: false) {
                let trimmed = part.trimmingOWS()
                if !trimmed.isEmpty || keepEmpty { elements.append(trimmed) }
            }
        }
        return elements
    }
}
