import Foundation
import Testing
import VPNCore
@testable import EmulatorStore

/// Store.write batches queued writes in one transaction, each in its own savepoint: a write that
/// throws leaves nothing, its neighbours land, and each completion comes after the commit.
@Suite struct GroupCommitTests {
    struct Refused: Error {}

    @Test(arguments: [":memory:", "file"])
    func aFailingWriteRollsBackOnlyItself(kind: String) async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(path: kind == "file" ? dir.appendingPathComponent("g.sqlite").path : ":memory:")
        defer { store.close() }
        let n = 200
        let results = await withTaskGroup(of: (Int, Bool).self) { group in
            for i in 0..<n {
                group.addTask {
                    await withCheckedContinuation { (c: CheckedContinuation<(Int, Bool), Never>) in
                        store.write({ (r: Repository) throws -> Bool in
                            try r.db.execute("INSERT INTO regions(id) VALUES (?)", [.text("r\(i)")])
                            if i % 7 == 3 { throw Refused() }
                            return true
                        }, completion: { c.resume(returning: (i, (try? $0.get()) != nil)) })
                    }
                }
            }
            var out: [Int: Bool] = [:]
            for await (i, ok) in group { out[i] = ok }
            return out
        }
        let stored = Set(try store.readSync { r in try r.db.rows("SELECT id FROM regions", [], { $0.text(0) }) })
        for i in 0..<n {
            #expect(results[i] == (i % 7 != 3), "write \(i)")
            #expect(stored.contains("r\(i)") == (i % 7 != 3), "row of write \(i)")
        }
        #expect(store.health == .ok)   // a refused write is not a store failure
    }

    /// Writes run in the order they were queued, and each sees what the earlier ones wrote.
    @Test func laterWritesSeeEarlierOnes() async throws {
        let store = try Store(path: ":memory:")
        defer { store.close() }
        let counts = await withTaskGroup(of: Int64.self) { group in
            for _ in 0..<100 {
                group.addTask {
                    await withCheckedContinuation { (c: CheckedContinuation<Int64, Never>) in
                        store.write({ r -> Int64 in
                            let n = try r.db.scalar("SELECT count(*) FROM regions")
                            try r.db.execute("INSERT INTO regions(id) VALUES (?)", [.text("r\(n)")])
                            return n
                        }, completion: { c.resume(returning: (try? $0.get()) ?? -1) })
                    }
                }
            }
            var all: [Int64] = []
            for await n in group { all.append(n) }
            return all
        }
        #expect(counts.sorted() == Array(0..<100))
    }
}
