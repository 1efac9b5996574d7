import VPNCore

/// Async tasks (API.md §6.3) and remembered ClientTokens (§7).
extension Repository {
    public func task(resourceId: String) throws -> ResourceTask? {
        try db.first("SELECT resource_id, action, ends_at, pending_state FROM tasks WHERE resource_id = ?", [.text(resourceId)]) {
            ResourceTask(resourceId: $0.text(0), action: $0.text(1), endsAt: $0.int(2), pendingState: $0.text(3))
        }
    }

    /// Starts (or restarts) the task of a resource; it shows `pendingState` until `endsAt`.
    public func startTask(resourceId: String, kind: ResourceKind, action: String, endsAt: Int64, pendingState: String = "updating") throws {
        try db.execute("""
            INSERT INTO tasks(resource_id, resource_kind, action, ends_at, pending_state) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(resource_id) DO UPDATE SET resource_kind = excluded.resource_kind, action = excluded.action,
                ends_at = excluded.ends_at, pending_state = excluded.pending_state
            """, [.text(resourceId), .text(kind.rawValue), .text(action), .int(endsAt), .text(pendingState)])
    }

    // MARK: ClientTokens

    public struct StoredToken: Sendable, Equatable {
        public let fingerprint: String
        public let responseJSON: String
    }

    public func clientToken(accountId: String, action: String, token: String, now: Int64) throws -> StoredToken? {
        try db.first("""
            SELECT fingerprint, response_json FROM client_tokens WHERE account_id = ? AND action = ? AND token = ? AND expires_at > ?
            """, [.text(accountId), .text(action), .text(token), .int(now)]) { StoredToken(fingerprint: $0.text(0), responseJSON: $0.text(1)) }
    }

    public func storeClientToken(accountId: String, action: String, token: String, fingerprint: String,
                                 responseJSON: String, expiresAt: Int64) throws {
        try db.execute("""
            INSERT INTO client_tokens(account_id, action, token, fingerprint, response_json, expires_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(account_id, action, token) DO UPDATE SET fingerprint = excluded.fingerprint,
                response_json = excluded.response_json, expires_at = excluded.expires_at
            """, [.text(accountId), .text(action), .text(token), .text(fingerprint), .text(responseJSON), .int(expiresAt)])
    }

    /// Forgets expired tokens (index `client_tokens_expiry`: the cost is the number purged).
    public func purgeExpiredClientTokens(now: Int64) throws {
        try db.execute("DELETE FROM client_tokens WHERE expires_at <= ?", [.int(now)])
    }
}
