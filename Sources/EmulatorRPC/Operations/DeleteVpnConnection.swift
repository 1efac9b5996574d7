import EmulatorStore
import VPNCore

/// API.md §13.20: refused while a route of the gateway uses the connection as next hop; the
/// connection is gone at once and its gateway is `updating` for the task (documented).
struct DeleteVpnConnection: RPCOperation {
    let descriptor = OperationDescriptor(
        name: "DeleteVpnConnection", kind: .write,
        parameters: [
            .required("RegionId", .string),
            .optional("ClientToken", .clientToken),
            .required("VpnConnectionId", .string),
        ],
        throttlePerMinute: 60,
        errors: CatalogueGroups.gatewayWrite + [
            ErrorCatalogue.connectionNotFound, ErrorCatalogue.dependencyRouteEntry, ErrorCatalogue.vpnTaskConflict,
            ErrorCatalogue.connectionConfiguring, ErrorCatalogue.internalError,
        ],
        faultResourceParameters: OperationDescriptor.resourceIds)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        let connection = try ResourceSteps.gatewayBoundConnection(input, repository: repository, context: context)  // stage 13
        let gateway = try ResourceSteps.writableGateway(id: connection.vpnGatewayId ?? "", repository: repository, context: context)
        try ResourceRules.checkConnectionNotNextHop(inUse: try repository.connectionIsNextHop(connection.id))    // stage 15
        try repository.deleteConnection(id: connection.id)                                                       // stage 17
        return OperationOutcome(body: [], task: (gateway.id, .vpnGateway))
    }
}
