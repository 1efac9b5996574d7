import VPNCore

/// What the live state page (`GET /_emulator/ui`) reads through the control API's browse
/// endpoints: plain values, read-only, every list bounded. Each query is served by an index
/// (Schema version 3) and never reads a whole route table: routes and VPC entries come a page at
/// a time, counts from the maintained counters or an indexed count.
public enum Browse {
    public struct AccessKeyRef: Sendable, Equatable {
        public let id: String
        /// The RAM user the key belongs to, nil for the account's own keys.
        public let ramUser: String?
    }

    public struct Account: Sendable, Equatable {
        public let id: String
        public let isDefault: Bool
        /// Key ids only: the page never shows a secret.
        public let accessKeys: [AccessKeyRef]
    }

    public struct Gateway: Sendable, Equatable {
        public let id: String
        public let name: String
        public let vpcId: String
        /// The status as stored; the effective one is `ResourceStateRules.gatewayStatus` of it and `task`.
        public let storedStatus: GatewayStatus
        public let businessStatus: BusinessStatus
        public let tunnelMode: String
        public let internetIp: String
        public let sslClientIpPool: String?
        /// nil: the start-up default (`--quota-gateway-routes`).
        public let routeQuota: Int?
        public let createTime: Int64
        /// The gateway's task row, pending or not (the cooldown follows its end).
        public let task: ResourceTask?
        public let routeCount: Int
    }

    public struct Connection: Sendable, Equatable {
        public let id: String
        public let name: String
        /// `VPNGW` or `CEN`.
        public let attachType: String
        public let vpnGatewayId: String?
        public let transitRouterId: String?
        public let cenId: String?
        /// The state as stored; the effective one follows DescribeVpnConnection.
        public let storedState: ConnectionState
        public let businessStatus: BusinessStatus
        public let routeQuota: Int?
        public let createTime: Int64
        public let task: ResourceTask?
        /// Routes of a transit connection; nil for a gateway-bound one (its routes are the gateway's).
        public let routeCount: Int?
    }

    public struct VPC: Sendable, Equatable {
        public let id: String
        public let cidrBlock: String
        public let status: String
        public let vSwitches: [VSwitch]
        /// nil: the start-up default (`--quota-vpc-routes`).
        public let routeTableQuota: Int?
        /// Entries of its system route table: fixture entries plus those published by routes.
        public let entryCount: Int
    }

    /// One entry of a VPC system route table and where it comes from.
    public struct VPCEntry: Sendable, Equatable {
        public let entry: VPCRouteEntry
        /// True when derived from published gateway routes, false when declared by a fixture.
        public let published: Bool
    }

    /// One page of a list and the number of items matching.
    public struct Page<Item: Sendable & Equatable>: Sendable, Equatable {
        public let total: Int
        public let items: [Item]
        public init(total: Int, items: [Item]) { self.total = total; self.items = items }
    }

    /// A list cut at its limit: `truncated` says more exist.
    public struct Bounded<Item: Sendable & Equatable>: Sendable, Equatable {
        public let items: [Item]
        public let truncated: Bool
        public init(items: [Item], truncated: Bool) { self.items = items; self.truncated = truncated }
    }

    /// A RouteDest prefix matching at most this many routes is read through the (table,
    /// RouteDest) index and sorted (about 5 ms for 10,000); a broader one walks the
    /// creation-order index newest first and filters, which stops once the page is full (sorting
    /// all 100,000 routes of a gateway took 48 ms, the walk 1 ms for the first page).
    public static let sortLimit = 10_000

    /// Filters of a route page. `routeDestPrefix` matches RouteDest text from its start.
    public struct RouteFilter: Sendable, Equatable {
        public var routeDestPrefix: String?
        public var nextHop: String?
        public init(routeDestPrefix: String? = nil, nextHop: String? = nil) {
            self.routeDestPrefix = routeDestPrefix.flatMap { $0.isEmpty ? nil : $0 }
            self.nextHop = nextHop.flatMap { $0.isEmpty ? nil : $0 }
        }
    }
}

extension StateAdministration {
    // MARK: Scope

