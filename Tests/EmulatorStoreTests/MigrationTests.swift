import EmulatorJSON
import Foundation
import Testing
import VPNCore
@testable import EmulatorStore

/// A database written by 0.1.0 (schema 2; Tests/EmulatorStoreTests/Data/README.md) opens,
/// migrates, and holds exactly what it held.
@Suite struct MigrationTests {
    /// A new database is created from `Schema.currentSQL`; every migration from an empty
    /// database must make exactly the same schema (tables with their columns, indexes, triggers).
    @Test func theCurrentScriptIsWhatTheMigrationsMake() throws {
        func objects(_ db: SQLiteDatabase) throws -> [String] {
            try db.rows("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name", []) {
                "\($0.text(0)) \($0.text(1)): \($0.textOrNil(2) ?? "")"
            }
        }
        let migrated = try SQLiteDatabase(path: ":memory:")
        try migrated.transaction { try Schema.runMigrations(migrated, from: 0) }
        let created = try SQLiteDatabase(path: ":memory:")
        try Schema.migrate(created)
        let (expected, found) = (try objects(migrated), try objects(created))
        let script = try migrated.rows("""
            SELECT sql || ';' FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid
            """, []) { $0.text(0) }.joined(separator: "\n")
        #expect(found == expected, "Schema.currentSQL differs from the migrations; replace it with:\n\(script)")
        #expect(expected.count > 40)
    }

    static let dataDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Data")

    func copyOfRelease(_ name: String = "v0.1.0.sqlite") throws -> (URL, String) {
        let dir = try temporaryDirectory()
        let path = dir.appendingPathComponent("old.sqlite").path
        try FileManager.default.copyItem(atPath: Self.dataDirectory.appendingPathComponent(name).path, toPath: path)
        return (dir, path)
    }

    @Test func aReleaseDatabaseMigratesWithNothingLost() throws {
        let (dir, path) = try copyOfRelease()
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            let old = try SQLiteDatabase(path: path)
            #expect(try old.scalar("PRAGMA user_version") == 2)
            old.close()
        }
        let store = try Store(path: path)
        defer { store.close() }
        #expect(try store.readSync { try $0.db.scalar("PRAGMA user_version") } == Int64(Schema.currentVersion))

        // The state dump is the one 0.1.0 answered, key for key (published entries included); the
        // fields schema 4 added hold their defaults.
        let expected = try JSONParser.parse(Array(try Data(contentsOf: Self.dataDirectory.appendingPathComponent("v0.1.0-state.json"))))
        let now = try store.readSync { try $0.db.exportState() }
        #expect(Self.projected(now, onto: expected) == expected, "\(now.prettySerialized())")
        Self.expectSchema4Defaults(now)

