import EmulatorJSON
import VPNCore

/// The database schema, versioned by `PRAGMA user_version`. Each migration moves the schema up
/// one version; the pending ones run in one transaction; a database newer than `currentVersion`
/// is refused.
///
/// Rows keep insertion order through the implicit rowid (fixture order, then API order), which
/// breaks ties between equal creation times (API.md §3.4).
///
/// Since version 3 every rule check is an indexed lookup (ARCHITECTURE.md "Queries, not scans"):
/// route counts per gateway and per connection, and entry counts per VPC table, are counters
/// kept by triggers in the same transaction as the rows they count; the VPC system table holds
/// the fixture's entries (`source = 'fixture'`) and one entry per distinct published
/// (destination, gateway) (`source = 'published'`, `refs` = how many published routes share it),
/// also kept by triggers, so publishing, sharing and withdrawing are exact in every write path.
enum Schema {
    /// One step up: SQL, then an optional Swift step for what SQL cannot compute (parsing CIDR
    /// text into ranges, JSON tags into rows). Both run in the migration's transaction.
    struct Migration: Sendable {
        let sql: String
        var swift: (@Sendable (SQLiteDatabase) throws -> Void)? = nil
    }

    static let migrations: [Migration] = [
        // Version 1.
        Migration(sql: """
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
        """),
        // Version 2: expired ClientTokens are purged on every write that stores one (API.md §7,
        // `--client-token-ttl`); the index keeps that cheap however many tokens are kept.
        Migration(sql: """
        CREATE INDEX client_tokens_expiry ON client_tokens(expires_at);
        """),
        // Version 3: constant cost per request at any size (counters, ranges, the maintained VPC
        // table, tags as rows, pending tasks by index).
        Migration(sql: """
        ALTER TABLE vpn_gateways ADD COLUMN route_count INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE vpn_connections ADD COLUMN route_count INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE vpcs ADD COLUMN route_entry_count INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE vswitches ADD COLUMN range_start INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE vswitches ADD COLUMN range_end INTEGER NOT NULL DEFAULT -1;
        CREATE INDEX vswitches_range ON vswitches(vpc_id, range_start);
        ALTER TABLE vpc_route_entries ADD COLUMN source TEXT NOT NULL DEFAULT 'fixture';
        ALTER TABLE vpc_route_entries ADD COLUMN refs INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX vpc_route_entries_destination ON vpc_route_entries(vpc_id, destination);
        CREATE INDEX tasks_ends_at ON tasks(ends_at);
        CREATE INDEX vpn_connections_gateway ON vpn_connections(vpn_gateway_id);
        CREATE INDEX vpn_connections_scope ON vpn_connections(account_id, region);
        CREATE INDEX vpcs_scope ON vpcs(account_id, region);
        CREATE INDEX vpc_route_entries_source ON vpc_route_entries(vpc_id, source);
        CREATE TABLE resource_tags(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            resource_type TEXT NOT NULL,
            resource_id TEXT NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            UNIQUE(resource_type, resource_id, key)
        ) STRICT;
        CREATE INDEX resource_tags_key ON resource_tags(resource_type, key, value);

        UPDATE vpn_gateways SET route_count = (SELECT count(*) FROM gateway_routes r WHERE r.vpn_gateway_id = vpn_gateways.id);
        UPDATE vpn_connections SET route_count = (SELECT count(*) FROM connection_routes r WHERE r.vpn_connection_id = vpn_connections.id);
        UPDATE vpcs SET route_entry_count = (SELECT count(*) FROM vpc_route_entries e WHERE e.vpc_id = vpcs.id);

        \(counter(rows: "gateway_routes", key: "vpn_gateway_id", owner: "vpn_gateways", column: "route_count"))
        \(counter(rows: "connection_routes", key: "vpn_connection_id", owner: "vpn_connections", column: "route_count"))
        \(counter(rows: "vpc_route_entries", key: "vpc_id", owner: "vpcs", column: "route_entry_count"))

        CREATE TRIGGER gateway_routes_published AFTER INSERT ON gateway_routes WHEN NEW.publish_vpc = 1 BEGIN
        \(publish("NEW"))
        END;
        CREATE TRIGGER gateway_routes_withdrawn AFTER DELETE ON gateway_routes WHEN OLD.publish_vpc = 1 BEGIN
        \(withdraw("OLD"))
        END;
        CREATE TRIGGER gateway_routes_republished AFTER UPDATE OF publish_vpc, route_dest, vpn_gateway_id ON gateway_routes
        WHEN OLD.publish_vpc <> NEW.publish_vpc OR OLD.route_dest <> NEW.route_dest OR OLD.vpn_gateway_id <> NEW.vpn_gateway_id BEGIN
        \(withdraw("OLD", when: "OLD.publish_vpc = 1"))
        \(publish("NEW", when: "NEW.publish_vpc = 1"))
        END;
        """, swift: { db in
            try backfillRanges(db)
            try backfillTags(db)
            try db.exec("ALTER TABLE vpn_gateways DROP COLUMN tags_json")
            for vpc in try db.rows("SELECT id FROM vpcs ORDER BY rowid", [], { $0.text(0) }) { try rebuildPublishedEntries(db, vpcId: vpc) }
        }),
        // Version 4 (issue 12): the resources the API now creates. Customer gateways; the IPsec
        // settings, customer gateway and tunnels of connections; the attributes CreateVpnGateway
        // sets; a counter of each gateway's connections; the state a pending task shows
        // (`provisioning` while a created gateway is being set up); indexes for every new lookup.
        Migration(sql: """
        CREATE TABLE customer_gateways(
            id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES accounts(id),
            region TEXT NOT NULL REFERENCES regions(id),
            ip_address TEXT NOT NULL,
            name TEXT NOT NULL,
            description TEXT NOT NULL,
            asn INTEGER,
            auth_key TEXT NOT NULL,
            create_time INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX customer_gateways_order ON customer_gateways(account_id, region, create_time);
        CREATE INDEX customer_gateways_address ON customer_gateways(account_id, region, ip_address);

        ALTER TABLE vpn_gateways ADD COLUMN connection_count INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE vpn_gateways ADD COLUMN dr_vswitch_id TEXT NOT NULL DEFAULT '';
        ALTER TABLE vpn_gateways ADD COLUMN dr_internet_ip TEXT NOT NULL DEFAULT '';
        ALTER TABLE vpn_gateways ADD COLUMN enable_ipsec INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE vpn_gateways ADD COLUMN enable_ssl INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE vpn_gateways ADD COLUMN ssl_connections INTEGER NOT NULL DEFAULT 5;
        ALTER TABLE vpn_gateways ADD COLUMN auto_propagate INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE vpn_gateways ADD COLUMN network_type TEXT NOT NULL DEFAULT 'public';
        ALTER TABLE vpn_gateways ADD COLUMN vpn_type TEXT NOT NULL DEFAULT 'Normal';
        ALTER TABLE vpn_gateways ADD COLUMN connection_quota INTEGER;
        CREATE INDEX vpn_gateways_order ON vpn_gateways(account_id, region, create_time);
        UPDATE vpn_gateways SET enable_ssl = 1 WHERE ssl_client_ip_pool IS NOT NULL;
        UPDATE vpn_gateways SET connection_count = (SELECT count(*) FROM vpn_connections c WHERE c.vpn_gateway_id = vpn_gateways.id);

        ALTER TABLE vpn_connections ADD COLUMN customer_gateway_id TEXT REFERENCES customer_gateways(id);
        ALTER TABLE vpn_connections ADD COLUMN settings_json TEXT NOT NULL DEFAULT '';
        CREATE INDEX vpn_connections_customer_gateway ON vpn_connections(customer_gateway_id, vpn_gateway_id);
        CREATE INDEX vpn_connections_order ON vpn_connections(account_id, region, create_time);
        CREATE TABLE vpn_tunnels(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            vpn_connection_id TEXT NOT NULL REFERENCES vpn_connections(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            customer_gateway_id TEXT NOT NULL REFERENCES customer_gateways(id),
            settings_json TEXT NOT NULL
        ) STRICT;
        CREATE INDEX vpn_tunnels_connection ON vpn_tunnels(vpn_connection_id);
        CREATE INDEX vpn_tunnels_customer_gateway ON vpn_tunnels(customer_gateway_id);

        CREATE INDEX gateway_routes_next_hop ON gateway_routes(next_hop);
        ALTER TABLE tasks ADD COLUMN pending_state TEXT NOT NULL DEFAULT 'updating';

        \(counter(rows: "vpn_connections", key: "vpn_gateway_id", owner: "vpn_gateways", column: "connection_count"))
        CREATE TRIGGER vpn_connections_moved AFTER UPDATE OF vpn_gateway_id ON vpn_connections
        WHEN OLD.vpn_gateway_id IS NOT NEW.vpn_gateway_id BEGIN
            UPDATE vpn_gateways SET connection_count = connection_count - 1 WHERE id = OLD.vpn_gateway_id;
            UPDATE vpn_gateways SET connection_count = connection_count + 1 WHERE id = NEW.vpn_gateway_id;
        END;
        """),
        // Version 5: DescribeVpnConnections filtered by VpnGatewayId pages and counts through
        // this index (it walked the account's connections in the region; found in review).
        Migration(sql: """
        CREATE INDEX vpn_connections_gateway_order ON vpn_connections(account_id, region, vpn_gateway_id, create_time);
        """),
    ]

