import Testing
import Foundation
import EmulatorHTTP
import VPNCore
@testable import EmulatorRPC

/// API.md §14: every code reachable by a condition is produced by a rule of `RuleBook.all` and by a
/// request scenario run here; every rule id named in the spec exists.
@Suite struct ErrorCatalogueTests {
    /// The rows of API.md §14 whose reach includes "condition": code, HTTP status, message
    /// (`nil` = checked elsewhere: the framing rows, PROTOCOL.md §1), and the rule ids named.
    static let conditionRows: [(code: String, status: Int, message: String?, rules: [String])] = [
        ("MalformedRequest", 400, "The HTTP request is malformed.", ["http.framing"]),
        ("NotImplemented", 501, "The transfer coding is not supported.", ["http.framing"]),
        ("RequestEntityTooLarge", 413, "The request body is too large.", ["http.framing"]),
        ("RequestURITooLong", 414, "The request line is too long.", ["http.framing"]),
        ("RequestHeaderFieldsTooLarge", 431, "The request header section is too large.", ["http.framing"]),
        ("UnsupportedHTTPMethod", 400, "This http method is not supported.", ["http.method"]),
        ("InvalidAction.NotFound", 404, "Specified api is not found, please check your url and method.", ["http.path", "api.action"]),
        ("InvalidParameter", 400, nil, ["param.encoding", "param.duplicate", "param.integer", "param.boolean", "param.enum",
                                        "param.tag", "param.page-number", "param.page-size"]),
        ("MissingAccessKeyId", 400, "AccessKeyId is mandatory for this action.", ["auth.missing"]),
        ("MissingSignature", 400, "Signature is mandatory for this action.", ["auth.missing"]),
        ("MissingSignatureMethod", 400, "SignatureMethod is mandatory for this action.", ["auth.missing"]),
        ("MissingSignatureVersion", 400, "SignatureVersion is mandatory for this action.", ["auth.missing"]),
        ("MissingSignatureNonce", 400, "SignatureNonce is mandatory for this action.", ["auth.missing"]),
        ("MissingTimestamp", 400, "Timestamp is mandatory for this action.", ["auth.missing"]),
        ("IncompleteSignature", 400, "The request signature does not conform to Aliyun standards.", ["auth.incomplete"]),
        ("InvalidAccessKeyId.NotFound", 404, "Specified access key is not found.", ["auth.key.unknown"]),
        ("InvalidSignatureMethod", 400, "Specified signature method is not supported.", ["auth.method"]),
        ("SignatureDoesNotMatch", 400, nil, ["auth.signature", "auth.content-hash"]),
        ("InvalidTimeStamp.Format", 400, "Specified time stamp or date value is not well formatted.", ["auth.timestamp.format"]),
        ("InvalidTimeStamp.Expired", 400, "Specified time stamp or date value is expired.", ["auth.timestamp.expired"]),
        ("SignatureNonceUsed", 400, "Specified signature nonce was used already.", ["auth.nonce.reused"]),
        ("InvalidVersion", 400, "Specified parameter Version is not valid.", ["api.version"]),
        ("Throttling.User", 400, "Request was denied due to user flow control.", ["throttle.user"]),
        ("Forbidden", 403, "User not authorized to operate on the specified resource.", ["ram.explicit-deny"]),
        ("Forbbiden.SubUser", 403, nil, ["ram.implicit-deny"]),
        ("MissingRegionId", 400, "RegionId is mandatory for this action.", ["param.missing"]),
        ("MissingVpnGatewayId", 400, "VpnGatewayId is mandatory for this action.", ["param.missing"]),
        ("MissingVpnConnectionId", 400, "VpnConnectionId is mandatory for this action.", ["param.missing"]),
        ("MissingRouteDest", 400, "RouteDest is mandatory for this action.", ["param.missing"]),
        ("MissingNextHop", 400, "NextHop is mandatory for this action.", ["param.missing"]),
        ("MissingWeight", 400, "Weight is mandatory for this action.", ["param.missing"]),
        ("MissingNewWeight", 400, "NewWeight is mandatory for this action.", ["param.missing"]),
        ("MissingPublishVpc", 400, "PublishVpc is mandatory for this action.", ["param.missing"]),
        ("MissingRouteType", 400, "RouteType is mandatory for this action.", ["param.missing"]),
        ("IllegalParam.RouteDest", 400, "The specified RouteDest is invalid", ["route.dest.syntax"]),
        ("VpnRouteEntry.InvalidWeight", 400, "Invalid route entry weight value.", ["route.weight.value"]),
        ("InvalidDescription.Malformed", 400, "The specified description is wrongly formed.", ["route.description.format"]),
        ("IllegalParam.OverlayMode", 400, "The specified OverlayMode is invalid", ["route.overlay-mode.value"]),
        ("IllegalParam.ClientToken", 400, "The specified ClientToken is invalid", ["token.format"]),
        ("InvalidRegionId.NotFound", 400, "The specified region does not exist.", ["region.unknown"]),
        ("IdempotenceParamNotMatch", 400, "Request uses a client token in a previous request but is not identical to that request.", ["token.mismatch"]),
        ("InvalidVpnGatewayInstanceId.NotFound", 404, "The specified vpn gateway instance id does not exist.", ["gateway.not-found"]),
        ("InvalidVpnInstanceId.NotFound", 404, "The specified VPN was not found.", ["gateway.not-found.route-list"]),
        ("InvalidVpnConnectionInstanceId.NotFound", 404, "The specified vpn connection instance id does not exist.", ["connection.not-found", "connection.not-transit"]),
        ("VpnGateway.FinancialLocked", 400, "The specified service is financial locked.", ["gateway.state.financial-locked"]),
        ("VpnGateway.Configuring", 400, "The specified service is configuring.", ["gateway.state.configuring"]),
        ("VpnConnection.FinancialLocked", 400, "The specified service is financial locked.", ["connection.state.financial-locked"]),
        ("VpnConnection.Configuring", 400, "The specified service is configuring.", ["connection.state.configuring"]),
        ("TaskConflict", 400, "The operation is too frequent, please wait a moment and try again.", ["gateway.state.cooldown", "connection.state.cooldown"]),
        ("OperationFailed.InvalidCidrBlock", 400, "Operation failed because the specified network block is invalid.", ["route.dest.reserved", "route.dest.shared-address", "vpc.local-cidr"]),
        ("InvalidNextHop.NotFound", 400, "The specified NextHop does not exist.", ["route.next-hop.not-found", "route.next-hop.not-self"]),
        ("VpnRouteEntry.AlreadyExists", 400, "The specified route entry is already exist.", ["route.duplicate"]),
        ("VpnRouteEntry.Conflict", 400, "The specified route entry has conflict.", ["route.pair.second-active"]),
        ("VpnRouteEntry.BackupRoute", 400, "Validate backup route entry failed.", ["route.pair.second-standby", "route.pair.modify-with-partner"]),
        ("VpnRouteEntry.ConflictSSL", 400, "The specified route entry has conflict with SSL client.", ["route.ssl-client-pool"]),
        ("Resource.QuotaFull", 400, "The quota of resource is full", ["quota.gateway-routes"]),
        ("CreateDbrRoutesQuotaFull.QuotaFull", 400, "The number of created destination routes exceeds the quota limit.", ["quota.connection-routes"]),
        ("IncorrectVpcStatus", 400, "Current VPC status does not support this operation.", ["vpc.status"]),
        ("OperationFailed.RouteConflict", 400, nil, ["vpc.conflict.other-vpn", "vpc.conflict.non-vpn"]),
        ("QuotaExceeded.VpnRouteEntry", 400, "The number of route entries to the VPN gateway in the VPC routing table has reached the quota limit.", ["vpc.quota"]),
        ("InvalidRouteEntry.NotFound", 400, "Route entry not exists.", ["route.not-found"]),
        ("DryRunOperation", 400, "Request validation has been passed with DryRun flag set.", ["dryrun.passed"]),
        // The resource operations (API.md §13.13–§13.27).
        ("MissingIpAddress", 400, "IpAddress is mandatory for this action.", ["param.missing"]),
        ("MissingLocalSubnet", 400, "LocalSubnet is mandatory for this action.", ["param.missing"]),
        ("MissingBandwidth", 400, "Bandwidth is mandatory for this action.", ["param.missing"]),
        ("MissingPeriod", 400, "Period is mandatory for this action.", ["param.missing"]),
        ("MissingResourceId", 400, "ResourceId is mandatory for this action.", ["param.missing"]),
        ("MissingTag", 400, "Tag is mandatory for this action.", ["param.missing"]),
        ("InvalidParameter", 400, nil, ["param.asn", "param.auth-key", "param.subnet", "param.config", "param.tunnel", "param.list",
                                        "param.tag-key", "param.tag-value", "param.next-token", "tag.list.no-filter",
                                        "connection.tunnels.single-tunnel"]),
        ("InvalidName", 400, "The name is not valid", ["name.format"]),
        ("InvalidDescription", 400, "The description is not valid", ["description.format"]),
        ("InvalidIpAddress.WrongFormat", 400, "Specified IpAddress is invalid.", ["customer-gateway.ip.format"]),
        ("InvalidIpAddress.AlreadyExist", 400, "Specified IpAddress is already exist.", ["customer-gateway.ip.duplicate"]),
        ("InvalidCustomerGatewayInstanceId.NotFound", 404, "The specified customer gateway instance id does not exist.", ["customer-gateway.not-found"]),
        ("InvalidVpnConnectionInstanceId.NotFound", 404, "The specified vpn connection instance id does not exist.", ["connection.not-gateway-bound"]),
        ("MissingCustomerGatewayId", 400, "CustomerGatewayId is mandatory for this action.", ["connection.customer-gateway.required"]),
        ("MissingTunnelOptionsSpecification", 400, "TunnelOptionsSpecification is mandatory for this action.", ["connection.tunnels.required"]),
        ("InvalidVpnConnection.AlreadyExists", 400, "Vpn connection already exists.", ["connection.duplicate"]),
        ("Resource.QuotaFull", 400, "The quota of resource is full", ["quota.gateway-connections"]),
        ("DependencyViolation.VpnConnection", 400, "There are vpn connections on specified customer gateway not deleted.",
         ["customer-gateway.in-use", "gateway.delete.connections"]),
        ("DependencyViolation.SslVpnServer", 400, "There is SSL VPN server on specified vpn gateway not deleted.", ["gateway.delete.ssl-server"]),
        ("DependencyViolation.VpnRouteEntry", 400, "There are vpn route entries using the specified vpn connection as next hop not deleted.",
         ["connection.delete.next-hop"]),
        ("InvalidVpcId.NotFound", 404, "The specified VPC does not exist.", ["vpc.not-found"]),
        ("InvalidVSwitchId.NotFound", 404, "The specified vSwitch does not exist.", ["vswitch.not-found"]),
        ("InvalidResourceType.NotFound", 400, "The specified resource type is not supported.", ["tag.resource-type"]),
        ("InvalidResourceId.NotFound", 404, "The specified resource does not exist.", ["tag.resource.not-found"]),
        ("SizeLimitExceeded.TagNum", 400, "The maximum number of tags is exceeded.", ["tag.quota"]),
    ]

