import VPNCore

/// Reads and writes of the resources (regions, accounts, VPCs, gateways, connections).
extension SQLiteDatabase {
    // MARK: Regions and credentials

    public func regionExists(_ id: String) throws -> Bool {
        try scalar("SELECT count(*) FROM regions WHERE id = ?", [.text(id)]) > 0
    }

    public func regions() throws -> [String] {
        try query("SELECT id FROM regions ORDER BY rowid").map { $0.text(0) }
    }

    /// The secret and the caller of access key `id`, or nil when no fixture defines it.
    public func credential(accessKeyId id: String) throws -> (secret: String, caller: Caller)? {
        guard let row = try query("SELECT secret, account_id, ram_user FROM access_keys WHERE id = ?", [.text(id)]).first else { return nil }
        var ramUser: RAMUser?
        if let name = row.textOrNil(2) {
            ramUser = try self.ramUser(accountId: row.text(1), name: name)
        }
        return (row.text(0), Caller(accountId: row.text(1), accessKeyId: id, ramUser: ramUser))
    }

    func ramUser(accountId: String, name: String) throws -> RAMUser? {
        guard let row = try query("SELECT allow_json, deny_json FROM ram_users WHERE account_id = ? AND name = ?",
                                  [.text(accountId), .text(name)]).first else { return nil }
        let keys = try query("SELECT id, secret FROM access_keys WHERE account_id = ? AND ram_user = ? ORDER BY rowid",
                             [.text(accountId), .text(name)]).map { AccessKey(id: $0.text(0), secret: $0.text(1)) }
        return RAMUser(name: name, accessKeys: keys,
                       policy: RAMPolicy(allow: Self.stringArray(row.text(0)), deny: Self.stringArray(row.text(1))))
    }

    /// The default account (FIXTURES.md `default`): the flagged one, else the first loaded.
    public func defaultAccountId() throws -> String? {
        try query("SELECT id FROM accounts ORDER BY is_default DESC, rowid LIMIT 1").first?.text(0)
    }

    /// The first access key of the default account, printed at start-up.
    public func defaultAccessKey() throws -> AccessKey? {
        guard let account = try defaultAccountId() else { return nil }
        return try query("SELECT id, secret FROM access_keys WHERE account_id = ? AND ram_user IS NULL ORDER BY rowid LIMIT 1",
                         [.text(account)]).first.map { AccessKey(id: $0.text(0), secret: $0.text(1)) }
    }

    public func accounts() throws -> [Account] {
        try query("SELECT id, is_default FROM accounts ORDER BY rowid").map { row in
            let id = row.text(0)
            let keys = try query("SELECT id, secret FROM access_keys WHERE account_id = ? AND ram_user IS NULL ORDER BY rowid", [.text(id)])
                .map { AccessKey(id: $0.text(0), secret: $0.text(1)) }
            let users = try query("SELECT name FROM ram_users WHERE account_id = ? ORDER BY rowid", [.text(id)])
                .compactMap { try ramUser(accountId: id, name: $0.text(0)) }
            return Account(id: id, isDefault: row.bool(1), accessKeys: keys, ramUsers: users)
        }
    }

    // MARK: VPCs

    static let vpcColumns = "id, account_id, region, cidr_block, status, route_table_quota"

    func vpc(from row: SQLRow) throws -> VPC {
        let id = row.text(0)
        let switches = try query("SELECT id, cidr_block FROM vswitches WHERE vpc_id = ? ORDER BY rowid", [.text(id)])
            .map { VSwitch(id: $0.text(0), cidrBlock: $0.text(1)) }
        let entries = try query("SELECT destination, next_hop_type, next_hop_id FROM vpc_route_entries WHERE vpc_id = ? ORDER BY seq", [.text(id)])
            .map { VPCRouteEntry(destinationCidrBlock: $0.text(0), nextHopType: $0.text(1), nextHopId: $0.text(2)) }
        return VPC(id: id, accountId: row.text(1), regionId: row.text(2), cidrBlock: row.text(3), status: row.text(4),
                   vSwitches: switches, routeTableQuota: row.intOrNil(5), routeEntries: entries)
    }

    public func vpc(id: String) throws -> VPC? {
        try query("SELECT \(Self.vpcColumns) FROM vpcs WHERE id = ?", [.text(id)]).first.map(vpc(from:))
    }

    public func vpcs() throws -> [VPC] {
        try query("SELECT \(Self.vpcColumns) FROM vpcs ORDER BY rowid").map(vpc(from:))
    }

