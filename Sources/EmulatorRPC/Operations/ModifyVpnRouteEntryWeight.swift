import EmulatorStore
import VPNCore

/// API.md §13.8.
struct ModifyVpnRouteEntryWeight: RPCOperation {
    let spec = OperationSpec(name: "ModifyVpnRouteEntryWeight", kind: .gatewayWrite, parameters: ParameterSpec.routeMatch(resource: "VpnGatewayId", newWeight: true))

    func execute(_ input: OperationInput, db: SQLiteDatabase, context: OperationContext) throws -> OperationOutcome {
        let gateway = try ResourceSteps.writableGateway(input, db: db, context: context)
        let routes = try db.gatewayRoutes(gatewayId: gateway.id)
        let route = try RouteRules.find(routes, dest: input.string("RouteDest")!, nextHop: input.string("NextHop")!, weight: input.int("Weight")!)
        let newWeight = input.int("NewWeight")!
        if newWeight == route.weight { return OperationOutcome(body: []) }          // step 10: no change, no task
        try RouteRules.checkModifyWithoutPartner(routes, dest: route.routeDest, nextHop: route.nextHop, tunnelMode: gateway.tunnelMode)
        try db.updateGatewayRoute(gatewayId: gateway.id, routeDest: route.routeDest, nextHop: route.nextHop, weight: newWeight)
        return OperationOutcome(body: [], task: (gateway.id, "gateway"))
    }
}
