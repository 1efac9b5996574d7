import EmulatorStore
import VPNCore

/// API.md §13.15: filters and paging in SQL (`Repository.customerGatewaysPage`).
struct DescribeCustomerGateways: RPCOperation {
    let descriptor = OperationDescriptor(
        name: "DescribeCustomerGateways", kind: .read,
        parameters: [
            .required("RegionId", .string),
            .optional("CustomerGatewayId", .string),
            .optional("ResourceGroupId", .string),
            .optional("Tag", .tags),
        ] + ResourceSteps.pageSpecs,
        throttlePerMinute: 600,
        errors: [ErrorCatalogue.subUserDenied, ErrorCatalogue.internalError],
        faultResourceParameters: OperationDescriptor.resourceIds)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        var gateways: [CustomerGateway] = [], total = 0
        // Resource groups are not modelled: every customer gateway is in the default one ("").
        if input.string("ResourceGroupId") == nil {
            (gateways, total) = try repository.customerGatewaysPage(accountId: context.caller.accountId, regionId: context.regionId,
                                                                    id: input.string("CustomerGatewayId"),
                                                                    tags: input.tags().map { (key: $0.key, value: $0.value) }, page: input.page)
        }
        return OperationOutcome(body: [
            ("TotalCount", .int(Int64(total))),
            ("PageNumber", .int(Int64(input.pageNumber))),
            ("PageSize", .int(Int64(input.pageSize))),
            ("CustomerGateways", .object([("CustomerGateway", .array(gateways.map { .object(ResourceRendering.customerGateway($0)) }))])),
        ])
    }
}
