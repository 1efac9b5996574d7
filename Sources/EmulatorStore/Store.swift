import CSQLite
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EmulatorSync

/// The database as the rest of the emulator uses it: one writer connection on its own serial
/// queue, every write in `BEGIN IMMEDIATE`; a few reader connections, each on its own serial
/// queue, for Describe calls (file databases in WAL mode). An in-memory database has a single
/// connection, so reads go through the writer queue too.
///
/// Operations see a `Repository` (indexed queries, no raw SQL); the control plane and start-up
/// see a `StateAdministration` (fixtures, dump, tasks, credentials). Completions run on the
/// queue that ran the work, right after it (for a write: after its batch committed): on two
/// cores a hop to another queue per request cost more than the rendering it moved off the
/// writer (BENCHMARKS.md, "Where a create's time went").
public final class Store: Sendable {
    public let path: String
    private let writeQueue = DispatchQueue(label: "vpngw.store.writer")
    /// Only touched on `writeQueue`.
    private let writer: Confined
    /// Reader connections (file databases): a read checks one out and runs on the calling thread,
    /// with no queue hop; when every one is busy the read waits in `readers.pending` and the next
    /// thread to give a connection back runs it. A connection is used by one thread at a time.
    private let readers: Locked<(idle: [Confined], pending: [PendingRead])>
    private let readerConnections: [Confined]
    private typealias PendingRead = @Sendable (SQLiteDatabase) -> @Sendable () -> Void
    public let isInMemory: Bool
    private let writeHealth = Locked(StoreHealth.ok)

    /// An SQLite connection used by one thread at a time: the writer queue, or the thread that
    /// checked a reader out of the pool (that confinement is why `@unchecked Sendable` is sound).
    private final class Confined: @unchecked Sendable {
        let db: SQLiteDatabase
        init(_ db: SQLiteDatabase) { self.db = db }
    }

    /// Opens (creating if needed) and migrates the database. `":memory:"` (or any SQLite URI that
    /// names an in-memory database, such as `file::memory:`) keeps nothing on disk.
    public init(path: String, readerCount: Int = 4) throws {
        self.path = path
        let writer = try SQLiteDatabase(path: path)
        isInMemory = writer.isInMemory
        if !isInMemory {
            try writer.exec("PRAGMA journal_mode = WAL")
            // NORMAL in WAL mode: a committed transaction survives a process crash (not a power loss).
            try writer.exec("PRAGMA synchronous = NORMAL")
        }
        try writer.exec("PRAGMA foreign_keys = ON")
        let quickCheck = try writer.first("PRAGMA quick_check", [], { $0.text(0) }) ?? "ok"
        guard quickCheck == "ok" else { throw StoreError.corrupt(quickCheck) }
        try Schema.migrate(writer)
        self.writer = Confined(writer)
        var pool: [Confined] = []
        if !isInMemory {
            for _ in 0..<max(1, readerCount) {
                let r = try SQLiteDatabase(path: path, readOnly: true)
                try r.exec("PRAGMA foreign_keys = ON")
                pool.append(Confined(r))
            }
        }
        readerConnections = pool
        readers = Locked((pool, []))
    }

    // MARK: Operations

