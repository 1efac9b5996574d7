import EmulatorStore
import VPNCore

/// API.md §13.13. Synchronous: the customer gateway exists when the call returns.
struct CreateCustomerGateway: RPCOperation {
    let descriptor = OperationDescriptor(
        name: "CreateCustomerGateway", kind: .write,
        parameters: [
            .required("RegionId", .string),
            .optional("ClientToken", .clientToken),
            .required("IpAddress", .customerGatewayAddress),
            .optional("Name", .name, default: ""),
            .optional("Description", .resourceDescription, default: ""),
            .optional("Asn", .asn),
            .optional("AuthKey", .authKey, default: ""),
            .optional("ResourceGroupId", .string),
            ResourceSteps.creationTags,
        ],
        throttlePerMinute: 120,
        errors: [
            ErrorCatalogue.subUserDenied, ErrorCatalogue.idempotenceMismatch, ErrorCatalogue.nameInvalid, ErrorCatalogue.descriptionInvalid,
            ErrorCatalogue.ipAddressInvalid, ErrorCatalogue.ipAddressTaken, ErrorCatalogue.quotaFull, ErrorCatalogue.operationConflict,
            ErrorCatalogue.internalError,
        ],
        faultResourceParameters: OperationDescriptor.resourceIds)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        let ip = input.string("IpAddress")!
        try ResourceRules.checkAddressFree(taken: try repository.customerGatewayAddressTaken(ip, accountId: context.caller.accountId,
                                                                                              regionId: context.regionId))   // stage 15
        let gateway = CustomerGateway(id: try context.newId("cgw-", repository: repository), accountId: context.caller.accountId,
                                      regionId: context.regionId, ipAddress: ip, name: input.string("Name") ?? "",
                                      description: input.string("Description") ?? "", asn: input.int("Asn").map(Int64.init),
                                      authKey: input.string("AuthKey") ?? "", tags: input.tagPairs("Tags"), createTime: context.creationTime())
        try repository.upsertCustomerGateway(gateway)                                                                    // stage 17
        return OperationOutcome(body: [
            ("CustomerGatewayId", .string(gateway.id)),
            ("IpAddress", .string(gateway.ipAddress)),
            ("Name", .string(gateway.name)),
            ("Description", .string(gateway.description)),
            ("CreateTime", .int(gateway.createTime)),
        ])
    }
}
