import EmulatorJSON
import VPNCore

/// How many objects of each kind a fixture document held (the answer of POST /_emulator/fixtures).
public struct FixtureCounts: Sendable, Equatable {
    public var regions = 0
    public var accounts = 0
    public var vpcs = 0
    public var vpnGateways = 0
    public var customerGateways = 0
    public var vpnConnections = 0
    public var vpnRouteEntries = 0
    public var vcoRouteEntries = 0

    public init() {}

    public init(_ doc: FixtureDocument) {
        regions = doc.regions.count; accounts = doc.accounts.count; vpcs = doc.vpcs.count
        vpnGateways = doc.vpnGateways.count; customerGateways = doc.customerGateways.count
        vpnConnections = doc.vpnConnections.count
        vpnRouteEntries = doc.vpnRouteEntries.count; vcoRouteEntries = doc.vcoRouteEntries.count
    }

    /// `{"regions":2,"accounts":1,"vpcs":1,"vpnGateways":3,...}`, every kind present.
    public var json: JSONValue {
        .object([
            ("regions", .int(Int64(regions))), ("accounts", .int(Int64(accounts))), ("vpcs", .int(Int64(vpcs))),
            ("vpnGateways", .int(Int64(vpnGateways))), ("customerGateways", .int(Int64(customerGateways))),
            ("vpnConnections", .int(Int64(vpnConnections))),
            ("vpnRouteEntries", .int(Int64(vpnRouteEntries))), ("vcoRouteEntries", .int(Int64(vcoRouteEntries))),
        ])
    }
}

// Loading semantics (FIXTURES.md, decisions marked):
// - References resolve against the document first, then the database, so a later fixture can
//   build on an earlier one. A gateway's VPC, a VPNGW connection's gateway must be of the same
//   account and region; a vpnRouteEntry's nextHop must be a VPNGW connection of its gateway; a
//   vcoRouteEntry's connection must be CEN; a non-empty vSwitchId must be a vSwitch of the VPC.
// - An existing id is updated in place (`ON CONFLICT DO UPDATE`, rows and their routes stay).
//   Fields the document omits take their defaults, as for a new object; a VPC's vSwitches and
//   routeEntries, an account's accessKeys and ramUsers are replaced by the document's lists.
// - Replacing an object must not break objects already in the database: e.g. moving a VPC to
//   another account while a stored gateway uses it is an error at the VPC's path (checked after
//   the writes, inside the same savepoint).
// - Decision: `default` omitted keeps an existing account's flag; `true` clears it on every
//   other account; `false` clears it. After a load with accounts and none flagged, the first
//   account (insertion order) is flagged, so exactly one account is the default.
// - Decision: a vSwitch id owned by a VPC that the document does not reload is an error (a
//   vSwitch moves only when both VPCs are in the document); access key ids are global.
// - Decision: replacing a gateway or connection drops its task row (API.md §6.3), so it shows
//   exactly the status/state the fixture gives.
// - Regions are added (union); nothing is ever deleted except the replaced child lists.
extension SQLiteDatabase {
    /// Applies `doc` on top of the current state. Meant to run inside the caller's write
    /// transaction; it also runs in its own savepoint, so a throw leaves the database as it was.
    /// Throws `FixtureError` (with the document path) for an unresolvable or inconsistent object.
    @discardableResult
    func apply(_ doc: FixtureDocument, now: Int64) throws -> FixtureCounts {
        try exec("SAVEPOINT fixture_apply")
        do {
            let loader = FixtureLoader(db: self, doc: doc, now: now)
            try loader.resolve()
            let touched = try loader.vpcsTouched()
            try loader.write()
            try loader.checkStoredObjects()
            // Replaced VPCs dropped their fixture entries and moved gateways took their routes along:
            // derive the published entries of every VPC concerned again (Schema version 3).
            for vpc in try touched.union(loader.vpcsTouched()).sorted() { try Schema.rebuildPublishedEntries(self, vpcId: vpc) }
            try exec("RELEASE fixture_apply")
        } catch {
            try? exec("ROLLBACK TO fixture_apply")
            try? exec("RELEASE fixture_apply")
            throw error
        }
        return FixtureCounts(doc)
    }
}

