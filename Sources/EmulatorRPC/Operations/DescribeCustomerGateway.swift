import EmulatorStore
import VPNCore

/// API.md §13.14.
struct DescribeCustomerGateway: RPCOperation {
    let descriptor = OperationDescriptor(
        name: "DescribeCustomerGateway", kind: .read,
        parameters: [
            .required("RegionId", .string),
            .required("CustomerGatewayId", .string),
        ],
        throttlePerMinute: 600,
        errors: [ErrorCatalogue.subUserDenied, ErrorCatalogue.customerGatewayNotFound, ErrorCatalogue.internalError],
        faultResourceParameters: OperationDescriptor.resourceIds)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        let gateway = try ResourceSteps.customerGateway(input.string("CustomerGatewayId")!, repository: repository, context: context)
        return OperationOutcome(body: ResourceRendering.customerGateway(gateway))
    }
}
