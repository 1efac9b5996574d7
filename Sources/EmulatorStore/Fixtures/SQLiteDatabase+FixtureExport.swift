import EmulatorJSON
import VPNCore

/// The state dump of GET /_emulator/state: the whole database in the fixture format, every field
/// written (defaults and `createTime` included), so that parsing and applying it on an empty
/// database gives the same dump.
///
/// - Gateway `status` and connection `state` are the stored values, not the `updating` a pending
///   task shows; tasks and ClientTokens are not part of the format.
/// - `routeTableQuota` and `quotas.routeEntries` are written only when set (absent: the start-up
///   default applies); `quotas` itself is always written, `{}` when nothing is set.
/// - VPC `routeEntries` holds only the fixture entries. The entries that published routes added
///   are listed as `publishedRouteEntries`, an informational field that loading ignores (API.md §1
///   "Persistence": the store derives them again from the routes).
extension SQLiteDatabase {
    func exportState() throws -> JSONValue {
        var vpcs: [JSONValue] = []
        for v in try allVPCs() {
            var fields: [(String, JSONValue)] = [
                ("id", .string(v.id)), ("account", .string(v.accountId)), ("region", .string(v.regionId)),
                ("cidrBlock", .string(v.cidrBlock)), ("status", .string(v.status)),
                ("vSwitches", .array(v.vSwitches.map { .object([("id", .string($0.id)), ("cidrBlock", .string($0.cidrBlock))]) })),
            ]
            if let quota = v.routeTableQuota { fields.append(("routeTableQuota", .int(Int64(quota)))) }
            fields.append(("routeEntries", .array(v.routeEntries.map(Self.fixtureJSON))))
            fields.append(("publishedRouteEntries", .array(try vpcRouteEntries(vpcId: v.id, source: "published").map(Self.fixtureJSON))))
            vpcs.append(.object(fields))
        }
        return .object([
            ("regions", .array(try rows("SELECT id FROM regions ORDER BY rowid", [], { JSONValue.string($0.text(0)) }))),
            ("accounts", .array(try accounts().map(Self.fixtureJSON))),
            ("vpcs", .array(vpcs)),
            ("vpnGateways", .array(try allGateways().map(Self.fixtureJSON))),
            ("customerGateways", .array(try rows("SELECT \(Repository.customerGatewayColumns) FROM customer_gateways ORDER BY rowid", [],
                                                  Repository.customerGateway).map { g in
                var g = g
                g.tags = try Repository(self).tags(of: .customerGateway, id: g.id)
                return Self.fixtureJSON(g)
            })),
            ("vpnConnections", .array(try rows("SELECT \(Repository.connectionColumns) FROM vpn_connections ORDER BY rowid", [],
                                                Repository.connection).map { try Self.fixtureJSON(Repository(self).withDetails($0)) })),
            ("vpnRouteEntries", .array(try rows("SELECT \(Repository.gatewayRouteColumns) FROM gateway_routes ORDER BY seq", [],
                                                Repository.gatewayRoute).map(Self.fixtureJSON))),
            ("vcoRouteEntries", .array(try rows("SELECT \(Repository.connectionRouteColumns) FROM connection_routes ORDER BY seq", [],
                                                Repository.connectionRoute).map(Self.fixtureJSON))),
        ])
    }

    // MARK: Whole-state readers (the dump and the credentials; never on a request path)

    func accounts() throws -> [Account] {
        try rows("SELECT id, is_default FROM accounts ORDER BY rowid", [], { ($0.text(0), $0.bool(1)) }).map { id, isDefault in
            let keys = try rows("SELECT id, secret FROM access_keys WHERE account_id = ? AND ram_user IS NULL ORDER BY rowid", [.text(id)]) {
                AccessKey(id: $0.text(0), secret: $0.text(1))
            }
            let users = try rows("SELECT name, allow_json, deny_json FROM ram_users WHERE account_id = ? ORDER BY rowid", [.text(id)]) {
                ($0.text(0), $0.text(1), $0.text(2))
            }.map { name, allow, deny in
                RAMUser(name: name, accessKeys: try rows("SELECT id, secret FROM access_keys WHERE account_id = ? AND ram_user = ? ORDER BY rowid",
                                                         [.text(id), .text(name)]) { AccessKey(id: $0.text(0), secret: $0.text(1)) },
                        policy: RAMPolicy(allow: Self.stringArray(allow), deny: Self.stringArray(deny)))
            }
            return Account(id: id, isDefault: isDefault, accessKeys: keys, ramUsers: users)
        }
    }

