import CSQLite

/// A value bound to or read from a statement.
enum SQLValue: Sendable, Equatable {
    case null
    case int(Int64)
    case text(String)

    init(_ v: Int) { self = .int(Int64(v)) }
    init(_ v: Int64) { self = .int(v) }
    init(_ v: Bool) { self = .int(v ? 1 : 0) }
    init(_ v: String) { self = .text(v) }
    init(_ v: String?) { self = v.map(SQLValue.text) ?? .null }
    init(_ v: Int?) { self = v.map { .int(Int64($0)) } ?? .null }
}

/// The current row of a stepping statement, read by column index straight from SQLite (no
/// intermediate array): valid only inside the closure that receives it.
struct SQLCursor {
    let stmt: OpaquePointer

    func int(_ i: Int32) -> Int64 { sqlite3_column_int64(stmt, i) }
    func intOrNil(_ i: Int32) -> Int? { isNull(i) ? nil : Int(sqlite3_column_int64(stmt, i)) }
    func bool(_ i: Int32) -> Bool { sqlite3_column_int64(stmt, i) != 0 }
    func isNull(_ i: Int32) -> Bool { sqlite3_column_type(stmt, i) == SQLITE_NULL }
    /// By length (sqlite3_column_bytes), so text holding U+0000 comes back whole.
    func text(_ i: Int32) -> String {
        guard let p = sqlite3_column_text(stmt, i) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(stmt, i))), as: UTF8.self)
    }
    func textOrNil(_ i: Int32) -> String? { isNull(i) ? nil : text(i) }
}

/// One result row, read by column index (for the few callers that keep rows: fixtures, tests).
struct SQLRow: Sendable {
    let values: [SQLValue]
    func int(_ i: Int) -> Int64 { if case let .int(v) = values[i] { return v }; return 0 }
    func intOrNil(_ i: Int) -> Int? { if case let .int(v) = values[i] { return Int(v) }; return nil }
    func bool(_ i: Int) -> Bool { int(i) != 0 }
    func text(_ i: Int) -> String { if case let .text(v) = values[i] { return v }; return "" }
    func textOrNil(_ i: Int) -> String? { if case let .text(v) = values[i] { return v }; return nil }
}

/// One SQLite connection with a statement cache (GRDB's habit: statements cached by SQL text).
/// Not thread-safe: a `Store` owns each one on a serial queue (ARCHITECTURE.md). Internal to
/// EmulatorStore: the rest of the emulator sees `Repository` and `StateAdministration`.
final class SQLiteDatabase {
    private var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    let path: String

    init(path: String, readOnly: Bool = false) throws {
        self.path = path
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
        let rc = sqlite3_open_v2(path, &handle, flags, nil)
        guard rc == SQLITE_OK else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(handle)
            handle = nil
            throw SQLiteError(code: rc, message: message, sql: nil)
        }
        sqlite3_busy_timeout(handle, 5000)
        sqlite3_extended_result_codes(handle, 1)
    }

    deinit { close() }

    func close() {
        for (_, stmt) in statements { sqlite3_finalize(stmt) }
        statements.removeAll()
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    private func error(_ rc: Int32, _ sql: String?) -> SQLiteError {
        SQLiteError(code: rc, message: handle.map { String(cString: sqlite3_errmsg($0)) } ?? "closed", sql: sql)
    }

    /// Runs one or more statements without parameters (schema, pragmas, BEGIN/COMMIT).
    func exec(_ sql: String) throws {
        let rc = sqlite3_exec(handle, sql, nil, nil, nil)
        guard rc == SQLITE_OK else { throw error(rc, sql) }
    }

    private func prepared(_ sql: String) throws -> OpaquePointer {
        if let stmt = statements[sql] { return stmt }
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw error(rc, sql) }
        statements[sql] = stmt
        return stmt
    }

    private func bind(_ stmt: OpaquePointer, _ params: [SQLValue], _ sql: String) throws {
        for (i, p) in params.enumerated() {
            let idx = Int32(i + 1)
            let rc: Int32
            switch p {
            case .null: rc = sqlite3_bind_null(stmt, idx)
            case let .int(v): rc = sqlite3_bind_int64(stmt, idx, v)
            case let .text(s):
                // The byte length, not -1: a U+0000 inside the text must not cut it short.
                var text = s
                rc = text.withUTF8 { sqlite3_bind_text(stmt, idx, $0.baseAddress, Int32($0.count), csqlite_transient()) }
            }
            guard rc == SQLITE_OK else { throw error(rc, sql) }
        }
    }

    /// Runs a statement that returns no rows; returns the number of rows changed.
    @discardableResult
    func execute(_ sql: String, _ params: [SQLValue] = []) throws -> Int {
        let stmt = try prepared(sql)
        defer { sqlite3_reset(stmt); sqlite3_clear_bindings(stmt) }
        try bind(stmt, params, sql)
        var rc = sqlite3_step(stmt)
        while rc == SQLITE_ROW { rc = sqlite3_step(stmt) }
        guard rc == SQLITE_DONE else { throw error(rc, sql) }
        return Int(sqlite3_changes(handle))
    }

    /// Runs a query and maps each row as it is stepped (at most `limit` rows).
    func rows<T>(_ sql: String, _ params: [SQLValue] = [], limit: Int = .max, _ map: (SQLCursor) throws -> T) throws -> [T] {
        let stmt = try prepared(sql)
        defer { sqlite3_reset(stmt); sqlite3_clear_bindings(stmt) }
        try bind(stmt, params, sql)
        var out: [T] = []
        let cursor = SQLCursor(stmt: stmt)
        while out.count < limit {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw error(rc, sql) }
            out.append(try map(cursor))
        }
        return out
    }

    /// The first row, mapped, or nil.
    func first<T>(_ sql: String, _ params: [SQLValue] = [], _ map: (SQLCursor) throws -> T) throws -> T? {
        try rows(sql, params, limit: 1, map).first
    }

    /// Runs a query and returns every row as values.
    func query(_ sql: String, _ params: [SQLValue] = []) throws -> [SQLRow] {
        try rows(sql, params) { c in
            SQLRow(values: (0..<sqlite3_column_count(c.stmt)).map { i in
                switch sqlite3_column_type(c.stmt, i) {
                case SQLITE_INTEGER: return .int(c.int(i))
                case SQLITE_NULL: return .null
                default: return .text(c.text(i))
                }
            })
        }
    }

    /// The first column of the first row as an integer (0 when there is no row).
    func scalar(_ sql: String, _ params: [SQLValue] = []) throws -> Int64 {
        try first(sql, params) { $0.int(0) } ?? 0
    }

    /// True for an in-memory or temporary database, whatever the path's form (`:memory:`,
    /// `file::memory:`, `file:x?mode=memory`): SQLite names no file for them.
    var isInMemory: Bool {
        guard let handle, let name = sqlite3_db_filename(handle, "main") else { return true }
        return name.pointee == 0
    }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try exec("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try exec("COMMIT")
            return value
        } catch {
            try? exec("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` in a read transaction, so every query sees one snapshot.
    func readTransaction<T>(_ body: () throws -> T) throws -> T {
        try exec("BEGIN DEFERRED")
        defer { try? exec("COMMIT") }
        return try body()
    }
}
