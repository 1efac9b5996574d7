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