    func allVPCs() throws -> [VPC] {
        try rows("SELECT id, account_id, region, cidr_block, status, route_table_quota FROM vpcs ORDER BY rowid", []) { c in
            VPC(id: c.text(0), accountId: c.text(1), regionId: c.text(2), cidrBlock: c.text(3), status: c.text(4), routeTableQuota: c.intOrNil(5))
        }.map { vpc in
            var v = vpc
            v.vSwitches = try rows("SELECT id, cidr_block FROM vswitches WHERE vpc_id = ? ORDER BY rowid", [.text(v.id)]) {
                VSwitch(id: $0.text(0), cidrBlock: $0.text(1))
            }
            v.routeEntries = try vpcRouteEntries(vpcId: v.id, source: "fixture")
            return v
        }
    }

    func vpcRouteEntries(vpcId: String, source: String) throws -> [VPCRouteEntry] {
        try rows("""
            SELECT destination, next_hop_type, next_hop_id FROM vpc_route_entries WHERE vpc_id = ? AND source = ? ORDER BY seq
            """, [.text(vpcId), .text(source)]) { VPCRouteEntry(destinationCidrBlock: $0.text(0), nextHopType: $0.text(1), nextHopId: $0.text(2)) }
    }

    func allGateways() throws -> [VPNGateway] {
        let repository = Repository(self)
        return try rows("SELECT \(Repository.gatewayColumns) FROM vpn_gateways ORDER BY rowid", [], Repository.gateway).map { gateway in
            var g = gateway
            g.tags = try repository.tags(of: .vpnGateway, id: g.id)
            return g
        }
    }

    static func stringArray(_ json: String) -> [String] {
        guard case let .array(items)? = try? JSONParser.parse(json) else { return [] }
        return items.compactMap(\.stringValue)
    }

    static func fixtureJSON(_ keys: [AccessKey]) -> JSONValue {
        .array(keys.map { .object([("id", .string($0.id)), ("secret", .string($0.secret))]) })
    }

    static func fixtureJSON(_ a: Account) -> JSONValue {
        .object([
            ("id", .string(a.id)), ("default", .bool(a.isDefault)), ("accessKeys", fixtureJSON(a.accessKeys)),
            ("ramUsers", .array(a.ramUsers.map { u in
                .object([
                    ("name", .string(u.name)), ("accessKeys", fixtureJSON(u.accessKeys)),
                    ("policy", .object([("allow", .array(u.policy.allow.map(JSONValue.string))),
                                        ("deny", .array(u.policy.deny.map(JSONValue.string)))])),
                ])
            })),
        ])
    }

    static func fixtureJSON(_ e: VPCRouteEntry) -> JSONValue {
        .object([("destinationCidrBlock", .string(e.destinationCidrBlock)), ("nextHopType", .string(e.nextHopType)),
                 ("nextHopId", .string(e.nextHopId))])
    }

    static func quotasJSON(_ routeQuota: Int?) -> JSONValue {
        .object(routeQuota.map { [("routeEntries", .int(Int64($0)))] } ?? [])
    }

    static func tagsJSON(_ tags: [Tag]) -> JSONValue {
        .array(tags.map { .object([("key", .string($0.key)), ("value", .string($0.value))]) })
    }

