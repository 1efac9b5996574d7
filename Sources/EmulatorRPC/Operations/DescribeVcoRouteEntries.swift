import EmulatorStore
import VPNCore

/// API.md §13.10: bare arrays `VcoRouteEntries` and `VpnRouteCounts` (no wrapper objects).
struct DescribeVcoRouteEntries: RPCOperation {
    let descriptor = OperationDescriptor(
        name: "DescribeVcoRouteEntries", kind: .read,
        parameters: [
            .required("RegionId", .string),
            .required("VpnConnectionId", .string),
            .optional("ClientToken", .clientToken),
        ] + ResourceSteps.pageSpecs + [ResourceSteps.routeEntryType],
        throttlePerMinute: 600,
        errors: [ErrorCatalogue.subUserDeniedVco, ErrorCatalogue.connectionNotFound, ErrorCatalogue.internalError,
                 ErrorCatalogue.unknownError],
        faultResourceParameters: OperationDescriptor.vpnResourceIds, implicitDenyRule: Rules.ramImplicitDenyVco)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        let c = try ResourceSteps.transitConnection(input, repository: repository, context: context)
        let (routes, total) = input.string("RouteEntryType") == "bgp" ? ([], 0)
            : (try repository.connectionRoutes(connectionId: c.id, page: input.page), c.routeCount)
        return OperationOutcome(body: [
            ("TotalCount", .int(Int64(total))),
            ("PageNumber", .int(Int64(input.pageNumber))),
            ("PageSize", .int(Int64(input.pageSize))),
            ("VcoRouteEntries", .array(routes.map { r in
                .object([
                    ("VpnConnectionId", .string(r.vpnConnectionId)),
                    ("RouteDest", .string(r.routeDest)),
                    ("NextHop", .string(r.vpnConnectionId)),
                    ("Weight", .int(Int64(r.weight))),
                    ("State", .string("published")),
                    ("CreateTime", .int(r.createTime)),
                    ("RouteEntryType", .string("custom")),
                    ("Source", .string("")),
                    ("AsPath", .string("")),
                    ("Community", .string("")),
                    ("NextHopTunnelIdList", .array([])),
                ])
            })),
            ("VpnRouteCounts", .array([])),
        ])
    }
}
