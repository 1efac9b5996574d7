// Coverage-guided fuzz target for `HTTPRequestParser` (scripts/fuzz/run http-parser SECONDS).
//
// Built with `-sanitize=fuzzer,address -D FUZZING`, libFuzzer drives `LLVMFuzzerTestOneInput`.
// Without FUZZING (a plain `swift build`) this is a corpus-replay executable: it runs every file
// given (or found in the directories given) through the same checks, so a crash found by the
// fuzzer can be replayed and debugged in an ordinary build (HTTPParserCorpusReplay.swift).
import EmulatorHTTP

/// One input: the first byte picks the limits and how the rest is split into chunks; the rest
/// is the bytes a client sent. Checks, besides never crashing:
/// - the same events come out whether the bytes arrive whole or in the chunks (the parser's
///   contract: "a request split at every byte boundary must parse the same");
/// - after an error the parser stays failed with the same error;
/// - every request respects the limits and the grammar (token method, HTTP/1.0 or 1.1, a
///   request-target of visible ASCII), and the origin part read from an absolute-form target
///   has no scheme left and is the target's tail.
enum HTTPParserFuzzer {
    enum Outcome: Equatable {
        case request(method: String, target: String, origin: String, path: String, version: String, headers: [String], body: [UInt8])
        case continueExpected
        case failed(HTTPRequestError)
    }

    /// Small limits reach every limit path with short inputs; the defaults are what runs.
    static let smallLimits = HTTPRequestParser.Limits(maxRequestLineBytes: 64, maxHeaderBytes: 256,
                                                      maxHeaderCount: 8, maxBodyBytes: 300)

    static func run(_ input: UnsafeRawBufferPointer) {
        guard let control = input.first else { return }
        let bytes = Array(input.dropFirst())
        let limits = control & 1 == 0 ? smallLimits : HTTPRequestParser.Limits()

        let whole = outcomes(bytes, chunks: [bytes.count], limits: limits)
        // Chunk sizes from a tiny generator seeded by the control byte: 1-byte chunks included.
        var seed = UInt32(control >> 1) &* 2_654_435_761 | 1
        var sizes: [Int] = []
        var total = 0
        while total < bytes.count {
            seed = seed &* 1_103_515_245 &+ 12_345
            let size = control & 2 == 0 ? 1 + Int(seed >> 16) % 7 : 1 + Int(seed >> 16) % 97
            sizes.append(size)
            total += size
        }
        let split = outcomes(bytes, chunks: sizes, limits: limits)
        guard whole == split else {
            fatalError("split input parsed differently:\nwhole \(whole)\nsplit \(split)\nchunks \(sizes)")
        }
        for outcome in whole { check(outcome, limits: limits) }
    }

    /// Feeds `chunks` one after the other, draining events after each, until an error.
    static func outcomes(_ bytes: [UInt8], chunks: [Int], limits: HTTPRequestParser.Limits) -> [Outcome] {
        var parser = HTTPRequestParser(limits: limits)
        var outcomes: [Outcome] = []
        var offset = 0
        for size in chunks {
            let end = min(bytes.count, offset + size)
            parser.append(bytes[offset..<end])
            offset = end
            while true {
                do {
                    switch try parser.next() {
                    case .needMoreData:
                        break
                    case .continueExpected:
                        outcomes.append(.continueExpected)
                        continue
                    case .request(let request):
                        outcomes.append(.request(method: request.method, target: request.target, origin: String(request.origin),
                                                 path: String(request.path), version: request.version,
                                                 headers: request.headers.map { "\($0.name): \($0.value)" },
                                                 body: request.body))
                        continue
                    }
                } catch {
                    // Errors are sticky: the same error again, whatever arrives next.
                    parser.append([0x0D, 0x0A])
                    do {
                        _ = try parser.next()
                        fatalError("parser recovered after \(error)")
                    } catch let again {
                        guard again == error else { fatalError("error changed from \(error) to \(again)") }
                    }
                    outcomes.append(.failed(error))
                    return outcomes
                }
                break
            }
        }
        return outcomes
    }

    static func check(_ outcome: Outcome, limits: HTTPRequestParser.Limits) {
        guard case .request(let method, let target, let origin, let path, let version, let headers, let body) = outcome else { return }
        guard !method.isEmpty, method.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { fatalError("method \(method)") }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else { fatalError("version \(version)") }
        guard !target.isEmpty, target.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { fatalError("target \(target)") }
        guard headers.count <= limits.maxHeaderCount else { fatalError("\(headers.count) header fields") }
        guard body.count <= limits.maxBodyBytes else { fatalError("body of \(body.count) bytes") }
        // An absolute-form target is kept as received; its origin part is what the server routes.
        // (An authority with no path or query after it reads as "/", RFC 9112 §3.2.1.)
        if startsWithScheme(origin) || origin.isEmpty || !(target.hasSuffix(origin) || origin == "/") {
            fatalError("absolute-form target \(target) read as origin \(origin)")
        }
        guard !path.isEmpty, !path.contains("?") else { fatalError("path \(path) of \(target)") }
    }

    /// RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then "://".
    static func startsWithScheme(_ target: String) -> Bool {
        let bytes = Array(target.utf8)
        guard let first = bytes.first, (first | 0x20) >= 0x61, (first | 0x20) <= 0x7A else { return false }
        var index = 1
        while index < bytes.count {
            let byte = bytes[index]
            let isLetter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
            let isDigit = byte >= 0x30 && byte <= 0x39
            guard isLetter || isDigit || byte == 0x2B || byte == 0x2D || byte == 0x2E else { break }
            index += 1
        }
        return bytes[index...].starts(with: "://".utf8)
    }
}
