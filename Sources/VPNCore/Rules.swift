/// The domain rules of API.md §3–§9 and §14, by id (the protocol rules of PROTOCOL.md §1 and §5 —
/// framing, decoding, signatures, Version/Action, throttling — live in EmulatorRPC's `ProtocolRules`).
/// Tests check that each code of the error catalogue with reach "condition" is produced by a rule.
public enum Rules {
    static let invalidParameter = "The specified parameter \"<Name>\" is not valid."
    static let notAuthorized = "User not authorized to operate on the specified resource."

    // RAM authorisation (API.md §9).
    public static let ramExplicitDeny = Rule("ram.explicit-deny", "Forbidden", 403, notAuthorized)
    public static let ramImplicitDeny = Rule("ram.implicit-deny", "Forbbiden.SubUser", 403,
                                             "User not authorized to operate on the specified resource as your account is created by another user.")
    public static let ramImplicitDenyVco = Rule("ram.implicit-deny", "Forbbiden.SubUser", 403, notAuthorized)

    // Parameters (API.md §3, §4).
    public static let paramMissing = Rule("param.missing", "Missing<Name>", 400, "<Name> is mandatory for this action.")
    public static let paramInteger = Rule("param.integer", "InvalidParameter", 400, invalidParameter)
    public static let paramBoolean = Rule("param.boolean", "InvalidParameter", 400, invalidParameter)
    public static let paramEnum = Rule("param.enum", "InvalidParameter", 400, invalidParameter)
    public static let paramTag = Rule("param.tag", "InvalidParameter", 400, invalidParameter)
    public static let paramPageNumber = Rule("param.page-number", "InvalidParameter", 400, invalidParameter)
    public static let paramPageSize = Rule("param.page-size", "InvalidParameter", 400, invalidParameter)
    public static let routeDestSyntax = Rule("route.dest.syntax", "IllegalParam.RouteDest", 400, "The specified RouteDest is invalid")
    public static let routeWeightValue = Rule("route.weight.value", "VpnRouteEntry.InvalidWeight", 400, "Invalid route entry weight value.")
    public static let routeDescriptionFormat = Rule("route.description.format", "InvalidDescription.Malformed", 400, "The specified description is wrongly formed.")
    public static let routeOverlayModeValue = Rule("route.overlay-mode.value", "IllegalParam.OverlayMode", 400, "The specified OverlayMode is invalid")
    public static let tokenFormat = Rule("token.format", "IllegalParam.ClientToken", 400, "The specified ClientToken is invalid")
    public static let regionUnknown = Rule("region.unknown", "InvalidRegionId.NotFound", 400, "The specified region does not exist.")
    public static let tokenMismatch = Rule("token.mismatch", "IdempotenceParamNotMatch", 400, "Request uses a client token in a previous request but is not identical to that request.")

    // Resources and their state (API.md §6, §13).
    public static let gatewayNotFound = Rule("gateway.not-found", "InvalidVpnGatewayInstanceId.NotFound", 404, "The specified vpn gateway instance id does not exist.")
    public static let gatewayNotFoundRouteList = Rule("gateway.not-found.route-list", "InvalidVpnInstanceId.NotFound", 404, "The specified VPN was not found.")
    public static let connectionNotFound = Rule("connection.not-found", "InvalidVpnConnectionInstanceId.NotFound", 404, "The specified vpn connection instance id does not exist.")
    public static let connectionNotTransit = Rule("connection.not-transit", "InvalidVpnConnectionInstanceId.NotFound", 404, "The specified vpn connection instance id does not exist.")
    public static let gatewayFinancialLocked = Rule("gateway.state.financial-locked", "VpnGateway.FinancialLocked", 400, "The specified service is financial locked.")
    public static let gatewayConfiguring = Rule("gateway.state.configuring", "VpnGateway.Configuring", 400, "The specified service is configuring.")
    public static let gatewayCooldown = Rule("gateway.state.cooldown", "TaskConflict", 400, "The operation is too frequent, please wait a moment and try again.")
    public static let connectionFinancialLocked = Rule("connection.state.financial-locked", "VpnConnection.FinancialLocked", 400, "The specified service is financial locked.")
    public static let connectionConfiguring = Rule("connection.state.configuring", "VpnConnection.Configuring", 400, "The specified service is configuring.")
    public static let connectionCooldown = Rule("connection.state.cooldown", "TaskConflict", 400, "The operation is too frequent, please wait a moment and try again.")

