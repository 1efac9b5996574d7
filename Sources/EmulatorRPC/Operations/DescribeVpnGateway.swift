import EmulatorStore
import VPNCore

/// API.md §13.3.
struct DescribeVpnGateway: RPCOperation {
    let descriptor = OperationDescriptor(
        name: "DescribeVpnGateway", kind: .read,
        parameters: [
            .required("RegionId", .string),
            .required("VpnGatewayId", .string),
            .optional("IncludeReservationData", .boolean, default: "false"),
        ],
        throttlePerMinute: 600,
        errors: [ErrorCatalogue.subUserDenied, ErrorCatalogue.gatewayNotFound, ErrorCatalogue.internalError],
        faultResourceParameters: OperationDescriptor.vpnResourceIds)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        guard var g = try repository.gateway(id: input.string("VpnGatewayId")!, accountId: context.caller.accountId, regionId: context.regionId)
        else { throw Rules.gatewayNotFound.error() }
        g.tags = try repository.tags(of: .vpnGateway, id: g.id)
        let status = ResourceStateRules.gatewayStatus(stored: g.status, task: try repository.task(resourceId: g.id), now: context.now)
        return OperationOutcome(body: GatewayRendering.fields(g, status: status, includeReservationData: input.bool("IncludeReservationData") ?? false))
    }
}