    /// Runs `body` in a write transaction on the writer queue and hands its result to
    /// `completion` once it is committed. A throw rolls back this write only.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Repository) throws -> T,
                                   completion: @escaping @Sendable (Result<T, any Error>) -> Void) {
        transact({ db in try body(Repository(db)) }, completion: completion)
    }

    /// Runs `body` in a read transaction on an idle reader connection, on the calling thread (or,
    /// in memory, on the writer queue), then hands the result to `completion`.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Repository) throws -> T,
                                  completion: @escaping @Sendable (Result<T, any Error>) -> Void) {
        snapshot({ db in try body(Repository(db)) }, completion: completion)
    }

    /// Blocking read, for the CLI and tests.
    public func readSync<T>(_ body: (Repository) throws -> T) throws -> T {
        try writeQueue.sync { try writer.db.readTransaction { try body(Repository(writer.db)) } }
    }

    // MARK: The control plane

    /// `body` in a write transaction, with the control plane's bulk operations.
    public func administer<T: Sendable>(_ body: @escaping @Sendable (StateAdministration) throws -> T,
                                        completion: @escaping @Sendable (Result<T, any Error>) -> Void) {
        transact({ db in try body(StateAdministration(db)) }, completion: completion)
    }

    /// `body` in a read transaction, with the control plane's readers (dump, tasks).
    public func inspect<T: Sendable>(_ body: @escaping @Sendable (StateAdministration) throws -> T,
                                     completion: @escaping @Sendable (Result<T, any Error>) -> Void) {
        snapshot({ db in try body(StateAdministration(db)) }, completion: completion)
    }

    /// Blocking `administer`, for start-up, the CLI and tests — never from a request handler.
    public func administerSync<T>(_ body: (StateAdministration) throws -> T) throws -> T {
        try writeQueue.sync {
            let result = Result { try writer.db.transaction { try body(StateAdministration(writer.db)) } }
            note(result)
            return try result.get()
        }
    }

    // MARK: Health of the write path

    /// Whether writes succeed: the outcome of the last write (a rule error inside a write is not
    /// a store failure; only SQLite's own errors count).
    public var health: StoreHealth { writeHealth.withLock { $0 } }

    /// Learns whether writes succeed now (the readiness probe): one transaction that writes a
    /// 64 KiB value to `metadata` and deletes it again, so its commit needs about as much room in
    /// the WAL as a real write (a one-row probe still fits when a route no longer does). Its
    /// outcome becomes the store's health like any write's.
    public func probeWrite(now: Int64, completion: @escaping @Sendable (StoreHealth) -> Void) {
        transact({ db in
            try db.execute("INSERT INTO metadata(key, value) VALUES ('probe', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           [.text(String(now) + String(repeating: "-", count: 65_536))])
            try db.execute("DELETE FROM metadata WHERE key = 'probe'")
        }, completion: { [self] _ in completion(health) })
    }

    private func note<T>(_ result: Result<T, any Error>) {
        let health: StoreHealth
        switch result {
        case .success: health = .ok
        case let .failure(error as SQLiteError): health = StoreHealth(error)
        case .failure: return   // a rule said no: the store is fine
        }
        writeHealth.withLock { $0 = health }
    }

    // MARK: Queues

    /// Group commit: writes queue up while the writer is busy, and the writer runs every queued
    /// write (up to `maxBatch`) in one `BEGIN IMMEDIATE` transaction, each in its own savepoint
    /// (a write that throws rolls back only itself; later writes see earlier ones, as if they ran
    /// one after the other). Each completion runs only after the COMMIT that made its write
    /// durable, so nothing is acknowledged before it is on disk (WAL, synchronous=NORMAL).
    private struct PendingWrite: Sendable {
        /// Runs the write inside its savepoint; returns what to do once the batch committed (nil)
        /// or failed to commit (the error).
        let run: @Sendable (SQLiteDatabase) -> @Sendable ((any Error)?) -> Void
        /// The batch could not even begin: answer this error without running the write.
        let abandon: @Sendable (any Error) -> Void
    }
    private let queuedWrites = Locked<(writes: [PendingWrite], scheduled: Bool)>(([], false))
    static let maxBatch = 64

    private func transact<T: Sendable>(_ body: @escaping @Sendable (SQLiteDatabase) throws -> T,
                                       completion: @escaping @Sendable (Result<T, any Error>) -> Void) {
        let write = PendingWrite { [self] db in
            let result = Result { () throws -> T in
                try db.execute("SAVEPOINT write")
                do {
                    let value = try body(db)
                    try db.execute("RELEASE write")
                    return value
                } catch {
                    _ = try? db.execute("ROLLBACK TO write")
                    _ = try? db.execute("RELEASE write")
                    throw error
                }
            }
            return { [self] commitError in
                let final: Result<T, any Error> = commitError.map { .failure($0) } ?? result
                note(final)
                completion(final)
            }
        } abandon: { [self] error in
            let final = Result<T, any Error>.failure(error)
            note(final)
            completion(final)
        }
        let schedule = queuedWrites.withLock { q -> Bool in
            q.writes.append(write)
            defer { q.scheduled = true }
            return !q.scheduled
        }
        if schedule { writeQueue.async { [self] in drainWrites() } }
    }

    /// On the writer queue: one batch, then a new turn for the next one, so reads of an in-memory
    /// database and blocking calls queued meanwhile get their turn between batches.
    private func drainWrites() {
        let batch = queuedWrites.withLock { q -> [PendingWrite] in
            let taken = Array(q.writes.prefix(Self.maxBatch))
            q.writes.removeFirst(taken.count)
            if taken.isEmpty { q.scheduled = false }
            return taken
        }
        if batch.isEmpty { return }
        defer { writeQueue.async { [self] in drainWrites() } }
        let db = writer.db
        do {
            try db.execute("BEGIN IMMEDIATE")
        } catch {
            batch.forEach { $0.abandon(error) }
            return
        }
        let finishers = batch.map { $0.run(db) }
        var failure: (any Error)?
        do { try db.execute("COMMIT") } catch {
            failure = error
            _ = try? db.execute("ROLLBACK")
        }
        let commitError = failure
        finishers.forEach { $0(commitError) }
    }

    private func snapshot<T: Sendable>(_ body: @escaping @Sendable (SQLiteDatabase) throws -> T,
                                       completion: @escaping @Sendable (Result<T, any Error>) -> Void) {
        if readerConnections.isEmpty {
            writeQueue.async { [self] in
                completion(Result { try writer.db.readTransaction { try body(writer.db) } })
            }
            return
        }
        let read: PendingRead = { db in
            let result = Result { try db.readTransaction { try body(db) } }
            return { completion(result) }
        }
        let idle = readers.withLock { r -> Confined? in
            if let connection = r.idle.popLast() { return connection }
            r.pending.append(read)
            return nil
        }
        guard let connection = idle else { return }   // the next thread to give one back runs it
        let answer = read(connection.db)
        giveBack(connection)
        answer()
    }

    /// Returns a reader to the pool, first running every read that waited for one.
    private func giveBack(_ connection: Confined) {
        while true {
            let next = readers.withLock { r -> PendingRead? in
                if r.pending.isEmpty {
                    r.idle.append(connection)
                    return nil
                }
                return r.pending.removeFirst()
            }
            guard let next else { return }
            next(connection.db)()
        }
    }

    /// Runs a statement on the writer connection outside any transaction (tests simulate a full
    /// disk with `PRAGMA max_page_count` or a read-only one with `PRAGMA query_only`).
    func configureWriter(_ sql: String) throws {
        try writeQueue.sync { try writer.db.exec(sql) }
    }

    /// The database size on disk (main file plus WAL) in bytes; 0 in memory. Reads file sizes
    /// only, so it never waits for the writer.
    public func sizeBytesEstimate() -> Int64 {
        guard !isInMemory else { return 0 }
        var total: Int64 = 0
        for file in [path, path + "-wal"] {
            var info = stat()
            if stat(file, &info) == 0 { total += Int64(info.st_size) }
        }
        return total
    }

    /// Waits for queued writes, checkpoints the WAL and closes every connection.
    public func close() {
        writeQueue.sync {
            if !isInMemory { try? writer.db.exec("PRAGMA wal_checkpoint(TRUNCATE)") }
            writer.db.close()
        }
        // Readers are closed once idle: a read in flight still holds its connection.
        var closed = 0
        while closed < readerConnections.count {
            let idle = readers.withLock { r -> [Confined] in defer { r.idle = [] }; return r.idle }
            idle.forEach { $0.db.close() }
            closed += idle.count
            if closed < readerConnections.count { usleep(1000) }
        }
    }
}

/// Whether the last write reached the database (OPERATING.md: health and readiness report it).
public struct StoreHealth: Sendable, Equatable {
    public enum State: String, Sendable { case ok, full, readOnly = "read-only", error }
    public let state: State
    /// SQLite's message for the last failed write; nil when writes succeed.
    public let lastWriteError: String?

    public static let ok = StoreHealth(state: .ok, lastWriteError: nil)

    init(state: State, lastWriteError: String?) { self.state = state; self.lastWriteError = lastWriteError }

    init(_ error: SQLiteError) {
        switch error.code & 0xFF {
        case SQLITE_FULL: state = .full
        case SQLITE_READONLY: state = .readOnly
        default: state = .error
        }
        lastWriteError = error.description
    }
}