    /// Every account with its key ids (fixture data: a handful of rows).
    public func browseAccounts() throws -> [Browse.Account] {
        var keys: [String: [Browse.AccessKeyRef]] = [:]
        for row in try db.query("SELECT id, account_id, ram_user FROM access_keys ORDER BY rowid") {
            keys[row.text(1), default: []].append(Browse.AccessKeyRef(id: row.text(0), ramUser: row.textOrNil(2)))
        }
        return try db.query("SELECT id, is_default FROM accounts ORDER BY rowid").map {
            Browse.Account(id: $0.text(0), isDefault: $0.bool(1), accessKeys: keys[$0.text(0)] ?? [])
        }
    }

    public func browseRegions() throws -> [String] {
        try db.query("SELECT id FROM regions ORDER BY rowid").map { $0.text(0) }
    }

    public func browseAccountExists(_ id: String) throws -> Bool {
        try db.scalar("SELECT count(*) FROM accounts WHERE id = ?", [.text(id)]) > 0
    }

    // MARK: Resources of one account and region

    /// The gateways of (`accountId`, `regionId`) in DescribeVpnGateways' order (creation time,
    /// then insertion), each with its task and its number of routes; at most `limit`.
    public func browseGateways(accountId: String, regionId: String, limit: Int) throws -> Browse.Bounded<Browse.Gateway> {
        let rows = try db.query("""
            SELECT g.id, g.name, g.vpc_id, g.status, g.business_status, g.tunnel_mode, g.internet_ip, g.ssl_client_ip_pool,
                   g.route_quota, g.create_time, t.action, t.ends_at, g.route_count, t.pending_state
            FROM vpn_gateways g LEFT JOIN tasks t ON t.resource_id = g.id
            WHERE g.account_id = ? AND g.region = ? ORDER BY g.create_time, g.rowid LIMIT ?
            """, [.text(accountId), .text(regionId), .int(Int64(limit) + 1)])
        return Self.bounded(rows, limit: limit) { row in
            Browse.Gateway(id: row.text(0), name: row.text(1), vpcId: row.text(2), storedStatus: GatewayStatus(rawValue: row.text(3)) ?? .active,
                           businessStatus: BusinessStatus(rawValue: row.text(4)) ?? .normal, tunnelMode: row.text(5), internetIp: row.text(6),
                           sslClientIpPool: row.textOrNil(7), routeQuota: row.intOrNil(8), createTime: row.int(9),
                           task: Self.task(id: row.text(0), action: row, 10), routeCount: Int(row.int(12)))
        }
    }

    /// The connections of (`accountId`, `regionId`) in creation order, each with its task and,
    /// for a transit connection, its number of routes; at most `limit`.
    public func browseConnections(accountId: String, regionId: String, limit: Int) throws -> Browse.Bounded<Browse.Connection> {
        let rows = try db.query("""
            SELECT c.id, c.name, c.attach_type, c.vpn_gateway_id, c.transit_router_id, c.cen_id, c.state, c.business_status,
                   c.route_quota, c.create_time, t.action, t.ends_at,
                   CASE WHEN c.attach_type = 'CEN' THEN c.route_count END, t.pending_state
            FROM vpn_connections c LEFT JOIN tasks t ON t.resource_id = c.id
            WHERE c.account_id = ? AND c.region = ? ORDER BY c.create_time, c.rowid LIMIT ?
            """, [.text(accountId), .text(regionId), .int(Int64(limit) + 1)])
        return Self.bounded(rows, limit: limit) { row in
            Browse.Connection(id: row.text(0), name: row.text(1), attachType: row.text(2), vpnGatewayId: row.textOrNil(3),
                              transitRouterId: row.textOrNil(4), cenId: row.textOrNil(5), storedState: ConnectionState(rawValue: row.text(6)),
                              businessStatus: BusinessStatus(rawValue: row.text(7)) ?? .normal, routeQuota: row.intOrNil(8), createTime: row.int(9),
                              task: Self.task(id: row.text(0), action: row, 10), routeCount: row.intOrNil(12))
        }
    }

