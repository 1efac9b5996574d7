// FoundationEssentials, not Foundation: the full Foundation links 34 MB of ICU data into the
// binary (the container image goal is under 120 MB); nothing here needs ICU.
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import VPNCore

/// One line per RPC request on standard error (`--log-format text|json`, `--log-level`): action,
/// code, status, duration and RequestId; never a secret or a signature.
public struct RequestLogger: Sendable {
    public enum Format: String, Sendable { case text, json }
    public enum Level: Int, Sendable, Comparable {
        case debug, info, warning, error
        public init?(name: String) {
            switch name.lowercased() {
            case "debug": self = .debug
            case "info": self = .info
            case "warning", "warn": self = .warning
            case "error": self = .error
            default: return nil
            }
        }
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
        var name: String { ["debug", "info", "warning", "error"][rawValue] }
    }

    public let format: Format
    public let level: Level
    public init(format: Format = .text, level: Level = .info) { self.format = format; self.level = level }

    /// Successes log at info, client errors at info, server errors (5xx) at warning.
    func request(action: String?, status: Int, code: String?, durationMs: Double, requestId: String, accessKeyId: String?) {
        let lineLevel: Level = status >= 500 ? .warning : .info
        guard lineLevel >= level else { return }
        let ms = (durationMs * 1000).rounded() / 1000
        switch format {
        case .text:
            emit("\(lineLevel.name) request action=\(action ?? "-") status=\(status) code=\(code ?? "-") durationMs=\(ms) requestId=\(requestId) accessKeyId=\(accessKeyId ?? "-")")
        case .json:
            emit(JSONValue.object([
                ("level", .string(lineLevel.name)), ("msg", .string("request")), ("action", action.map(JSONValue.string) ?? .null),
                ("status", .int(Int64(status))), ("code", code.map(JSONValue.string) ?? .null), ("durationMs", .double(ms)),
                ("requestId", .string(requestId)), ("accessKeyId", accessKeyId.map(JSONValue.string) ?? .null),
            ]).serialized())
        }
    }

    public func message(_ level: Level, _ text: String) {
        guard level >= self.level else { return }
        switch format {
        case .text: emit("\(level.name) \(text)")
        case .json: emit(JSONValue.object([("level", .string(level.name)), ("msg", .string(text))]).serialized())
        }
    }

    private func emit(_ line: String) {
        Console.err(line)
    }
}
