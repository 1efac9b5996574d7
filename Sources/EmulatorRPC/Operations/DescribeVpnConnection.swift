import EmulatorStore
import VPNCore

/// API.md §13.5: either kind of connection, with its settings, tunnels and tags.
struct DescribeVpnConnection: RPCOperation {
    let descriptor = OperationDescriptor(
        name: "DescribeVpnConnection", kind: .read,
        parameters: [
            .required("RegionId", .string),
            .required("VpnConnectionId", .string),
        ],
        throttlePerMinute: 600,
        errors: [ErrorCatalogue.subUserDenied, ErrorCatalogue.connectionNotFound, ErrorCatalogue.internalError],
        faultResourceParameters: OperationDescriptor.vpnResourceIds)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        guard let c = try repository.connection(id: input.string("VpnConnectionId")!, accountId: context.caller.accountId, regionId: context.regionId)
        else { throw Rules.connectionNotFound.error() }
        let state = ResourceRendering.state(c, task: try repository.task(resourceId: c.id), now: context.now)
        return OperationOutcome(body: ResourceRendering.connection(try repository.withDetails(c), state: state))
    }
}
