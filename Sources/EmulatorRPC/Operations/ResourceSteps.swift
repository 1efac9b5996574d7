import EmulatorStore
import VPNCore

/// Stages 13–14 shared by the gateway writes and by the connection writes.
enum ResourceSteps {
    /// Stage 13 and 14 for gateway writes: the gateway in (account, region), then its state.
    static func writableGateway(_ input: OperationInput, db: SQLiteDatabase, context: OperationContext) throws -> VPNGateway {
        guard let gateway = try db.gateway(id: input.string("VpnGatewayId") ?? "", accountId: context.caller.accountId,
                                           regionId: context.regionId)
        else { throw Rules.gatewayNotFound.error() }
        try ResourceStateRules.checkGatewayWritable(gateway, task: try db.task(resourceId: gateway.id),
                                                    cooldownMs: context.settings.taskCooldownMs, now: context.now)
        return gateway
    }

    /// Stage 13 for the Vco operations: a transit connection in (account, region); a gateway-bound
    /// one is invisible to them (`connection.not-transit`).
    static func transitConnection(_ input: OperationInput, db: SQLiteDatabase, context: OperationContext) throws -> VPNConnection {
        guard let connection = try db.connection(id: input.string("VpnConnectionId") ?? "", accountId: context.caller.accountId,
                                                 regionId: context.regionId)
        else { throw Rules.connectionNotFound.error() }
        guard connection.attachType == .cen else { throw Rules.connectionNotTransit.error() }
        return connection
    }

    /// Stages 13–14 for connection writes.
    static func writableConnection(_ input: OperationInput, db: SQLiteDatabase, context: OperationContext) throws -> VPNConnection {
        let connection = try transitConnection(input, db: db, context: context)
        try ResourceStateRules.checkConnectionWritable(connection, task: try db.task(resourceId: connection.id),
                                                       cooldownMs: context.settings.taskCooldownMs, now: context.now)
        return connection
    }

    /// §5.8 checks for publishing `dest` on `gateway` (stage 15 of Create and Publish).
    static func checkPublish(dest: IPv4CIDR, gateway: VPNGateway, db: SQLiteDatabase, context: OperationContext) throws {
        guard let vpc = try db.vpc(id: gateway.vpcId) else { throw Rules.vpcStatus.error() }
        let table = try db.routeTable(of: vpc)
        try table.checkPublish(dest: dest, gatewayId: gateway.id, vpc: vpc, quota: vpc.routeTableQuota ?? context.settings.quotaVPCRoutes)
    }

    static let pageSpecs: [ParameterSpec] = [.optional("PageNumber", .pageNumber), .optional("PageSize", .pageSize)]
    static let routeEntryType = ParameterSpec.optional("RouteEntryType", .enumeration(["custom", "bgp"], caseInsensitive: true))
}

extension OperationInput {
    var pageNumber: Int { int("PageNumber") ?? 1 }
    var pageSize: Int { int("PageSize") ?? 10 }
}