    static func fixtureJSON(_ g: CustomerGateway) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("id", .string(g.id)), ("account", .string(g.accountId)), ("region", .string(g.regionId)), ("ipAddress", .string(g.ipAddress)),
            ("name", .string(g.name)), ("description", .string(g.description)),
        ]
        if let asn = g.asn { fields.append(("asn", .int(asn))) }
        fields += [("authKey", .string(g.authKey)), ("tags", tagsJSON(g.tags)), ("createTime", .int(g.createTime))]
        return .object(fields)
    }

    static func fixtureJSON(_ g: VPNGateway) -> JSONValue {
        var quotas: [(String, JSONValue)] = []
        if let q = g.routeQuota { quotas.append(("routeEntries", .int(Int64(q)))) }
        if let q = g.connectionQuota { quotas.append(("vpnConnections", .int(Int64(q)))) }
        return .object([
            ("id", .string(g.id)), ("account", .string(g.accountId)), ("region", .string(g.regionId)),
            ("vpcId", .string(g.vpcId)), ("vSwitchId", .string(g.vSwitchId)), ("name", .string(g.name)),
            ("description", .string(g.description)), ("status", .string(g.status.rawValue)),
            ("businessStatus", .string(g.businessStatus.rawValue)), ("spec", .string(g.spec)), ("chargeType", .string(g.chargeType)),
            ("tunnelMode", .string(g.tunnelMode.rawValue)), ("enableBgp", .bool(g.enableBgp)),
            ("internetIp", .string(g.internetIp)),
            ("sslVpn", g.sslVpn.map { .object([("clientIpPool", .string($0.clientIpPool)),
                                               ("maxConnections", .int(Int64($0.maxConnections)))]) } ?? .null),
            ("quotas", .object(quotas)),
            ("tags", tagsJSON(g.tags)),
            ("createTime", .int(g.createTime)),
            ("disasterRecoveryVSwitchId", .string(g.disasterRecoveryVSwitchId)), ("disasterRecoveryInternetIp", .string(g.disasterRecoveryInternetIp)),
            ("enableIpsec", .bool(g.enableIpsec)), ("enableSsl", .bool(g.enableSsl)), ("sslConnections", .int(Int64(g.sslConnections))),
            ("autoPropagate", .bool(g.autoPropagate)), ("networkType", .string(g.networkType)), ("vpnType", .string(g.vpnType)),
        ])
    }

    static func fixtureJSON(_ c: VPNConnection) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("id", .string(c.id)), ("account", .string(c.accountId)), ("region", .string(c.regionId)),
            ("attachType", .string(c.attachType.rawValue)),
        ]
        switch c.attachType {
        case .vpnGateway:
            fields.append(("vpnGatewayId", .string(c.vpnGatewayId ?? "")))
        case .cen:
            fields.append(("transitRouterId", .string(c.transitRouterId ?? "")))
            fields.append(("cenId", .string(c.cenId ?? "")))
        }
        fields += [
            ("state", .string(c.state.rawValue)), ("businessStatus", .string(c.businessStatus.rawValue)), ("name", .string(c.name)),
            ("localSubnet", .string(c.localSubnet)), ("remoteSubnet", .string(c.remoteSubnet)),
            ("quotas", quotasJSON(c.routeQuota)), ("createTime", .int(c.createTime)),
        ]
        if c.attachType == .vpnGateway {
            if !c.settings.customerGatewayId.isEmpty { fields.append(("customerGatewayId", .string(c.settings.customerGatewayId))) }
            fields.append(("tunnels", .array(c.tunnels.map { t in
                .object([("id", .string(t.id)), ("role", .string(t.role)), ("customerGatewayId", .string(t.customerGatewayId))]
                        + ConnectionSettingsJSON.members(t))
            })))
        }
        fields += ConnectionSettingsJSON.members(c.settings)
        fields.append(("tags", tagsJSON(c.tags)))
        return .object(fields)
    }

    static func fixtureJSON(_ r: GatewayRoute) -> JSONValue {
        .object([
            ("vpnGatewayId", .string(r.vpnGatewayId)), ("routeDest", .string(r.routeDest)), ("nextHop", .string(r.nextHop)),
            ("weight", .int(Int64(r.weight))), ("publishVpc", .bool(r.publishVpc)), ("description", .string(r.description)),
            ("createTime", .int(r.createTime)),
        ])
    }

    static func fixtureJSON(_ r: ConnectionRoute) -> JSONValue {
        .object([
            ("vpnConnectionId", .string(r.vpnConnectionId)), ("routeDest", .string(r.routeDest)),
            ("weight", .int(Int64(r.weight))), ("description", .string(r.description)), ("createTime", .int(r.createTime)),
        ])
    }
}
