import EmulatorStore
import VPNCore

/// API.md §13.24: refused while connections (and so routes) or an SSL server remain; otherwise
/// the gateway is gone at once (DescribeVpnGateway answers its not-found code).
struct DeleteVpnGateway: RPCOperation {
    let descriptor = OperationDescriptor(
        name: "DeleteVpnGateway", kind: .write,
        parameters: [
            .required("RegionId", .string),
            .optional("ClientToken", .clientToken),
            .required("VpnGatewayId", .string),
        ],
        throttlePerMinute: 60,
        errors: [
            ErrorCatalogue.subUserDenied, ErrorCatalogue.idempotenceMismatch, ErrorCatalogue.gatewayNotFound,
            ErrorCatalogue.gatewayConfiguring, ErrorCatalogue.taskConflict, ErrorCatalogue.dependencyConnection,
            ErrorCatalogue.dependencySSLServer, ErrorCatalogue.dependencyGreTunnel, ErrorCatalogue.internalError400,
        ],
        faultResourceParameters: OperationDescriptor.resourceIds)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        // Stages 13–14; an overdue (FinancialLocked) gateway may still be released.
        let gateway = try ResourceSteps.writableGateway(id: input.string("VpnGatewayId")!, repository: repository, context: context,
                                                        checkFinancialLock: false)
        try ResourceRules.checkGatewayDeletable(gateway)                                                               // stage 15
        try repository.deleteGateway(id: gateway.id)                                                                   // stage 17
        return OperationOutcome(body: [])
    }
}
