import EmulatorStore
import VPNCore

/// API.md §13.7. A published route's VPC entry goes with it unless another published route of
/// the gateway has the same RouteDest (entries are derived from the routes, `VPCRouteTable`).
struct DeleteVpnRouteEntry: RPCOperation {
    let spec = OperationSpec(name: "DeleteVpnRouteEntry", kind: .gatewayWrite, parameters: ParameterSpec.routeMatch(resource: "VpnGatewayId", newWeight: false))

    func execute(_ input: OperationInput, db: SQLiteDatabase, context: OperationContext) throws -> OperationOutcome {
        let gateway = try ResourceSteps.writableGateway(input, db: db, context: context)
        let route = try RouteRules.find(try db.gatewayRoutes(gatewayId: gateway.id), dest: input.string("RouteDest")!,
                                        nextHop: input.string("NextHop")!, weight: input.int("Weight")!)
        try db.deleteGatewayRoute(gatewayId: gateway.id, routeDest: route.routeDest, nextHop: route.nextHop)
        return OperationOutcome(body: [], task: (gateway.id, "gateway"))
    }
}
