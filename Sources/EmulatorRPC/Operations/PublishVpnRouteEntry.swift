import EmulatorStore
import VPNCore

/// API.md §13.9. Policy-based routes are not modelled: `RouteType=pbr` always finds no route.
struct PublishVpnRouteEntry: RPCOperation {
    let descriptor = OperationDescriptor(
        name: "PublishVpnRouteEntry", kind: .write,
        parameters: [
            .required("RegionId", .string),
            .optional("ClientToken", .clientToken),
            .required("VpnGatewayId", .string),
            .required("RouteDest", .routeDest),
            .required("NextHop", .string),
            .required("RouteType", .enumeration(["dbr", "pbr"], caseInsensitive: false)),
            .required("PublishVpc", .boolean),
        ],
        throttlePerMinute: 60,
        errors: CatalogueGroups.gatewayWrite + [ErrorCatalogue.quotaFull, ErrorCatalogue.routeNotFound, ErrorCatalogue.internalError]
            + CatalogueGroups.vpcTable,
        faultResourceParameters: OperationDescriptor.vpnResourceIds)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        let gateway = try ResourceSteps.writableGateway(input, repository: repository, context: context)
        let dest = input.string("RouteDest")!
        let routes = input.string("RouteType") == "dbr" ? try repository.gatewayRoutes(gatewayId: gateway.id, routeDest: dest) : []
        let route = try RouteRules.find(routes, dest: dest, nextHop: input.string("NextHop")!, weight: nil)
        let publish = input.bool("PublishVpc")!
        if route.publishVpc == publish { return OperationOutcome(body: []) }          // already so: no change, no task
        if publish { try ResourceSteps.checkPublish(dest: input.cidr("RouteDest")!, gateway: gateway, repository: repository, context: context) }
        try repository.updateGatewayRoute(gatewayId: gateway.id, routeDest: route.routeDest, nextHop: route.nextHop, publishVpc: publish)
        return OperationOutcome(body: [], task: (gateway.id, .vpnGateway))
    }
}