    /// The VPCs of (`accountId`, `regionId`) in load order, with their vSwitches and the number
    /// of entries in their system route table; at most `limit`.
    public func browseVPCs(accountId: String, regionId: String, limit: Int) throws -> Browse.Bounded<Browse.VPC> {
        let rows = try db.query("""
            SELECT id, cidr_block, status, route_table_quota, route_entry_count FROM vpcs WHERE account_id = ? AND region = ?
            ORDER BY rowid LIMIT ?
            """, [.text(accountId), .text(regionId), .int(Int64(limit) + 1)])
        var items: [Browse.VPC] = []
        for row in rows.prefix(limit) {
            let id = row.text(0)
            let switches = try db.query("SELECT id, cidr_block FROM vswitches WHERE vpc_id = ? ORDER BY rowid", [.text(id)])
                .map { VSwitch(id: $0.text(0), cidrBlock: $0.text(1)) }
            items.append(Browse.VPC(id: id, cidrBlock: row.text(1), status: row.text(2), vSwitches: switches,
                                    routeTableQuota: row.intOrNil(3), entryCount: Int(row.int(4))))
        }
        return Browse.Bounded(items: items, truncated: rows.count > limit)
    }

    // MARK: Route pages

    /// Whether gateway `id` exists (in any account and region).
    public func browseGatewayExists(_ id: String) throws -> Bool {
        try db.scalar("SELECT count(*) FROM vpn_gateways WHERE id = ?", [.text(id)]) > 0
    }

    /// The attach type of connection `id` (`VPNGW`, `CEN`), nil when there is no such connection.
    public func browseConnectionAttachType(_ id: String) throws -> String? {
        try db.query("SELECT attach_type FROM vpn_connections WHERE id = ?", [.text(id)]).first?.text(0)
    }

    /// One page of a gateway's routes, newest first (creation time, then insertion, descending:
    /// the reverse of DescribeVpnRouteEntries), and how many match the filter.
    /// `sortLimit`: see `Browse.sortLimit` (tests set it to take either plan).
    public func browseGatewayRoutes(gatewayId: String, filter: Browse.RouteFilter, offset: Int, limit: Int,
                                    sortLimit: Int = Browse.sortLimit) throws -> Browse.Page<GatewayRoute> {
        func conditions(rangeOnIndex: Bool) -> (String, [SQLValue]) {
            var sql = "vpn_gateway_id = ?"
            var params: [SQLValue] = [.text(gatewayId)]
            Self.addPrefix(filter.routeDestPrefix, column: "route_dest", onIndex: rangeOnIndex, to: &sql, &params)
            if let nextHop = filter.nextHop {
                sql += " AND next_hop = ?"
                params.append(.text(nextHop))
            }
            return (sql, params)
        }
        let (countSQL, countParams) = conditions(rangeOnIndex: true)
        // Unfiltered: the gateway's counter; filtered: an indexed count of the matches.
        let total = filter.routeDestPrefix == nil && filter.nextHop == nil
            ? Int(try db.scalar("SELECT route_count FROM vpn_gateways WHERE id = ?", [.text(gatewayId)]))
            : Int(try db.scalar("SELECT count(*) FROM gateway_routes WHERE \(countSQL)", countParams))
        let (pageSQL, pageParams) = conditions(rangeOnIndex: total <= sortLimit)
        let rows = try db.query("""
            SELECT vpn_gateway_id, route_dest, next_hop, weight, publish_vpc, description, create_time FROM gateway_routes
            WHERE \(pageSQL) ORDER BY create_time DESC, seq DESC LIMIT ? OFFSET ?
            """, pageParams + [.int(Int64(limit)), .int(Int64(offset))])
        return Browse.Page(total: total, items: rows.map {
            GatewayRoute(vpnGatewayId: $0.text(0), routeDest: $0.text(1), nextHop: $0.text(2), weight: Int($0.int(3)),
                         publishVpc: $0.bool(4), description: $0.text(5), createTime: $0.int(6))
        })
    }

    /// One page of a transit connection's routes, newest first, and how many match the prefix.
    public func browseConnectionRoutes(connectionId: String, routeDestPrefix: String?, offset: Int, limit: Int,
                                       sortLimit: Int = Browse.sortLimit) throws -> Browse.Page<ConnectionRoute> {
        func conditions(rangeOnIndex: Bool) -> (String, [SQLValue]) {
            var sql = "vpn_connection_id = ?"
            var params: [SQLValue] = [.text(connectionId)]
            Self.addPrefix(routeDestPrefix, column: "route_dest", onIndex: rangeOnIndex, to: &sql, &params)
            return (sql, params)
        }
        let (countSQL, countParams) = conditions(rangeOnIndex: true)
        let total = routeDestPrefix.flatMap({ $0.isEmpty ? nil : $0 }) == nil
            ? Int(try db.scalar("SELECT route_count FROM vpn_connections WHERE id = ?", [.text(connectionId)]))
            : Int(try db.scalar("SELECT count(*) FROM connection_routes WHERE \(countSQL)", countParams))
        let (pageSQL, pageParams) = conditions(rangeOnIndex: total <= sortLimit)
        let rows = try db.query("""
            SELECT vpn_connection_id, route_dest, weight, description, create_time FROM connection_routes
            WHERE \(pageSQL) ORDER BY create_time DESC, seq DESC LIMIT ? OFFSET ?
            """, pageParams + [.int(Int64(limit)), .int(Int64(offset))])
        return Browse.Page(total: total, items: rows.map {
            ConnectionRoute(vpnConnectionId: $0.text(0), routeDest: $0.text(1), weight: Int($0.int(2)),
                            description: $0.text(3), createTime: $0.int(4))
        })
    }

