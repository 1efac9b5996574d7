import EmulatorStore
import VPNCore

/// API.md §13.11.
struct DeleteVcoRouteEntry: RPCOperation {
    let spec = OperationSpec(name: "DeleteVcoRouteEntry", kind: .connectionWrite, parameters: ParameterSpec.routeMatch(resource: "VpnConnectionId", newWeight: false))

    func execute(_ input: OperationInput, db: SQLiteDatabase, context: OperationContext) throws -> OperationOutcome {
        let connection = try ResourceSteps.writableConnection(input, db: db, context: context)
        let route = try RouteRules.find(try db.connectionRoutes(connectionId: connection.id), connectionId: connection.id,
                                        dest: input.string("RouteDest")!, nextHop: input.string("NextHop")!, weight: input.int("Weight")!)
        try db.deleteConnectionRoute(connectionId: connection.id, routeDest: route.routeDest)
        return OperationOutcome(body: [], task: (connection.id, "connection"))
    }
}
