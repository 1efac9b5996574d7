import EmulatorJSON
import EmulatorStore
import VPNCore

/// API.md §13.6: wrapper objects `VpnRouteEntries.VpnRouteEntry` and `VpnRouteCounts.VpnRouteCount`.
struct DescribeVpnRouteEntries: RPCOperation {
    let descriptor = OperationDescriptor(
        name: "DescribeVpnRouteEntries", kind: .read,
        parameters: [
            .required("RegionId", .string),
            .required("VpnGatewayId", .string),
        ] + ResourceSteps.pageSpecs + [ResourceSteps.routeEntryType],
        throttlePerMinute: 600,
        errors: [ErrorCatalogue.subUserDenied, ErrorCatalogue.vpnNotFound, ErrorCatalogue.internalError],
        faultResourceParameters: OperationDescriptor.vpnResourceIds)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        guard let g = try repository.gateway(id: input.string("VpnGatewayId")!, accountId: context.caller.accountId, regionId: context.regionId)
        else { throw Rules.gatewayNotFoundRouteList.error() }
        let bgp = input.string("RouteEntryType") == "bgp"
        let (routes, total) = bgp ? ([], 0) : (try repository.gatewayRoutes(gatewayId: g.id, page: input.page), g.routeCount)
        let counts: [JSONValue] = g.tunnelMode == .dual
            ? [.object([("RouteCount", .int(Int64(g.routeCount))),
                        ("RouteEntryType", .string("custom")), ("Source", .string(""))])]
            : []
        return OperationOutcome(body: [
            ("TotalCount", .int(Int64(total))),
            ("PageNumber", .int(Int64(input.pageNumber))),
            ("PageSize", .int(Int64(input.pageSize))),
            ("VpnRouteEntries", .object([("VpnRouteEntry", .array(routes.map { r in
                .object([
                    ("VpnInstanceId", .string(r.vpnGatewayId)),
                    ("RouteDest", .string(r.routeDest)),
                    ("NextHop", .string(r.nextHop)),
                    ("Weight", .int(Int64(r.weight))),
                    ("State", .string(r.state)),
                    ("CreateTime", .int(r.createTime)),
                    ("RouteEntryType", .string("custom")),
                    ("Source", .string("")),
                    ("AsPath", .string("")),
                    ("Community", .string("")),
                    ("NextHopTunnelId", .string("")),
                ])
            }))])),
            ("VpnRouteCounts", .object([("VpnRouteCount", .array(counts))])),
        ])
    }
}
