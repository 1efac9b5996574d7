import VPNCore

/// The resources the API creates (schema 4): customer gateways, connections with their settings
/// and tunnels, gateways, tags. Every lookup is a primary key or an index; every list is a page
/// of an index; nothing reads a whole table.
extension Repository {
    // MARK: Ids

    /// True when any object of any account already has `id` (the generated ids must be new).
    public func idTaken(_ id: String) throws -> Bool {
        let table: String
        switch id.prefix(4) {
        case "vpn-": table = "vpn_gateways"
        case "vco-": table = "vpn_connections"
        case "cgw-": table = "customer_gateways"
        case "tun-": table = "vpn_tunnels"
        default: return false
        }
        return try db.first("SELECT 1 FROM \(table) WHERE id = ?", [.text(id)]) { _ in true } ?? false
    }

    // MARK: Customer gateways

    static let customerGatewayColumns = "id, account_id, region, ip_address, name, description, asn, auth_key, create_time"

    static func customerGateway(_ c: SQLCursor) -> CustomerGateway {
        CustomerGateway(id: c.text(0), accountId: c.text(1), regionId: c.text(2), ipAddress: c.text(3), name: c.text(4),
                        description: c.text(5), asn: c.isNull(6) ? nil : c.int(6), authKey: c.text(7), createTime: c.int(8))
    }

    /// The customer gateway `id` as seen by `accountId` in `regionId`, with its tags.
    public func customerGateway(id: String, accountId: String, regionId: String) throws -> CustomerGateway? {
        guard var g = try db.first("SELECT \(Self.customerGatewayColumns) FROM customer_gateways WHERE id = ? AND account_id = ? AND region = ?",
                                   [.text(id), .text(accountId), .text(regionId)], Self.customerGateway)
        else { return nil }
        g.tags = try tags(of: .customerGateway, id: g.id)
        return g
    }

    /// True when (account, region) already has a customer gateway with this address (index
    /// `customer_gateways_address`).
    public func customerGatewayAddressTaken(_ ip: String, accountId: String, regionId: String) throws -> Bool {
        try db.first("SELECT 1 FROM customer_gateways WHERE account_id = ? AND region = ? AND ip_address = ? LIMIT 1",
                     [.text(accountId), .text(regionId), .text(ip)]) { _ in true } ?? false
    }

    /// True when a connection or a tunnel uses the customer gateway (two index probes).
    public func customerGatewayInUse(_ id: String) throws -> Bool {
        try db.first("""
            SELECT 1 WHERE EXISTS (SELECT 1 FROM vpn_connections WHERE customer_gateway_id = ?)
                OR EXISTS (SELECT 1 FROM vpn_tunnels WHERE customer_gateway_id = ?)
            """, [.text(id), .text(id)]) { _ in true } ?? false
    }

    /// Inserts a customer gateway or replaces the one with its id, tags included.
    public func upsertCustomerGateway(_ g: CustomerGateway) throws {
        try db.execute("""
            INSERT INTO customer_gateways(id, account_id, region, ip_address, name, description, asn, auth_key, create_time)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET account_id = excluded.account_id, region = excluded.region, ip_address = excluded.ip_address,
                name = excluded.name, description = excluded.description, asn = excluded.asn, auth_key = excluded.auth_key,
                create_time = excluded.create_time
            """, [.text(g.id), .text(g.accountId), .text(g.regionId), .text(g.ipAddress), .text(g.name), .text(g.description),
                  g.asn.map(SQLValue.int) ?? .null, .text(g.authKey), .int(g.createTime)])
        try replaceTags(of: .customerGateway, id: g.id, with: g.tags)
    }

    /// Stores what ModifyCustomerGatewayAttribute may change; the tags keep their places in
    /// ListTagResources' order (API.md §13.27).
    public func updateCustomerGatewayAttributes(id: String, name: String, description: String, authKey: String) throws {
        try db.execute("UPDATE customer_gateways SET name = ?, description = ?, auth_key = ? WHERE id = ?",
                       [.text(name), .text(description), .text(authKey), .text(id)])
    }

    public func deleteCustomerGateway(id: String) throws {
        try removeAllTags(of: .customerGateway, id: id)
        try db.execute("DELETE FROM customer_gateways WHERE id = ?", [.text(id)])
    }

