import Foundation
import Testing
@testable import EmulatorStore
import VPNCore
@testable import EmulatorRPC

/// README "Bounds": long-lived state has a bound, and what happens at the bound is safe.
@Suite struct BoundsTests {
    /// Nonces expire as new ones arrive, and at most `capacity` are kept: the oldest goes first.
    @Test func nonceLedgerIsBoundedAndPrunesByTime() {
        let ledger = NonceLedger(capacity: 100)
        for i in 0..<100 { #expect(ledger.use(accessKeyId: "K", nonce: "n\(i)", now: 0)) }
        #expect(!ledger.use(accessKeyId: "K", nonce: "n5", now: 1), "a replay within 15 minutes is refused")
        #expect(ledger.use(accessKeyId: "OTHER", nonce: "n5", now: 1), "nonces are per access key")
        #expect(ledger.count == 100, "at the cap: the oldest was forgotten to admit the new one")
        #expect(ledger.use(accessKeyId: "K", nonce: "n0", now: 2), "the oldest nonce was the one forgotten")
        // Expired nonces leave as new ones arrive.
        #expect(ledger.use(accessKeyId: "K", nonce: "late", now: NonceLedger.retentionMs + 10))
        #expect(ledger.count == 1)
        #expect(ledger.use(accessKeyId: "K", nonce: "n7", now: NonceLedger.retentionMs + 11), "expired: usable again")
        // A long nonce costs the same as a short one (kept as a fixed-size hash).
        #expect(ledger.use(accessKeyId: "K", nonce: String(repeating: "x", count: 100_000), now: NonceLedger.retentionMs + 12))
        #expect(!ledger.use(accessKeyId: "K", nonce: String(repeating: "x", count: 100_000), now: NonceLedger.retentionMs + 13))
    }

    /// Throttle windows are capped: client-chosen RegionIds cannot grow the map without limit.
    @Test func throttleWindowsAreBounded() throws {
        let throttler = Throttler(maxWindows: 50)
        let op = try #require(OperationRegistry.operation(named: "DescribeVpnGateway")).descriptor
        for i in 0..<1000 { _ = throttler.admit(accountId: "1", regionId: "region-\(i)", operation: op, now: Int64(i)) }
        #expect(throttler.windowCount <= 50)
        // The window in use survives eviction of older ones and still counts.
        for _ in 0..<op.throttlePerMinute { _ = throttler.admit(accountId: "1", regionId: "cn-hangzhou", operation: op, now: 2000) }
        for i in 0..<10 { _ = throttler.admit(accountId: "1", regionId: "x\(i)", operation: op, now: 2001) }
        #expect(throttler.admit(accountId: "1", regionId: "cn-hangzhou", operation: op, now: 2002) != nil)
    }

    /// At most `FaultRegistry.capacity` faults wait; the control API says so with 409.
    @Test func faultsAreBounded() async throws {
        let h = try Harness()
        for _ in 0..<FaultRegistry.capacity { _ = h.emulator.faults.add(action: nil, code: "X", httpStatus: nil, message: nil, count: 1,
                                                                          resourceId: "vpn-none", retryAfterMs: nil) }
        let refused = await h.control("POST", "/_emulator/faults", body: #"{"code":"TaskConflict"}"#)
        #expect(refused.status == 409)
        #expect(refused.json["error"]?.stringValue?.contains("1000") == true)
        #expect(await h.control("DELETE", "/_emulator/faults").status == 200)
        #expect(await h.control("POST", "/_emulator/faults", body: #"{"code":"TaskConflict"}"#).status == 201)
    }
}

/// Health reports the store; readiness turns 503 while writes cannot reach the database.
@Suite struct StoreHealthTests {
    /// A write the database refuses (here `PRAGMA query_only`, as a read-only file or volume does).
    @Test func writesThatCannotLandShowInHealthAndReadiness() async throws {
        let fault = (sql: "PRAGMA query_only = 1", state: "read-only")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vpngw-health-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let h = try Harness(path: dir.appendingPathComponent("e.sqlite").path) { $0.taskDurationMs = 0 }
        #expect(await h.control("GET", "/_emulator/ready").status == 200)
        try h.emulator.store.configureWriter(fault.sql)

        let create = await h.createRoute("10.77.0.0/24")
        #expect(create.status == 500 && create.code == "InternalError", "\(create)")
        let health = await h.control("GET", "/_emulator/health")
        #expect(health.status == 200, "liveness stays 200")
        #expect(health.json["store"]?.stringValue == fault.state)
        #expect(health.json["lastWriteError"]?.stringValue?.isEmpty == false)
        let ready = await h.control("GET", "/_emulator/ready")
        #expect(ready.status == 503 && ready.json["status"]?.stringValue == "not-ready" && ready.json["store"]?.stringValue == fault.state)
        #expect(await h.describeGateway().status == 200, "reads still answer")

        try h.emulator.store.configureWriter("PRAGMA query_only = 0")
        let again = await h.control("GET", "/_emulator/ready")
        #expect(again.status == 200 && again.json["store"]?.stringValue == "ok" && again.json["lastWriteError"]?.isNull == true)
        #expect(await h.createRoute("10.77.0.0/24").status == 200)
    }
}

/// SQLite's result codes map to the states health reports.
@Suite struct StoreHealthStateTests {
    @Test func resultCodesMapToStates() {
        #expect(StoreHealth(SQLiteError(code: 13, message: "database or disk is full", sql: nil)).state == .full)          // SQLITE_FULL
        #expect(StoreHealth(SQLiteError(code: 8, message: "attempt to write a readonly database", sql: nil)).state == .readOnly)  // SQLITE_READONLY
        #expect(StoreHealth(SQLiteError(code: 1032, message: "readonly dbmoved", sql: nil)).state == .readOnly)          // an extended READONLY code
        #expect(StoreHealth(SQLiteError(code: 10, message: "disk I/O error", sql: nil)).state == .error)                 // SQLITE_IOERR
        #expect(StoreHealth(SQLiteError(code: 13, message: "x", sql: nil)).lastWriteError?.contains("x") == true)
    }
}

/// Issue 11's bugs found by reading, each with its regression test.
@Suite struct ControlPlaneOrderTests {
    /// Two concurrent updates of different settings both land (they were read, changed and
    /// written outside the lock).
    @Test func concurrentConfigUpdatesBothLand() async throws {
        for _ in 0..<20 {
            let h = try Harness()
            async let a = h.control("PUT", "/_emulator/config", body: #"{"taskDurationMs":4321}"#)
            async let b = h.control("PUT", "/_emulator/config", body: #"{"taskCooldownMs":1234}"#)
            _ = await (a, b)
            let now = await h.control("GET", "/_emulator/config")
            #expect(now.json["taskDurationMs"]?.intValue == 4321 && now.json["taskCooldownMs"]?.intValue == 1234, "\(now)")
        }
    }

    /// Reset clears faults, nonces and the rest before the wiped database is committed: a write
    /// queued right behind the reset already sees the new control state.
    @Test func resetClearsMemoryBeforeTheWipeCommits() async throws {
        let h = try Harness()
        await h.fault(#"{"code":"TaskConflict","count":5}"#)
        #expect(!h.emulator.faults.list().isEmpty)
        let service = ControlService(emulator: h.emulator)
        let faultsSeenBehindReset = await withCheckedContinuation { (c: CheckedContinuation<Int, Never>) in
            service.reset { _ in }
            h.emulator.store.write({ _ in h.emulator.faults.list().count }, completion: { c.resume(returning: (try? $0.get()) ?? -1) })
        }
        #expect(faultsSeenBehindReset == 0)
    }
}