    /// Every rule id named in API.md's and PROTOCOL.md's tables.
    static let specRuleIds = [
        "http.framing", "http.path", "http.method", "param.encoding", "param.duplicate", "auth.missing", "auth.incomplete",
        "auth.key.unknown", "auth.method", "auth.signature", "auth.content-hash", "auth.timestamp.format",
        "auth.timestamp.expired", "auth.nonce.reused", "api.version", "api.action", "throttle.user", "ram.explicit-deny",
        "ram.implicit-deny", "param.missing", "param.integer", "param.boolean", "param.enum", "param.tag",
        "param.page-number", "param.page-size", "route.dest.syntax", "route.weight.value", "route.description.format",
        "route.overlay-mode.value", "token.format", "region.unknown", "token.mismatch", "gateway.not-found",
        "gateway.not-found.route-list", "connection.not-found", "connection.not-transit",
        "gateway.state.financial-locked", "gateway.state.configuring", "gateway.state.cooldown",
        "connection.state.financial-locked", "connection.state.configuring", "connection.state.cooldown",
        "route.dest.reserved", "route.dest.shared-address", "route.next-hop.not-found", "route.next-hop.not-self",
        "route.duplicate", "route.pair.second-active", "route.pair.second-standby", "route.pair.modify-with-partner",
        "route.ssl-client-pool", "quota.gateway-routes", "quota.connection-routes", "vpc.status", "vpc.local-cidr",
        "vpc.conflict.other-vpn", "vpc.conflict.non-vpn", "vpc.quota", "route.not-found", "dryrun.passed", "fault.injected",
        "name.format", "description.format", "customer-gateway.ip.format", "param.asn", "param.auth-key", "param.subnet", "param.config",
        "param.tunnel", "param.list", "param.tag-key", "param.tag-value", "param.next-token", "tag.resource-type", "tag.list.no-filter",
        "customer-gateway.not-found", "connection.not-gateway-bound", "vpc.not-found", "vswitch.not-found", "tag.resource.not-found",
        "customer-gateway.ip.duplicate", "customer-gateway.in-use", "gateway.delete.connections", "gateway.delete.ssl-server",
        "connection.delete.next-hop", "connection.customer-gateway.required", "connection.tunnels.required",
        "connection.tunnels.single-tunnel", "connection.duplicate", "quota.gateway-connections", "tag.quota",
    ]