    // Route rules (API.md §4.2, §4.7, §5).
    public static let routeDestReserved = Rule("route.dest.reserved", "OperationFailed.InvalidCidrBlock", 400, "Operation failed because the specified network block is invalid.")
    public static let routeDestSharedAddress = Rule("route.dest.shared-address", "OperationFailed.InvalidCidrBlock", 400, "Operation failed because the specified network block is invalid.")
    public static let routeNextHopNotFound = Rule("route.next-hop.not-found", "InvalidNextHop.NotFound", 400, "The specified NextHop does not exist.")
    public static let routeNextHopNotSelf = Rule("route.next-hop.not-self", "InvalidNextHop.NotFound", 400, "The specified NextHop does not exist.")
    public static let routeDuplicate = Rule("route.duplicate", "VpnRouteEntry.AlreadyExists", 400, "The specified route entry is already exist.")
    public static let routePairSecondActive = Rule("route.pair.second-active", "VpnRouteEntry.Conflict", 400, "The specified route entry has conflict.")
    public static let routePairSecondStandby = Rule("route.pair.second-standby", "VpnRouteEntry.BackupRoute", 400, "Validate backup route entry failed.")
    public static let routePairModifyWithPartner = Rule("route.pair.modify-with-partner", "VpnRouteEntry.BackupRoute", 400, "Validate backup route entry failed.")
    public static let routeSSLClientPool = Rule("route.ssl-client-pool", "VpnRouteEntry.ConflictSSL", 400, "The specified route entry has conflict with SSL client.")
    public static let quotaGatewayRoutes = Rule("quota.gateway-routes", "Resource.QuotaFull", 400, "The quota of resource is full")
    public static let quotaConnectionRoutes = Rule("quota.connection-routes", "CreateDbrRoutesQuotaFull.QuotaFull", 400, "The number of created destination routes exceeds the quota limit.")
    public static let vpcStatus = Rule("vpc.status", "IncorrectVpcStatus", 400, "Current VPC status does not support this operation.")
    public static let vpcLocalCidr = Rule("vpc.local-cidr", "OperationFailed.InvalidCidrBlock", 400, "Operation failed because the specified network block is invalid.")
    public static let vpcConflictOtherVPN = Rule("vpc.conflict.other-vpn", "OperationFailed.RouteConflict", 400, "Operation failed because there is already a route in VPC route table to another VPN on the same network block.")
    public static let vpcConflictNonVPN = Rule("vpc.conflict.non-vpn", "OperationFailed.RouteConflict", 400, "Operation failed because there is already a route in VPC route table to a non-RI and non-VPN next hop on the same network block.")
    public static let vpcQuota = Rule("vpc.quota", "QuotaExceeded.VpnRouteEntry", 400, "The number of route entries to the VPN gateway in the VPC routing table has reached the quota limit.")
    public static let routeNotFound = Rule("route.not-found", "InvalidRouteEntry.NotFound", 400, "Route entry not exists.")
    public static let dryRunPassed = Rule("dryrun.passed", "DryRunOperation", 400, "Request validation has been passed with DryRun flag set.")

    // The resource operations (API.md §13.13–§13.27): formats (stage 10).
    public static let nameFormat = Rule("name.format", "InvalidName", 400, "The name is not valid")
    public static let descriptionFormat = Rule("description.format", "InvalidDescription", 400, "The description is not valid")
    public static let ipAddressFormat = Rule("customer-gateway.ip.format", "InvalidIpAddress.WrongFormat", 400, "Specified IpAddress is invalid.")
    public static let paramAsn = Rule("param.asn", "InvalidParameter", 400, invalidParameter)
    public static let paramAuthKey = Rule("param.auth-key", "InvalidParameter", 400, invalidParameter)
    public static let paramSubnet = Rule("param.subnet", "InvalidParameter", 400, invalidParameter)
    public static let paramConfig = Rule("param.config", "InvalidParameter", 400, invalidParameter)
    public static let paramTunnel = Rule("param.tunnel", "InvalidParameter", 400, invalidParameter)
    public static let paramList = Rule("param.list", "InvalidParameter", 400, invalidParameter)
    public static let paramTagKey = Rule("param.tag-key", "InvalidParameter", 400, invalidParameter)
    public static let paramTagValue = Rule("param.tag-value", "InvalidParameter", 400, invalidParameter)
    public static let paramNextToken = Rule("param.next-token", "InvalidParameter", 400, invalidParameter)
    public static let tagResourceType = Rule("tag.resource-type", "InvalidResourceType.NotFound", 400, "The specified resource type is not supported.")
    public static let tagNoFilter = Rule("tag.list.no-filter", "InvalidParameter", 400, invalidParameter)