    /// One page of the customer gateways of (account, region), creation order (index
    /// `customer_gateways_order`), optionally one id and `Tag.N` filters; and how many match.
    public func customerGatewaysPage(accountId: String, regionId: String, id: String?, tags filters: [(key: String, value: String?)],
                                     page: Page) throws -> (gateways: [CustomerGateway], total: Int) {
        var conditions = ["c.account_id = ?", "c.region = ?"]
        var params: [SQLValue] = [.text(accountId), .text(regionId)]
        if let id { conditions.append("c.id = ?"); params.append(.text(id)) }
        Self.tagConditions(filters, type: .customerGateway, alias: "c", into: &conditions, &params)
        let from = "FROM customer_gateways c WHERE " + conditions.joined(separator: " AND ")
        let total = Int(try db.scalar("SELECT count(*) \(from)", params))
        let columns = Self.customerGatewayColumns.split(separator: ",").map { "c." + $0.filter { !$0.isWhitespace } }.joined(separator: ", ")
        var gateways = try db.rows("SELECT \(columns) \(from) ORDER BY c.create_time, c.rowid LIMIT ? OFFSET ?",
                                   params + [.int(Int64(page.size)), .int(page.offset)], Self.customerGateway)
        for i in gateways.indices { gateways[i].tags = try tags(of: .customerGateway, id: gateways[i].id) }
        return (gateways, total)
    }

    // MARK: Connections

    /// A connection's tunnels (master first) and tags, for the Describe answers.
    public func withDetails(_ connection: VPNConnection) throws -> VPNConnection {
        var c = connection
        c.tunnels = try db.rows("""
            SELECT id, role, customer_gateway_id, settings_json FROM vpn_tunnels WHERE vpn_connection_id = ? ORDER BY seq
            """, [.text(c.id)]) { ConnectionSettingsJSON.tunnel(id: $0.text(0), role: $0.text(1), customerGatewayId: $0.text(2), column: $0.text(3)) }
        c.tags = try tags(of: .vpnConnection, id: c.id)
        return c
    }

    /// True when the gateway already has a connection to this customer gateway (index
    /// `vpn_connections_customer_gateway`).
    public func connectionExists(gatewayId: String, customerGatewayId: String) throws -> Bool {
        try db.first("SELECT 1 FROM vpn_connections WHERE customer_gateway_id = ? AND vpn_gateway_id = ? LIMIT 1",
                     [.text(customerGatewayId), .text(gatewayId)]) { _ in true } ?? false
    }

    /// True when a gateway route uses the connection as next hop (index `gateway_routes_next_hop`).
    public func connectionIsNextHop(_ id: String) throws -> Bool {
        try db.first("SELECT 1 FROM gateway_routes WHERE next_hop = ? LIMIT 1", [.text(id)]) { _ in true } ?? false
    }

