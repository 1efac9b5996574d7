/// One row of the error catalogue of API.md §14: a code with its status and message, and how a
/// test reaches it. Which operations can answer a row is not stored here: each operation's
/// descriptor lists the rows it can raise, and the catalogue with its operation lists is derived
/// from the descriptors (EmulatorRPC's `OperationRegistry.catalogue`).
public struct CatalogueEntry: Sendable, Hashable, CustomStringConvertible {
    public enum Reach: Sendable, Hashable { case condition, fault, conditionOrFault }
    public let code: String
    public let httpStatus: Int
    public let message: String
    public let reach: Reach

    public init(_ code: String, _ httpStatus: Int, _ message: String, _ reach: Reach) {
        self.code = code; self.httpStatus = httpStatus; self.message = message; self.reach = reach
    }

    public var description: String { "\(httpStatus) \(code)" }
}

/// A catalogue row as API.md §14 prints it: an entry and the operations that can answer it
/// (nil = every operation).
public struct CatalogueRow: Sendable, Equatable {
    public let entry: CatalogueEntry
    public let operations: [String]?
    public init(entry: CatalogueEntry, operations: [String]?) { self.entry = entry; self.operations = operations }
    public var code: String { entry.code }
    public var httpStatus: Int { entry.httpStatus }
    public var message: String { entry.message }
    public var reach: CatalogueEntry.Reach { entry.reach }
}

/// The rows of API.md §14 (the protocol rows are ProtocolRules in EmulatorRPC).
public enum ErrorCatalogue {
    private static let notAuthorized = "User not authorized to operate on the specified resource."
    private static let unknownFailure = "The request processing has failed due to some unknown error, exception or failure."

    // Every operation ("all" in §14).
    public static let accessKeyInactive = CatalogueEntry("InvalidAccessKeyId.Inactive", 400, "Specified access key is disabled.", .fault)
    public static let throttlingUser = CatalogueEntry("Throttling.User", 400, "Request was denied due to user flow control.", .condition)
    public static let throttling = CatalogueEntry("Throttling", 400, "Request was denied due to request throttling.", .fault)
    public static let forbidden = CatalogueEntry("Forbidden", 403, notAuthorized, .condition)
    public static let routeDestInvalid = CatalogueEntry("IllegalParam.RouteDest", 400, "The specified RouteDest is invalid", .condition)
    public static let weightInvalid = CatalogueEntry("VpnRouteEntry.InvalidWeight", 400, "Invalid route entry weight value.", .condition)
    public static let overlayModeInvalid = CatalogueEntry("IllegalParam.OverlayMode", 400, "The specified OverlayMode is invalid", .condition)
    public static let clientTokenInvalid = CatalogueEntry("IllegalParam.ClientToken", 400, "The specified ClientToken is invalid", .condition)
    public static let regionNotFound = CatalogueEntry("InvalidRegionId.NotFound", 400, "The specified region does not exist.", .condition)
    public static let serviceUnavailable = CatalogueEntry("ServiceUnavailable", 503,
                                                          "The request has failed due to a temporary failure of the server.", .fault)

    /// The rows every operation can answer, in §14 order.
    public static let universal: [CatalogueEntry] = [
        accessKeyInactive, throttlingUser, throttling, forbidden, routeDestInvalid, weightInvalid, overlayModeInvalid,
        clientTokenInvalid, regionNotFound, serviceUnavailable,
    ]

    // RAM (§9): the implicit denial has two messages.
    public static let subUserDenied = CatalogueEntry("Forbbiden.SubUser", 403,
        "User not authorized to operate on the specified resource as your account is created by another user.", .condition)
    public static let subUserDeniedVco = CatalogueEntry("Forbbiden.SubUser", 403, notAuthorized, .condition)

