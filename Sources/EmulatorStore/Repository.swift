import VPNCore

/// What an operation may do with the database: the indexed lookups and the writes of its rules,
/// inside the transaction (writes) or the read snapshot (reads) the `Store` opened for it. It has
/// no raw SQL, no schema and no wipe: those stay inside EmulatorStore (`StateAdministration` has
/// the control plane's bulk operations). Every query here is a primary-key or index lookup, a
/// counter, or a page of an index; none reads "all routes of a gateway" (ARCHITECTURE.md).
///
/// A repository is valid only inside the closure that receives it; it is not Sendable.
public struct Repository {
    let db: SQLiteDatabase

    init(_ db: SQLiteDatabase) { self.db = db }

    // MARK: Regions

    public func regionExists(_ id: String) throws -> Bool {
        try db.first("SELECT 1 FROM regions WHERE id = ?", [.text(id)]) { _ in true } ?? false
    }

    // MARK: Gateways

    static let gatewayColumns = """
        id, account_id, region, vpc_id, vswitch_id, name, description, status, business_status, spec, charge_type,
        tunnel_mode, enable_bgp, internet_ip, ssl_client_ip_pool, ssl_max_connections, route_quota, create_time, route_count,
        connection_count, dr_vswitch_id, dr_internet_ip, enable_ipsec, enable_ssl, ssl_connections, auto_propagate, network_type,
        vpn_type, connection_quota
        """

    /// `gatewayColumns` of the alias `g`.
    static let gatewayColumnsOfG = gatewayColumns.split(separator: ",").map { "g." + $0.filter { !$0.isWhitespace } }.joined(separator: ", ")

    /// A gateway row of `gatewayColumns` (tags are read separately, by `tags(of:)`).
    static func gateway(_ c: SQLCursor) -> VPNGateway {
        let ssl = c.textOrNil(14).map { SSLVPNServer(clientIpPool: $0, maxConnections: c.intOrNil(15) ?? 0) }
        var g = VPNGateway(id: c.text(0), accountId: c.text(1), regionId: c.text(2), vpcId: c.text(3),
                           vSwitchId: c.text(4), name: c.text(5), description: c.text(6),
                           status: GatewayStatus(rawValue: c.text(7)) ?? .active,
                           businessStatus: BusinessStatus(rawValue: c.text(8)) ?? .normal, spec: c.text(9), chargeType: c.text(10),
                           tunnelMode: TunnelMode(rawValue: c.text(11)) ?? .single, enableBgp: c.bool(12),
                           internetIp: c.text(13), sslVpn: ssl, routeQuota: c.intOrNil(16), tags: [], createTime: c.int(17))
        g.routeCount = Int(c.int(18))
        g.connectionCount = Int(c.int(19))
        g.disasterRecoveryVSwitchId = c.text(20)
        g.disasterRecoveryInternetIp = c.text(21)
        g.enableIpsec = c.bool(22)
        g.enableSsl = c.bool(23)
        g.sslConnections = Int(c.int(24))
        g.autoPropagate = c.bool(25)
        g.networkType = c.text(26)
        g.vpnType = c.text(27)
        g.connectionQuota = c.intOrNil(28)
        return g
    }

    /// The number of columns of `gatewayColumns` (a query may select more after them).
    static let gatewayColumnCount: Int32 = 29

    /// The gateway `id` as seen by `account` in `region` (nil when it does not exist there).
    public func gateway(id: String, accountId: String, regionId: String) throws -> VPNGateway? {
        try db.first("SELECT \(Self.gatewayColumns) FROM vpn_gateways WHERE id = ? AND account_id = ? AND region = ?",
                     [.text(id), .text(accountId), .text(regionId)], Self.gateway)
    }

    /// Filters of DescribeVpnGateways (API.md §13.4); nil = no filter.
    public struct GatewayFilter: Sendable {
        public var id: String?
        public var vpcId: String?
        /// The status as shown (a pending task shows `updating`).
        public var status: GatewayStatus?
        public var businessStatus: BusinessStatus?
        public var tags: [(key: String, value: String?)] = []
        public init(id: String? = nil, vpcId: String? = nil, status: GatewayStatus? = nil, businessStatus: BusinessStatus? = nil,
                    tags: [(key: String, value: String?)] = []) {
            self.id = id; self.vpcId = vpcId; self.status = status; self.businessStatus = businessStatus; self.tags = tags
        }
    }

    /// One page of the gateways of (account, region) that pass `filter`, in creation order, each with
    /// the status it shows at `now` and its tags; and how many pass.
    public func gatewaysPage(accountId: String, regionId: String, filter: GatewayFilter, now: Int64, page: Page)
        throws -> (gateways: [(gateway: VPNGateway, status: GatewayStatus)], total: Int) {
        var conditions = ["g.account_id = ?", "g.region = ?"]
        var params: [SQLValue] = [.text(accountId), .text(regionId)]
        if let id = filter.id { conditions.append("g.id = ?"); params.append(.text(id)) }
        if let vpc = filter.vpcId { conditions.append("g.vpc_id = ?"); params.append(.text(vpc)) }
        if let business = filter.businessStatus { conditions.append("g.business_status = ?"); params.append(.text(business.rawValue)) }
        let shown = "CASE WHEN t.ends_at > ? THEN t.pending_state ELSE g.status END"
        if let status = filter.status { conditions.append("\(shown) = ?"); params += [.int(now), .text(status.rawValue)] }
        Self.tagConditions(filter.tags, type: .vpnGateway, alias: "g", into: &conditions, &params)
        let from = "FROM vpn_gateways g LEFT JOIN tasks t ON t.resource_id = g.id WHERE " + conditions.joined(separator: " AND ")
        let total = Int(try db.scalar("SELECT count(*) \(from)", params))
        var rows = try db.rows("SELECT \(Self.gatewayColumnsOfG), \(shown) \(from) ORDER BY g.create_time, g.rowid LIMIT ? OFFSET ?",
                               [.int(now)] + params + [.int(Int64(page.size)), .int(page.offset)]) { c in
            (Self.gateway(c), GatewayStatus(rawValue: c.text(Self.gatewayColumnCount)) ?? .active)
        }
        for i in rows.indices { rows[i].0.tags = try tags(of: .vpnGateway, id: rows[i].0.id) }
        return (rows.map { (gateway: $0.0, status: $0.1) }, total)
    }

