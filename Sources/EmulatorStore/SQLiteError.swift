import CSQLite

/// A failed SQLite call: the result code, SQLite's message and the statement, when there was one.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    public let code: Int32
    public let message: String
    public let sql: String?

    public init(code: Int32, message: String, sql: String?) { self.code = code; self.message = message; self.sql = sql }

    public var description: String {
        "SQLite error \(code): \(message)" + (sql.map { " (in: \($0.prefix(120)))" } ?? "")
    }

    /// True for SQLITE_CONSTRAINT and its extended codes.
    public var isConstraintViolation: Bool { code & 0xFF == SQLITE_CONSTRAINT }
}

/// Errors of the store itself (not of SQLite).
public enum StoreError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The database was written by a newer emulator: refuse rather than migrate down.
    case newerSchema(found: Int, supported: Int)
    case corrupt(String)

    public var description: String {
        switch self {
        case let .newerSchema(found, supported):
            return "the database has schema version \(found), newer than this emulator supports (\(supported)); use a newer vpngw-emulator or start with --reset / a new --db"
        case let .corrupt(why): return "the database is not usable: \(why)"
        }
    }
}