/// One application of a document: the reference checks, the writes, the checks of stored objects.
private struct FixtureLoader {
    let db: SQLiteDatabase
    let doc: FixtureDocument
    let now: Int64

    struct Owner { var account: String; var region: String }
    struct ConnectionRef { var owner: Owner; var attachType: AttachType; var gatewayId: String? }

    var docVPCs: [String: Int] = [:]
    var docGateways: [String: Int] = [:]
    var docCustomerGateways: [String: Int] = [:]
    var docConnections: [String: Int] = [:]

    init(db: SQLiteDatabase, doc: FixtureDocument, now: Int64) {
        self.db = db; self.doc = doc; self.now = now
        for (i, v) in doc.vpcs.enumerated() { docVPCs[v.id] = i }
        for (i, g) in doc.vpnGateways.enumerated() { docGateways[g.gateway.id] = i }
        for (i, c) in doc.customerGateways.enumerated() { docCustomerGateways[c.customerGateway.id] = i }
        for (i, c) in doc.vpnConnections.enumerated() { docConnections[c.connection.id] = i }
    }

    static func path(_ list: String, _ i: Int, _ field: String? = nil) -> String {
        "\(list)[\(i)]" + (field.map { "." + $0 } ?? "")
    }

    // MARK: Lookups (document first, then database)

    func regionExists(_ id: String) throws -> Bool { try doc.regions.contains(id) || Repository(db).regionExists(id) }

    /// The VPCs whose system table this document can change: its own VPCs and those its
    /// gateways are in (called before and after the writes, so a gateway's old VPC counts too).
    func vpcsTouched() throws -> Set<String> {
        var ids = Set(doc.vpcs.map(\.id))
        for item in doc.vpnGateways {
            ids.insert(item.gateway.vpcId)
            if let vpc = try db.first("SELECT vpc_id FROM vpn_gateways WHERE id = ?", [.text(item.gateway.id)], { $0.text(0) }) {
                ids.insert(vpc)
            }
        }
        return ids
    }

    func accountExists(_ id: String) throws -> Bool {
        try doc.accounts.contains { $0.id == id } || db.scalar("SELECT count(*) FROM accounts WHERE id = ?", [.text(id)]) > 0
    }

    func vpc(_ id: String) throws -> (owner: Owner, vSwitches: [String])? {
        if let i = docVPCs[id] {
            let v = doc.vpcs[i]
            return (Owner(account: v.accountId, region: v.regionId), v.vSwitches.map(\.id))
        }
        guard let row = try db.query("SELECT account_id, region FROM vpcs WHERE id = ?", [.text(id)]).first else { return nil }
        let switches = try db.query("SELECT id FROM vswitches WHERE vpc_id = ?", [.text(id)]).map { $0.text(0) }
        return (Owner(account: row.text(0), region: row.text(1)), switches)
    }

    /// Lookups of stored gateways and connections, remembered for the document's life: a
    /// fixture with 100,000 routes names the same few gateways and next hops 100,000 times.
    final class Lookups {
        var gateways: [String: Owner?] = [:]
        var connections: [String: ConnectionRef?] = [:]
    }
    let lookups = Lookups()

    func gateway(_ id: String) throws -> Owner? {
        if let i = docGateways[id] {
            let g = doc.vpnGateways[i].gateway
            return Owner(account: g.accountId, region: g.regionId)
        }
        if let known = lookups.gateways[id] { return known }
        let found = try db.first("SELECT account_id, region FROM vpn_gateways WHERE id = ?", [.text(id)]) {
            Owner(account: $0.text(0), region: $0.text(1))
        }
        lookups.gateways[id] = .some(found)
        return found
    }

    func customerGateway(_ id: String) throws -> Owner? {
        if let i = docCustomerGateways[id] {
            let c = doc.customerGateways[i].customerGateway
            return Owner(account: c.accountId, region: c.regionId)
        }
        return try db.query("SELECT account_id, region FROM customer_gateways WHERE id = ?", [.text(id)]).first
            .map { Owner(account: $0.text(0), region: $0.text(1)) }
    }

