import EmulatorStore
import VPNCore

/// API.md §13.11.
struct DeleteVcoRouteEntry: RPCOperation {
    let descriptor = OperationDescriptor(
        name: "DeleteVcoRouteEntry", kind: .write,
        parameters: ParameterSpec.routeMatch(resource: "VpnConnectionId", newWeight: false),
        throttlePerMinute: 60,
        errors: CatalogueGroups.connectionWrite + [ErrorCatalogue.routeNotFound, ErrorCatalogue.internalError],
        faultResourceParameters: OperationDescriptor.vpnResourceIds, implicitDenyRule: Rules.ramImplicitDenyVco)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        let connection = try ResourceSteps.writableConnection(input, repository: repository, context: context)
        let route = try ConnectionRouteMatch.find(input, connection: connection, repository: repository)
        try repository.deleteConnectionRoute(connectionId: connection.id, routeDest: route.routeDest)
        return OperationOutcome(body: [], task: (connection.id, .vpnConnection))
    }
}

/// §5.1 for transit connections: the route named by RouteDest, NextHop (the connection) and Weight.
enum ConnectionRouteMatch {
    static func find(_ input: OperationInput, connection: VPNConnection, repository: Repository) throws -> ConnectionRoute {
        let dest = input.string("RouteDest")!
        return try RouteRules.find(try repository.connectionRoute(connectionId: connection.id, routeDest: dest).map { [$0] } ?? [],
                                   connectionId: connection.id, dest: dest, nextHop: input.string("NextHop")!, weight: input.int("Weight")!)
    }
}
