import EmulatorJSON
import Foundation
import Testing
import EmulatorHTTP
@testable import EmulatorStore
import VPNCore
@testable import EmulatorRPC

/// Names from `fixtures/default.json`.
enum Fx {
    static let region = "cn-hangzhou"
    static let shanghai = "cn-shanghai"
    static let accountId = "1234567890123456"
    static let accountKey = "LTAI5tEmulatorDefaultKey"
    static let accountSecret = "EmulatorDefaultSecret"
    static let readOnlyKey = "LTAI5tReadOnlyKey"
    static let deniedKey = "LTAI5tDeniedKey"
    static let otherKey = "LTAI5tOtherAccountKey"
    static let gateway = "vpn-bp1default0000000001"
    static let connection = "vco-bp1default0000000001"
    static let connection2 = "vco-bp1default0000000002"
    static let dualGateway = "vpn-bp1dualtunnel000001"
    static let dualConnection = "vco-bp1dualtunnel000001"
    static let lockedGateway = "vpn-bp1locked0000000001"
    static let lockedConnection = "vco-bp1locked0000000001"
    static let pendingVpcGateway = "vpn-bp1pendingvpc00001"
    static let pendingVpcConnection = "vco-bp1pendingvpc00001"
    static let shanghaiGateway = "vpn-bp1shanghai00000001"
    static let shanghaiConnection = "vco-bp1shanghai00000001"
    static let otherGateway = "vpn-bp1otheraccount00001"
    static let otherConnection = "vco-bp1otheraccount00001"
    static let transit = "vco-bp1transit0000000001"
    static let transitLocked = "vco-bp1transitlocked001"

    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let defaultFixtureBytes: [UInt8] = {
        let url = repoRoot.appendingPathComponent("fixtures/default.json")
        return [UInt8](FileManager.default.contents(atPath: url.path) ?? Data())
    }()
    static var defaultFixture: Emulator.FixtureSource { .embedded(name: "fixtures/default.json", bytes: defaultFixtureBytes) }
}

/// One answer of the responder, with the helpers the tests need.
struct Reply: Sendable, CustomStringConvertible {
    let status: Int
    let headers: HTTPHeaders
    let body: [UInt8]

    init(_ response: HTTPResponse) {
        status = response.status
        headers = response.headers
        body = response.body
    }

    init(status: Int, headers: HTTPHeaders, body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    var text: String { String(decoding: body, as: UTF8.self) }
    var json: JSONValue { (try? JSONParser.parse(body)) ?? .null }
    func header(_ name: String) -> String? { headers[name] }
    var code: String? { json["Code"]?.stringValue }
    var message: String? { json["Message"]?.stringValue }
    var rule: String? { headers["x-emulator-rule"] }
    var requestId: String? { headers["x-acs-request-id"] }
    var contentType: String? { headers["Content-Type"] }
    var keys: [String] { json.objectValue?.map(\.0) ?? [] }
    var isReplay: Bool { headers["x-emulator-idempotent-replay"] == "true" }
    var description: String { "\(status) \(rule ?? "-") \(text)" }
}

/// An emulator in process: `:memory:` (or a file) store, the default fixture, a manual clock and
/// the real `RPCResponder`; requests go straight to `respond(to:completion:)`.
final class Harness: Sendable {
    static let start: Int64 = 1_800_000_000_000   // 2027-01-15T08:00:00Z

    let emulator: Emulator
    let responder: RPCResponder
    let clock: ManualClock

    init(auth: RequestAuthenticator.Mode = .off, seed: UInt64? = nil, controlToken: String? = nil,
         journalCapacity: Int = 10_000, path: String = ":memory:", now: Int64 = Harness.start,
         loadFixtures: Bool = true, ready: Bool = true,
         configure: (inout EmulatorSettings) -> Void = { _ in }) throws {
        var settings = EmulatorSettings()
        settings.auth = auth
        configure(&settings)
        clock = ManualClock(now)
        let store = try Store(path: path)
        emulator = Emulator(store: store, settings: settings, clock: clock, startupFixtures: [Fx.defaultFixture],
                            seed: seed, controlToken: controlToken, journalCapacity: journalCapacity)
        if loadFixtures { try emulator.open(wipe: true) } else { try emulator.reloadCredentials() }
        responder = RPCResponder(emulator: emulator, logger: RequestLogger(level: .error))
        if ready { emulator.markReady() }
    }

    func advance(_ ms: Int64) { clock.advance(by: ms) }

    // MARK: Requests

    func send(_ request: HTTPRequest) async -> Reply {
        let response = await withCheckedContinuation { (c: CheckedContinuation<HTTPResponse, Never>) in
            responder.respond(to: request) { c.resume(returning: $0) }
        }
        return Reply(response)
    }

    static func query(_ pairs: [(String, String)]) -> String {
        pairs.map { PercentEncoding.encode($0.0) + "=" + PercentEncoding.encode($0.1) }.joined(separator: "&")
    }

    /// An unsigned RPC call (for `auth = .off`): Action, Version and AccessKeyId first, then `params`.
    func rpc(_ action: String?, _ params: [(String, String)] = [], key: String? = Fx.accountKey,
             version: String? = "2016-04-28", method: String = "POST", host: String? = "127.0.0.1:8428",
             headers: [(String, String)] = []) async -> Reply {
        var pairs: [(String, String)] = []
        if let action { pairs.append(("Action", action)) }
        if let version { pairs.append(("Version", version)) }
        if let key { pairs.append(("AccessKeyId", key)) }
        pairs += params
        var h = HTTPHeaders(headers.map { (name: $0.0, value: $0.1) })
        if let host { h.add(name: "Host", value: host) }
        return await send(HTTPRequest(method: method, target: "/?" + Self.query(pairs), headers: h))
    }

