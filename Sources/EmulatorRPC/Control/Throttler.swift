import EmulatorSync

/// Per (account, RegionId, Action) sliding 60-second windows (API.md §10). In memory only.
///
/// Bounded (README, "Bounds"): a window holds at most its operation's limit of timestamps, and at
/// most `maxWindows` windows are kept (4,096 by default). The key includes the client's RegionId
/// before stage 11 validates it, so when the map is full, windows that emptied are dropped first,
/// then the least recently used one.
public final class Throttler: Sendable {
    public static let windowMs: Int64 = 60_000
    public static let defaultMaxWindows = 4096

    private struct Window {
        var times: [Int64] = []
        var lastUsed: Int64 = 0
    }
    private let windows = Locked<[String: Window]>([:])
    public let maxWindows: Int

    public init(maxWindows: Int = Throttler.defaultMaxWindows) { self.maxWindows = max(1, maxWindows) }

    /// Counts the call and returns nil, or returns the milliseconds until the oldest counted call
    /// leaves the window (≥ 1) without counting it.
    public func admit(accountId: String, regionId: String, operation: OperationDescriptor, now: Int64) -> Int64? {
        let limit = operation.throttlePerMinute
        let key = accountId + "|" + regionId + "|" + operation.name
        return windows.withLock { all in
            if all[key] == nil, all.count >= maxWindows { makeRoom(&all, now: now) }
            var w = all[key, default: Window()]
            w.times.removeAll { $0 <= now - Self.windowMs }
            w.lastUsed = now
            if w.times.count >= limit {
                all[key] = w
                return max(1, w.times[0] + Self.windowMs - now)
            }
            w.times.append(now)
            all[key] = w
            return nil
        }
    }

    /// Full: drop the windows that emptied, else the least recently used one (O(maxWindows), only when full).
    private func makeRoom(_ all: inout [String: Window], now: Int64) {
        all = all.filter { $0.value.times.contains { $0 > now - Self.windowMs } }
        if all.count >= maxWindows, let oldest = all.min(by: { $0.value.lastUsed < $1.value.lastUsed })?.key {
            all.removeValue(forKey: oldest)
        }
    }

    /// How many windows are kept now.
    public var windowCount: Int { windows.withLock { $0.count } }

    public func clear() { windows.withLock { $0.removeAll() } }
}