    // MARK: Tags

    /// The tags of one resource, in the order they were added.
    public func tags(of type: TagResourceType, id: String) throws -> [Tag] {
        try db.rows("SELECT key, value FROM resource_tags WHERE resource_type = ? AND resource_id = ? ORDER BY seq",
                    [.text(type.rawValue), .text(id)]) { Tag(key: $0.text(0), value: $0.text(1)) }
    }

    /// `Tag.N` filters of the Describe lists: the resource (row `alias`) carries every key, with
    /// the value when given (index `UNIQUE(resource_type, resource_id, key)` per resource).
    static func tagConditions(_ tags: [(key: String, value: String?)], type: TagResourceType, alias: String,
                              into conditions: inout [String], _ params: inout [SQLValue]) {
        for tag in tags {
            var condition = "EXISTS (SELECT 1 FROM resource_tags x WHERE x.resource_type = '\(type.rawValue)' AND x.resource_id = \(alias).id AND x.key = ?"
            params.append(.text(tag.key))
            if let value = tag.value { condition += " AND x.value = ?"; params.append(.text(value)) }
            conditions.append(condition + ")")
        }
    }

    // MARK: Connections

    static let connectionColumns = """
        id, account_id, region, attach_type, vpn_gateway_id, transit_router_id, cen_id, state, business_status, name,
        local_subnet, remote_subnet, route_quota, create_time, route_count, customer_gateway_id, settings_json
        """

    static func connection(_ c: SQLCursor) -> VPNConnection {
        var connection = VPNConnection(id: c.text(0), accountId: c.text(1), regionId: c.text(2),
                                       attachType: AttachType(rawValue: c.text(3)) ?? .vpnGateway, vpnGatewayId: c.textOrNil(4),
                                       transitRouterId: c.textOrNil(5), cenId: c.textOrNil(6), state: ConnectionState(rawValue: c.text(7)),
                                       businessStatus: BusinessStatus(rawValue: c.text(8)) ?? .normal, name: c.text(9),
                                       localSubnet: c.text(10), remoteSubnet: c.text(11), routeQuota: c.intOrNil(12), createTime: c.int(13))
        connection.routeCount = Int(c.int(14))
        connection.settings = ConnectionSettingsJSON.settings(column: c.text(16))
        connection.settings.customerGatewayId = c.textOrNil(15) ?? ""
        return connection
    }

    public func connection(id: String, accountId: String, regionId: String) throws -> VPNConnection? {
        try db.first("SELECT \(Self.connectionColumns) FROM vpn_connections WHERE id = ? AND account_id = ? AND region = ?",
                     [.text(id), .text(accountId), .text(regionId)], Self.connection)
    }

    // MARK: VPCs and their system route table

    /// The VPC `id` with its status and CIDR block (its vSwitches and entries are queried by need).
    public func vpc(id: String) throws -> VPC? {
        try db.first("SELECT id, account_id, region, cidr_block, status, route_table_quota FROM vpcs WHERE id = ?", [.text(id)]) { c in
            VPC(id: c.text(0), accountId: c.text(1), regionId: c.text(2), cidrBlock: c.text(3), status: c.text(4),
                routeTableQuota: c.intOrNil(5))
        }
    }

    /// The VPC's own block and those of its vSwitches that contain `dest` (an indexed range query).
    public func localBlocks(of vpc: VPC, containing dest: IPv4CIDR) throws -> [IPv4CIDR] {
        let range = dest.range
        let switches = try db.rows("""
            SELECT cidr_block FROM vswitches WHERE vpc_id = ? AND range_start <= ? AND range_end >= ?
            """, [.text(vpc.id), .int(range.start), .int(range.end)]) { IPv4CIDR($0.text(0)) }
        return ([IPv4CIDR(vpc.cidrBlock)] + switches).compactMap { $0 }
    }

    /// The VPC system table as the publish checks see it for `dest`: the entries with that
    /// destination and the table's size (a counter).
    public func routeTable(vpcId: String, destination dest: IPv4CIDR) throws -> VPCRouteTable {
        let same = try db.rows("""
            SELECT destination, next_hop_type, next_hop_id FROM vpc_route_entries WHERE vpc_id = ? AND destination = ? ORDER BY seq
            """, [.text(vpcId), .text(dest.description)]) {
            VPCRouteEntry(destinationCidrBlock: $0.text(0), nextHopType: $0.text(1), nextHopId: $0.text(2))
        }
        let count = Int(try db.scalar("SELECT route_entry_count FROM vpcs WHERE id = ?", [.text(vpcId)]))
        return VPCRouteTable(sameDestination: same, entryCount: count)
    }
}

/// A page of a listing (API.md §3.4): 1-based number and size.
public struct Page: Sendable, Equatable {
    public let number: Int
    public let size: Int
    public init(number: Int, size: Int) { self.number = max(1, number); self.size = max(0, size) }
    var offset: Int64 { Int64(number - 1) * Int64(size) }
}
