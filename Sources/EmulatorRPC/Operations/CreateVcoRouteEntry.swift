import EmulatorJSON
import EmulatorStore
import VPNCore

/// API.md §13.2 (the parameter meanings as corrected there).
struct CreateVcoRouteEntry: RPCOperation {
    let descriptor = OperationDescriptor(
        name: "CreateVcoRouteEntry", kind: .write,
        parameters: [
            .required("RegionId", .string),
            .required("VpnConnectionId", .string),
            .required("RouteDest", .routeDest),
            .required("Weight", .weight),
            .required("NextHop", .string),
            .optional("Description", .description, default: ""),
            .optional("OverlayMode", .overlayMode, default: "Ipsec"),
            .optional("ClientToken", .clientToken),
            .optional("DryRun", .boolean, default: "false"),
        ],
        throttlePerMinute: 60,
        errors: CatalogueGroups.connectionWrite + [
            ErrorCatalogue.descriptionMalformed, ErrorCatalogue.invalidCidrBlock, ErrorCatalogue.nextHopNotFound,
            ErrorCatalogue.routeAlreadyExists, ErrorCatalogue.routeConflict, ErrorCatalogue.backupRoute, ErrorCatalogue.conflictSSL,
            ErrorCatalogue.quotaFull, ErrorCatalogue.quotaFullVco, ErrorCatalogue.dbrQuotaFull, ErrorCatalogue.pbrRouteQuotaFull,
            ErrorCatalogue.pbrQuotaFull, ErrorCatalogue.vpcQuota, ErrorCatalogue.dryRun, ErrorCatalogue.internalError,
        ],
        faultResourceParameters: OperationDescriptor.vpnResourceIds, implicitDenyRule: Rules.ramImplicitDenyVco)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        let connection = try ResourceSteps.writableConnection(input, repository: repository, context: context)  // stages 13–14
        let dest = input.cidr("RouteDest")!, destText = input.string("RouteDest")!, nextHop = input.string("NextHop")!
        // Stage 15, in §13.2's order.
        try RouteRules.checkDestination(dest, tunnelMode: nil)
        try RouteRules.checkNextHopIsSelf(nextHop: nextHop, connectionId: connection.id)
        try RouteRules.checkNotDuplicate(try repository.connectionRoute(connectionId: connection.id, routeDest: destText).map { [$0] } ?? [],
                                         dest: destText)
        try RouteRules.checkConnectionQuota(routeCount: connection.routeCount,
                                            quota: connection.routeQuota ?? context.settings.quotaConnectionRoutes)
        if input.bool("DryRun") == true { throw Rules.dryRunPassed.error() }                                   // stage 16
        let route = ConnectionRoute(vpnConnectionId: connection.id, routeDest: destText, weight: input.int("Weight")!,
                                    description: input.string("Description") ?? "", createTime: context.creationTime())
        try repository.upsertConnectionRoute(route)                                                            // stage 17
        return OperationOutcome(body: [
            ("VpnConnectionId", .string(connection.id)),
            ("RouteDest", .string(destText)),
            ("NextHop", .string(nextHop)),
            ("Weight", .int(Int64(route.weight))),
            ("OverlayMode", .string("Ipsec")),
            ("Description", .string(route.description)),
            ("State", .string("published")),
            ("CreateTime", .int(route.createTime)),
        ], task: (connection.id, .vpnConnection))
    }
}