    static var currentVersion: Int { migrations.count }

    /// Two triggers that keep `owner.column` equal to the number of `rows` whose `key` names it.
    static func counter(rows: String, key: String, owner: String, column: String) -> String {
        """
        CREATE TRIGGER \(rows)_counted AFTER INSERT ON \(rows) BEGIN
            UPDATE \(owner) SET \(column) = \(column) + 1 WHERE id = NEW.\(key);
        END;
        CREATE TRIGGER \(rows)_uncounted AFTER DELETE ON \(rows) BEGIN
            UPDATE \(owner) SET \(column) = \(column) - 1 WHERE id = OLD.\(key);
        END;
        """
    }

    /// The statements that add (or share) the VPC entry of a published route `row` (`NEW`/`OLD`).
    /// The first entry (dest → this gateway) counts the route in `refs`; without one, a new
    /// `published` entry is added to the gateway's VPC.
    static func publish(_ row: String, when condition: String = "1") -> String {
        """
            UPDATE vpc_route_entries SET refs = refs + 1 WHERE \(condition) AND seq = (
                SELECT e.seq FROM vpc_route_entries e JOIN vpn_gateways g ON g.vpc_id = e.vpc_id
                WHERE g.id = \(row).vpn_gateway_id AND e.destination = \(row).route_dest
                  AND e.next_hop_type = 'VpnGateway' AND e.next_hop_id = \(row).vpn_gateway_id ORDER BY e.seq LIMIT 1);
            INSERT INTO vpc_route_entries(vpc_id, destination, next_hop_type, next_hop_id, source, refs)
                SELECT g.vpc_id, \(row).route_dest, 'VpnGateway', \(row).vpn_gateway_id, 'published', 1 FROM vpn_gateways g
                WHERE \(condition) AND g.id = \(row).vpn_gateway_id AND NOT EXISTS (
                    SELECT 1 FROM vpc_route_entries e WHERE e.vpc_id = g.vpc_id AND e.destination = \(row).route_dest
                    AND e.next_hop_type = 'VpnGateway' AND e.next_hop_id = \(row).vpn_gateway_id);
        """
    }