    @Test func everySpecRuleIdIsARule() {
        let ids = Set(RuleBook.all.map(\.id) + [ProtocolRules.faultInjected.id])
        for id in Self.specRuleIds { #expect(ids.contains(id), "rule id \(id) missing from RuleBook.all") }
    }

    @Test func everyConditionCodeComesFromTheRulesItNames() {
        for row in Self.conditionRows {
            for id in row.rules {
                let candidates = RuleBook.all.filter { $0.id == id }
                #expect(!candidates.isEmpty, "no rule \(id) for \(row.code)")
                // `Missing<Name>` rules: fill the name from the code.
                let name = row.code.hasPrefix("Missing") ? String(row.code.dropFirst("Missing".count)) : nil
                let produced = candidates.map { rule in rule.error(name: rule.code.contains("<Name>") ? name ?? "X" : nil) }
                let match = produced.first { $0.code == row.code && $0.httpStatus == row.status && (row.message == nil || $0.message == row.message) }
                #expect(match != nil, "rule \(id) does not produce \(row.status) \(row.code): \(produced)")
            }
        }
    }

    /// The two-message codes: both messages exist, each from its rule.
    @Test func twoMessageCodesHaveBothMessages() {
        let implicit = RuleBook.all.filter { $0.id == "ram.implicit-deny" }.map(\.message)
        #expect(Set(implicit) == ["User not authorized to operate on the specified resource as your account is created by another user.",
                                  "User not authorized to operate on the specified resource."])
        #expect(Rules.vpcConflictOtherVPN.message == "Operation failed because there is already a route in VPC route table to another VPN on the same network block.")
        #expect(Rules.vpcConflictNonVPN.message == "Operation failed because there is already a route in VPC route table to a non-RI and non-VPN next hop on the same network block.")
    }

    /// Every condition code is produced by at least one scenario of the table below.
    @Test func everyConditionCodeHasAScenario() {
        let produced = Set(CatalogueScenario.all.map(\.code))
        for row in Self.conditionRows { #expect(produced.contains(row.code), "no scenario produces \(row.code)") }
        let rules = Set(CatalogueScenario.all.map(\.rule))
        for row in Self.conditionRows { for id in row.rules { #expect(rules.contains(id), "no scenario for rule \(id)") } }
    }

    /// Runs one scenario: the code, status, rule header and message, and the database unchanged
    /// by the failing request (API.md §2).
    @Test(arguments: CatalogueScenario.all)
    func scenario(_ s: CatalogueScenario) async throws {
        let h = try Harness(auth: s.auth, configure: s.configure)
        try await s.setup(h)
        let before = try h.snapshot()
        let r = try await s.request(h)
        #expect(r.status == s.status, "\(r)")
        #expect(r.code == s.code, "\(r)")
        #expect(r.rule == s.rule, "\(r)")
        if let message = s.message {
            #expect(r.message == message, "\(r)")
        } else if let row = Self.conditionRows.first(where: { $0.code == s.code }), let message = row.message {
            #expect(r.message == message, "\(r)")
        }
        #expect(r.contentType == "application/json;charset=utf-8")
        #expect(try h.snapshot() == before, "a failed request changed the database")
    }
}

/// One way to produce an error: optional setup, then the failing request.
struct CatalogueScenario: Sendable, CustomTestStringConvertible {
    let name: String
    let code: String
    let status: Int
    let rule: String
    var message: String?
    var auth: RequestAuthenticator.Mode = .off
    var configure: @Sendable (inout EmulatorSettings) -> Void = { _ in }
    var setup: @Sendable (Harness) async throws -> Void = { _ in }
    let request: @Sendable (Harness) async throws -> Reply

    var testDescription: String { "\(name) → \(code) (\(rule))" }

    static func create(_ dest: String, _ extra: [(String, String)] = [], nextHop: String = Fx.connection, weight: String = "100",
                       publish: String = "false", gateway: String = Fx.gateway) -> [(String, String)] {
        [("RegionId", Fx.region), ("VpnGatewayId", gateway), ("RouteDest", dest), ("NextHop", nextHop),
         ("Weight", weight), ("PublishVpc", publish)] + extra
    }

    static let v1Common: [(String, String)] = [
        ("AccessKeyId", Fx.accountKey), ("Signature", "c2lnbmF0dXJl"), ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"), ("SignatureNonce", "0123456789abcdef"), ("Timestamp", "2027-01-15T08:00:00Z"),
    ]

    /// V1 common parameters up to (not including) `missing`.
    static func missingAuth(_ missing: String) -> CatalogueScenario {
        let index = v1Common.firstIndex { $0.0 == missing }!
        return CatalogueScenario(name: "V1 without \(missing)", code: "Missing" + missing, status: 400, rule: "auth.missing", auth: .verify) { h in
            await h.rpc("DescribeVpnGateway", Array(v1Common[..<index]) + [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway)], key: nil)
        }
    }

    static let all: [CatalogueScenario] = transport + authentication + gatewayStage + parameters + resources + routes + resourceOperations

    static let transport: [CatalogueScenario] = [
        .init(name: "non-numeric Content-Length", code: "MalformedRequest", status: 400, rule: "http.framing") { h in
            try await h.live("GET /?Action=DescribeVpnGateway HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n")
        },
        .init(name: "gzip transfer coding", code: "NotImplemented", status: 501, rule: "http.framing") { h in
            try await h.live("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n")
        },
        .init(name: "body over 1 MiB", code: "RequestEntityTooLarge", status: 413, rule: "http.framing") { h in
            try await h.live("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1048577\r\n\r\n")
        },
        .init(name: "request line over 8 KiB", code: "RequestURITooLong", status: 414, rule: "http.framing") { h in
            try await h.live("GET /?x=" + String(repeating: "a", count: 8200) + " HTTP/1.1\r\nHost: x\r\n\r\n")
        },
        .init(name: "101 header fields", code: "RequestHeaderFieldsTooLarge", status: 431, rule: "http.framing") { h in
            try await h.live("GET / HTTP/1.1\r\n" + (0..<101).map { "X-H\($0): v\r\n" }.joined() + "\r\n")
        },
        .init(name: "DELETE /", code: "UnsupportedHTTPMethod", status: 400, rule: "http.method") { h in
            await h.rpc("DescribeVpnGateway", [("RegionId", Fx.region)], method: "DELETE")
        },
        .init(name: "path other than /", code: "InvalidAction.NotFound", status: 404, rule: "http.path") { h in
            await h.send(HTTPRequest(method: "GET", target: "/vpc?Action=DescribeVpnGateway&Version=2016-04-28"))
        },
        .init(name: "bad percent escape", code: "InvalidParameter", status: 400, rule: "param.encoding",
              message: "The specified parameter \"RegionId\" is not valid.") { h in
            await h.send(HTTPRequest(method: "GET", target: "/?Action=DescribeVpnGateway&Version=2016-04-28&RegionId=%ZZ"))
        },
        .init(name: "conflicting duplicate", code: "InvalidParameter", status: 400, rule: "param.duplicate",
              message: "The specified parameter \"RegionId\" is not valid.") { h in
            await h.rpc("DescribeVpnGateway", [("RegionId", Fx.region), ("RegionId", Fx.shanghai), ("VpnGatewayId", Fx.gateway)])
        },
    ]

    static let authentication: [CatalogueScenario] = [
        missingAuth("AccessKeyId"), missingAuth("Signature"), missingAuth("SignatureMethod"),
        missingAuth("SignatureVersion"), missingAuth("SignatureNonce"), missingAuth("Timestamp"),
        .init(name: "unparseable V3 Authorization", code: "IncompleteSignature", status: 400, rule: "auth.incomplete", auth: .verify) { h in
            await h.rpc("DescribeVpnGateway", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway)], key: nil,
                        headers: [("Authorization", "ACS3-HMAC-SHA256 nonsense")])
        },
        .init(name: "unknown access key", code: "InvalidAccessKeyId.NotFound", status: 404, rule: "auth.key.unknown", auth: .verify) { h in
            await h.signed("DescribeVpnGateway", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway)], key: "LTAI5tNobody", secret: "x")
        },
        .init(name: "HMAC-SHA256 in V1", code: "InvalidSignatureMethod", status: 400, rule: "auth.method", auth: .verify) { h in
            await h.rpc("DescribeVpnGateway", v1Common.map { $0.0 == "SignatureMethod" ? ($0.0, "HMAC-SHA256") : $0 }
                        + [("RegionId", Fx.region)], key: nil)
        },
        .init(name: "wrong secret", code: "SignatureDoesNotMatch", status: 400, rule: "auth.signature", auth: .verify) { h in
            let r = await h.signed("DescribeVpnGateway", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway)], secret: "wrong")
            #expect(r.message?.hasPrefix("Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3D") == true)
            return r
        },
        .init(name: "V3 content hash differs", code: "SignatureDoesNotMatch", status: 400, rule: "auth.content-hash", auth: .verify) { h in
            let signed = "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version"
            return await h.send(HTTPRequest(method: "POST", target: "/?RegionId=cn-hangzhou&VpnGatewayId=" + Fx.gateway, headers: HTTPHeaders([
                ("Host", "127.0.0.1:8428"), ("x-acs-action", "DescribeVpnGateway"), ("x-acs-version", "2016-04-28"),
                ("x-acs-date", Harness.timestamp(h.clock.now())), ("x-acs-signature-nonce", "abcdef0123456789"),
                ("x-acs-content-sha256", String(repeating: "0", count: 64)),
                ("Authorization", "ACS3-HMAC-SHA256 Credential=\(Fx.accountKey),SignedHeaders=\(signed),Signature=00ff"),
            ])))
        },
        .init(name: "signed Timestamp with a space", code: "InvalidTimeStamp.Format", status: 400, rule: "auth.timestamp.format", auth: .verify) { h in
            await h.signed("DescribeVpnGateway", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway)], timestamp: "2027-01-15 08:00:00")
        },
        .init(name: "signed 16 minutes ago", code: "InvalidTimeStamp.Expired", status: 400, rule: "auth.timestamp.expired", auth: .verify) { h in
            await h.signed("DescribeVpnGateway", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway)],
                           timestamp: Harness.timestamp(h.clock.now() - 16 * 60_000))
        },
        .init(name: "nonce used twice", code: "SignatureNonceUsed", status: 400, rule: "auth.nonce.reused", auth: .verify,
              setup: { h in
                  let r = await h.signed("DescribeVpnGateway", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway)], nonce: "n-1")
                  #expect(r.status == 200, "\(r)")
              }) { h in
            await h.signed("DescribeVpnGateway", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway)], nonce: "n-1")
        },
    ]

    static let gatewayStage: [CatalogueScenario] = [
        .init(name: "old Version", code: "InvalidVersion", status: 400, rule: "api.version") { h in
            await h.rpc("DescribeVpnGateway", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway)], version: "2014-05-26")
        },
        .init(name: "unknown Action", code: "InvalidAction.NotFound", status: 404, rule: "api.action") { h in
            await h.rpc("describeVpnGateway", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway)])
        },
        .init(name: "61st CreateVpnRouteEntry in 60 s", code: "Throttling.User", status: 400, rule: "throttle.user",
              configure: { $0.throttle = true }, setup: { h in
                  for i in 0..<60 { _ = await h.createRoute("10.50.\(i).0/24") }
              }) { h in
            await h.createRoute("10.51.0.0/24")
        },
        .init(name: "RAM deny pattern", code: "Forbidden", status: 403, rule: "ram.explicit-deny") { h in
            await h.createRoute("10.5.0.0/24", key: Fx.deniedKey)
        },
        .init(name: "RAM no allow (Vpn)", code: "Forbbiden.SubUser", status: 403, rule: "ram.implicit-deny",
              message: "User not authorized to operate on the specified resource as your account is created by another user.") { h in
            await h.createRoute("10.5.0.0/24", key: Fx.readOnlyKey)
        },
        .init(name: "RAM no allow (Vco)", code: "Forbbiden.SubUser", status: 403, rule: "ram.implicit-deny",
              message: "User not authorized to operate on the specified resource.") { h in
            await h.rpc("CreateVcoRouteEntry", [("RegionId", Fx.region)], key: Fx.readOnlyKey)
        },
    ]

    static let parameters: [CatalogueScenario] = [
        .init(name: "no RegionId", code: "MissingRegionId", status: 400, rule: "param.missing") { h in
            await h.rpc("DescribeVpnGateway", [("VpnGatewayId", Fx.gateway)])
        },
        .init(name: "blank VpnGatewayId", code: "MissingVpnGatewayId", status: 400, rule: "param.missing") { h in
            await h.rpc("DescribeVpnGateway", [("RegionId", Fx.region), ("VpnGatewayId", "")])
        },
        .init(name: "no VpnConnectionId", code: "MissingVpnConnectionId", status: 400, rule: "param.missing") { h in
            await h.rpc("DescribeVpnConnection", [("RegionId", Fx.region)])
        },
        .init(name: "no RouteDest", code: "MissingRouteDest", status: 400, rule: "param.missing") { h in
            await h.rpc("CreateVpnRouteEntry", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("Weight", "x")])
        },
        .init(name: "no NextHop", code: "MissingNextHop", status: 400, rule: "param.missing") { h in
            await h.rpc("CreateVpnRouteEntry", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("RouteDest", "10.0.0.0/24")])
        },
        .init(name: "no Weight", code: "MissingWeight", status: 400, rule: "param.missing") { h in
            await h.rpc("CreateVpnRouteEntry", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("RouteDest", "10.0.0.0/24"),
                                                ("NextHop", Fx.connection)])
        },
        .init(name: "no NewWeight", code: "MissingNewWeight", status: 400, rule: "param.missing") { h in
            await h.rpc("ModifyVpnRouteEntryWeight", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("RouteDest", "10.1.0.0/24"),
                                                      ("NextHop", Fx.connection), ("Weight", "100")])
        },
        .init(name: "no PublishVpc", code: "MissingPublishVpc", status: 400, rule: "param.missing") { h in
            await h.rpc("CreateVpnRouteEntry", Array(create("10.0.0.0/24").dropLast()))
        },
        .init(name: "no RouteType", code: "MissingRouteType", status: 400, rule: "param.missing") { h in
            await h.rpc("PublishVpnRouteEntry", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("RouteDest", "10.1.0.0/24"),
                                                 ("NextHop", Fx.connection)])
        },
        .init(name: "host bits set", code: "IllegalParam.RouteDest", status: 400, rule: "route.dest.syntax") { h in
            await h.rpc("CreateVpnRouteEntry", create("10.0.0.1/24"))
        },
        .init(name: "Weight 50", code: "VpnRouteEntry.InvalidWeight", status: 400, rule: "route.weight.value") { h in
            await h.rpc("CreateVpnRouteEntry", create("10.0.0.0/24", weight: "50"))
        },
        .init(name: "Weight not an integer", code: "InvalidParameter", status: 400, rule: "param.integer",
              message: "The specified parameter \"Weight\" is not valid.") { h in
            await h.rpc("CreateVpnRouteEntry", create("10.0.0.0/24", weight: "1e2"))
        },
        .init(name: "Description with an https:// prefix", code: "InvalidDescription.Malformed", status: 400, rule: "route.description.format") { h in
            await h.rpc("CreateVpnRouteEntry", create("10.0.0.0/24", [("Description", "HTTPS://example.com")]))
        },
        .init(name: "OverlayMode in lower case", code: "IllegalParam.OverlayMode", status: 400, rule: "route.overlay-mode.value") { h in
            await h.rpc("CreateVpnRouteEntry", create("10.0.0.0/24", [("OverlayMode", "ipsec")]))
        },
        .init(name: "ClientToken of 65 characters", code: "IllegalParam.ClientToken", status: 400, rule: "token.format") { h in
            await h.rpc("CreateVpnRouteEntry", create("10.0.0.0/24", [("ClientToken", String(repeating: "t", count: 65))]))
        },
        .init(name: "PublishVpc yes", code: "InvalidParameter", status: 400, rule: "param.boolean",
              message: "The specified parameter \"PublishVpc\" is not valid.") { h in
            await h.rpc("CreateVpnRouteEntry", create("10.0.0.0/24", publish: "yes"))
        },
        .init(name: "RouteType DBR", code: "InvalidParameter", status: 400, rule: "param.enum",
              message: "The specified parameter \"RouteType\" is not valid.") { h in
            await h.rpc("PublishVpnRouteEntry", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("RouteDest", "10.1.0.0/24"),
                                                 ("NextHop", Fx.connection), ("RouteType", "DBR"), ("PublishVpc", "true")])
        },
        .init(name: "Tag.21", code: "InvalidParameter", status: 400, rule: "param.tag",
              message: "The specified parameter \"Tag.21.Key\" is not valid.") { h in
            await h.rpc("DescribeVpnGateways", [("RegionId", Fx.region), ("Tag.21.Key", "env")])
        },
        .init(name: "PageNumber 0", code: "InvalidParameter", status: 400, rule: "param.page-number",
              message: "The specified parameter \"PageNumber\" is not valid.") { h in
            await h.rpc("DescribeVpnGateways", [("RegionId", Fx.region), ("PageNumber", "0")])
        },
        .init(name: "PageSize 51", code: "InvalidParameter", status: 400, rule: "param.page-size",
              message: "The specified parameter \"PageSize\" is not valid.") { h in
            await h.rpc("DescribeVpnGateways", [("RegionId", Fx.region), ("PageSize", "51")])
        },
        .init(name: "unknown region", code: "InvalidRegionId.NotFound", status: 400, rule: "region.unknown") { h in
            await h.rpc("DescribeVpnGateway", [("RegionId", "us-west-1"), ("VpnGatewayId", Fx.gateway)])
        },
        .init(name: "token reused with other parameters", code: "IdempotenceParamNotMatch", status: 400, rule: "token.mismatch",
              setup: { h in
                  let r = await h.createRoute("10.5.0.0/24", extra: [("ClientToken", "tok-1")])
                  #expect(r.status == 200, "\(r)")
              }) { h in
            await h.createRoute("10.6.0.0/24", extra: [("ClientToken", "tok-1")])
        },
    ]

    static let resources: [CatalogueScenario] = [
        .init(name: "unknown gateway", code: "InvalidVpnGatewayInstanceId.NotFound", status: 404, rule: "gateway.not-found") { h in
            await h.describeGateway("vpn-doesnotexist")
        },
        .init(name: "gateway of another account", code: "InvalidVpnGatewayInstanceId.NotFound", status: 404, rule: "gateway.not-found") { h in
            await h.createRoute("10.5.0.0/24", nextHop: Fx.otherConnection, gateway: Fx.otherGateway)
        },
        .init(name: "gateway of another region", code: "InvalidVpnGatewayInstanceId.NotFound", status: 404, rule: "gateway.not-found") { h in
            await h.describeGateway(Fx.shanghaiGateway)
        },
        .init(name: "route list of an unknown gateway", code: "InvalidVpnInstanceId.NotFound", status: 404, rule: "gateway.not-found.route-list") { h in
            await h.describeRoutes("vpn-doesnotexist")
        },
        .init(name: "unknown connection", code: "InvalidVpnConnectionInstanceId.NotFound", status: 404, rule: "connection.not-found") { h in
            await h.rpc("DescribeVcoRouteEntries", [("RegionId", Fx.region), ("VpnConnectionId", "vco-doesnotexist")])
        },
        .init(name: "Vco write on a gateway-bound connection", code: "InvalidVpnConnectionInstanceId.NotFound", status: 404,
              rule: "connection.not-transit") { h in
            await h.createVcoRoute("192.168.30.0/24", connection: Fx.connection)
        },
        .init(name: "locked gateway", code: "VpnGateway.FinancialLocked", status: 400, rule: "gateway.state.financial-locked") { h in
            await h.createRoute("10.5.0.0/24", nextHop: Fx.lockedConnection, gateway: Fx.lockedGateway)
        },
        .init(name: "gateway updating", code: "VpnGateway.Configuring", status: 400, rule: "gateway.state.configuring",
              setup: { h in #expect(await h.createRoute("10.5.0.0/24").status == 200) }) { h in
            await h.createRoute("10.6.0.0/24")
        },
        .init(name: "locked transit connection", code: "VpnConnection.FinancialLocked", status: 400, rule: "connection.state.financial-locked") { h in
            await h.createVcoRoute("192.168.30.0/24", connection: Fx.transitLocked)
        },
        .init(name: "transit connection updating", code: "VpnConnection.Configuring", status: 400, rule: "connection.state.configuring",
              setup: { h in #expect(await h.createVcoRoute("192.168.30.0/24").status == 200) }) { h in
            await h.createVcoRoute("192.168.40.0/24")
        },
        .init(name: "gateway in cooldown", code: "TaskConflict", status: 400, rule: "gateway.state.cooldown",
              configure: { $0.taskDurationMs = 0; $0.taskCooldownMs = 1000 },
              setup: { h in #expect(await h.createRoute("10.5.0.0/24").status == 200); h.advance(999) }) { h in
            await h.createRoute("10.6.0.0/24")
        },
        .init(name: "connection in cooldown", code: "TaskConflict", status: 400, rule: "connection.state.cooldown",
              configure: { $0.taskDurationMs = 100; $0.taskCooldownMs = 1000 },
              setup: { h in #expect(await h.createVcoRoute("192.168.30.0/24").status == 200); h.advance(100) }) { h in
            await h.createVcoRoute("192.168.40.0/24")
        },
    ]

    static let routes: [CatalogueScenario] = [
        .init(name: "loopback destination", code: "OperationFailed.InvalidCidrBlock", status: 400, rule: "route.dest.reserved") { h in
            await h.createRoute("127.1.0.0/16")
        },
        .init(name: "multicast on a transit connection", code: "OperationFailed.InvalidCidrBlock", status: 400, rule: "route.dest.reserved") { h in
            await h.createVcoRoute("224.0.0.0/4")
        },
        .init(name: "shared address space on a single-tunnel gateway", code: "OperationFailed.InvalidCidrBlock", status: 400,
              rule: "route.dest.shared-address") { h in
            await h.createRoute("0.0.0.0/1")
        },
        .init(name: "publish inside the VPC CIDR", code: "OperationFailed.InvalidCidrBlock", status: 400, rule: "vpc.local-cidr",
              configure: { $0.taskDurationMs = 0 },
              setup: { h in #expect(await h.createRoute("172.16.5.0/24").status == 200) }) { h in
            await h.rpc("PublishVpnRouteEntry", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("RouteDest", "172.16.5.0/24"),
                                                 ("NextHop", Fx.connection), ("RouteType", "dbr"), ("PublishVpc", "true")])
        },
        .init(name: "next hop of another gateway", code: "InvalidNextHop.NotFound", status: 400, rule: "route.next-hop.not-found") { h in
            await h.createRoute("10.5.0.0/24", nextHop: Fx.dualConnection)
        },
        .init(name: "Vco next hop not the connection", code: "InvalidNextHop.NotFound", status: 400, rule: "route.next-hop.not-self") { h in
            await h.rpc("CreateVcoRouteEntry", [("RegionId", Fx.region), ("VpnConnectionId", Fx.transit), ("RouteDest", "192.168.30.0/24"),
                                                ("Weight", "100"), ("NextHop", Fx.transitLocked)])
        },
        .init(name: "same route again", code: "VpnRouteEntry.AlreadyExists", status: 400, rule: "route.duplicate") { h in
            await h.createRoute("10.1.0.0/24", weight: 0)
        },
        .init(name: "second active route", code: "VpnRouteEntry.Conflict", status: 400, rule: "route.pair.second-active") { h in
            await h.createRoute("10.1.0.0/24", nextHop: Fx.connection2, weight: 100)
        },
        .init(name: "second standby route", code: "VpnRouteEntry.BackupRoute", status: 400, rule: "route.pair.second-standby",
              configure: { $0.taskDurationMs = 0 },
              setup: { h in #expect(await h.createRoute("10.2.0.0/24", weight: 0).status == 200) }) { h in
            await h.createRoute("10.2.0.0/24", nextHop: Fx.connection2, weight: 0)
        },
        .init(name: "modify a route that has a partner", code: "VpnRouteEntry.BackupRoute", status: 400, rule: "route.pair.modify-with-partner",
              configure: { $0.taskDurationMs = 0 },
              setup: { h in #expect(await h.createRoute("10.1.0.0/24", nextHop: Fx.connection2, weight: 0).status == 200) }) { h in
            await h.rpc("ModifyVpnRouteEntryWeight", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("RouteDest", "10.1.0.0/24"),
                                                      ("NextHop", Fx.connection), ("Weight", "100"), ("NewWeight", "0")])
        },
        .init(name: "inside the SSL client pool", code: "VpnRouteEntry.ConflictSSL", status: 400, rule: "route.ssl-client-pool") { h in
            await h.createRoute("192.168.100.0/25")
        },
        .init(name: "gateway route quota", code: "Resource.QuotaFull", status: 400, rule: "quota.gateway-routes",
              configure: { $0.quotaGatewayRoutes = 1 }) { h in
            await h.createRoute("10.5.0.0/24")
        },
        .init(name: "connection route quota", code: "CreateDbrRoutesQuotaFull.QuotaFull", status: 400, rule: "quota.connection-routes",
              configure: { $0.quotaConnectionRoutes = 1 }) { h in
            await h.createVcoRoute("192.168.30.0/24")
        },
        .init(name: "publish into a Pending VPC", code: "IncorrectVpcStatus", status: 400, rule: "vpc.status") { h in
            await h.createRoute("10.7.0.0/24", nextHop: Fx.pendingVpcConnection, publish: true, gateway: Fx.pendingVpcGateway)
        },
        .init(name: "VPC entry to another gateway", code: "OperationFailed.RouteConflict", status: 400, rule: "vpc.conflict.other-vpn",
              message: "Operation failed because there is already a route in VPC route table to another VPN on the same network block.",
              configure: { $0.taskDurationMs = 0 },
              setup: { h in #expect(await h.createRoute("10.3.0.0/24", publish: true).status == 200) }) { h in
            await h.createRoute("10.3.0.0/24", nextHop: Fx.dualConnection, publish: true, gateway: Fx.dualGateway)
        },
        .init(name: "VPC entry to an instance", code: "OperationFailed.RouteConflict", status: 400, rule: "vpc.conflict.non-vpn",
              message: "Operation failed because there is already a route in VPC route table to a non-RI and non-VPN next hop on the same network block.") { h in
            await h.createRoute("10.10.0.0/16", publish: true)
        },
        .init(name: "VPC table full", code: "QuotaExceeded.VpnRouteEntry", status: 400, rule: "vpc.quota",
              configure: { $0.quotaVPCRoutes = 2 }) { h in
            await h.createRoute("10.8.0.0/24", publish: true)
        },
        .init(name: "delete an absent route", code: "InvalidRouteEntry.NotFound", status: 400, rule: "route.not-found") { h in
            await h.rpc("DeleteVpnRouteEntry", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("RouteDest", "10.9.0.0/24"),
                                                ("NextHop", Fx.connection), ("Weight", "100")])
        },
        .init(name: "DryRun that passes", code: "DryRunOperation", status: 400, rule: "dryrun.passed") { h in
            await h.createRoute("10.5.0.0/24", publish: true, extra: [("DryRun", "True")])
        },
    ]
}
