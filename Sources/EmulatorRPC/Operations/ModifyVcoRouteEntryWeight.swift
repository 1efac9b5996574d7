import EmulatorStore
import VPNCore

/// API.md §13.12.
struct ModifyVcoRouteEntryWeight: RPCOperation {
    let descriptor = OperationDescriptor(
        name: "ModifyVcoRouteEntryWeight", kind: .write,
        parameters: ParameterSpec.routeMatch(resource: "VpnConnectionId", newWeight: true),
        throttlePerMinute: 120,
        errors: CatalogueGroups.connectionWrite + [ErrorCatalogue.routeNotFound, ErrorCatalogue.internalError],
        faultResourceParameters: OperationDescriptor.vpnResourceIds, implicitDenyRule: Rules.ramImplicitDenyVco)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        let connection = try ResourceSteps.writableConnection(input, repository: repository, context: context)
        let route = try ConnectionRouteMatch.find(input, connection: connection, repository: repository)
        let newWeight = input.int("NewWeight")!
        if newWeight == route.weight { return OperationOutcome(body: []) }
        try repository.updateConnectionRouteWeight(connectionId: connection.id, routeDest: route.routeDest, weight: newWeight)
        return OperationOutcome(body: [], task: (connection.id, .vpnConnection))
    }
}