    // Parameters, tokens, resources and their state.
    public static let descriptionMalformed = CatalogueEntry("InvalidDescription.Malformed", 400, "The specified description is wrongly formed.", .condition)
    public static let idempotenceMismatch = CatalogueEntry("IdempotenceParamNotMatch", 400,
        "Request uses a client token in a previous request but is not identical to that request.", .condition)
    public static let gatewayNotFound = CatalogueEntry("InvalidVpnGatewayInstanceId.NotFound", 404,
                                                       "The specified vpn gateway instance id does not exist.", .condition)
    public static let vpnNotFound = CatalogueEntry("InvalidVpnInstanceId.NotFound", 404, "The specified VPN was not found.", .condition)
    public static let connectionNotFound = CatalogueEntry("InvalidVpnConnectionInstanceId.NotFound", 404,
                                                          "The specified vpn connection instance id does not exist.", .condition)
    public static let gatewayFinancialLocked = CatalogueEntry("VpnGateway.FinancialLocked", 400, "The specified service is financial locked.", .condition)
    public static let gatewayConfiguring = CatalogueEntry("VpnGateway.Configuring", 400, "The specified service is configuring.", .condition)
    public static let connectionFinancialLocked = CatalogueEntry("VpnConnection.FinancialLocked", 400,
                                                                 "The specified service is financial locked.", .condition)
    public static let connectionConfiguring = CatalogueEntry("VpnConnection.Configuring", 400, "The specified service is configuring.", .condition)
    public static let taskConflict = CatalogueEntry("TaskConflict", 400, "The operation is too frequent, please wait a moment and try again.", .condition)
    public static let vpnTaskConflict = CatalogueEntry("VpnTask.CONFLICT", 400, "Vpn task has conflict.", .fault)
    public static let applianceConfiguring = CatalogueEntry("Appliance.Configuring", 400, "The specified appliance is configuring.", .fault)
    public static let routeEntryConfiguring = CatalogueEntry("VpnRouteEntry.Configuring", 400, "The specified route entry is configuring.", .fault)

    // Routes (§4, §5).
    public static let invalidCidrBlock = CatalogueEntry("OperationFailed.InvalidCidrBlock", 400,
                                                        "Operation failed because the specified network block is invalid.", .condition)
    public static let nextHopNotFound = CatalogueEntry("InvalidNextHop.NotFound", 400, "The specified NextHop does not exist.", .condition)
    public static let routeAlreadyExists = CatalogueEntry("VpnRouteEntry.AlreadyExists", 400, "The specified route entry is already exist.", .condition)
    public static let routeConflict = CatalogueEntry("VpnRouteEntry.Conflict", 400, "The specified route entry has conflict.", .conditionOrFault)
    public static let backupRoute = CatalogueEntry("VpnRouteEntry.BackupRoute", 400, "Validate backup route entry failed.", .conditionOrFault)
    public static let conflictSSL = CatalogueEntry("VpnRouteEntry.ConflictSSL", 400,
                                                   "The specified route entry has conflict with SSL client.", .conditionOrFault)
    public static let quotaFull = CatalogueEntry("Resource.QuotaFull", 400, "The quota of resource is full", .conditionOrFault)
    public static let quotaFullVco = CatalogueEntry("Resource.QuotaFull", 400,
        "The resources you are operating have reached the upper limit of the quota. Please increase the quota or use other solutions to avoid it according to the VPN operation document.",
        .fault)
    public static let dbrQuotaFull = CatalogueEntry("CreateDbrRoutesQuotaFull.QuotaFull", 400,
                                                    "The number of created destination routes exceeds the quota limit.", .condition)
    public static let pbrRouteQuotaFull = CatalogueEntry("Resource.PbrRouteQuotaFull", 400, "The quota of Policy-based route is full.", .fault)
    public static let pbrQuotaFull = CatalogueEntry("CreatePbrRoutesQuotaFull.QuotaFull", 400, "The number of policy routes exceeds the quota limit.", .fault)
    public static let vpcStatus = CatalogueEntry("IncorrectVpcStatus", 400, "Current VPC status does not support this operation.", .condition)
    public static let vpcRouteConflictOtherVPN = CatalogueEntry("OperationFailed.RouteConflict", 400,
        "Operation failed because there is already a route in VPC route table to another VPN on the same network block.", .condition)
    public static let vpcRouteConflictNonVPN = CatalogueEntry("OperationFailed.RouteConflict", 400,
        "Operation failed because there is already a route in VPC route table to a non-RI and non-VPN next hop on the same network block.", .condition)
    public static let vpcQuota = CatalogueEntry("QuotaExceeded.VpnRouteEntry", 400,
        "The number of route entries to the VPN gateway in the VPC routing table has reached the quota limit.", .conditionOrFault)
    public static let routeNotFound = CatalogueEntry("InvalidRouteEntry.NotFound", 400, "Route entry not exists.", .condition)
    public static let dryRun = CatalogueEntry("DryRunOperation", 400, "Request validation has been passed with DryRun flag set.", .condition)

