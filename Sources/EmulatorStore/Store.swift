import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The database as the rest of the emulator uses it: one writer connection on its own serial
/// queue, every write in `BEGIN IMMEDIATE`; a small pool of reader connections for Describe calls
/// (file databases in WAL mode). A `:memory:` database has a single connection, so reads go
/// through the writer queue too.
public final class Store: Sendable {
    public let path: String
    private let writeQueue = DispatchQueue(label: "vpngw.store.writer")
    /// Only touched on `writeQueue`.
    private let writerBox: SendableDatabase
    private var writer: SQLiteDatabase { writerBox.db }
    /// Reader connections, each owned by its own serial queue; reads go round-robin.
    private let readers: [(queue: DispatchQueue, box: SendableDatabase)]
    private let nextReader = Atomic<Int>(0)
    private let isMemory: Bool

    /// An SQLite connection handed between threads under the pool's lock: each connection is used
    /// by one thread at a time (it is removed from the pool while in use).
    private final class SendableDatabase: @unchecked Sendable {
        let db: SQLiteDatabase
        init(_ db: SQLiteDatabase) { self.db = db }
    }

    /// Opens (creating if needed) and migrates the database. `":memory:"` keeps nothing on disk.
    public init(path: String, readerCount: Int = 4) throws {
        self.path = path
        isMemory = path == ":memory:"
        let writer = try SQLiteDatabase(path: path)
        if !isMemory {
            try writer.exec("PRAGMA journal_mode = WAL")
            // NORMAL in WAL mode: a committed transaction survives a process crash (not a power loss).
            try writer.exec("PRAGMA synchronous = NORMAL")
        }
        try writer.exec("PRAGMA foreign_keys = ON")
        let quickCheck = try writer.query("PRAGMA quick_check").first?.text(0) ?? "ok"
        guard quickCheck == "ok" else { throw StoreError.corrupt(quickCheck) }
        try Schema.migrate(writer)
        self.writerBox = SendableDatabase(writer)
        var pool: [(queue: DispatchQueue, box: SendableDatabase)] = []
        if !isMemory {
            for n in 0..<max(1, readerCount) {
                let r = try SQLiteDatabase(path: path, readOnly: true)
                try r.exec("PRAGMA foreign_keys = ON")
                pool.append((DispatchQueue(label: "vpngw.store.reader.\(n)"), SendableDatabase(r)))
            }
        }
        readers = pool
    }

    /// Runs `body` in a write transaction on the writer queue and hands its result to `completion`
    /// (on the writer queue). A throw rolls the whole transaction back.
    public func write<T: Sendable>(_ body: @escaping @Sendable (SQLiteDatabase) throws -> T,
                                   completion: @escaping @Sendable (Result<T, any Error>) -> Void) {
        writeQueue.async { [writerBox] in
            completion(Result { try writerBox.db.transaction { try body(writerBox.db) } })
        }
    }

    /// Blocking write, for start-up, the CLI and tests — never from a request handler.
    public func writeSync<T>(_ body: (SQLiteDatabase) throws -> T) throws -> T {
        try writeQueue.sync { try writer.transaction { try body(writer) } }
    }

    /// Runs `body` in a read transaction on the next reader connection's queue (or, for
    /// `:memory:`, on the writer queue) and hands the result to `completion` on that queue.
    public func read<T: Sendable>(_ body: @escaping @Sendable (SQLiteDatabase) throws -> T,
                                  completion: @escaping @Sendable (Result<T, any Error>) -> Void) {
        if isMemory {
            writeQueue.async { [writerBox] in completion(Result { try writerBox.db.readTransaction { try body(writerBox.db) } }) }
            return
        }
        let n = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue
        let reader = readers[abs(n % readers.count)]
        reader.queue.async {
            completion(Result { try reader.box.db.readTransaction { try body(reader.box.db) } })
        }
    }

    /// Blocking read, for the CLI and tests.
    public func readSync<T>(_ body: (SQLiteDatabase) throws -> T) throws -> T {
        try writeQueue.sync { try writer.readTransaction { try body(writer) } }
    }

    /// The database size on disk (main file plus WAL) in bytes; 0 for `:memory:`. Reads file
    /// sizes only, so it never waits for the writer.
    public func sizeBytesEstimate() -> Int64 {
        guard !isMemory else { return 0 }
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
            if !isMemory { try? writer.exec("PRAGMA wal_checkpoint(TRUNCATE)") }
            writer.close()
        }
        for reader in readers { reader.queue.sync { reader.box.db.close() } }
    }
}
