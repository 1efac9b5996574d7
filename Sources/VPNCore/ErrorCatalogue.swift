/// The error catalogue of API.md §14, one row per (code, message). Fault injection takes a code's
/// default status and message from here (API.md §11); tests check every "condition" row against
/// `Rules.all`.
public struct CatalogueRow: Sendable, Equatable {
    public enum Reach: Sendable, Equatable { case condition, fault, conditionOrFault }
    public let code: String
    public let httpStatus: Int
    public let message: String
    /// nil = every operation.
    public let operations: [String]?
    public let reach: Reach
}

public enum ErrorCatalogue {
    public static let gatewayWrites = ["CreateVpnRouteEntry", "DeleteVpnRouteEntry", "ModifyVpnRouteEntryWeight", "PublishVpnRouteEntry"]
    public static let connectionWrites = ["CreateVcoRouteEntry", "DeleteVcoRouteEntry", "ModifyVcoRouteEntryWeight"]
    public static let reads = ["DescribeVpnGateway", "DescribeVpnGateways", "DescribeVpnConnection", "DescribeVpnRouteEntries", "DescribeVcoRouteEntries"]
    public static let allOperations = gatewayWrites + connectionWrites + reads
    static let vcoOperations = ["CreateVcoRouteEntry", "DeleteVcoRouteEntry", "ModifyVcoRouteEntryWeight", "DescribeVcoRouteEntries"]

    private static func row(_ code: String, _ status: Int, _ message: String, _ ops: [String]?, _ reach: CatalogueRow.Reach) -> CatalogueRow {
        CatalogueRow(code: code, httpStatus: status, message: message, operations: ops, reach: reach)
    }