    /// The statements that release the VPC entry of a withdrawn route: a `published` entry goes
    /// when no published route shares it any more; a fixture entry always stays.
    static func withdraw(_ row: String, when condition: String = "1") -> String {
        """
            UPDATE vpc_route_entries SET refs = refs - 1 WHERE \(condition) AND seq = (
                SELECT e.seq FROM vpc_route_entries e JOIN vpn_gateways g ON g.vpc_id = e.vpc_id
                WHERE g.id = \(row).vpn_gateway_id AND e.destination = \(row).route_dest
                  AND e.next_hop_type = 'VpnGateway' AND e.next_hop_id = \(row).vpn_gateway_id ORDER BY e.seq LIMIT 1);
            DELETE FROM vpc_route_entries WHERE \(condition) AND source = 'published' AND refs <= 0
                AND vpc_id = (SELECT vpc_id FROM vpn_gateways WHERE id = \(row).vpn_gateway_id)
                AND destination = \(row).route_dest AND next_hop_type = 'VpnGateway' AND next_hop_id = \(row).vpn_gateway_id;
        """
    }

    /// Derives a VPC's published entries again from its gateways' published routes (creation
    /// order): after a migration, or after fixtures replaced VPCs or moved gateways.
    static func rebuildPublishedEntries(_ db: SQLiteDatabase, vpcId: String) throws {
        try db.execute("DELETE FROM vpc_route_entries WHERE vpc_id = ? AND source = 'published'", [.text(vpcId)])
        try db.execute("UPDATE vpc_route_entries SET refs = 0 WHERE vpc_id = ?", [.text(vpcId)])
        let routes = try db.rows("""
            SELECT r.vpn_gateway_id, r.route_dest FROM gateway_routes r JOIN vpn_gateways g ON g.id = r.vpn_gateway_id
            WHERE g.vpc_id = ? AND r.publish_vpc = 1 ORDER BY r.create_time, r.seq
            """, [.text(vpcId)]) { ($0.text(0), $0.text(1)) }
        for (gateway, dest) in routes {
            let shared = try db.execute("""
                UPDATE vpc_route_entries SET refs = refs + 1 WHERE seq = (SELECT seq FROM vpc_route_entries WHERE vpc_id = ?
                    AND destination = ? AND next_hop_type = 'VpnGateway' AND next_hop_id = ? ORDER BY seq LIMIT 1)
                """, [.text(vpcId), .text(dest), .text(gateway)])
            if shared == 0 {
                try db.execute("""
                    INSERT INTO vpc_route_entries(vpc_id, destination, next_hop_type, next_hop_id, source, refs)
                    VALUES (?, ?, 'VpnGateway', ?, 'published', 1)
                    """, [.text(vpcId), .text(dest), .text(gateway)])
            }
        }
    }

