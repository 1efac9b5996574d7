import EmulatorJSON
import EmulatorStore
import VPNCore

/// API.md §13.21: both kinds of connection; the items carry their tags under `Tag` (not `Tags`).
struct DescribeVpnConnections: RPCOperation {
    let descriptor = OperationDescriptor(
        name: "DescribeVpnConnections", kind: .read,
        parameters: [
            .required("RegionId", .string),
            .optional("VpnGatewayId", .string),
            .optional("CustomerGatewayId", .string),
            .optional("VpnConnectionId", .string),
            .optional("ResourceGroupId", .string),
            .optional("Tag", .tags),
        ] + ResourceSteps.pageSpecs,
        throttlePerMinute: 600,
        errors: [ErrorCatalogue.subUserDenied, ErrorCatalogue.internalError],
        faultResourceParameters: OperationDescriptor.resourceIds)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        var connections: [VPNConnection] = [], total = 0
        if input.string("ResourceGroupId") == nil {   // resource groups are not modelled (§13.15)
            let filter = Repository.ConnectionFilter(id: input.string("VpnConnectionId"), gatewayId: input.string("VpnGatewayId"),
                                                     customerGatewayId: input.string("CustomerGatewayId"),
                                                     tags: input.tags().map { (key: $0.key, value: $0.value) })
            (connections, total) = try repository.connectionsPage(accountId: context.caller.accountId, regionId: context.regionId,
                                                                   filter: filter, page: input.page)
        }
        let items = try connections.map { c in
            let state = ResourceRendering.state(c, task: try repository.task(resourceId: c.id), now: context.now)
            return JSONValue.object(ResourceRendering.connection(c, state: state, tagsKey: "Tag"))
        }
        return OperationOutcome(body: [
            ("TotalCount", .int(Int64(total))),
            ("PageNumber", .int(Int64(input.pageNumber))),
            ("PageSize", .int(Int64(input.pageSize))),
            ("VpnConnections", .object([("VpnConnection", .array(items))])),
        ])
    }
}
