import CSQLite

/// A value bound to or read from a statement.
public enum SQLValue: Sendable, Equatable {
    case null
    case int(Int64)
    case text(String)

    public init(_ v: Int) { self = .int(Int64(v)) }
    public init(_ v: Int64) { self = .int(v) }
    public init(_ v: Bool) { self = .int(v ? 1 : 0) }
    public init(_ v: String) { self = .text(v) }
    public init(_ v: String?) { self = v.map(SQLValue.text) ?? .null }
    public init(_ v: Int?) { self = v.map { .int(Int64($0)) } ?? .null }
}

/// One result row, read by column index.
public struct SQLRow: Sendable {
    public let values: [SQLValue]
    public func int(_ i: Int) -> Int64 { if case let .int(v) = values[i] { return v }; return 0 }
    public func intOrNil(_ i: Int) -> Int? { if case let .int(v) = values[i] { return Int(v) }; return nil }
    public func bool(_ i: Int) -> Bool { int(i) != 0 }
    public func text(_ i: Int) -> String { if case let .text(v) = values[i] { return v }; return "" }
    public func textOrNil(_ i: Int) -> String? { if case let .text(v) = values[i] { return v }; return nil }
}

/// One SQLite connection with a statement cache. Not thread-safe: a `Store` owns each one on a
/// serial queue or behind a lock (ARCHITECTURE.md: one connection owned by one serial queue).
public final class SQLiteDatabase {
    private var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    public let path: String

    public init(path: String, readOnly: Bool = false) throws {
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

    public func close() {
        for (_, stmt) in statements { sqlite3_finalize(stmt) }
        statements.removeAll()
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    private func error(_ rc: Int32, _ sql: String?) -> SQLiteError {
        SQLiteError(code: rc, message: handle.map { String(cString: sqlite3_errmsg($0)) } ?? "closed", sql: sql)
    }

    /// Runs one or more statements without parameters (schema, pragmas, BEGIN/COMMIT).
    public func exec(_ sql: String) throws {
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
    public func execute(_ sql: String, _ params: [SQLValue] = []) throws -> Int {
        let stmt = try prepared(sql)
        defer { sqlite3_reset(stmt); sqlite3_clear_bindings(stmt) }
        try bind(stmt, params, sql)
        var rc = sqlite3_step(stmt)
        while rc == SQLITE_ROW { rc = sqlite3_step(stmt) }
        guard rc == SQLITE_DONE else { throw error(rc, sql) }
        return Int(sqlite3_changes(handle))
    }

    /// Runs a query and returns every row.
    public func query(_ sql: String, _ params: [SQLValue] = []) throws -> [SQLRow] {
        let stmt = try prepared(sql)
        defer { sqlite3_reset(stmt); sqlite3_clear_bindings(stmt) }
        try bind(stmt, params, sql)
        var rows: [SQLRow] = []
        let columns = sqlite3_column_count(stmt)
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw error(rc, sql) }
            var values: [SQLValue] = []
            values.reserveCapacity(Int(columns))
            for c in 0..<columns {
                switch sqlite3_column_type(stmt, c) {
                case SQLITE_INTEGER: values.append(.int(sqlite3_column_int64(stmt, c)))
                case SQLITE_NULL: values.append(.null)
                default:
                    // By length (sqlite3_column_bytes), so text holding U+0000 comes back whole.
                    let count = Int(sqlite3_column_bytes(stmt, c))
                    if let p = sqlite3_column_text(stmt, c) {
                        values.append(.text(String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self)))
                    } else {
                        values.append(.text(""))
                    }
                }
            }
            rows.append(SQLRow(values: values))
        }
        return rows
    }

    /// The first column of the first row as an integer (0 when there is no row).
    public func scalar(_ sql: String, _ params: [SQLValue] = []) throws -> Int64 {
        try query(sql, params).first?.int(0) ?? 0
    }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
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
    public func readTransaction<T>(_ body: () throws -> T) throws -> T {
        try exec("BEGIN DEFERRED")
        defer { try? exec("COMMIT") }
        return try body()
    }
}
