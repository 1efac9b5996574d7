import Foundation
import Testing
import VPNCore
@testable import EmulatorStore

@Suite struct StoreTests {
    @Test func migrateSetsUserVersion() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        #expect(try db.scalar("PRAGMA user_version") == 0)
        try Schema.migrate(db)
        #expect(try db.scalar("PRAGMA user_version") == Int64(Schema.currentVersion))
        try Schema.migrate(db)   // idempotent
        #expect(try db.scalar("PRAGMA user_version") == Int64(Schema.currentVersion))
    }

    @Test func newerSchemaIsRefused() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("new.db").path
        do {
            let db = try SQLiteDatabase(path: path)
            try db.exec("PRAGMA user_version = 99")
            db.close()
        }
        #expect(throws: StoreError.newerSchema(found: 99, supported: Schema.currentVersion)) {
            _ = try Store(path: path)
        }
    }

    @Test func transactionRollbackLeavesNothing() throws {
        let db = try memoryDatabase()
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try db.transaction {
                try db.execute("INSERT INTO regions(id) VALUES ('cn-hangzhou')")
                try db.execute("INSERT INTO accounts(id, is_default) VALUES ('1', 1)")
                throw Boom()
            }
        }
        #expect(try db.scalar("SELECT count(*) FROM regions") == 0)
        #expect(try db.scalar("SELECT count(*) FROM accounts") == 0)
    }

    @Test func fileDatabaseUsesWAL() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(path: dir.appendingPathComponent("wal.db").path)
        defer { store.close() }
        let mode = try store.readSync { try $0.db.query("PRAGMA journal_mode").first?.text(0) }
        #expect(mode == "wal")
        #expect(try store.readSync { try $0.db.scalar("PRAGMA foreign_keys") } == 1)
    }

    @Test func memoryStoreLoadsAFixture() throws {
        let store = try Store(path: ":memory:")
        defer { store.close() }
        let doc = try FixtureDocument.parse(Array(smallWorld.utf8))
        let counts = try store.administerSync { try $0.apply(doc, now: 1) }
        #expect(counts.vpnGateways == 1)
        #expect(try store.readSync { try $0.db.allGateways().map(\.id) } == ["vpn-a"])
    }
}
