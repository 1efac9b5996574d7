import EmulatorJSON
import VPNCore

/// The control plane's view of the database (start-up, `POST /_emulator/reset`, fixtures, the
/// state dump, tasks, credentials): bulk operations that no API operation may use. Valid only
/// inside the closure of `Store.administer`, `inspect` or `administerSync`.
public struct StateAdministration {
    let db: SQLiteDatabase

    init(_ db: SQLiteDatabase) { self.db = db }

    /// The operations' repository on the same transaction.
    public var repository: Repository { Repository(db) }

    // MARK: Fixtures and the dump

    /// Empties every table but `metadata` (the schema stays).
    public func wipe() throws { try Schema.wipe(db) }

    /// Applies a fixture document on top of the state, all-or-nothing (FIXTURES.md).
    @discardableResult
    public func apply(_ document: FixtureDocument, now: Int64) throws -> FixtureCounts { try db.apply(document, now: now) }

    /// The whole state in the fixture format (`GET /_emulator/state`).
    public func exportState() throws -> JSONValue { try db.exportState() }

    // MARK: Credentials

    public func accounts() throws -> [Account] { try db.accounts() }

    /// The default account (FIXTURES.md `default`): the flagged one, else the first loaded.
    public func defaultAccountId() throws -> String? {
        try db.first("SELECT id FROM accounts ORDER BY is_default DESC, rowid LIMIT 1", [], { $0.text(0) })
    }

    /// The first access key of the default account, printed at start-up.
    public func defaultAccessKey() throws -> AccessKey? {
        guard let account = try defaultAccountId() else { return nil }
        return try db.first("SELECT id, secret FROM access_keys WHERE account_id = ? AND ram_user IS NULL ORDER BY rowid LIMIT 1",
                            [.text(account)]) { AccessKey(id: $0.text(0), secret: $0.text(1)) }
    }

    // MARK: Tasks

    /// Tasks still running at `now`, soonest first (index `tasks_ends_at`).
    public func pendingTasks(now: Int64) throws -> [ResourceTask] {
        try db.rows("SELECT resource_id, action, ends_at, pending_state FROM tasks WHERE ends_at > ? ORDER BY ends_at, resource_id",
                    [.int(now)]) { ResourceTask(resourceId: $0.text(0), action: $0.text(1), endsAt: $0.int(2), pendingState: $0.text(3)) }
    }

    public func pendingTaskCount(now: Int64) throws -> Int {
        Int(try db.scalar("SELECT count(*) FROM tasks WHERE ends_at > ?", [.int(now)]))
    }

    /// Ends every pending task at `now`; returns how many there were.
    @discardableResult
    public func completeTasks(now: Int64) throws -> Int {
        try db.execute("UPDATE tasks SET ends_at = ? WHERE ends_at > ?", [.int(now), .int(now)])
    }

    // MARK: Facts about the database itself

    public func metadata(_ key: String) throws -> String? {
        try db.first("SELECT value FROM metadata WHERE key = ?", [.text(key)]) { $0.text(0) }
    }

    public func setMetadata(_ key: String, _ value: String) throws {
        try db.execute("INSERT INTO metadata(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       [.text(key), .text(value)])
    }
}