    func connection(_ id: String) throws -> ConnectionRef? {
        if let i = docConnections[id] {
            let c = doc.vpnConnections[i].connection
            return ConnectionRef(owner: Owner(account: c.accountId, region: c.regionId), attachType: c.attachType, gatewayId: c.vpnGatewayId)
        }
        if let known = lookups.connections[id] { return known }
        let found = try db.first("SELECT account_id, region, attach_type, vpn_gateway_id FROM vpn_connections WHERE id = ?", [.text(id)]) {
            ConnectionRef(owner: Owner(account: $0.text(0), region: $0.text(1)),
                          attachType: AttachType(rawValue: $0.text(2)) ?? .vpnGateway, gatewayId: $0.textOrNil(3))
        }
        lookups.connections[id] = .some(found)
        return found
    }

    /// Account and region of an object at `list[i]` must be known.
    func checkScope(_ list: String, _ i: Int, account: String, region: String) throws {
        guard try accountExists(account) else {
            throw FixtureError(path: Self.path(list, i, "account"), message: "unknown account \"\(account)\"")
        }
        guard try regionExists(region) else {
            throw FixtureError(path: Self.path(list, i, "region"), message: "unknown region \"\(region)\"")
        }
    }

    /// `what` (at `path`) must be in the same account and region as the object that uses it.
    func checkSameScope(_ path: String, _ what: String, _ other: Owner, account: String, region: String) throws {
        if other.account != account {
            throw FixtureError(path: path, message: "\(what) belongs to account \"\(other.account)\", not \"\(account)\"")
        }
        if other.region != region {
            throw FixtureError(path: path, message: "\(what) is in region \"\(other.region)\", not \"\(region)\"")
        }
    }

    // MARK: Phase 1: references of the document's objects

    func resolve() throws {
        for (i, v) in doc.vpcs.enumerated() {
            try checkScope("vpcs", i, account: v.accountId, region: v.regionId)
            for (j, s) in v.vSwitches.enumerated() {
                if let owner = try db.query("SELECT vpc_id FROM vswitches WHERE id = ?", [.text(s.id)]).first?.text(0),
                   owner != v.id, docVPCs[owner] == nil {
                    throw FixtureError(path: "vpcs[\(i)].vSwitches[\(j)].id", message: "vSwitch \"\(s.id)\" belongs to VPC \"\(owner)\"")
                }
            }
        }
        for (i, item) in doc.vpnGateways.enumerated() {
            let g = item.gateway
            try checkScope("vpnGateways", i, account: g.accountId, region: g.regionId)
            let path = Self.path("vpnGateways", i, "vpcId")
            guard let vpc = try vpc(g.vpcId) else { throw FixtureError(path: path, message: "unknown VPC \"\(g.vpcId)\"") }
            try checkSameScope(path, "VPC \"\(g.vpcId)\"", vpc.owner, account: g.accountId, region: g.regionId)
            for (field, vSwitch) in [("vSwitchId", g.vSwitchId), ("disasterRecoveryVSwitchId", g.disasterRecoveryVSwitchId)]
            where !vSwitch.isEmpty && !vpc.vSwitches.contains(vSwitch) {
                throw FixtureError(path: Self.path("vpnGateways", i, field), message: "unknown vSwitch \"\(vSwitch)\" in VPC \"\(g.vpcId)\"")
            }
        }
        for (i, item) in doc.customerGateways.enumerated() {
            let c = item.customerGateway
            try checkScope("customerGateways", i, account: c.accountId, region: c.regionId)
        }
        for (i, item) in doc.vpnConnections.enumerated() {
            let c = item.connection
            try checkScope("vpnConnections", i, account: c.accountId, region: c.regionId)
            if c.attachType == .vpnGateway, let gid = c.vpnGatewayId {
                let path = Self.path("vpnConnections", i, "vpnGatewayId")
                guard let gw = try gateway(gid) else { throw FixtureError(path: path, message: "unknown VPN gateway \"\(gid)\"") }
                try checkSameScope(path, "VPN gateway \"\(gid)\"", gw, account: c.accountId, region: c.regionId)
            }
            var references: [(String, String)] = []
            if !c.settings.customerGatewayId.isEmpty { references.append((Self.path("vpnConnections", i, "customerGatewayId"), c.settings.customerGatewayId)) }
            for (j, t) in c.tunnels.enumerated() {
                references.append((Self.path("vpnConnections", i, "tunnels[\(j)].customerGatewayId"), t.customerGatewayId))
                if let owner = try db.query("SELECT vpn_connection_id FROM vpn_tunnels WHERE id = ?", [.text(t.id)]).first?.text(0),
                   owner != c.id, docConnections[owner] == nil {
                    throw FixtureError(path: Self.path("vpnConnections", i, "tunnels[\(j)].id"), message: "tunnel \"\(t.id)\" belongs to VPN connection \"\(owner)\"")
                }
            }
            for (path, cgw) in references {
                guard let owner = try customerGateway(cgw) else { throw FixtureError(path: path, message: "unknown customer gateway \"\(cgw)\"") }
                try checkSameScope(path, "customer gateway \"\(cgw)\"", owner, account: c.accountId, region: c.regionId)
            }
        }
        for (i, item) in doc.vpnRouteEntries.enumerated() {
            let r = item.route
            guard try gateway(r.vpnGatewayId) != nil else {
                throw FixtureError(path: Self.path("vpnRouteEntries", i, "vpnGatewayId"), message: "unknown VPN gateway \"\(r.vpnGatewayId)\"")
            }
            let path = Self.path("vpnRouteEntries", i, "nextHop")
            guard let hop = try connection(r.nextHop) else { throw FixtureError(path: path, message: "unknown VPN connection \"\(r.nextHop)\"") }
            guard hop.attachType == .vpnGateway, hop.gatewayId == r.vpnGatewayId else {
                throw FixtureError(path: path, message: "VPN connection \"\(r.nextHop)\" is not bound to VPN gateway \"\(r.vpnGatewayId)\"")
            }
        }
        for (i, item) in doc.vcoRouteEntries.enumerated() {
            let r = item.route
            let path = Self.path("vcoRouteEntries", i, "vpnConnectionId")
            guard let c = try connection(r.vpnConnectionId) else {
                throw FixtureError(path: path, message: "unknown VPN connection \"\(r.vpnConnectionId)\"")
            }
            guard c.attachType == .cen else {
                throw FixtureError(path: path, message: "VPN connection \"\(r.vpnConnectionId)\" is not attached to a transit router (attachType VPNGW)")
            }
        }
    }