    // The resource operations (API.md §13.13–§13.27).
    public static let nameInvalid = CatalogueEntry("InvalidName", 400, "The name is not valid", .condition)
    public static let descriptionInvalid = CatalogueEntry("InvalidDescription", 400, "The description is not valid", .condition)
    public static let ipAddressInvalid = CatalogueEntry("InvalidIpAddress.WrongFormat", 400, "Specified IpAddress is invalid.", .condition)
    public static let ipAddressTaken = CatalogueEntry("InvalidIpAddress.AlreadyExist", 400, "Specified IpAddress is already exist.", .condition)
    public static let customerGatewayNotFound = CatalogueEntry("InvalidCustomerGatewayInstanceId.NotFound", 404,
                                                               "The specified customer gateway instance id does not exist.", .condition)
    public static let dependencyConnection = CatalogueEntry("DependencyViolation.VpnConnection", 400,
                                                            "There are vpn connections on specified customer gateway not deleted.", .condition)
    public static let dependencySSLServer = CatalogueEntry("DependencyViolation.SslVpnServer", 400,
                                                           "There is SSL VPN server on specified vpn gateway not deleted.", .condition)
    public static let dependencyGreTunnel = CatalogueEntry("DependencyViolation.GreTunnel", 400,
                                                           "There is Gre tunnel on specified vpn gateway not deleted.", .fault)
    public static let dependencyRouteEntry = CatalogueEntry("DependencyViolation.VpnRouteEntry", 400,
        "There are vpn route entries using the specified vpn connection as next hop not deleted.", .condition)
    public static let connectionAlreadyExists = CatalogueEntry("InvalidVpnConnection.AlreadyExists", 400, "Vpn connection already exists.", .condition)
    public static let vpcNotFound = CatalogueEntry("InvalidVpcId.NotFound", 404, "The specified VPC does not exist.", .condition)
    public static let vSwitchNotFound = CatalogueEntry("InvalidVSwitchId.NotFound", 404, "The specified vSwitch does not exist.", .condition)
    public static let tagResourceTypeInvalid = CatalogueEntry("InvalidResourceType.NotFound", 400, "The specified resource type is not supported.",
                                                              .condition)
    public static let tagResourceNotFound = CatalogueEntry("InvalidResourceId.NotFound", 404, "The specified resource does not exist.", .condition)
    public static let tagQuota = CatalogueEntry("SizeLimitExceeded.TagNum", 400, "The maximum number of tags is exceeded.", .condition)
    public static let vpnTaskConflictCustomerGateway = CatalogueEntry("VpnGateway.task.conflict", 400,
        "The VPN is in the configuration state, please wait a while before operating.", .fault)
    public static let operationConflict = CatalogueEntry("OperationConflict", 400,
                                                         "The operation conflicts with another operation in progress.", .fault)
    public static let sslNotSupported = CatalogueEntry("OperationFailed.SslNotSupport", 400,
                                                       "The specified VPN gateway does not support SSL-VPN.", .fault)

    // Server errors.
    public static let internalError400 = CatalogueEntry("InternalError", 400, unknownFailure, .fault)
    public static let internalError = CatalogueEntry("InternalError", 500, unknownFailure, .fault)
    public static let unknownError = CatalogueEntry("UnknownError", 500, "The request processing has failed due to some unknown error.", .fault)
}