    /// (routeDest, gatewayId) of every published route of the gateways in `vpcId`, in creation order.
    public func publishedRoutes(vpcId: String) throws -> [(routeDest: String, gatewayId: String)] {
        try query("""
            SELECT r.route_dest, r.vpn_gateway_id FROM gateway_routes r JOIN vpn_gateways g ON g.id = r.vpn_gateway_id
            WHERE g.vpc_id = ? AND r.publish_vpc = 1 ORDER BY r.create_time, r.seq
            """, [.text(vpcId)]).map { ($0.text(0), $0.text(1)) }
    }

    /// The system route table of `vpc`: fixture entries plus those derived from published routes.
    public func routeTable(of vpc: VPC) throws -> VPCRouteTable {
        VPCRouteTable(fixtureEntries: vpc.routeEntries, publishedRoutes: try publishedRoutes(vpcId: vpc.id))
    }

    // MARK: Gateways

    static let gatewayColumns = """
        id, account_id, region, vpc_id, vswitch_id, name, description, status, business_status, spec, charge_type,
        tunnel_mode, enable_bgp, internet_ip, ssl_client_ip_pool, ssl_max_connections, route_quota, tags_json, create_time
        """

    func gateway(from row: SQLRow) -> VPNGateway {
        let ssl = row.textOrNil(14).map { SSLVPNServer(clientIpPool: $0, maxConnections: row.intOrNil(15) ?? 0) }
        var tags: [Tag] = []
        if case let .array(items)? = try? JSONParser.parse(row.text(17)) {
            tags = items.compactMap { item in
                guard let k = item["key"]?.stringValue else { return nil }
                return Tag(key: k, value: item["value"]?.stringValue ?? "")
            }
        }
        return VPNGateway(id: row.text(0), accountId: row.text(1), regionId: row.text(2), vpcId: row.text(3),
                          vSwitchId: row.text(4), name: row.text(5), description: row.text(6), status: row.text(7),
                          businessStatus: row.text(8), spec: row.text(9), chargeType: row.text(10),
                          tunnelMode: TunnelMode(rawValue: row.text(11)) ?? .single, enableBgp: row.bool(12),
                          internetIp: row.text(13), sslVpn: ssl, routeQuota: row.intOrNil(16), tags: tags,
                          createTime: row.int(18))
    }

    /// The gateway `id` as seen by `account` in `region` (nil when it does not exist there).
    public func gateway(id: String, accountId: String, regionId: String) throws -> VPNGateway? {
        try query("SELECT \(Self.gatewayColumns) FROM vpn_gateways WHERE id = ? AND account_id = ? AND region = ?",
                  [.text(id), .text(accountId), .text(regionId)]).first.map(gateway(from:))
    }

    /// Every gateway of `account` in `region`, creation time ascending then insertion order.
    public func gateways(accountId: String, regionId: String) throws -> [VPNGateway] {
        try query("SELECT \(Self.gatewayColumns) FROM vpn_gateways WHERE account_id = ? AND region = ? ORDER BY create_time, rowid",
                  [.text(accountId), .text(regionId)]).map(gateway(from:))
    }

    public func allGateways() throws -> [VPNGateway] {
        try query("SELECT \(Self.gatewayColumns) FROM vpn_gateways ORDER BY rowid").map(gateway(from:))
    }

    // MARK: Connections

    static let connectionColumns = """
        id, account_id, region, attach_type, vpn_gateway_id, transit_router_id, cen_id, state, business_status, name,
        local_subnet, remote_subnet, route_quota, create_time
        """

    func connection(from row: SQLRow) -> VPNConnection {
        VPNConnection(id: row.text(0), accountId: row.text(1), regionId: row.text(2),
                      attachType: AttachType(rawValue: row.text(3)) ?? .vpnGateway, vpnGatewayId: row.textOrNil(4),
                      transitRouterId: row.textOrNil(5), cenId: row.textOrNil(6), state: row.text(7),
                      businessStatus: row.text(8), name: row.text(9), localSubnet: row.text(10),
                      remoteSubnet: row.text(11), routeQuota: row.intOrNil(12), createTime: row.int(13))
    }

    public func connection(id: String, accountId: String, regionId: String) throws -> VPNConnection? {
        try query("SELECT \(Self.connectionColumns) FROM vpn_connections WHERE id = ? AND account_id = ? AND region = ?",
                  [.text(id), .text(accountId), .text(regionId)]).first.map(connection(from:))
    }

    public func allConnections() throws -> [VPNConnection] {
        try query("SELECT \(Self.connectionColumns) FROM vpn_connections ORDER BY rowid").map(connection(from:))
    }

    static func stringArray(_ json: String) -> [String] {
        guard case let .array(items)? = try? JSONParser.parse(json) else { return [] }
        return items.compactMap(\.stringValue)
    }
}