        // What the dump does not show: tasks, ClientTokens, counters.
        try store.readSync { (r: Repository) throws in
            #expect(try r.task(resourceId: "vpn-bp1default0000000001")?.endsAt == 4_950_049_339_609)
            #expect(try r.clientToken(accountId: "1234567890123456", action: "CreateVpnRouteEntry", token: "tok-create-1", now: 0) != nil)
            #expect(try r.clientToken(accountId: "1234567890123456", action: "CreateVcoRouteEntry", token: "tok-vco-1", now: 0) != nil)
            let g = try #require(try r.gateway(id: "vpn-bp1default0000000001", accountId: "1234567890123456", regionId: "cn-hangzhou"))
            #expect(g.routeCount == Int(try r.db.scalar("SELECT count(*) FROM gateway_routes WHERE vpn_gateway_id = ?", [.text(g.id)])))
            #expect(try r.tags(of: .vpnGateway, id: g.id) == [Tag(key: "env", value: "test")])
            let t = try #require(try r.connection(id: "vco-bp1transit0000000001", accountId: "1234567890123456", regionId: "cn-hangzhou"))
            #expect(t.routeCount == Int(try r.db.scalar("SELECT count(*) FROM connection_routes WHERE vpn_connection_id = ?", [.text(t.id)])))
            #expect(t.routeCount >= 2)
            #expect(try r.db.scalar("SELECT route_entry_count FROM vpcs WHERE id = 'vpc-bp1default0000000001'")
                    == r.db.scalar("SELECT count(*) FROM vpc_route_entries WHERE vpc_id = 'vpc-bp1default0000000001'"))
        }
    }

    /// After the migration the maintained table behaves: withdrawing the migrated published routes
    /// empties it again, and the fixture entries stay.
    @Test func migratedPublishedEntriesAreMaintained() throws {
        let (dir, path) = try copyOfRelease()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(path: path)
        defer { store.close() }
        try store.administerSync { state in
            let r = state.repository
            for (dest, hop) in [("10.50.0.0/24", "vco-bp1default0000000001"), ("10.50.0.0/24", "vco-bp1default0000000002")] {
                try r.updateGatewayRoute(gatewayId: "vpn-bp1default0000000001", routeDest: dest, nextHop: hop, publishVpc: false)
            }
            try r.updateGatewayRoute(gatewayId: "vpn-bp1dualtunnel000001", routeDest: "10.52.0.0/24", nextHop: "vco-bp1dualtunnel000001",
                                     publishVpc: false)
        }
        try store.readSync { (r: Repository) throws in
            #expect(try r.db.vpcRouteEntries(vpcId: "vpc-bp1default0000000001", source: "published").isEmpty)
            #expect(try r.db.vpcRouteEntries(vpcId: "vpc-bp1default0000000001", source: "fixture").count == 2)
            #expect(try r.db.scalar("SELECT route_entry_count FROM vpcs WHERE id = 'vpc-bp1default0000000001'") == 2)
        }
    }

    /// `value` with only the object keys `old` has, in `old`'s order (what an older dump shows).
    static func projected(_ value: JSONValue, onto old: JSONValue) -> JSONValue {
        switch (value, old) {
        case let (.object(pairs), .object(oldPairs)):
            let byKey = Dictionary(pairs, uniquingKeysWith: { a, _ in a })
            return .object(oldPairs.map { key, oldValue in (key, byKey[key].map { projected($0, onto: oldValue) } ?? .null) })
        case let (.array(items), .array(oldItems)) where items.count == oldItems.count:
            return .array(zip(items, oldItems).map { projected($0, onto: $1) })
        default:
            return value
        }
    }

    /// What schema 4 added to a migrated state: no customer gateway; gateways and connections
    /// with the defaults of FIXTURES.md (the gateways' SSL feature on where an SSL server is).
    static func expectSchema4Defaults(_ state: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(state["customerGateways"] == .array([]), sourceLocation: sourceLocation)
        for g in state["vpnGateways"]?.arrayValue ?? [] {
            #expect(g["enableIpsec"] == .bool(true) && g["enableSsl"] == .bool(g["sslVpn"] != .null), "\(g)", sourceLocation: sourceLocation)
            #expect(g["disasterRecoveryVSwitchId"] == .string("") && g["autoPropagate"] == .bool(false) && g["networkType"] == .string("public"),
                    sourceLocation: sourceLocation)
        }
        for c in state["vpnConnections"]?.arrayValue ?? [] {
            #expect(c["tags"] == .array([]) && c["enableDpd"] == .bool(true) && c["customerGatewayId"] == nil, "\(c)", sourceLocation: sourceLocation)
            #expect(c["ikeConfig"]?["ikeVersion"] == .string("ikev1") && c["bgpConfig"]?["localAsn"] == .int(45_104), sourceLocation: sourceLocation)
            if c["attachType"] == .string("VPNGW") { #expect(c["tunnels"] == .array([]), sourceLocation: sourceLocation) }
        }
    }

    /// A database written by 0.2.0 (schema 3: gateway tags as rows, the maintained VPC table and
    /// counters) migrates to the current schema with nothing lost, and the new counter of connections is right.
    @Test func theCurrentReleaseDatabaseMigratesWithNothingLost() throws {
        let (dir, path) = try copyOfRelease("v0.2.0.sqlite")
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            let old = try SQLiteDatabase(path: path)
            #expect(try old.scalar("PRAGMA user_version") == 3)
            old.close()
        }
        let store = try Store(path: path)
        defer { store.close() }
        #expect(try store.readSync { try $0.db.scalar("PRAGMA user_version") } == Int64(Schema.currentVersion))
        let expected = try JSONParser.parse(Array(try Data(contentsOf: Self.dataDirectory.appendingPathComponent("v0.2.0-state.json"))))
        let now = try store.readSync { try $0.db.exportState() }
        #expect(Self.projected(now, onto: expected) == expected, "\(now.prettySerialized())")
        Self.expectSchema4Defaults(now)
        try store.readSync { (r: Repository) throws in
            let task = try #require(try r.task(resourceId: "vpn-bp1default0000000001"))
            #expect(task.endsAt == 4_950_057_254_959 && task.pendingState == "updating" && task.action == "ModifyVpnRouteEntryWeight")
            #expect(try r.clientToken(accountId: "1234567890123456", action: "CreateVpnRouteEntry", token: "tok-create-1", now: 0) != nil)
            #expect(try r.clientToken(accountId: "1234567890123456", action: "CreateVcoRouteEntry", token: "tok-vco-1", now: 0) != nil)
            let g = try #require(try r.gateway(id: "vpn-bp1default0000000001", accountId: "1234567890123456", regionId: "cn-hangzhou"))
            #expect(g.connectionCount == 2 && g.routeCount == 4 && g.sslEnabled && g.sslMaxConnections == 5)
            #expect(try r.tags(of: .vpnGateway, id: g.id) == [Tag(key: "env", value: "test")])
            let dual = try #require(try r.gateway(id: "vpn-bp1dualtunnel000001", accountId: "1234567890123456", regionId: "cn-hangzhou"))
            #expect(dual.connectionCount == 1 && !dual.sslEnabled)
            #expect(try r.connectionIsNextHop("vco-bp1default0000000002") && !(try r.connectionIsNextHop("vco-bp1locked0000000001")))
            // The new indexes are there and used.
            let plan = try r.db.query("EXPLAIN QUERY PLAN SELECT 1 FROM gateway_routes WHERE next_hop = 'x' LIMIT 1").map { $0.text(3) }
            #expect(plan.contains { $0.contains("gateway_routes_next_hop") }, "\(plan)")
        }
        // The migrated database takes the new objects.
        try store.administerSync { state in
            try state.repository.upsertCustomerGateway(CustomerGateway(id: "cgw-migrated", accountId: "1234567890123456", regionId: "cn-hangzhou",
                                                                       ipAddress: "2.2.2.2", createTime: 1))
        }
        #expect(try store.readSync { try $0.customerGateway(id: "cgw-migrated", accountId: "1234567890123456", regionId: "cn-hangzhou") }?.ipAddress
                == "2.2.2.2")
    }
}
