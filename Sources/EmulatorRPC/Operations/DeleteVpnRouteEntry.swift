import EmulatorStore
import VPNCore

/// API.md §13.7. A published route's VPC entry goes with it unless another published route of
/// the gateway has the same RouteDest (the store keeps the table; Schema version 3).
struct DeleteVpnRouteEntry: RPCOperation {
    let descriptor = OperationDescriptor(
        name: "DeleteVpnRouteEntry", kind: .write,
        parameters: ParameterSpec.routeMatch(resource: "VpnGatewayId", newWeight: false),
        throttlePerMinute: 60,
        errors: CatalogueGroups.gatewayWrite + [ErrorCatalogue.routeEntryConfiguring, ErrorCatalogue.quotaFull,
                                                ErrorCatalogue.routeNotFound, ErrorCatalogue.internalError],
        faultResourceParameters: OperationDescriptor.vpnResourceIds)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        let gateway = try ResourceSteps.writableGateway(input, repository: repository, context: context)
        let dest = input.string("RouteDest")!
        let route = try RouteRules.find(try repository.gatewayRoutes(gatewayId: gateway.id, routeDest: dest), dest: dest,
                                        nextHop: input.string("NextHop")!, weight: input.int("Weight")!)
        try repository.deleteGatewayRoute(gatewayId: gateway.id, routeDest: route.routeDest, nextHop: route.nextHop)
        return OperationOutcome(body: [], task: (gateway.id, .vpnGateway))
    }
}
