/// The database schema, versioned by `PRAGMA user_version`. Each migration moves the schema up
/// one version inside one transaction; a database newer than `currentVersion` is refused.
///
/// Rows keep insertion order through the implicit rowid (fixture order, then API order), which
/// breaks ties between equal creation times (API.md §3.4). VPC system-table entries made by
/// publishing routes are not stored: they are derived from `gateway_routes.publish_vpc`
/// (see `VPCRouteTable`), so only fixture-declared entries live in `vpc_route_entries`.
public enum Schema {
    public static let migrations: [String] = [
        // Version 1.
        """
        CREATE TABLE regions(
            id TEXT PRIMARY KEY
        ) STRICT;
        CREATE TABLE accounts(
            id TEXT PRIMARY KEY,
            is_default INTEGER NOT NULL DEFAULT 0
        ) STRICT;
        CREATE TABLE ram_users(
            account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            allow_json TEXT NOT NULL,
            deny_json TEXT NOT NULL,
            PRIMARY KEY(account_id, name)
        ) STRICT;
        CREATE TABLE access_keys(
            id TEXT PRIMARY KEY,
            secret TEXT NOT NULL,
            account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            ram_user TEXT
        ) STRICT;
        CREATE TABLE vpcs(
            id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES accounts(id),
            region TEXT NOT NULL REFERENCES regions(id),
            cidr_block TEXT NOT NULL,
            status TEXT NOT NULL,
            route_table_quota INTEGER
        ) STRICT;
        CREATE TABLE vswitches(
            id TEXT PRIMARY KEY,
            vpc_id TEXT NOT NULL REFERENCES vpcs(id) ON DELETE CASCADE,
            cidr_block TEXT NOT NULL
        ) STRICT;
        CREATE TABLE vpc_route_entries(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            vpc_id TEXT NOT NULL REFERENCES vpcs(id) ON DELETE CASCADE,
            destination TEXT NOT NULL,
            next_hop_type TEXT NOT NULL,
            next_hop_id TEXT NOT NULL
        ) STRICT;
        CREATE INDEX vpc_route_entries_vpc ON vpc_route_entries(vpc_id);
        CREATE TABLE vpn_gateways(
            id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES accounts(id),
            region TEXT NOT NULL REFERENCES regions(id),
            vpc_id TEXT NOT NULL REFERENCES vpcs(id),
            vswitch_id TEXT NOT NULL,
            name TEXT NOT NULL,
            description TEXT NOT NULL,
            status TEXT NOT NULL,
            business_status TEXT NOT NULL,
            spec TEXT NOT NULL,
            charge_type TEXT NOT NULL,
            tunnel_mode TEXT NOT NULL,
            enable_bgp INTEGER NOT NULL,
            internet_ip TEXT NOT NULL,
            ssl_client_ip_pool TEXT,
            ssl_max_connections INTEGER,
            route_quota INTEGER,
            tags_json TEXT NOT NULL,
            create_time INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX vpn_gateways_scope ON vpn_gateways(account_id, region);
        CREATE TABLE vpn_connections(
            id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES accounts(id),
            region TEXT NOT NULL REFERENCES regions(id),
            attach_type TEXT NOT NULL,
            vpn_gateway_id TEXT REFERENCES vpn_gateways(id),
            transit_router_id TEXT,
            cen_id TEXT,
            state TEXT NOT NULL,
            business_status TEXT NOT NULL,
            name TEXT NOT NULL,
            local_subnet TEXT NOT NULL,
            remote_subnet TEXT NOT NULL,
            route_quota INTEGER,
            create_time INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE gateway_routes(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            vpn_gateway_id TEXT NOT NULL REFERENCES vpn_gateways(id) ON DELETE CASCADE,
            route_dest TEXT NOT NULL,
            next_hop TEXT NOT NULL,
            weight INTEGER NOT NULL,
            publish_vpc INTEGER NOT NULL,
            description TEXT NOT NULL,
            create_time INTEGER NOT NULL,
            UNIQUE(vpn_gateway_id, route_dest, next_hop)
        ) STRICT;
        CREATE INDEX gateway_routes_order ON gateway_routes(vpn_gateway_id, create_time, seq);
        CREATE TABLE connection_routes(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            vpn_connection_id TEXT NOT NULL REFERENCES vpn_connections(id) ON DELETE CASCADE,
            route_dest TEXT NOT NULL,
            weight INTEGER NOT NULL,
            description TEXT NOT NULL,
            create_time INTEGER NOT NULL,
            UNIQUE(vpn_connection_id, route_dest)
        ) STRICT;
        CREATE INDEX connection_routes_order ON connection_routes(vpn_connection_id, create_time, seq);
        CREATE TABLE tasks(
            resource_id TEXT PRIMARY KEY,
            resource_kind TEXT NOT NULL,
            action TEXT NOT NULL,
            ends_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE client_tokens(
            account_id TEXT NOT NULL,
            action TEXT NOT NULL,
            token TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            response_json TEXT NOT NULL,
            expires_at INTEGER NOT NULL,
            PRIMARY KEY(account_id, action, token)
        ) STRICT;
        CREATE TABLE metadata(
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT;
        """,
        // Version 2: expired ClientTokens are purged on every write that stores one (API.md §7,
        // `--client-token-ttl`); the index keeps that cheap however many tokens are kept.
        """
        CREATE INDEX client_tokens_expiry ON client_tokens(expires_at);
        """,
        // Version 3: the live state page's browse queries (SQLiteDatabase+Browse.swift), each
        // served by an index. All but the last are on tables only fixtures write; the last is
        // partial (published routes only), so an unpublished route costs RPC writes nothing more.
        """
        CREATE INDEX vpn_connections_scope ON vpn_connections(account_id, region);
        CREATE INDEX vpcs_scope ON vpcs(account_id, region);
        CREATE INDEX vswitches_vpc ON vswitches(vpc_id);
        CREATE INDEX vpn_gateways_vpc ON vpn_gateways(vpc_id);
        CREATE INDEX gateway_routes_published ON gateway_routes(vpn_gateway_id, route_dest) WHERE publish_vpc = 1;
        """,
    ]

    public static var currentVersion: Int { migrations.count }

    /// Tables in the order a wipe must empty them (children first).
    static let tablesChildrenFirst = [
        "client_tokens", "tasks", "connection_routes", "gateway_routes", "vpn_connections", "vpn_gateways",
        "vpc_route_entries", "vswitches", "vpcs", "access_keys", "ram_users", "accounts", "regions",
    ]

    /// Brings `db` to `currentVersion`, or throws `StoreError.newerSchema`.
    public static func migrate(_ db: SQLiteDatabase) throws {
        let found = Int(try db.scalar("PRAGMA user_version"))
        if found > currentVersion { throw StoreError.newerSchema(found: found, supported: currentVersion) }
        for version in found..<currentVersion {
            try db.transaction {
                try db.exec(migrations[version])
                try db.exec("PRAGMA user_version = \(version + 1)")
            }
        }
    }

    /// Deletes every row of every table but `metadata` (schema kept).
    public static func wipe(_ db: SQLiteDatabase) throws {
        for table in tablesChildrenFirst { try db.execute("DELETE FROM \(table)") }
    }
}