    // MARK: Phase 2: writes

    func write() throws {
        for region in doc.regions {
            try db.execute("INSERT INTO regions(id) VALUES (?) ON CONFLICT(id) DO NOTHING", [.text(region)])
        }
        try writeAccounts()
        try writeVPCs()
        for item in doc.vpnGateways { try writeGateway(item.resolved(now: now)) }
        for item in doc.customerGateways { try Repository(db).upsertCustomerGateway(item.resolved(now: now)) }
        // Tunnels after every replaced connection dropped its own, so a tunnel may move between them.
        for item in doc.vpnConnections { try db.execute("DELETE FROM vpn_tunnels WHERE vpn_connection_id = ?", [.text(item.connection.id)]) }
        for item in doc.vpnConnections { try writeConnection(item.resolved(now: now)) }
        let repository = Repository(db)
        for item in doc.vpnRouteEntries { try repository.upsertGatewayRoute(item.resolved(now: now)) }
        for item in doc.vcoRouteEntries { try repository.upsertConnectionRoute(item.resolved(now: now)) }
    }

    func writeAccounts() throws {
        for a in doc.accounts {
            if let flag = a.isDefault {
                if flag { try db.execute("UPDATE accounts SET is_default = 0 WHERE id <> ?", [.text(a.id)]) }
                try db.execute("""
                    INSERT INTO accounts(id, is_default) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET is_default = excluded.is_default
                    """, [.text(a.id), SQLValue(flag)])
            } else {
                try db.execute("INSERT INTO accounts(id, is_default) VALUES (?, 0) ON CONFLICT(id) DO NOTHING", [.text(a.id)])
            }
            try db.execute("DELETE FROM access_keys WHERE account_id = ?", [.text(a.id)])
            try db.execute("DELETE FROM ram_users WHERE account_id = ?", [.text(a.id)])
        }
        // Keys after every replaced account lost its own: a key id still present belongs to another account.
        for (i, a) in doc.accounts.enumerated() {
            for (j, key) in a.accessKeys.enumerated() {
                try insertKey(key, account: a.id, ramUser: nil, path: "accounts[\(i)].accessKeys[\(j)].id")
            }
            for (j, user) in a.ramUsers.enumerated() {
                try db.execute("INSERT INTO ram_users(account_id, name, allow_json, deny_json) VALUES (?, ?, ?, ?)", [
                    .text(a.id), .text(user.name),
                    .text(JSONValue.array(user.policy.allow.map(JSONValue.string)).serialized()),
                    .text(JSONValue.array(user.policy.deny.map(JSONValue.string)).serialized()),
                ])
                for (k, key) in user.accessKeys.enumerated() {
                    try insertKey(key, account: a.id, ramUser: user.name, path: "accounts[\(i)].ramUsers[\(j)].accessKeys[\(k)].id")
                }
            }
        }
        // Exactly one default once any account exists (FIXTURES.md: the first if none says so).
        if try db.scalar("SELECT count(*) FROM accounts WHERE is_default = 1") == 0 {
            try db.execute("UPDATE accounts SET is_default = 1 WHERE rowid = (SELECT min(rowid) FROM accounts)")
        }
    }

