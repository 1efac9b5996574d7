import EmulatorStore
import VPNCore

/// API.md §13.8.
struct ModifyVpnRouteEntryWeight: RPCOperation {
    let descriptor = OperationDescriptor(
        name: "ModifyVpnRouteEntryWeight", kind: .write,
        parameters: ParameterSpec.routeMatch(resource: "VpnGatewayId", newWeight: true),
        throttlePerMinute: 120,
        errors: CatalogueGroups.gatewayWrite + [ErrorCatalogue.backupRoute, ErrorCatalogue.quotaFull,
                                                ErrorCatalogue.routeNotFound, ErrorCatalogue.internalError],
        faultResourceParameters: OperationDescriptor.vpnResourceIds)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        let gateway = try ResourceSteps.writableGateway(input, repository: repository, context: context)
        let dest = input.string("RouteDest")!
        let sameDest = try repository.gatewayRoutes(gatewayId: gateway.id, routeDest: dest)
        let route = try RouteRules.find(sameDest, dest: dest, nextHop: input.string("NextHop")!, weight: input.int("Weight")!)
        let newWeight = input.int("NewWeight")!
        if newWeight == route.weight { return OperationOutcome(body: []) }          // no change, no task
        try RouteRules.checkModifyWithoutPartner(sameDest, dest: route.routeDest, nextHop: route.nextHop, tunnelMode: gateway.tunnelMode)
        try repository.updateGatewayRoute(gatewayId: gateway.id, routeDest: route.routeDest, nextHop: route.nextHop, weight: newWeight)
        return OperationOutcome(body: [], task: (gateway.id, .vpnGateway))
    }
}