    /// Inserts a connection made through the API, with its tunnels and tags.
    public func insertConnection(_ c: VPNConnection) throws {
        try db.execute("""
            INSERT INTO vpn_connections(id, account_id, region, attach_type, vpn_gateway_id, transit_router_id, cen_id, state,
                business_status, name, local_subnet, remote_subnet, route_quota, create_time, customer_gateway_id, settings_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(c.id), .text(c.accountId), .text(c.regionId), .text(c.attachType.rawValue), SQLValue(c.vpnGatewayId),
                  SQLValue(c.transitRouterId), SQLValue(c.cenId), .text(c.state.rawValue), .text(c.businessStatus.rawValue),
                  .text(c.name), .text(c.localSubnet), .text(c.remoteSubnet), SQLValue(c.routeQuota), .int(c.createTime),
                  c.settings.customerGatewayId.isEmpty ? .null : .text(c.settings.customerGatewayId),
                  .text(ConnectionSettingsJSON.column(c.settings))])
        try insertTunnels(c.tunnels, connectionId: c.id)
        try replaceTags(of: .vpnConnection, id: c.id, with: c.tags)
    }

    /// Stores what ModifyVpnConnectionAttribute may change: name, subnets, settings, tunnels.
    public func updateConnection(_ c: VPNConnection) throws {
        try db.execute("""
            UPDATE vpn_connections SET name = ?, local_subnet = ?, remote_subnet = ?, customer_gateway_id = ?, settings_json = ? WHERE id = ?
            """, [.text(c.name), .text(c.localSubnet), .text(c.remoteSubnet),
                  c.settings.customerGatewayId.isEmpty ? .null : .text(c.settings.customerGatewayId),
                  .text(ConnectionSettingsJSON.column(c.settings)), .text(c.id)])
        for t in c.tunnels {
            try db.execute("UPDATE vpn_tunnels SET customer_gateway_id = ?, settings_json = ? WHERE id = ?",
                           [.text(t.customerGatewayId), .text(ConnectionSettingsJSON.column(t)), .text(t.id)])
        }
    }

    func insertTunnels(_ tunnels: [VPNTunnel], connectionId: String) throws {
        for t in tunnels {
            try db.execute("INSERT INTO vpn_tunnels(id, vpn_connection_id, role, customer_gateway_id, settings_json) VALUES (?, ?, ?, ?, ?)",
                           [.text(t.id), .text(connectionId), .text(t.role), .text(t.customerGatewayId), .text(ConnectionSettingsJSON.column(t))])
        }
    }

    /// Deletes a connection with its tunnels (cascade), tags and task row.
    public func deleteConnection(id: String) throws {
        try removeAllTags(of: .vpnConnection, id: id)
        try db.execute("DELETE FROM tasks WHERE resource_id = ?", [.text(id)])
        try db.execute("DELETE FROM vpn_connections WHERE id = ?", [.text(id)])
    }

    /// Filters of DescribeVpnConnections (API.md §13.21); nil = no filter.
    public struct ConnectionFilter: Sendable {
        public var id: String?
        public var gatewayId: String?
        /// Matches the connection's own customer gateway or one of its tunnels'.
        public var customerGatewayId: String?
        public var tags: [(key: String, value: String?)] = []
        public init(id: String? = nil, gatewayId: String? = nil, customerGatewayId: String? = nil, tags: [(key: String, value: String?)] = []) {
            self.id = id; self.gatewayId = gatewayId; self.customerGatewayId = customerGatewayId; self.tags = tags
        }
    }

    /// One page of the connections of (account, region) that pass `filter`, in creation order
    /// (index `vpn_connections_order`), with tunnels and tags; and how many pass.
    public func connectionsPage(accountId: String, regionId: String, filter: ConnectionFilter, page: Page)
        throws -> (connections: [VPNConnection], total: Int) {
        var conditions = ["c.account_id = ?", "c.region = ?"]
        var params: [SQLValue] = [.text(accountId), .text(regionId)]
        if let id = filter.id { conditions.append("c.id = ?"); params.append(.text(id)) }
        if let gateway = filter.gatewayId { conditions.append("c.vpn_gateway_id = ?"); params.append(.text(gateway)) }
        if let cgw = filter.customerGatewayId {
            conditions.append("""
                c.id IN (SELECT id FROM vpn_connections WHERE customer_gateway_id = ?
                         UNION SELECT vpn_connection_id FROM vpn_tunnels WHERE customer_gateway_id = ?)
                """)
            params += [.text(cgw), .text(cgw)]
        }
        Self.tagConditions(filter.tags, type: .vpnConnection, alias: "c", into: &conditions, &params)
        let from = "FROM vpn_connections c WHERE " + conditions.joined(separator: " AND ")
        let total = Int(try db.scalar("SELECT count(*) \(from)", params))
        let columns = Self.connectionColumns.split(separator: ",").map { "c." + $0.filter { !$0.isWhitespace } }.joined(separator: ", ")
        let rows = try db.rows("SELECT \(columns) \(from) ORDER BY c.create_time, c.rowid LIMIT ? OFFSET ?",
                               params + [.int(Int64(page.size)), .int(page.offset)], Self.connection)
        return (try rows.map(withDetails), total)
    }

    // MARK: Gateways

    /// Inserts a gateway made by CreateVpnGateway.
    public func insertGateway(_ g: VPNGateway) throws {
        try db.insertGatewayRow(g, replacing: false)
        try replaceTags(of: .vpnGateway, id: g.id, with: g.tags)
    }

    /// Stores what ModifyVpnGatewayAttribute may change.
    public func updateGatewayAttributes(id: String, name: String, description: String, autoPropagate: Bool) throws {
        try db.execute("UPDATE vpn_gateways SET name = ?, description = ?, auto_propagate = ? WHERE id = ?",
                       [.text(name), .text(description), SQLValue(autoPropagate), .text(id)])
    }

    /// Deletes a gateway (it has no connection, hence no route) with its tags, its task row and
    /// the entries of its VPC's system table whose next hop it is (fixture entries: the cloud
    /// drops routes to a released gateway; left, they would hold the VPC quota and conflict with
    /// other gateways' publishing). Searched by the VPC's index, bounded by its table.
    public func deleteGateway(id: String) throws {
        try db.execute("""
            DELETE FROM vpc_route_entries WHERE vpc_id = (SELECT vpc_id FROM vpn_gateways WHERE id = ?)
                AND next_hop_type = 'VpnGateway' AND next_hop_id = ?
            """, [.text(id), .text(id)])
        try removeAllTags(of: .vpnGateway, id: id)
        try db.execute("DELETE FROM tasks WHERE resource_id = ?", [.text(id)])
        try db.execute("DELETE FROM vpn_gateways WHERE id = ?", [.text(id)])
    }

    /// True when the VPC has this vSwitch (primary key).
    public func vSwitchExists(_ id: String, vpcId: String) throws -> Bool {
        try db.first("SELECT 1 FROM vswitches WHERE id = ? AND vpc_id = ?", [.text(id), .text(vpcId)]) { _ in true } ?? false
    }

    // MARK: Tags

    /// True when the resource exists in (account, region).
    public func resourceExists(_ type: TagResourceType, id: String, accountId: String, regionId: String) throws -> Bool {
        try db.first("SELECT 1 FROM \(Self.table(of: type)) WHERE id = ? AND account_id = ? AND region = ?",
                     [.text(id), .text(accountId), .text(regionId)]) { _ in true } ?? false
    }

    static func table(of type: TagResourceType) -> String {
        switch type {
        case .vpnGateway: return "vpn_gateways"
        case .vpnConnection: return "vpn_connections"
        case .customerGateway: return "customer_gateways"
        }
    }

    /// Adds or overwrites tags (TagResources).
    public func setTags(of type: TagResourceType, id: String, _ tags: [Tag]) throws {
        for tag in tags {
            try db.execute("""
                INSERT INTO resource_tags(resource_type, resource_id, key, value) VALUES (?, ?, ?, ?)
                ON CONFLICT(resource_type, resource_id, key) DO UPDATE SET value = excluded.value
                """, [.text(type.rawValue), .text(id), .text(tag.key), .text(tag.value)])
        }
    }

    /// Makes `tags` the resource's whole tag list (fixtures, creation).
    public func replaceTags(of type: TagResourceType, id: String, with tags: [Tag]) throws {
        try removeAllTags(of: type, id: id)
        try setTags(of: type, id: id, tags)
    }

    public func removeTags(of type: TagResourceType, id: String, keys: [String]) throws {
        for key in keys {
            try db.execute("DELETE FROM resource_tags WHERE resource_type = ? AND resource_id = ? AND key = ?",
                           [.text(type.rawValue), .text(id), .text(key)])
        }
    }

    public func removeAllTags(of type: TagResourceType, id: String) throws {
        try db.execute("DELETE FROM resource_tags WHERE resource_type = ? AND resource_id = ?", [.text(type.rawValue), .text(id)])
    }

    /// One row of ListTagResources.
    public struct TagRow: Sendable, Equatable {
        public let seq: Int64
        public let resourceId: String
        public let key: String
        public let value: String
    }

    /// ListTagResources (API.md §13.27): the tags of the resources of `type` in (account, region)
    /// that are among `ids` (when given) and carry every pair of `tags` (when given), in the
    /// order they were added, after `afterSeq`, at most `limit`. With `tags`, the first pair
    /// drives the query through index `resource_tags_key`; with `ids`, each id is a probe of
    /// `UNIQUE(resource_type, resource_id, key)`: the cost follows the matches, not the table.
    /// The driver of a tag filter: searched by (type, key[, value]), never by type alone.
    static let tagsByKey = "resource_tags d INDEXED BY resource_tags_key"

    public func tagRows(of type: TagResourceType, accountId: String, regionId: String, ids: [String],
                        tags: [(key: String, value: String?)], afterSeq: Int64, limit: Int) throws -> [TagRow] {
        var conditions = ["t.resource_type = ?", "r.account_id = ?", "r.region = ?", "t.seq > ?"]
        var params: [SQLValue] = [.text(type.rawValue), .text(accountId), .text(regionId), .int(afterSeq)]
        if !ids.isEmpty {
            conditions.append("t.resource_id IN (" + ids.map { _ in "?" }.joined(separator: ", ") + ")")
            params += ids.map(SQLValue.text)
        }
        if let first = tags.first {
            // INDEXED BY: with a key and no value, SQLite would take the UNIQUE index's first
            // column and walk every tag of the type (found in review).
            var driver = "t.resource_id IN (SELECT d.resource_id FROM \(Self.tagsByKey) WHERE d.resource_type = ? AND d.key = ?"
            params += [.text(type.rawValue), .text(first.key)]
            if let value = first.value { driver += " AND d.value = ?"; params.append(.text(value)) }
            conditions.append(driver + ")")
            Self.tagConditions(Array(tags.dropFirst()), type: type, alias: "r", into: &conditions, &params)
        }
        return try db.rows("""
            SELECT t.seq, t.resource_id, t.key, t.value FROM resource_tags t JOIN \(Self.table(of: type)) r ON r.id = t.resource_id
            WHERE \(conditions.joined(separator: " AND ")) ORDER BY t.seq LIMIT ?
            """, params + [.int(Int64(limit))]) { TagRow(seq: $0.int(0), resourceId: $0.text(1), key: $0.text(2), value: $0.text(3)) }
    }
}