    func insertKey(_ key: AccessKey, account: String, ramUser: String?, path: String) throws {
        if let owner = try db.query("SELECT account_id FROM access_keys WHERE id = ?", [.text(key.id)]).first?.text(0) {
            throw FixtureError(path: path, message: "access key \"\(key.id)\" belongs to account \"\(owner)\"")
        }
        try db.execute("INSERT INTO access_keys(id, secret, account_id, ram_user) VALUES (?, ?, ?, ?)",
                       [.text(key.id), .text(key.secret), .text(account), SQLValue(ramUser)])
    }

    func writeVPCs() throws {
        for v in doc.vpcs {
            try db.execute("""
                INSERT INTO vpcs(id, account_id, region, cidr_block, status, route_table_quota) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET account_id = excluded.account_id, region = excluded.region,
                    cidr_block = excluded.cidr_block, status = excluded.status, route_table_quota = excluded.route_table_quota
                """, [.text(v.id), .text(v.accountId), .text(v.regionId), .text(v.cidrBlock), .text(v.status), SQLValue(v.routeTableQuota)])
            try db.execute("DELETE FROM vswitches WHERE vpc_id = ?", [.text(v.id)])
            try db.execute("DELETE FROM vpc_route_entries WHERE vpc_id = ? AND source = 'fixture'", [.text(v.id)])
        }
        // Children after every reloaded VPC dropped its own, so a vSwitch may move between them.
        for v in doc.vpcs {
            for s in v.vSwitches {
                let range = IPv4CIDR(s.cidrBlock).map(\.range) ?? (start: 0, end: -1)
                try db.execute("INSERT INTO vswitches(id, vpc_id, cidr_block, range_start, range_end) VALUES (?, ?, ?, ?, ?)",
                               [.text(s.id), .text(v.id), .text(s.cidrBlock), .int(range.start), .int(range.end)])
            }
            for e in v.routeEntries {
                try db.execute("INSERT INTO vpc_route_entries(vpc_id, destination, next_hop_type, next_hop_id) VALUES (?, ?, ?, ?)",
                               [.text(v.id), .text(e.destinationCidrBlock), .text(e.nextHopType), .text(e.nextHopId)])
            }
        }
    }

    func writeGateway(_ g: VPNGateway) throws {
        try db.insertGatewayRow(g, replacing: true)
        try Repository(db).replaceTags(of: .vpnGateway, id: g.id, with: g.tags)
        try db.execute("DELETE FROM tasks WHERE resource_id = ?", [.text(g.id)])
    }

