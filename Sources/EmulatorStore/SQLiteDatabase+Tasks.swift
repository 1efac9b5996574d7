import VPNCore

/// Async tasks (API.md §6.3) and remembered ClientTokens (§7).
extension SQLiteDatabase {
    public func task(resourceId: String) throws -> ResourceTask? {
        try query("SELECT resource_id, action, ends_at FROM tasks WHERE resource_id = ?", [.text(resourceId)]).first
            .map { ResourceTask(resourceId: $0.text(0), action: $0.text(1), endsAt: $0.int(2)) }
    }

    /// Starts (or restarts) the task of a resource; kind is `gateway` or `connection`.
    public func startTask(resourceId: String, kind: String, action: String, endsAt: Int64) throws {
        try execute("""
            INSERT INTO tasks(resource_id, resource_kind, action, ends_at) VALUES (?, ?, ?, ?)
            ON CONFLICT(resource_id) DO UPDATE SET resource_kind = excluded.resource_kind, action = excluded.action, ends_at = excluded.ends_at
            """, [.text(resourceId), .text(kind), .text(action), .int(endsAt)])
    }

    public func pendingTasks(now: Int64) throws -> [ResourceTask] {
        try query("SELECT resource_id, action, ends_at FROM tasks WHERE ends_at > ? ORDER BY ends_at, resource_id", [.int(now)])
            .map { ResourceTask(resourceId: $0.text(0), action: $0.text(1), endsAt: $0.int(2)) }
    }

    /// Ends every pending task at `now`; returns how many there were.
    @discardableResult
    public func completeTasks(now: Int64) throws -> Int {
        try execute("UPDATE tasks SET ends_at = ? WHERE ends_at > ?", [.int(now), .int(now)])
    }

    // MARK: ClientTokens

    public struct StoredToken: Sendable, Equatable {
        public let fingerprint: String
        public let responseJSON: String
    }

    public func clientToken(accountId: String, action: String, token: String, now: Int64) throws -> StoredToken? {
        try query("SELECT fingerprint, response_json FROM client_tokens WHERE account_id = ? AND action = ? AND token = ? AND expires_at > ?",
                  [.text(accountId), .text(action), .text(token), .int(now)]).first
            .map { StoredToken(fingerprint: $0.text(0), responseJSON: $0.text(1)) }
    }

    public func storeClientToken(accountId: String, action: String, token: String, fingerprint: String,
                                 responseJSON: String, expiresAt: Int64) throws {
        try execute("""
            INSERT INTO client_tokens(account_id, action, token, fingerprint, response_json, expires_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(account_id, action, token) DO UPDATE SET fingerprint = excluded.fingerprint,
                response_json = excluded.response_json, expires_at = excluded.expires_at
            """, [.text(accountId), .text(action), .text(token), .text(fingerprint), .text(responseJSON), .int(expiresAt)])
    }

    public func purgeExpiredClientTokens(now: Int64) throws {
        try execute("DELETE FROM client_tokens WHERE expires_at <= ?", [.int(now)])
    }
}

/// Key/value facts about the database itself (`initialized` once start-up fixtures were loaded).
extension SQLiteDatabase {
    public func metadata(_ key: String) throws -> String? {
        try query("SELECT value FROM metadata WHERE key = ?", [.text(key)]).first?.text(0)
    }

    public func setMetadata(_ key: String, _ value: String) throws {
        try execute("INSERT INTO metadata(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    [.text(key), .text(value)])
    }
}