    /// vSwitch blocks as integer ranges, for the indexed containment query of `vpc.local-cidr`.
    static func backfillRanges(_ db: SQLiteDatabase) throws {
        for (id, cidr) in try db.rows("SELECT id, cidr_block FROM vswitches", [], { ($0.text(0), $0.text(1)) }) {
            let range = IPv4CIDR(cidr).map(\.range) ?? (start: 0, end: -1)
            try db.execute("UPDATE vswitches SET range_start = ?, range_end = ? WHERE id = ?", [.int(range.start), .int(range.end), .text(id)])
        }
    }

    /// Gateway tags from the old `tags_json` column into `resource_tags`.
    static func backfillTags(_ db: SQLiteDatabase) throws {
        for (id, json) in try db.rows("SELECT id, tags_json FROM vpn_gateways ORDER BY rowid", [], { ($0.text(0), $0.text(1)) }) {
            guard case let .array(items)? = try? JSONParser.parse(json) else { continue }
            for item in items {
                guard let key = item["key"]?.stringValue else { continue }
                try db.execute("""
                    INSERT INTO resource_tags(resource_type, resource_id, key, value) VALUES (?, ?, ?, ?)
                    ON CONFLICT(resource_type, resource_id, key) DO UPDATE SET value = excluded.value
                    """, [.text(TagResourceType.vpnGateway.rawValue), .text(id), .text(key), .text(item["value"]?.stringValue ?? "")])
            }
        }
    }

    /// Tables in the order a wipe must empty them (children first).
    static let tablesChildrenFirst = [
        "client_tokens", "tasks", "resource_tags", "connection_routes", "gateway_routes", "vpn_tunnels", "vpn_connections",
        "customer_gateways", "vpn_gateways",
        "vpc_route_entries", "vswitches", "vpcs", "access_keys", "ram_users", "accounts", "regions",
    ]

    /// Brings `db` to `currentVersion`, or throws `StoreError.newerSchema`.
    static func migrate(_ db: SQLiteDatabase) throws {
        let found = Int(try db.scalar("PRAGMA user_version"))
        if found > currentVersion { throw StoreError.newerSchema(found: found, supported: currentVersion) }
        guard found < currentVersion else { return }
        // Every pending step in one transaction: an upgrade lands whole or not at all (and a new
        // database is created in one commit).
        try db.transaction {
            if found == 0 {
                try db.exec(currentSQL)   // a new database: the migrations' result in one step
            } else {
                try runMigrations(db, from: found)
            }
            try db.exec("PRAGMA user_version = \(currentVersion)")
        }
    }

    /// The migrations from version `found` to `currentVersion`, in the caller's transaction.
    static func runMigrations(_ db: SQLiteDatabase, from found: Int) throws {
        for version in found..<currentVersion {
            try db.exec(migrations[version].sql)
            try migrations[version].swift?(db)
        }
    }

    /// Deletes every row of every table but `metadata` (schema kept).
    static func wipe(_ db: SQLiteDatabase) throws {
        for table in tablesChildrenFirst { try db.execute("DELETE FROM \(table)") }
    }
}
