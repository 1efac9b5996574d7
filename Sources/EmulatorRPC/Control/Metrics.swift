import EmulatorSync

/// Counters for `GET /_emulator/metrics` (Prometheus text format 0.0.4).
public final class Metrics: Sendable {
    static let bucketsMs: [Double] = [0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000]
    private struct State {
        var requests: [String: Int] = [:]          // "action\u{0}code" → count
        var buckets = [Int](repeating: 0, count: Metrics.bucketsMs.count)
        var count = 0
        var sumMs = 0.0
    }
    private let state = Locked(State())

    public init() {}

    public func record(action: String?, code: String?, durationMs: Double) {
        state.withLock { s in
            s.requests[(action ?? "") + "\u{0}" + (code ?? ""), default: 0] += 1
            for (i, bound) in Self.bucketsMs.enumerated() where durationMs <= bound { s.buckets[i] += 1 }
            s.count += 1
            s.sumMs += durationMs
        }
    }

    public var totalRequests: Int { state.withLock { $0.count } }

    public func render(pendingTasks: Int, databaseBytes: Int64) -> String {
        let s = state.withLock { $0 }
        var out = "# HELP vpngw_requests_total RPC requests by action and error code (empty code = success).\n"
        out += "# TYPE vpngw_requests_total counter\n"
        for (key, n) in s.requests.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false)
            out += "vpngw_requests_total{action=\"\(Self.escape(String(parts[0])))\",code=\"\(Self.escape(String(parts[1])))\"} \(n)\n"
        }
        out += "# HELP vpngw_request_duration_seconds Time from the parsed request to the answer.\n"
        out += "# TYPE vpngw_request_duration_seconds histogram\n"
        for (i, bound) in Self.bucketsMs.enumerated() {
            out += "vpngw_request_duration_seconds_bucket{le=\"\(bound / 1000)\"} \(s.buckets[i])\n"
        }
        out += "vpngw_request_duration_seconds_bucket{le=\"+Inf\"} \(s.count)\n"
        out += "vpngw_request_duration_seconds_sum \(s.sumMs / 1000)\n"
        out += "vpngw_request_duration_seconds_count \(s.count)\n"
        out += "# HELP vpngw_pending_tasks Async tasks still running.\n# TYPE vpngw_pending_tasks gauge\n"
        out += "vpngw_pending_tasks \(pendingTasks)\n"
        out += "# HELP vpngw_database_bytes Size of the SQLite database.\n# TYPE vpngw_database_bytes gauge\n"
        out += "vpngw_database_bytes \(databaseBytes)\n"
        return out
    }

    public func reset() { state.withLock { $0 = State() } }

    static func escape(_ s: String) -> String {
        s.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("\n", with: "\\n")
    }
}
