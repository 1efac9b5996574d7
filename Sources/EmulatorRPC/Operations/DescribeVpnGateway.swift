import EmulatorStore
import VPNCore

/// API.md §13.3.
struct DescribeVpnGateway: RPCOperation {
    let spec = OperationSpec(name: "DescribeVpnGateway", kind: .read, parameters: [
        .required("RegionId", .string),
        .required("VpnGatewayId", .string),
        .optional("IncludeReservationData", .boolean, default: "false"),
    ])

    func execute(_ input: OperationInput, db: SQLiteDatabase, context: OperationContext) throws -> OperationOutcome {
        guard let g = try db.gateway(id: input.string("VpnGatewayId")!, accountId: context.caller.accountId, regionId: context.regionId)
        else { throw Rules.gatewayNotFound.error() }
        let status = ResourceStateRules.gatewayStatus(stored: g.status, task: try db.task(resourceId: g.id), now: context.now)
        return OperationOutcome(body: GatewayRendering.fields(g, status: status, includeReservationData: input.bool("IncludeReservationData") ?? false))
    }
}
