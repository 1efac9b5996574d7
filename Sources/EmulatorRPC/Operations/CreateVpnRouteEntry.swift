import EmulatorJSON
import EmulatorStore
import VPNCore

/// API.md §13.1, checks in the documented order.
struct CreateVpnRouteEntry: RPCOperation {
    let descriptor = OperationDescriptor(
        name: "CreateVpnRouteEntry", kind: .write,
        parameters: [
            .required("RegionId", .string),
            .optional("ClientToken", .clientToken),
            .required("VpnGatewayId", .string),
            .required("RouteDest", .routeDest),
            .required("NextHop", .string),
            .required("Weight", .weight),
            .required("PublishVpc", .boolean),
            .optional("Description", .description, default: ""),
            .optional("OverlayMode", .overlayMode, default: "Ipsec"),
            .optional("DryRun", .boolean, default: "false"),
        ],
        throttlePerMinute: 60,
        errors: CatalogueGroups.gatewayWrite + [
            ErrorCatalogue.descriptionMalformed, ErrorCatalogue.vpnTaskConflict, ErrorCatalogue.nextHopNotFound,
            ErrorCatalogue.routeAlreadyExists, ErrorCatalogue.routeConflict, ErrorCatalogue.backupRoute, ErrorCatalogue.conflictSSL,
            ErrorCatalogue.quotaFull, ErrorCatalogue.dryRun, ErrorCatalogue.internalError400,
        ] + CatalogueGroups.vpcTable,
        faultResourceParameters: OperationDescriptor.vpnResourceIds)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        let gateway = try ResourceSteps.writableGateway(input, repository: repository, context: context)         // stages 13–14
        let dest = input.cidr("RouteDest")!, destText = input.string("RouteDest")!
        let nextHop = input.string("NextHop")!, weight = input.int("Weight")!, publish = input.bool("PublishVpc")!
        // Stage 15, in §13.1's order.
        try RouteRules.checkDestination(dest, tunnelMode: gateway.tunnelMode)
        try RouteRules.checkNextHop(try repository.connection(id: nextHop, accountId: context.caller.accountId, regionId: context.regionId),
                                    gatewayId: gateway.id)
        let sameDest = try repository.gatewayRoutes(gatewayId: gateway.id, routeDest: destText)
        try RouteRules.checkNotDuplicate(sameDest, dest: destText, nextHop: nextHop)
        try RouteRules.checkPair(sameDest, dest: destText, nextHop: nextHop, weight: weight, tunnelMode: gateway.tunnelMode)
        try RouteRules.checkSSLClientPool(dest, sslVpn: gateway.sslVpn)
        try RouteRules.checkGatewayQuota(routeCount: gateway.routeCount, quota: gateway.routeQuota ?? context.settings.quotaGatewayRoutes)
        if publish { try ResourceSteps.checkPublish(dest: dest, gateway: gateway, repository: repository, context: context) }
        if input.bool("DryRun") == true { throw Rules.dryRunPassed.error() }                                    // stage 16
        let route = GatewayRoute(vpnGatewayId: gateway.id, routeDest: destText, nextHop: nextHop, weight: weight,
                                 publishVpc: publish, description: input.string("Description") ?? "", createTime: context.creationTime())
        try repository.upsertGatewayRoute(route)                                                                 // stage 17
        return OperationOutcome(body: [
            ("VpnInstanceId", .string(gateway.id)),
            ("RouteDest", .string(destText)),
            ("NextHop", .string(nextHop)),
            ("Weight", .int(Int64(weight))),
            ("OverlayMode", .string("Ipsec")),
            ("Description", .string(route.description)),
            ("State", .string(route.state)),
            ("CreateTime", .int(route.createTime)),
        ], task: (gateway.id, .vpnGateway))
    }
}
