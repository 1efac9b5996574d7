import EmulatorStore
import VPNCore

/// Stages 13 and 14 (API.md §2) shared by the gateway writes and by the connection writes, and the
/// §5.8 publish checks of stage 15.
enum ResourceSteps {
    /// Stages 13 and 14 for gateway writes: the gateway in (account, region), then its state.
    static func writableGateway(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> VPNGateway {
        guard let gateway = try repository.gateway(id: input.string("VpnGatewayId") ?? "", accountId: context.caller.accountId,
                                                   regionId: context.regionId)
        else { throw Rules.gatewayNotFound.error() }
        try ResourceStateRules.checkGatewayWritable(gateway, task: try repository.task(resourceId: gateway.id),
                                                    cooldownMs: context.settings.taskCooldownMs, now: context.now)
        return gateway
    }

    /// Stage 13 for the Vco operations: a transit connection in (account, region); a gateway-bound
    /// one is invisible to them (`connection.not-transit`).
    static func transitConnection(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> VPNConnection {
        guard let connection = try repository.connection(id: input.string("VpnConnectionId") ?? "", accountId: context.caller.accountId,
                                                         regionId: context.regionId)
        else { throw Rules.connectionNotFound.error() }
        guard connection.attachType == .cen else { throw Rules.connectionNotTransit.error() }
        return connection
    }

    /// Stages 13–14 for connection writes.
    static func writableConnection(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> VPNConnection {
        let connection = try transitConnection(input, repository: repository, context: context)
        try ResourceStateRules.checkConnectionWritable(connection, task: try repository.task(resourceId: connection.id),
                                                       cooldownMs: context.settings.taskCooldownMs, now: context.now)
        return connection
    }

    /// §5.8 checks for publishing `dest` on `gateway` (stage 15 of Create and Publish), on what
    /// the indexed queries find: the VPC, the local blocks containing `dest`, the table's entries
    /// with that destination and its size.
    static func checkPublish(dest: IPv4CIDR, gateway: VPNGateway, repository: Repository, context: OperationContext) throws {
        guard let vpc = try repository.vpc(id: gateway.vpcId) else { throw Rules.vpcStatus.error() }
        let table = try repository.routeTable(vpcId: vpc.id, destination: dest)
        try table.checkPublish(dest: dest, gatewayId: gateway.id, vpcStatus: vpc.status,
                               localBlocks: try repository.localBlocks(of: vpc, containing: dest),
                               quota: vpc.routeTableQuota ?? context.settings.quotaVPCRoutes)
    }

    static let pageSpecs: [ParameterSpec] = [.optional("PageNumber", .pageNumber), .optional("PageSize", .pageSize)]
    static let routeEntryType = ParameterSpec.optional("RouteEntryType", .enumeration(["custom", "bgp"], caseInsensitive: true))
}

extension OperationInput {
    var pageNumber: Int { int("PageNumber") ?? 1 }
    var pageSize: Int { int("PageSize") ?? 10 }
    var page: Page { Page(number: pageNumber, size: pageSize) }
}

/// Stage 13 of the resource operations.
extension ResourceSteps {
    /// A customer gateway in (account, region), or `customer-gateway.not-found`.
    static func customerGateway(_ id: String, repository: Repository, context: OperationContext) throws -> CustomerGateway {
        guard let g = try repository.customerGateway(id: id, accountId: context.caller.accountId, regionId: context.regionId)
        else { throw Rules.customerGatewayNotFound.error() }
        return g
    }

    /// Stage 13 of ModifyVpnConnectionAttribute and DeleteVpnConnection: a gateway-bound connection
    /// in (account, region); a transit one is handled by the VpnAttachment operations
    /// (`connection.not-gateway-bound`).
    static func gatewayBoundConnection(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> VPNConnection {
        guard let connection = try repository.connection(id: input.string("VpnConnectionId") ?? "", accountId: context.caller.accountId,
                                                         regionId: context.regionId)
        else { throw Rules.connectionNotFound.error() }
        guard connection.attachType == .vpnGateway else { throw Rules.connectionNotGatewayBound.error() }
        return connection
    }

    /// Stages 13–14 for a write on the gateway of a connection (`VpnGateway.*` state codes).
    static func writableGateway(id: String, repository: Repository, context: OperationContext,
                                checkFinancialLock: Bool = true) throws -> VPNGateway {
        guard let gateway = try repository.gateway(id: id, accountId: context.caller.accountId, regionId: context.regionId)
        else { throw Rules.gatewayNotFound.error() }
        var checked = gateway
        if !checkFinancialLock { checked.businessStatus = .normal }
        try ResourceStateRules.checkGatewayWritable(checked, task: try repository.task(resourceId: gateway.id),
                                                    cooldownMs: context.settings.taskCooldownMs, now: context.now)
        return gateway
    }

    /// The resource tags of a Create call (`Tags.N.Key/Value`, keys of at most 64 characters).
    static let creationTags = ParameterSpec.optional("Tags", .tagPairs(maxKey: 64))
}