    public static let rows: [CatalogueRow] = [
        row("InvalidAccessKeyId.Inactive", 400, "Specified access key is disabled.", nil, .fault),
        row("Throttling.User", 400, "Request was denied due to user flow control.", nil, .condition),
        row("Throttling", 400, "Request was denied due to request throttling.", nil, .fault),
        row("Forbidden", 403, "User not authorized to operate on the specified resource.", nil, .condition),
        row("Forbbiden.SubUser", 403, "User not authorized to operate on the specified resource as your account is created by another user.",
            allOperations.filter { !vcoOperations.contains($0) }, .condition),
        row("Forbbiden.SubUser", 403, "User not authorized to operate on the specified resource.", vcoOperations, .condition),
        row("IllegalParam.RouteDest", 400, "The specified RouteDest is invalid", nil, .condition),
        row("VpnRouteEntry.InvalidWeight", 400, "Invalid route entry weight value.", nil, .condition),
        row("InvalidDescription.Malformed", 400, "The specified description is wrongly formed.", ["CreateVpnRouteEntry", "CreateVcoRouteEntry"], .condition),
        row("IllegalParam.OverlayMode", 400, "The specified OverlayMode is invalid", nil, .condition),
        row("IllegalParam.ClientToken", 400, "The specified ClientToken is invalid", nil, .condition),
        row("InvalidRegionId.NotFound", 400, "The specified region does not exist.", nil, .condition),
        row("IdempotenceParamNotMatch", 400, "Request uses a client token in a previous request but is not identical to that request.", gatewayWrites + connectionWrites, .condition),
        row("InvalidVpnGatewayInstanceId.NotFound", 404, "The specified vpn gateway instance id does not exist.", gatewayWrites + ["DescribeVpnGateway"], .condition),
        row("InvalidVpnInstanceId.NotFound", 404, "The specified VPN was not found.", ["DescribeVpnRouteEntries"], .condition),
        row("InvalidVpnConnectionInstanceId.NotFound", 404, "The specified vpn connection instance id does not exist.", connectionWrites + ["DescribeVcoRouteEntries", "DescribeVpnConnection"], .condition),
        row("VpnGateway.FinancialLocked", 400, "The specified service is financial locked.", gatewayWrites, .condition),
        row("VpnGateway.Configuring", 400, "The specified service is configuring.", gatewayWrites, .condition),
        row("VpnConnection.FinancialLocked", 400, "The specified service is financial locked.", connectionWrites, .condition),
        row("VpnConnection.Configuring", 400, "The specified service is configuring.", connectionWrites, .condition),
        row("TaskConflict", 400, "The operation is too frequent, please wait a moment and try again.", gatewayWrites + connectionWrites, .condition),
        row("VpnTask.CONFLICT", 400, "Vpn task has conflict.", ["CreateVpnRouteEntry"], .fault),
        row("Appliance.Configuring", 400, "The specified appliance is configuring.", gatewayWrites + connectionWrites, .fault),
        row("VpnRouteEntry.Configuring", 400, "The specified route entry is configuring.", ["DeleteVpnRouteEntry"], .fault),
        row("OperationFailed.InvalidCidrBlock", 400, "Operation failed because the specified network block is invalid.", ["CreateVpnRouteEntry", "CreateVcoRouteEntry", "PublishVpnRouteEntry"], .condition),
        row("InvalidNextHop.NotFound", 400, "The specified NextHop does not exist.", ["CreateVpnRouteEntry", "CreateVcoRouteEntry"], .condition),
        row("VpnRouteEntry.AlreadyExists", 400, "The specified route entry is already exist.", ["CreateVpnRouteEntry", "CreateVcoRouteEntry"], .condition),
        row("VpnRouteEntry.Conflict", 400, "The specified route entry has conflict.", ["CreateVpnRouteEntry", "CreateVcoRouteEntry"], .conditionOrFault),
        row("VpnRouteEntry.BackupRoute", 400, "Validate backup route entry failed.", ["CreateVpnRouteEntry", "ModifyVpnRouteEntryWeight", "CreateVcoRouteEntry"], .conditionOrFault),
        row("VpnRouteEntry.ConflictSSL", 400, "The specified route entry has conflict with SSL client.", ["CreateVpnRouteEntry", "CreateVcoRouteEntry"], .conditionOrFault),
        row("Resource.QuotaFull", 400, "The quota of resource is full", ["CreateVpnRouteEntry", "CreateVcoRouteEntry", "DeleteVpnRouteEntry", "ModifyVpnRouteEntryWeight", "PublishVpnRouteEntry"], .conditionOrFault),
        row("Resource.QuotaFull", 400, "The resources you are operating have reached the upper limit of the quota. Please increase the quota or use other solutions to avoid it according to the VPN operation document.", ["CreateVcoRouteEntry"], .fault),
        row("CreateDbrRoutesQuotaFull.QuotaFull", 400, "The number of created destination routes exceeds the quota limit.", ["CreateVcoRouteEntry"], .condition),
        row("Resource.PbrRouteQuotaFull", 400, "The quota of Policy-based route is full.", ["CreateVcoRouteEntry"], .fault),
        row("CreatePbrRoutesQuotaFull.QuotaFull", 400, "The number of policy routes exceeds the quota limit.", ["CreateVcoRouteEntry"], .fault),
        row("IncorrectVpcStatus", 400, "Current VPC status does not support this operation.", ["CreateVpnRouteEntry", "PublishVpnRouteEntry"], .condition),
        row("OperationFailed.RouteConflict", 400, "Operation failed because there is already a route in VPC route table to another VPN on the same network block.", ["CreateVpnRouteEntry", "PublishVpnRouteEntry"], .condition),
        row("OperationFailed.RouteConflict", 400, "Operation failed because there is already a route in VPC route table to a non-RI and non-VPN next hop on the same network block.", ["CreateVpnRouteEntry", "PublishVpnRouteEntry"], .condition),
        row("QuotaExceeded.VpnRouteEntry", 400, "The number of route entries to the VPN gateway in the VPC routing table has reached the quota limit.", ["CreateVpnRouteEntry", "PublishVpnRouteEntry", "CreateVcoRouteEntry"], .conditionOrFault),
        row("InvalidRouteEntry.NotFound", 400, "Route entry not exists.", ["DeleteVpnRouteEntry", "ModifyVpnRouteEntryWeight", "PublishVpnRouteEntry", "DeleteVcoRouteEntry", "ModifyVcoRouteEntryWeight"], .condition),
        row("DryRunOperation", 400, "Request validation has been passed with DryRun flag set.", ["CreateVpnRouteEntry", "CreateVcoRouteEntry"], .condition),
        row("InternalError", 400, "The request processing has failed due to some unknown error, exception or failure.", ["CreateVpnRouteEntry"], .fault),
        row("InternalError", 500, "The request processing has failed due to some unknown error, exception or failure.", allOperations.filter { $0 != "CreateVpnRouteEntry" }, .fault),
        row("UnknownError", 500, "The request processing has failed due to some unknown error.", ["DescribeVcoRouteEntries"], .fault),
        row("ServiceUnavailable", 503, "The request has failed due to a temporary failure of the server.", nil, .fault),
    ]

    /// Status and message of `code` for an injected fault on `action` (API.md §11): the first row
    /// with this code listing the action, else the first row with this code, else a protocol rule
    /// with that code, else 400 and the generic injected-fault message.
    public static func defaults(code: String, action: String?) -> (httpStatus: Int, message: String) {
        let matching = rows.filter { $0.code == code }
        if let action, let r = matching.first(where: { $0.operations?.contains(action) ?? true }) { return (r.httpStatus, r.message) }
        if let r = matching.first { return (r.httpStatus, r.message) }
        if let rule = Rules.all.first(where: { $0.code == code && !$0.message.contains("<Name>") }) { return (rule.httpStatus, rule.message) }
        return (400, Rules.faultInjected.message)
    }
}
