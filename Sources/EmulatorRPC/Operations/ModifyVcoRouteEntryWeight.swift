import EmulatorStore
import VPNCore

/// API.md §13.12.
struct ModifyVcoRouteEntryWeight: RPCOperation {
    let spec = OperationSpec(name: "ModifyVcoRouteEntryWeight", kind: .connectionWrite, parameters: ParameterSpec.routeMatch(resource: "VpnConnectionId", newWeight: true))

    func execute(_ input: OperationInput, db: SQLiteDatabase, context: OperationContext) throws -> OperationOutcome {
        let connection = try ResourceSteps.writableConnection(input, db: db, context: context)
        let route = try RouteRules.find(try db.connectionRoutes(connectionId: connection.id), connectionId: connection.id,
                                        dest: input.string("RouteDest")!, nextHop: input.string("NextHop")!, weight: input.int("Weight")!)
        let newWeight = input.int("NewWeight")!
        if newWeight == route.weight { return OperationOutcome(body: []) }
        try db.updateConnectionRouteWeight(connectionId: connection.id, routeDest: route.routeDest, weight: newWeight)
        return OperationOutcome(body: [], task: (connection.id, "connection"))
    }
}
