import Foundation
import Testing
import VPNCore
@testable import EmulatorStore

/// A fresh, migrated in-memory database, as the store opens it.
func memoryDatabase() throws -> SQLiteDatabase {
    let db = try SQLiteDatabase(path: ":memory:")
    try db.exec("PRAGMA foreign_keys = ON")
    try Schema.migrate(db)
    return db
}

/// Parses `json` and applies it in one transaction, as start-up and the control API do.
@discardableResult
func load(_ json: String, into db: SQLiteDatabase, now: Int64 = 1_000) throws -> FixtureCounts {
    let doc = try FixtureDocument.parse(Array(json.utf8))
    return try db.transaction { try db.apply(doc, now: now) }
}

/// The FixtureError of parsing `json` (nil when it parses).
func parseError(_ json: String) -> FixtureError? {
    do { _ = try FixtureDocument.parse(Array(json.utf8)); return nil } catch { return error }
}

/// The FixtureError of loading `json` into `db` (nil when it loads; other errors are recorded).
func loadError(_ json: String, into db: SQLiteDatabase) -> FixtureError? {
    do { try load(json, into: db); return nil } catch let error as FixtureError { return error } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("vpngw-store-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// `fixtures/default.json` of this repository.
let defaultFixturePath = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("fixtures/default.json").path

func defaultFixtureText() throws -> String { try String(contentsOfFile: defaultFixturePath, encoding: .utf8) }

/// A small world: two regions, two accounts, a VPC, a gateway with a route, a VPNGW and a CEN connection.
let smallWorld = """
    {
      "regions": ["cn-hangzhou", "cn-shanghai"],
      "accounts": [
        { "id": "111", "accessKeys": [{ "id": "K1", "secret": "S1" }],
          "ramUsers": [{ "name": "ro", "accessKeys": [{ "id": "K1RO", "secret": "S" }], "policy": { "allow": ["vpc:Describe*"] } }] },
        { "id": "222", "accessKeys": [{ "id": "K2", "secret": "S2" }] }
      ],
      "vpcs": [
        { "id": "vpc-a", "account": "111", "region": "cn-hangzhou", "cidrBlock": "10.0.0.0/16",
          "vSwitches": [{ "id": "vsw-a", "cidrBlock": "10.0.1.0/24" }],
          "routeEntries": [{ "destinationCidrBlock": "10.9.0.0/16", "nextHopType": "Instance", "nextHopId": "i-1" }] }
      ],
      "vpnGateways": [
        { "id": "vpn-a", "account": "111", "region": "cn-hangzhou", "vpcId": "vpc-a", "vSwitchId": "vsw-a", "name": "a",
          "createTime": 5 }
      ],
      "vpnConnections": [
        { "id": "vco-a", "account": "111", "region": "cn-hangzhou", "attachType": "VPNGW", "vpnGatewayId": "vpn-a" },
        { "id": "vco-t", "account": "111", "region": "cn-hangzhou", "attachType": "CEN", "transitRouterId": "tr-1", "cenId": "cen-1" }
      ],
      "vpnRouteEntries": [{ "vpnGatewayId": "vpn-a", "routeDest": "192.168.0.0/24", "nextHop": "vco-a", "weight": 100 }],
      "vcoRouteEntries": [{ "vpnConnectionId": "vco-t", "routeDest": "192.168.1.0/24", "weight": 0 }]
    }
    """

/// Whole-table readers the store tests assert on. The emulator itself reads through `Repository`
/// (indexed lookups) and `StateAdministration`; these go straight to the tables.
extension SQLiteDatabase {
    var repository: Repository { Repository(self) }
    var admin: StateAdministration { StateAdministration(self) }

    func regions() throws -> [String] { try rows("SELECT id FROM regions ORDER BY rowid", [], { $0.text(0) }) }
    func defaultAccountId() throws -> String? { try StateAdministration(self).defaultAccountId() }
    func defaultAccessKey() throws -> AccessKey? { try StateAdministration(self).defaultAccessKey() }

    /// The secret and the caller of an access key, as the credential directory builds them.
    func credential(accessKeyId id: String) throws -> (secret: String, caller: Caller)? {
        for account in try accounts() {
            if let key = account.accessKeys.first(where: { $0.id == id }) { return (key.secret, Caller(accountId: account.id, accessKeyId: id)) }
            for user in account.ramUsers {
                if let key = user.accessKeys.first(where: { $0.id == id }) {
                    return (key.secret, Caller(accountId: account.id, accessKeyId: id, ramUser: user))
                }
            }
        }
        return nil
    }

    /// A VPC with its vSwitches and fixture entries.
    func vpc(id: String) throws -> VPC? { try allVPCs().first { $0.id == id } }

    func gateway(id: String, accountId: String, regionId: String) throws -> VPNGateway? {
        guard var g = try repository.gateway(id: id, accountId: accountId, regionId: regionId) else { return nil }
        g.tags = try repository.tags(of: .vpnGateway, id: id)
        return g
    }

    func gateways(accountId: String, regionId: String) throws -> [VPNGateway] {
        try allGateways().filter { $0.accountId == accountId && $0.regionId == regionId }
            .sorted { $0.createTime < $1.createTime }
    }

    func connection(id: String, accountId: String, regionId: String) throws -> VPNConnection? {
        try repository.connection(id: id, accountId: accountId, regionId: regionId)
    }

    func allConnections() throws -> [VPNConnection] {
        try rows("SELECT \(Repository.connectionColumns) FROM vpn_connections ORDER BY rowid", [], Repository.connection)
    }

    func gatewayRoutes(gatewayId: String) throws -> [GatewayRoute] {
        try rows("SELECT \(Repository.gatewayRouteColumns) FROM gateway_routes WHERE vpn_gateway_id = ? ORDER BY create_time, seq",
                 [.text(gatewayId)], Repository.gatewayRoute)
    }

    func connectionRoutes(connectionId: String) throws -> [ConnectionRoute] {
        try rows("SELECT \(Repository.connectionRouteColumns) FROM connection_routes WHERE vpn_connection_id = ? ORDER BY create_time, seq",
                 [.text(connectionId)], Repository.connectionRoute)
    }

    func allGatewayRoutes() throws -> [GatewayRoute] {
        try rows("SELECT \(Repository.gatewayRouteColumns) FROM gateway_routes ORDER BY seq", [], Repository.gatewayRoute)
    }

    func allConnectionRoutes() throws -> [ConnectionRoute] {
        try rows("SELECT \(Repository.connectionRouteColumns) FROM connection_routes ORDER BY seq", [], Repository.connectionRoute)
    }

    func upsertGatewayRoute(_ r: GatewayRoute) throws { try repository.upsertGatewayRoute(r) }
    func task(resourceId: String) throws -> ResourceTask? { try repository.task(resourceId: resourceId) }
    func startTask(resourceId: String, kind: ResourceKind, action: String, endsAt: Int64) throws {
        try repository.startTask(resourceId: resourceId, kind: kind, action: action, endsAt: endsAt)
    }
}
