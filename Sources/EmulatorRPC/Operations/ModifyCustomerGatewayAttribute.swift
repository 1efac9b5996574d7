import EmulatorStore
import VPNCore

/// API.md §13.16: Name, Description and AuthKey, changed at once (no task).
struct ModifyCustomerGatewayAttribute: RPCOperation {
    let descriptor = OperationDescriptor(
        name: "ModifyCustomerGatewayAttribute", kind: .write,
        parameters: [
            .required("RegionId", .string),
            .optional("ClientToken", .clientToken),
            .required("CustomerGatewayId", .string),
            .optional("Name", .name),
            .optional("Description", .resourceDescription),
            .optional("AuthKey", .authKey),
        ],
        throttlePerMinute: 120,
        errors: [
            ErrorCatalogue.subUserDenied, ErrorCatalogue.idempotenceMismatch, ErrorCatalogue.customerGatewayNotFound,
            ErrorCatalogue.nameInvalid, ErrorCatalogue.descriptionInvalid, ErrorCatalogue.internalError,
        ],
        faultResourceParameters: OperationDescriptor.resourceIds)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        var gateway = try ResourceSteps.customerGateway(input.string("CustomerGatewayId")!, repository: repository, context: context)
        gateway.name = input.string("Name") ?? gateway.name
        gateway.description = input.string("Description") ?? gateway.description
        gateway.authKey = input.string("AuthKey") ?? gateway.authKey
        try repository.updateCustomerGatewayAttributes(id: gateway.id, name: gateway.name, description: gateway.description,
                                                       authKey: gateway.authKey)
        return OperationOutcome(body: [
            ("CustomerGatewayId", .string(gateway.id)),
            ("Name", .string(gateway.name)),
            ("Description", .string(gateway.description)),
            ("IpAddress", .string(gateway.ipAddress)),
            ("CreateTime", .int(gateway.createTime)),
            ("ResourceGroupId", .string("")),
        ])
    }
}
