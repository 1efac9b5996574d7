import EmulatorJSON
import Dispatch
import Synchronization
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
    private let sink: LineSink

    public init(format: Format = .text, level: Level = .info) {
        self.format = format
        self.level = level
        self.sink = LineSink()
    }

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

    private func emit(_ line: String) { sink.write(line) }

    /// Waits until every queued line is written (before the process exits).
    public func flush() { sink.flush() }
}

/// Writes log lines to standard error on its own queue. A request never waits for the log: when
/// stderr is a pipe nobody reads, at most `limit` lines wait and later ones are dropped (and
/// counted in a line once the writer catches up).
final class LineSink: Sendable {
    private let queue = DispatchQueue(label: "vpngw.log")
    private let pending = Atomic<Int>(0)
    private let dropped = Atomic<Int>(0)
    private let limit = 10_000

    func flush() { queue.sync {} }

    func write(_ line: String) {
        guard pending.add(1, ordering: .relaxed).newValue <= limit else {
            pending.subtract(1, ordering: .relaxed)
            dropped.add(1, ordering: .relaxed)
            return
        }
        queue.async { [self] in
            let lost = dropped.exchange(0, ordering: .relaxed)
            if lost > 0 { Console.err("warning log: \(lost) lines dropped (standard error was not read)") }
            Console.err(line)
            pending.subtract(1, ordering: .relaxed)
        }
    }
}
