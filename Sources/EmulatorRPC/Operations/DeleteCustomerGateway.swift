import EmulatorStore
import VPNCore

/// API.md §13.17: refused while a connection or a tunnel uses it; gone at once.
struct DeleteCustomerGateway: RPCOperation {
    let descriptor = OperationDescriptor(
        name: "DeleteCustomerGateway", kind: .write,
        parameters: [
            .required("RegionId", .string),
            .optional("ClientToken", .clientToken),
            .required("CustomerGatewayId", .string),
        ],
        throttlePerMinute: 120,
        errors: [
            ErrorCatalogue.subUserDenied, ErrorCatalogue.idempotenceMismatch, ErrorCatalogue.customerGatewayNotFound,
            ErrorCatalogue.dependencyConnection, ErrorCatalogue.vpnTaskConflictCustomerGateway, ErrorCatalogue.gatewayConfiguring,
            ErrorCatalogue.internalError,
        ],
        faultResourceParameters: OperationDescriptor.resourceIds)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        let gateway = try ResourceSteps.customerGateway(input.string("CustomerGatewayId")!, repository: repository, context: context)
        try ResourceRules.checkCustomerGatewayUnused(inUse: try repository.customerGatewayInUse(gateway.id))
        try repository.deleteCustomerGateway(id: gateway.id)
        return OperationOutcome(body: [])
    }
}