    // MARK: VPC system route tables

    public func browseVPCExists(_ id: String) throws -> (exists: Bool, routeTableQuota: Int?) {
        guard let row = try db.query("SELECT route_table_quota FROM vpcs WHERE id = ?", [.text(id)]).first else { return (false, nil) }
        return (true, row.intOrNil(0))
    }

    /// (fixture entries, published entries, both) of the VPC's system route table: the table's
    /// counter, and an indexed count of its fixture entries (a handful).
    public func browseVPCEntryCounts(vpcId: String) throws -> (fixture: Int, published: Int, total: Int) {
        let total = Int(try db.scalar("SELECT route_entry_count FROM vpcs WHERE id = ?", [.text(vpcId)]))
        let fixture = Int(try db.scalar("SELECT count(*) FROM vpc_route_entries WHERE vpc_id = ? AND source = 'fixture'", [.text(vpcId)]))
        return (fixture, total - fixture, total)
    }

    /// One page of the VPC's system route table: the fixture's entries in their order, then the
    /// entries routes published, in the order they were first published (index `(vpc_id, source)`).
    public func browseVPCEntries(vpcId: String, offset: Int, limit: Int) throws -> Browse.Page<Browse.VPCEntry> {
        let counts = try browseVPCEntryCounts(vpcId: vpcId)
        func page(_ source: String, offset: Int, limit: Int) throws -> [Browse.VPCEntry] {
            try db.rows("""
                SELECT destination, next_hop_type, next_hop_id FROM vpc_route_entries WHERE vpc_id = ? AND source = ?
                ORDER BY seq LIMIT ? OFFSET ?
                """, [.text(vpcId), .text(source), .int(Int64(limit)), .int(Int64(offset))]) {
                Browse.VPCEntry(entry: VPCRouteEntry(destinationCidrBlock: $0.text(0), nextHopType: $0.text(1), nextHopId: $0.text(2)),
                                published: source == "published")
            }
        }
        var items: [Browse.VPCEntry] = []
        if offset < counts.fixture, limit > 0 { items += try page("fixture", offset: offset, limit: limit) }
        let remaining = limit - items.count
        if remaining > 0 { items += try page("published", offset: max(0, offset - counts.fixture), limit: remaining) }
        return Browse.Page(total: counts.total, items: items)
    }

    // MARK: Helpers

    private static func task(id: String, action row: SQLRow, _ column: Int) -> ResourceTask? {
        guard let action = row.textOrNil(column) else { return nil }
        // The pending state is selected as the column after the row's own (column + 3).
        return ResourceTask(resourceId: id, action: action, endsAt: row.int(column + 1), pendingState: row.textOrNil(column + 3) ?? "updating")
    }

    private static func bounded<Item: Sendable & Equatable>(_ rows: [SQLRow], limit: Int, _ map: (SQLRow) -> Item) -> Browse.Bounded<Item> {
        Browse.Bounded(items: rows.prefix(limit).map(map), truncated: rows.count > limit)
    }

    /// `column` starts with `prefix`, written as a range (text compares bytewise; U+10FFFF sorts
    /// after every character a route holds). `onIndex: false` writes `+column`, which keeps
    /// SQLite from choosing the column's index for the range.
    private static func addPrefix(_ prefix: String?, column: String, onIndex: Bool, to conditions: inout String, _ params: inout [SQLValue]) {
        guard let prefix, !prefix.isEmpty else { return }
        let operand = onIndex ? column : "+" + column
        conditions += " AND \(operand) >= ? AND \(operand) < ?"
        params += [.text(prefix), .text(prefix + "\u{10FFFF}")]
    }
}
