import CSQLite
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The database as the rest of the emulator uses it: one writer connection on its own serial
/// queue, every write in `BEGIN IMMEDIATE`; a few reader connections, each on its own serial
/// queue, for Describe calls (file databases in WAL mode). An in-memory database has a single
/// connection, so reads go through the writer queue too.
///
/// Operations see a `Repository` (indexed queries, no raw SQL); the control plane and start-up
/// see a `StateAdministration` (fixtures, dump, tasks, credentials). Completions run on a
/// global queue, never on the writer queue, so rendering and bookkeeping never hold up writes.
public final class Store: Sendable {
    public let path: String
    private let writeQueue = DispatchQueue(label: "vpngw.store.writer")
    /// Only touched on `writeQueue`.
    private let writer: Confined
    /// Reader connections, each owned by its own serial queue; reads go round-robin.
    private let readers: [(queue: DispatchQueue, connection: Confined)]
    private let nextReader = Atomic<Int>(0)
    public let isInMemory: Bool
    private let writeHealth = Mutex(StoreHealth.ok)
    private let completionQueue = DispatchQueue.global()

    /// An SQLite connection used only on the serial queue that owns it (that confinement is why
    /// `@unchecked Sendable` is sound).
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
        var pool: [(queue: DispatchQueue, connection: Confined)] = []
        if !isInMemory {
            for n in 0..<max(1, readerCount) {
                let r = try SQLiteDatabase(path: path, readOnly: true)
                try r.exec("PRAGMA foreign_keys = ON")
                pool.append((DispatchQueue(label: "vpngw.store.reader.\(n)"), Confined(r)))
            }
        }
        readers = pool
    }

    // MARK: Operations

    /// Runs `body` in a write transaction on the writer queue and hands its result to
    /// `completion` (on a global queue). A throw rolls the whole transaction back.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Repository) throws -> T,
                                   completion: @escaping @Sendable (Result<T, any Error>) -> Void) {
        transact({ db in try body(Repository(db)) }, completion: completion)
    }

    /// Runs `body` in a read transaction on the next reader connection (or, in memory, on the
    /// writer queue) and hands the result to `completion` on a global queue.
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

    /// Writes one row to `metadata` to learn whether writes succeed now (the readiness probe).
    public func probeWrite(now: Int64, completion: @escaping @Sendable (StoreHealth) -> Void) {
        transact({ db in try db.execute(
            "INSERT INTO metadata(key, value) VALUES ('probe', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [.text(String(now))]) }, completion: { [self] _ in completion(health) })
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

    private func transact<T: Sendable>(_ body: @escaping @Sendable (SQLiteDatabase) throws -> T,
                                       completion: @escaping @Sendable (Result<T, any Error>) -> Void) {
        writeQueue.async { [self] in
            let result = Result { try writer.db.transaction { try body(writer.db) } }
            note(result)
            completionQueue.async { completion(result) }
        }
    }

    private func snapshot<T: Sendable>(_ body: @escaping @Sendable (SQLiteDatabase) throws -> T,
                                       completion: @escaping @Sendable (Result<T, any Error>) -> Void) {
        if readers.isEmpty {
            writeQueue.async { [self] in
                let result = Result { try writer.db.readTransaction { try body(writer.db) } }
                completionQueue.async { completion(result) }
            }
            return
        }
        let n = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue
        let reader = readers[abs(n % readers.count)]
        reader.queue.async { [completionQueue] in
            let result = Result { try reader.connection.db.readTransaction { try body(reader.connection.db) } }
            completionQueue.async { completion(result) }
        }
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
        for reader in readers { reader.queue.sync { reader.connection.db.close() } }
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
