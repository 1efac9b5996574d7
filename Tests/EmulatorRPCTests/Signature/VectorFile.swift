import Foundation
import EmulatorHTTP

/// A captured SDK request from Vectors/ (format in Vectors/README.md).
struct VectorFile {
    let name: String
    let request: HTTPRequest

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Vectors")
    static let accessKeyId = "LTAI5tTESTACCESSKEYID"
    static let secret = "testSecret/With+Special=Chars"
    /// 2026-11-22T03:46:40Z, just after the vectors were signed.
    static let signingTime: Int64 = 1_795_319_200_000

    static func all() throws -> [VectorFile] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".txt") }.sorted()
            .map { try load($0) }
    }

    static func load(_ name: String) throws -> VectorFile {
        let bytes = [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
        // Header block ends at the first empty line; the body is every byte after it.
        var lines: [String] = []
        var i = 0, lineStart = 0
        var bodyStart = bytes.count
        while i < bytes.count {
            if bytes[i] == 0x0A {
                let line = String(decoding: bytes[lineStart..<i], as: UTF8.self)
                if line.isEmpty { bodyStart = i + 1; break }
                lines.append(line)
                lineStart = i + 1
            }
            i += 1
        }
        let requestLine = lines[0].split(separator: " ")
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            let colon = line.firstIndex(of: ":")!
            headers.add(name: String(line[..<colon]), value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let body = bodyStart < bytes.count ? Array(bytes[bodyStart...]) : []
        return VectorFile(name: name, request: HTTPRequest(method: String(requestLine[0]), target: String(requestLine[1]),
                                                           headers: headers, body: body))
    }
}
