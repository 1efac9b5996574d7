import Testing
import VPNCore
@testable import EmulatorRPC

/// API.md §10: per (account, RegionId, Action) sliding 60-second windows.
@Suite struct ThrottleTests {
    static func delete(_ dest: String, region: String = Fx.region, gateway: String = Fx.gateway) -> [(String, String)] {
        [("RegionId", region), ("VpnGatewayId", gateway), ("RouteDest", dest), ("NextHop", Fx.connection), ("Weight", "100")]
    }

    @Test func theSixtyFirstCreateInSixtySecondsIsThrottled() async throws {
        let h = try Harness { $0.throttle = true }
        // 60 calls, one every 100 ms; their outcome does not matter (most are Configuring).
        for i in 0..<60 {
            let r = await h.createRoute("10.70.\(i).0/24")
            #expect(r.code != "Throttling.User", "call \(i + 1)")
            h.advance(100)
        }
        // Now = start + 6000; the oldest call leaves the window at start + 60000.
        let before = try h.snapshot()
        let r = await h.createRoute("10.71.0.0/24")
        #expect(r.status == 400)
        #expect(r.code == "Throttling.User")
        #expect(r.message == "Request was denied due to user flow control.")
        #expect(r.rule == "throttle.user")
        #expect(r.header("x-acs-retry-after") == "54000")
        #expect(try h.snapshot() == before)

        // The window slides: at start + 60000 the first call has left it, one slot is free.
        h.advance(54_000 - 1)
        let almost = await h.createRoute("10.71.0.0/24")
        #expect(almost.code == "Throttling.User")
        #expect(almost.header("x-acs-retry-after") == "1")
        h.advance(1)
        #expect(await h.createRoute("10.71.0.0/24").code != "Throttling.User")
        // Throttled calls were not counted, so the next slot frees at start + 60100.
        let next = await h.createRoute("10.72.0.0/24")
        #expect(next.code == "Throttling.User")
        #expect(next.header("x-acs-retry-after") == "100")
        h.advance(100)
        #expect(await h.createRoute("10.72.0.0/24").code != "Throttling.User")
    }

    @Test func countersArePerAccountRegionAndAction() async throws {
        let h = try Harness { $0.throttle = true }
        for i in 0..<60 { _ = await h.rpc("DeleteVpnRouteEntry", Self.delete("10.80.\(i).0/24")) }
        #expect(await h.rpc("DeleteVpnRouteEntry", Self.delete("10.81.0.0/24")).code == "Throttling.User")
        // Another action, another region, another account: their own windows.
        #expect(await h.createRoute("10.81.0.0/24").code != "Throttling.User")
        #expect(await h.rpc("DeleteVpnRouteEntry", Self.delete("10.81.0.0/24", region: Fx.shanghai, gateway: Fx.shanghaiGateway)).code
                == "InvalidRouteEntry.NotFound")
        #expect(await h.rpc("DeleteVpnRouteEntry", Self.delete("10.81.0.0/24", gateway: Fx.otherGateway), key: Fx.otherKey).code
                == "InvalidRouteEntry.NotFound")
        // A RAM user of the account shares the account's window.
        #expect(await h.rpc("DeleteVpnRouteEntry", Self.delete("10.81.0.0/24"), key: Fx.deniedKey).code == "Throttling.User")
    }

    @Test func ramUsersCountTowardTheirAccount() async throws {
        let h = try Harness { $0.throttle = true }
        for i in 0..<30 { _ = await h.rpc("DeleteVpnRouteEntry", Self.delete("10.90.\(i).0/24")) }
        for i in 0..<30 { _ = await h.rpc("DeleteVpnRouteEntry", Self.delete("10.91.\(i).0/24"), key: Fx.deniedKey) }
        #expect(await h.rpc("DeleteVpnRouteEntry", Self.delete("10.92.0.0/24")).code == "Throttling.User")
        #expect(await h.rpc("DeleteVpnRouteEntry", Self.delete("10.92.0.0/24"), key: Fx.deniedKey).code == "Throttling.User")
    }

    @Test(arguments: [("ModifyVpnRouteEntryWeight", 120), ("DescribeVpnGateway", 600), ("DescribeVpnRouteEntries", 600)])
    func limitsFollowTheTable(action: String, limit: Int) async throws {
        let h = try Harness { $0.throttle = true }
        for i in 0..<limit {
            let r = await h.rpc(action, [("RegionId", Fx.region)])
            #expect(r.code == "MissingVpnGatewayId", "call \(i + 1): \(r)")
        }
        let over = await h.rpc(action, [("RegionId", Fx.region)])
        #expect(over.code == "Throttling.User")
        #expect(over.header("x-acs-retry-after") == "60000")
    }

    @Test func throttlingIsOffByDefaultAndFollowsConfigAndReset() async throws {
        let h = try Harness()
        for i in 0..<70 { #expect(await h.rpc("DeleteVpnRouteEntry", Self.delete("10.80.\(i).0/24")).code == "InvalidRouteEntry.NotFound") }
        await h.config(#"{"throttle":true}"#)
        for i in 0..<60 { _ = await h.rpc("DeleteVpnRouteEntry", Self.delete("10.81.\(i).0/24")) }
        #expect(await h.rpc("DeleteVpnRouteEntry", Self.delete("10.82.0.0/24")).code == "Throttling.User")
        await h.config(#"{"throttle":false}"#)
        #expect(await h.rpc("DeleteVpnRouteEntry", Self.delete("10.82.0.0/24")).code == "InvalidRouteEntry.NotFound")
        // Reset clears the counters (and restores throttle off; turn it on again to see).
        #expect(await h.control("POST", "/_emulator/reset").status == 200)
        await h.config(#"{"throttle":true}"#)
        #expect(await h.rpc("DeleteVpnRouteEntry", Self.delete("10.82.0.0/24")).code == "InvalidRouteEntry.NotFound")
    }

    @Test func throttledCallsAreJournaled() async throws {
        let h = try Harness { $0.throttle = true }
        for i in 0..<61 { _ = await h.rpc("DeleteVpnRouteEntry", Self.delete("10.80.\(i).0/24")) }
        let throttled = await h.journal("?code=Throttling.User")
        #expect(throttled.count == 1)
        #expect(throttled.first?["rule"]?.stringValue == "throttle.user")
    }
}