    func writeConnection(_ c: VPNConnection) throws {
        try db.execute("""
            INSERT INTO vpn_connections(id, account_id, region, attach_type, vpn_gateway_id, transit_router_id, cen_id, state,
                business_status, name, local_subnet, remote_subnet, route_quota, create_time, customer_gateway_id, settings_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET account_id = excluded.account_id, region = excluded.region,
                attach_type = excluded.attach_type, vpn_gateway_id = excluded.vpn_gateway_id,
                transit_router_id = excluded.transit_router_id, cen_id = excluded.cen_id, state = excluded.state,
                business_status = excluded.business_status, name = excluded.name, local_subnet = excluded.local_subnet,
                remote_subnet = excluded.remote_subnet, route_quota = excluded.route_quota, create_time = excluded.create_time,
                customer_gateway_id = excluded.customer_gateway_id, settings_json = excluded.settings_json
            """, [
                .text(c.id), .text(c.accountId), .text(c.regionId), .text(c.attachType.rawValue), SQLValue(c.vpnGatewayId),
                SQLValue(c.transitRouterId), SQLValue(c.cenId), .text(c.state.rawValue), .text(c.businessStatus.rawValue), .text(c.name),
                .text(c.localSubnet), .text(c.remoteSubnet), SQLValue(c.routeQuota), .int(c.createTime),
                c.settings.customerGatewayId.isEmpty ? .null : .text(c.settings.customerGatewayId), .text(ConnectionSettingsJSON.column(c.settings)),
            ])
        let repository = Repository(db)
        try repository.insertTunnels(c.tunnels, connectionId: c.id)
        try repository.replaceTags(of: .vpnConnection, id: c.id, with: c.tags)
        try db.execute("DELETE FROM tasks WHERE resource_id = ?", [.text(c.id)])
    }

    // MARK: Phase 3: objects already stored that a replaced object would leave inconsistent

    func checkStoredObjects() throws {
        if let row = try db.query("""
            SELECT g.id, g.account_id, g.region, v.id, v.account_id, v.region FROM vpn_gateways g JOIN vpcs v ON v.id = g.vpc_id
            WHERE g.account_id <> v.account_id OR g.region <> v.region LIMIT 1
            """).first {
            let sameAccount = row.text(1) == row.text(4)
            throw stored(docVPCs[row.text(3)].map { Self.path("vpcs", $0, sameAccount ? "region" : "account") },
                         sameAccount ? "VPN gateway \"\(row.text(0))\" of this VPC is in region \"\(row.text(2))\""
                                     : "VPN gateway \"\(row.text(0))\" of this VPC belongs to account \"\(row.text(1))\"")
        }
        if let row = try db.query("""
            SELECT g.id, g.vswitch_id, g.vpc_id FROM vpn_gateways g WHERE g.vswitch_id <> ''
            AND NOT EXISTS (SELECT 1 FROM vswitches s WHERE s.id = g.vswitch_id AND s.vpc_id = g.vpc_id) LIMIT 1
            """).first {
            throw stored(docVPCs[row.text(2)].map { Self.path("vpcs", $0, "vSwitches") },
                         "vSwitch \"\(row.text(1))\" is used by VPN gateway \"\(row.text(0))\"")
        }
        if let row = try db.query("""
            SELECT c.id, c.account_id, c.region, g.id, g.account_id FROM vpn_connections c JOIN vpn_gateways g ON g.id = c.vpn_gateway_id
            WHERE c.attach_type = 'VPNGW' AND (c.account_id <> g.account_id OR c.region <> g.region) LIMIT 1
            """).first {
            let sameAccount = row.text(1) == row.text(4)
            throw stored(docGateways[row.text(3)].map { Self.path("vpnGateways", $0, sameAccount ? "region" : "account") },
                         sameAccount ? "VPN connection \"\(row.text(0))\" of this gateway is in region \"\(row.text(2))\""
                                     : "VPN connection \"\(row.text(0))\" of this gateway belongs to account \"\(row.text(1))\"")
        }
        if let row = try db.query("""
            SELECT c.id, g.id FROM vpn_connections c JOIN customer_gateways g ON g.id = c.customer_gateway_id
            WHERE c.account_id <> g.account_id OR c.region <> g.region
            UNION ALL
            SELECT c.id, g.id FROM vpn_tunnels t JOIN vpn_connections c ON c.id = t.vpn_connection_id
            JOIN customer_gateways g ON g.id = t.customer_gateway_id WHERE c.account_id <> g.account_id OR c.region <> g.region LIMIT 1
            """).first {
            throw stored(docCustomerGateways[row.text(1)].map { Self.path("customerGateways", $0) },
                         "VPN connection \"\(row.text(0))\" uses customer gateway \"\(row.text(1))\" in another account or region")
        }
        if let row = try db.query("""
            SELECT r.vpn_gateway_id, r.route_dest, r.next_hop, c.attach_type FROM gateway_routes r
            LEFT JOIN vpn_connections c ON c.id = r.next_hop
            WHERE c.id IS NULL OR c.attach_type <> 'VPNGW' OR c.vpn_gateway_id IS NOT r.vpn_gateway_id LIMIT 1
            """).first {
            let field = row.text(3) == "VPNGW" ? "vpnGatewayId" : "attachType"
            throw stored(docConnections[row.text(2)].map { Self.path("vpnConnections", $0, field) },
                         "route \"\(row.text(1))\" of VPN gateway \"\(row.text(0))\" uses this connection as next hop")
        }
        if let row = try db.query("""
            SELECT r.vpn_connection_id, r.route_dest FROM connection_routes r JOIN vpn_connections c ON c.id = r.vpn_connection_id
            WHERE c.attach_type <> 'CEN' LIMIT 1
            """).first {
            throw stored(docConnections[row.text(0)].map { Self.path("vpnConnections", $0, "attachType") },
                         "route \"\(row.text(1))\" of this connection needs attachType CEN")
        }
    }

