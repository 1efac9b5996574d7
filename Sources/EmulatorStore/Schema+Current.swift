// Generated from the migrations: see `Schema.currentSQL`. Do not edit by hand.

extension Schema {
    /// The schema at `currentVersion` as one script: what `sqlite_master` holds after every
    /// migration has run on an empty database, in creation order. A new database is created from
    /// it in one step; replaying the migrations cost 10.5 ms of a 27 ms start (each ALTER TABLE
    /// makes SQLite re-read the whole schema). `MigrationTests.theCurrentScriptIsWhatTheMigrationsMake`
    /// compares the two and prints the new text when a migration is added.
    static let currentSQL = """
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
    , route_entry_count INTEGER NOT NULL DEFAULT 0) STRICT;
    CREATE TABLE vswitches(
        id TEXT PRIMARY KEY,
        vpc_id TEXT NOT NULL REFERENCES vpcs(id) ON DELETE CASCADE,
        cidr_block TEXT NOT NULL
    , range_start INTEGER NOT NULL DEFAULT 0, range_end INTEGER NOT NULL DEFAULT -1) STRICT;
    CREATE TABLE vpc_route_entries(
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        vpc_id TEXT NOT NULL REFERENCES vpcs(id) ON DELETE CASCADE,
        destination TEXT NOT NULL,
        next_hop_type TEXT NOT NULL,
        next_hop_id TEXT NOT NULL
    , source TEXT NOT NULL DEFAULT 'fixture', refs INTEGER NOT NULL DEFAULT 0) STRICT;
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
        create_time INTEGER NOT NULL
    , route_count INTEGER NOT NULL DEFAULT 0, connection_count INTEGER NOT NULL DEFAULT 0, dr_vswitch_id TEXT NOT NULL DEFAULT '', dr_internet_ip TEXT NOT NULL DEFAULT '', enable_ipsec INTEGER NOT NULL DEFAULT 1, enable_ssl INTEGER NOT NULL DEFAULT 0, ssl_connections INTEGER NOT NULL DEFAULT 5, auto_propagate INTEGER NOT NULL DEFAULT 0, network_type TEXT NOT NULL DEFAULT 'public', vpn_type TEXT NOT NULL DEFAULT 'Normal', connection_quota INTEGER) STRICT;
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
    , route_count INTEGER NOT NULL DEFAULT 0, customer_gateway_id TEXT REFERENCES customer_gateways(id), settings_json TEXT NOT NULL DEFAULT '') STRICT;
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
    , pending_state TEXT NOT NULL DEFAULT 'updating') STRICT;
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
    CREATE INDEX client_tokens_expiry ON client_tokens(expires_at);
    CREATE INDEX vswitches_range ON vswitches(vpc_id, range_start);
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
    CREATE TRIGGER gateway_routes_counted AFTER INSERT ON gateway_routes BEGIN
        UPDATE vpn_gateways SET route_count = route_count + 1 WHERE id = NEW.vpn_gateway_id;
    END;
    CREATE TRIGGER gateway_routes_uncounted AFTER DELETE ON gateway_routes BEGIN
        UPDATE vpn_gateways SET route_count = route_count - 1 WHERE id = OLD.vpn_gateway_id;
    END;
    CREATE TRIGGER connection_routes_counted AFTER INSERT ON connection_routes BEGIN
        UPDATE vpn_connections SET route_count = route_count + 1 WHERE id = NEW.vpn_connection_id;
    END;
    CREATE TRIGGER connection_routes_uncounted AFTER DELETE ON connection_routes BEGIN
        UPDATE vpn_connections SET route_count = route_count - 1 WHERE id = OLD.vpn_connection_id;
    END;
    CREATE TRIGGER vpc_route_entries_counted AFTER INSERT ON vpc_route_entries BEGIN
        UPDATE vpcs SET route_entry_count = route_entry_count + 1 WHERE id = NEW.vpc_id;
    END;
    CREATE TRIGGER vpc_route_entries_uncounted AFTER DELETE ON vpc_route_entries BEGIN
        UPDATE vpcs SET route_entry_count = route_entry_count - 1 WHERE id = OLD.vpc_id;
    END;
    CREATE TRIGGER gateway_routes_published AFTER INSERT ON gateway_routes WHEN NEW.publish_vpc = 1 BEGIN
        UPDATE vpc_route_entries SET refs = refs + 1 WHERE 1 AND seq = (
            SELECT e.seq FROM vpc_route_entries e JOIN vpn_gateways g ON g.vpc_id = e.vpc_id
            WHERE g.id = NEW.vpn_gateway_id AND e.destination = NEW.route_dest
              AND e.next_hop_type = 'VpnGateway' AND e.next_hop_id = NEW.vpn_gateway_id ORDER BY e.seq LIMIT 1);
        INSERT INTO vpc_route_entries(vpc_id, destination, next_hop_type, next_hop_id, source, refs)
            SELECT g.vpc_id, NEW.route_dest, 'VpnGateway', NEW.vpn_gateway_id, 'published', 1 FROM vpn_gateways g
            WHERE 1 AND g.id = NEW.vpn_gateway_id AND NOT EXISTS (
                SELECT 1 FROM vpc_route_entries e WHERE e.vpc_id = g.vpc_id AND e.destination = NEW.route_dest
                AND e.next_hop_type = 'VpnGateway' AND e.next_hop_id = NEW.vpn_gateway_id);
    END;
    CREATE TRIGGER gateway_routes_withdrawn AFTER DELETE ON gateway_routes WHEN OLD.publish_vpc = 1 BEGIN
        UPDATE vpc_route_entries SET refs = refs - 1 WHERE 1 AND seq = (
            SELECT e.seq FROM vpc_route_entries e JOIN vpn_gateways g ON g.vpc_id = e.vpc_id
            WHERE g.id = OLD.vpn_gateway_id AND e.destination = OLD.route_dest
              AND e.next_hop_type = 'VpnGateway' AND e.next_hop_id = OLD.vpn_gateway_id ORDER BY e.seq LIMIT 1);
        DELETE FROM vpc_route_entries WHERE 1 AND source = 'published' AND refs <= 0
            AND vpc_id = (SELECT vpc_id FROM vpn_gateways WHERE id = OLD.vpn_gateway_id)
            AND destination = OLD.route_dest AND next_hop_type = 'VpnGateway' AND next_hop_id = OLD.vpn_gateway_id;
    END;
    CREATE TRIGGER gateway_routes_republished AFTER UPDATE OF publish_vpc, route_dest, vpn_gateway_id ON gateway_routes
    WHEN OLD.publish_vpc <> NEW.publish_vpc OR OLD.route_dest <> NEW.route_dest OR OLD.vpn_gateway_id <> NEW.vpn_gateway_id BEGIN
        UPDATE vpc_route_entries SET refs = refs - 1 WHERE OLD.publish_vpc = 1 AND seq = (
            SELECT e.seq FROM vpc_route_entries e JOIN vpn_gateways g ON g.vpc_id = e.vpc_id
            WHERE g.id = OLD.vpn_gateway_id AND e.destination = OLD.route_dest
              AND e.next_hop_type = 'VpnGateway' AND e.next_hop_id = OLD.vpn_gateway_id ORDER BY e.seq LIMIT 1);
        DELETE FROM vpc_route_entries WHERE OLD.publish_vpc = 1 AND source = 'published' AND refs <= 0
            AND vpc_id = (SELECT vpc_id FROM vpn_gateways WHERE id = OLD.vpn_gateway_id)
            AND destination = OLD.route_dest AND next_hop_type = 'VpnGateway' AND next_hop_id = OLD.vpn_gateway_id;
        UPDATE vpc_route_entries SET refs = refs + 1 WHERE NEW.publish_vpc = 1 AND seq = (
            SELECT e.seq FROM vpc_route_entries e JOIN vpn_gateways g ON g.vpc_id = e.vpc_id
            WHERE g.id = NEW.vpn_gateway_id AND e.destination = NEW.route_dest
              AND e.next_hop_type = 'VpnGateway' AND e.next_hop_id = NEW.vpn_gateway_id ORDER BY e.seq LIMIT 1);
        INSERT INTO vpc_route_entries(vpc_id, destination, next_hop_type, next_hop_id, source, refs)
            SELECT g.vpc_id, NEW.route_dest, 'VpnGateway', NEW.vpn_gateway_id, 'published', 1 FROM vpn_gateways g
            WHERE NEW.publish_vpc = 1 AND g.id = NEW.vpn_gateway_id AND NOT EXISTS (
                SELECT 1 FROM vpc_route_entries e WHERE e.vpc_id = g.vpc_id AND e.destination = NEW.route_dest
                AND e.next_hop_type = 'VpnGateway' AND e.next_hop_id = NEW.vpn_gateway_id);
    END;
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
    CREATE INDEX vpn_gateways_order ON vpn_gateways(account_id, region, create_time);
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
    CREATE TRIGGER vpn_connections_counted AFTER INSERT ON vpn_connections BEGIN
        UPDATE vpn_gateways SET connection_count = connection_count + 1 WHERE id = NEW.vpn_gateway_id;
    END;
    CREATE TRIGGER vpn_connections_uncounted AFTER DELETE ON vpn_connections BEGIN
        UPDATE vpn_gateways SET connection_count = connection_count - 1 WHERE id = OLD.vpn_gateway_id;
    END;
    CREATE TRIGGER vpn_connections_moved AFTER UPDATE OF vpn_gateway_id ON vpn_connections
    WHEN OLD.vpn_gateway_id IS NOT NEW.vpn_gateway_id BEGIN
        UPDATE vpn_gateways SET connection_count = connection_count - 1 WHERE id = OLD.vpn_gateway_id;
        UPDATE vpn_gateways SET connection_count = connection_count + 1 WHERE id = NEW.vpn_gateway_id;
    END;
    CREATE INDEX vpn_connections_gateway_order ON vpn_connections(account_id, region, vpn_gateway_id, create_time);
    """
}