    /// A V1-signed call: common parameters, then `params`, signed with `secret`.
    func signed(_ action: String, _ params: [(String, String)] = [], key: String = Fx.accountKey,
                secret: String = Fx.accountSecret, nonce: String = UUID().uuidString,
                timestamp: String? = nil, method: String = "POST", version: String = "2016-04-28") async -> Reply {
        await send(signedRequest(action, params, key: key, secret: secret, nonce: nonce, timestamp: timestamp, method: method,
                                 version: version))
    }

    func signedRequest(_ action: String, _ params: [(String, String)] = [], key: String = Fx.accountKey,
                       secret: String = Fx.accountSecret, nonce: String = UUID().uuidString,
                       timestamp: String? = nil, method: String = "POST", version: String = "2016-04-28") -> HTTPRequest {
        var pairs: [(String, String)] = [
            ("Action", action), ("Version", version), ("Format", "JSON"), ("AccessKeyId", key),
            ("SignatureMethod", "HMAC-SHA1"), ("SignatureVersion", "1.0"), ("SignatureNonce", nonce),
            ("Timestamp", timestamp ?? Self.timestamp(clock.now())),
        ] + params
        let toSign = SignatureV1.stringToSign(method: method, pairs: pairs.map { RPCParameters.Pair(name: $0.0, value: $0.1) })
        pairs.append(("Signature", SignatureV1.signature(stringToSign: toSign, secret: secret)))
        return HTTPRequest(method: method, target: "/?" + Self.query(pairs), headers: HTTPHeaders([("Host", "127.0.0.1:8428")]))
    }

    /// `YYYY-MM-DDThh:mm:ssZ` for epoch milliseconds.
    static func timestamp(_ ms: Int64) -> String {
        let seconds = ms / 1000
        let days = seconds / 86_400, rest = seconds % 86_400
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(two(m))-\(two(d))T\(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60))Z"
    }

    /// A control API call.
    func control(_ method: String, _ path: String, body: String? = nil, token: String? = nil) async -> Reply {
        var headers = HTTPHeaders()
        if let token { headers.add(name: "Authorization", value: "Bearer " + token) }
        if body != nil { headers.add(name: "Content-Type", value: "application/json") }
        return await send(HTTPRequest(method: method, target: path, headers: headers, body: Array((body ?? "").utf8)))
    }

    // MARK: Common calls

    /// CreateVpnRouteEntry on the default gateway unless told otherwise.
    func createRoute(_ dest: String, nextHop: String = Fx.connection, weight: Int = 100, publish: Bool = false,
                     gateway: String = Fx.gateway, region: String = Fx.region, key: String = Fx.accountKey,
                     extra: [(String, String)] = []) async -> Reply {
        await rpc("CreateVpnRouteEntry", [("RegionId", region), ("VpnGatewayId", gateway), ("RouteDest", dest),
                                          ("NextHop", nextHop), ("Weight", String(weight)),
                                          ("PublishVpc", publish ? "true" : "false")] + extra, key: key)
    }

    func createVcoRoute(_ dest: String, connection: String = Fx.transit, weight: Int = 100,
                        extra: [(String, String)] = []) async -> Reply {
        await rpc("CreateVcoRouteEntry", [("RegionId", Fx.region), ("VpnConnectionId", connection), ("RouteDest", dest),
                                          ("Weight", String(weight)), ("NextHop", connection)] + extra)
    }

    func describeGateway(_ id: String = Fx.gateway) async -> Reply {
        await rpc("DescribeVpnGateway", [("RegionId", Fx.region), ("VpnGatewayId", id)])
    }

    func describeConnection(_ id: String = Fx.transit) async -> Reply {
        await rpc("DescribeVpnConnection", [("RegionId", Fx.region), ("VpnConnectionId", id)])
    }

    func describeRoutes(_ gateway: String = Fx.gateway) async -> Reply {
        await rpc("DescribeVpnRouteEntries", [("RegionId", Fx.region), ("VpnGatewayId", gateway), ("PageSize", "50")])
    }

    /// Adds faults through the control API; expects 201.
    @discardableResult
    func fault(_ body: String) async -> Reply {
        let r = await control("POST", "/_emulator/faults", body: body)
        #expect(r.status == 201, "fault \(body): \(r)")
        return r
    }

    @discardableResult
    func config(_ body: String) async -> Reply {
        let r = await control("PUT", "/_emulator/config", body: body)
        #expect(r.status == 200, "config \(body): \(r)")
        return r
    }

    // MARK: State

    /// Everything the database holds: the state dump plus tasks and remembered ClientTokens.
    func snapshot() throws -> String {
        try emulator.store.readSync { repository in
            let db = repository.db
            var out = try db.exportState().serialized()
            for (table, order) in [("tasks", "resource_id"), ("client_tokens", "account_id, action, token")] {
                for row in try db.query("SELECT * FROM \(table) ORDER BY \(order)") {
                    out += "\n\(table): " + row.values.map { String(describing: $0) }.joined(separator: " | ")
                }
            }
            return out
        }
    }

    func pendingTasks() async -> [JSONValue] {
        await control("GET", "/_emulator/tasks").json["tasks"]?.arrayValue ?? []
    }

    func journal(_ query: String = "") async -> [JSONValue] {
        await control("GET", "/_emulator/requests" + query).json["requests"]?.arrayValue ?? []
    }
}

/// An upper-case version-4 style UUID, `8-4-4-4-12` hex digits.
func isUpperUUID(_ s: String) -> Bool {
    let parts = s.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.map(\.count) == [8, 4, 4, 4, 12] else { return false }
    return parts.allSatisfy { $0.allSatisfy { ("0"..."9").contains($0) || ("A"..."F").contains($0) } }
}