    /// An inconsistency found among stored objects, reported at the document object that caused it.
    func stored(_ path: String?, _ message: String) -> FixtureError {
        FixtureError(path: path ?? "", message: message)
    }
}

extension SQLiteDatabase {
    /// The one INSERT of a gateway row: CreateVpnGateway inserts; a fixture replaces
    /// (`replacing`: an existing row with the same id takes the fixture's values). Tags and tasks
    /// are the caller's.
    func insertGatewayRow(_ g: VPNGateway, replacing: Bool) throws {
        let insert = """
            INSERT INTO vpn_gateways(id, account_id, region, vpc_id, vswitch_id, name, description, status, business_status, spec,
                charge_type, tunnel_mode, enable_bgp, internet_ip, ssl_client_ip_pool, ssl_max_connections, route_quota, create_time,
                dr_vswitch_id, dr_internet_ip, enable_ipsec, enable_ssl, ssl_connections, auto_propagate, network_type, vpn_type,
                connection_quota)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        let replace = """
            ON CONFLICT(id) DO UPDATE SET account_id = excluded.account_id, region = excluded.region, vpc_id = excluded.vpc_id,
                vswitch_id = excluded.vswitch_id, name = excluded.name, description = excluded.description,
                status = excluded.status, business_status = excluded.business_status, spec = excluded.spec,
                charge_type = excluded.charge_type, tunnel_mode = excluded.tunnel_mode, enable_bgp = excluded.enable_bgp,
                internet_ip = excluded.internet_ip, ssl_client_ip_pool = excluded.ssl_client_ip_pool,
                ssl_max_connections = excluded.ssl_max_connections, route_quota = excluded.route_quota,
                create_time = excluded.create_time, dr_vswitch_id = excluded.dr_vswitch_id, dr_internet_ip = excluded.dr_internet_ip,
                enable_ipsec = excluded.enable_ipsec, enable_ssl = excluded.enable_ssl, ssl_connections = excluded.ssl_connections,
                auto_propagate = excluded.auto_propagate, network_type = excluded.network_type, vpn_type = excluded.vpn_type,
                connection_quota = excluded.connection_quota
            """
        try execute(replacing ? insert + "\n" + replace : insert, [
            .text(g.id), .text(g.accountId), .text(g.regionId), .text(g.vpcId), .text(g.vSwitchId), .text(g.name),
            .text(g.description), .text(g.status.rawValue), .text(g.businessStatus.rawValue), .text(g.spec), .text(g.chargeType),
            .text(g.tunnelMode.rawValue), SQLValue(g.enableBgp), .text(g.internetIp), SQLValue(g.sslVpn?.clientIpPool),
            SQLValue(g.sslVpn?.maxConnections), SQLValue(g.routeQuota), .int(g.createTime),
            .text(g.disasterRecoveryVSwitchId), .text(g.disasterRecoveryInternetIp), SQLValue(g.enableIpsec), SQLValue(g.enableSsl),
            SQLValue(g.sslConnections), SQLValue(g.autoPropagate), .text(g.networkType), .text(g.vpnType), SQLValue(g.connectionQuota),
        ])
    }
}