    // The resource operations: resources (stage 13).
    public static let customerGatewayNotFound = Rule("customer-gateway.not-found", "InvalidCustomerGatewayInstanceId.NotFound", 404, "The specified customer gateway instance id does not exist.")
    public static let connectionNotGatewayBound = Rule("connection.not-gateway-bound", "InvalidVpnConnectionInstanceId.NotFound", 404, "The specified vpn connection instance id does not exist.")
    public static let vpcNotFound = Rule("vpc.not-found", "InvalidVpcId.NotFound", 404, "The specified VPC does not exist.")
    public static let vSwitchNotFound = Rule("vswitch.not-found", "InvalidVSwitchId.NotFound", 404, "The specified vSwitch does not exist.")
    public static let tagResourceNotFound = Rule("tag.resource.not-found", "InvalidResourceId.NotFound", 404, "The specified resource does not exist.")

    // The resource operations: business rules (stage 15).
    public static let customerGatewayIpTaken = Rule("customer-gateway.ip.duplicate", "InvalidIpAddress.AlreadyExist", 400, "Specified IpAddress is already exist.")
    public static let customerGatewayInUse = Rule("customer-gateway.in-use", "DependencyViolation.VpnConnection", 400, "There are vpn connections on specified customer gateway not deleted.")
    public static let gatewayHasConnections = Rule("gateway.delete.connections", "DependencyViolation.VpnConnection", 400, "There are vpn connections on specified customer gateway not deleted.")
    public static let gatewayHasSSLServer = Rule("gateway.delete.ssl-server", "DependencyViolation.SslVpnServer", 400, "There is SSL VPN server on specified vpn gateway not deleted.")
    public static let connectionIsNextHop = Rule("connection.delete.next-hop", "DependencyViolation.VpnRouteEntry", 400, "There are vpn route entries using the specified vpn connection as next hop not deleted.")
    public static let connectionCustomerGatewayRequired = Rule("connection.customer-gateway.required", "MissingCustomerGatewayId", 400, "CustomerGatewayId is mandatory for this action.")
    public static let connectionTunnelsRequired = Rule("connection.tunnels.required", "MissingTunnelOptionsSpecification", 400, "TunnelOptionsSpecification is mandatory for this action.")
    public static let connectionTunnelsNotSupported = Rule("connection.tunnels.single-tunnel", "InvalidParameter", 400, invalidParameter)
    public static let connectionDuplicate = Rule("connection.duplicate", "InvalidVpnConnection.AlreadyExists", 400, "Vpn connection already exists.")
    public static let quotaGatewayConnections = Rule("quota.gateway-connections", "Resource.QuotaFull", 400, "The quota of resource is full")
    public static let tagQuota = Rule("tag.quota", "SizeLimitExceeded.TagNum", 400, "The maximum number of tags is exceeded.")

    /// Every rule above (for catalogue tests and documentation).
    public static let all: [Rule] = [
        ramExplicitDeny, ramImplicitDeny, ramImplicitDenyVco,
        paramMissing, paramInteger, paramBoolean, paramEnum, paramTag, paramPageNumber, paramPageSize,
        routeDestSyntax, routeWeightValue, routeDescriptionFormat, routeOverlayModeValue, tokenFormat, regionUnknown,
        tokenMismatch, gatewayNotFound, gatewayNotFoundRouteList, connectionNotFound, connectionNotTransit,
        gatewayFinancialLocked, gatewayConfiguring, gatewayCooldown, connectionFinancialLocked, connectionConfiguring,
        connectionCooldown, routeDestReserved, routeDestSharedAddress, routeNextHopNotFound, routeNextHopNotSelf,
        routeDuplicate, routePairSecondActive, routePairSecondStandby, routePairModifyWithPartner, routeSSLClientPool,
        quotaGatewayRoutes, quotaConnectionRoutes, vpcStatus, vpcLocalCidr, vpcConflictOtherVPN, vpcConflictNonVPN,
        vpcQuota, routeNotFound, dryRunPassed,
        nameFormat, descriptionFormat, ipAddressFormat, paramAsn, paramAuthKey, paramSubnet, paramConfig, paramTunnel, paramList,
        paramTagKey, paramTagValue, paramNextToken, tagResourceType, tagNoFilter, customerGatewayNotFound, connectionNotGatewayBound,
        vpcNotFound, vSwitchNotFound, tagResourceNotFound, customerGatewayIpTaken, customerGatewayInUse, gatewayHasConnections,
        gatewayHasSSLServer, connectionIsNextHop, connectionCustomerGatewayRequired, connectionTunnelsRequired,
        connectionTunnelsNotSupported, connectionDuplicate, quotaGatewayConnections, tagQuota,
    ]
}
