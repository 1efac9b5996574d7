import Synchronization

/// Per (account, RegionId, Action) sliding 60-second windows (API.md §10). In memory only.
public final class Throttler: Sendable {
    public static let windowMs: Int64 = 60_000
    static let limits: [String: Int] = [
        "CreateVpnRouteEntry": 60, "CreateVcoRouteEntry": 60,
        "DeleteVpnRouteEntry": 60, "DeleteVcoRouteEntry": 60, "PublishVpnRouteEntry": 60,
        "ModifyVpnRouteEntryWeight": 120, "ModifyVcoRouteEntryWeight": 120,
        "DescribeVpnGateway": 600, "DescribeVpnConnection": 600, "DescribeVcoRouteEntries": 600,
        "DescribeVpnGateways": 600, "DescribeVpnRouteEntries": 600,
    ]
    private let calls = Mutex<[String: [Int64]]>([:])

    public init() {}

    /// Counts the call and returns nil, or returns the milliseconds until the oldest counted call
    /// leaves the window (≥ 1) without counting it.
    public func admit(accountId: String, regionId: String, action: String, now: Int64) -> Int64? {
        guard let limit = Self.limits[action] else { return nil }
        let key = accountId + "|" + regionId + "|" + action
        return calls.withLock { all in
            var times = all[key, default: []]
            times.removeAll { $0 <= now - Self.windowMs }
            if times.count >= limit {
                all[key] = times
                return max(1, times[0] + Self.windowMs - now)
            }
            times.append(now)
            all[key] = times
            return nil
        }
    }

    public func clear() { calls.withLock { $0.removeAll() } }
}
