import Testing
@testable import VPNCore

/// A rule as API.md documents it (§3–§9, §14): id, code, HTTP status and message, written out
/// here rather than read from `Rules`, so that a wrong entry in `Rules` fails the tests.
struct Documented: Sendable, CustomStringConvertible {
    let id: String
    let code: String
    let status: Int
    let message: String
    var description: String { id }

    init(_ id: String, _ code: String, _ status: Int, _ message: String) {
        self.id = id; self.code = code; self.status = status; self.message = message
    }

    /// The `InvalidParameter` rules name the parameter as sent (§3.2).
    static func invalidParameter(_ id: String, _ name: String) -> Documented {
        Documented(id, "InvalidParameter", 400, "The specified parameter \"\(name)\" is not valid.")
    }

    static func missing(_ name: String) -> Documented {
        Documented("param.missing", "Missing\(name)", 400, "\(name) is mandatory for this action.")
    }

    static let routeDestSyntax = Documented("route.dest.syntax", "IllegalParam.RouteDest", 400, "The specified RouteDest is invalid")
    static let routeDestReserved = Documented("route.dest.reserved", "OperationFailed.InvalidCidrBlock", 400,
                                              "Operation failed because the specified network block is invalid.")
    static let routeDestSharedAddress = Documented("route.dest.shared-address", "OperationFailed.InvalidCidrBlock", 400,
                                                   "Operation failed because the specified network block is invalid.")
    static let routeWeightValue = Documented("route.weight.value", "VpnRouteEntry.InvalidWeight", 400, "Invalid route entry weight value.")
    static let routeDescriptionFormat = Documented("route.description.format", "InvalidDescription.Malformed", 400,
                                                   "The specified description is wrongly formed.")
    static let routeOverlayModeValue = Documented("route.overlay-mode.value", "IllegalParam.OverlayMode", 400,
                                                  "The specified OverlayMode is invalid")
    static let tokenFormat = Documented("token.format", "IllegalParam.ClientToken", 400, "The specified ClientToken is invalid")
    static let regionUnknown = Documented("region.unknown", "InvalidRegionId.NotFound", 400, "The specified region does not exist.")
    static let tokenMismatch = Documented("token.mismatch", "IdempotenceParamNotMatch", 400,
                                          "Request uses a client token in a previous request but is not identical to that request.")
    static let gatewayNotFound = Documented("gateway.not-found", "InvalidVpnGatewayInstanceId.NotFound", 404,
                                            "The specified vpn gateway instance id does not exist.")
    static let gatewayNotFoundRouteList = Documented("gateway.not-found.route-list", "InvalidVpnInstanceId.NotFound", 404,
                                                     "The specified VPN was not found.")
    static let financialLocked = Documented("gateway.state.financial-locked", "VpnGateway.FinancialLocked", 400,
                                            "The specified service is financial locked.")
    static let configuring = Documented("gateway.state.configuring", "VpnGateway.Configuring", 400,
                                        "The specified service is configuring.")
    static let cooldown = Documented("gateway.state.cooldown", "TaskConflict", 400,
                                     "The operation is too frequent, please wait a moment and try again.")
    static let nextHopNotFound = Documented("route.next-hop.not-found", "InvalidNextHop.NotFound", 400,
                                            "The specified NextHop does not exist.")
    static let duplicate = Documented("route.duplicate", "VpnRouteEntry.AlreadyExists", 400,
                                      "The specified route entry is already exist.")
    static let secondActive = Documented("route.pair.second-active", "VpnRouteEntry.Conflict", 400,
                                         "The specified route entry has conflict.")
    static let secondStandby = Documented("route.pair.second-standby", "VpnRouteEntry.BackupRoute", 400,
                                          "Validate backup route entry failed.")
    static let modifyWithPartner = Documented("route.pair.modify-with-partner", "VpnRouteEntry.BackupRoute", 400,
                                              "Validate backup route entry failed.")
    static let sslClientPool = Documented("route.ssl-client-pool", "VpnRouteEntry.ConflictSSL", 400,
                                          "The specified route entry has conflict with SSL client.")
    static let quotaGatewayRoutes = Documented("quota.gateway-routes", "Resource.QuotaFull", 400, "The quota of resource is full")
    static let vpcStatus = Documented("vpc.status", "IncorrectVpcStatus", 400, "Current VPC status does not support this operation.")
    static let vpcLocalCidr = Documented("vpc.local-cidr", "OperationFailed.InvalidCidrBlock", 400,
                                         "Operation failed because the specified network block is invalid.")
    static let vpcConflictOtherVPN = Documented("vpc.conflict.other-vpn", "OperationFailed.RouteConflict", 400,
        "Operation failed because there is already a route in VPC route table to another VPN on the same network block.")
    static let vpcConflictNonVPN = Documented("vpc.conflict.non-vpn", "OperationFailed.RouteConflict", 400,
        "Operation failed because there is already a route in VPC route table to a non-RI and non-VPN next hop on the same network block.")
    static let vpcQuota = Documented("vpc.quota", "QuotaExceeded.VpnRouteEntry", 400,
        "The number of route entries to the VPN gateway in the VPC routing table has reached the quota limit.")
    static let routeNotFound = Documented("route.not-found", "InvalidRouteEntry.NotFound", 400, "Route entry not exists.")
    static let dryRunPassed = Documented("dryrun.passed", "DryRunOperation", 400,
                                         "Request validation has been passed with DryRun flag set.")
    static let ramExplicitDeny = Documented("ram.explicit-deny", "Forbidden", 403,
                                            "User not authorized to operate on the specified resource.")
    static let ramImplicitDeny = Documented("ram.implicit-deny", "Forbbiden.SubUser", 403,
        "User not authorized to operate on the specified resource as your account is created by another user.")
}

/// Runs `body` and checks that it throws the documented error: rule id, code, HTTP status and message.
func expectRule<T>(_ expected: Documented, _ comment: Comment? = nil,
                   sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws(RuleError) -> T) {
    do {
        let value = try body()
        Issue.record("expected \(expected.id) (\(expected.code)), got success: \(value)", sourceLocation: sourceLocation)
        if let comment { Issue.record(comment, sourceLocation: sourceLocation) }
    } catch {
        #expect(error.ruleId == expected.id, comment, sourceLocation: sourceLocation)
        #expect(error.code == expected.code, comment, sourceLocation: sourceLocation)
        #expect(error.httpStatus == expected.status, comment, sourceLocation: sourceLocation)
        #expect(error.message == expected.message, comment, sourceLocation: sourceLocation)
    }
}

/// Runs `body` and checks that it does not throw; returns its value.
@discardableResult
func expectPass<T>(_ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation,
                   _ body: () throws(RuleError) -> T) -> T? {
    do { return try body() } catch {
        Issue.record("expected success, got \(error.ruleId) \(error.code)", sourceLocation: sourceLocation)
        if let comment { Issue.record(comment, sourceLocation: sourceLocation) }
        return nil
    }
}

/// A CIDR the test knows to be valid.
func cidr(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> IPv4CIDR {
    guard let c = IPv4CIDR(text) else {
        Issue.record("test setup: \(text) is not a CIDR", sourceLocation: sourceLocation)
        return IPv4CIDR(address: 0xFFFF_FFFF, prefixLength: 32)
    }
    return c
}
