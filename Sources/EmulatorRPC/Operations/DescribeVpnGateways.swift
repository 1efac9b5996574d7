import EmulatorStore
import VPNCore

/// API.md §13.4: filters and paging in SQL (`Repository.gatewaysPage`).
struct DescribeVpnGateways: RPCOperation {
    let descriptor = OperationDescriptor(
        name: "DescribeVpnGateways", kind: .read,
        parameters: [
            .required("RegionId", .string),
            .optional("VpnGatewayId", .string),
            .optional("VpcId", .string),
            .optional("Status", .enumeration(GatewayStatus.allCases.map(\.rawValue), caseInsensitive: true)),
            .optional("BusinessStatus", .enumeration(BusinessStatus.allCases.map(\.rawValue), caseInsensitive: true)),
            .optional("GatewayType", .enumeration(["Traditional", "Enhanced.SiteToSite"], caseInsensitive: false)),
            .optional("ResourceGroupId", .string),
            .optional("IncludeReservationData", .boolean, default: "false"),
            .optional("Tag", .tags),
        ] + ResourceSteps.pageSpecs,
        throttlePerMinute: 600,
        errors: [ErrorCatalogue.subUserDenied, ErrorCatalogue.internalError],
        faultResourceParameters: OperationDescriptor.vpnResourceIds)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        var gateways: [(gateway: VPNGateway, status: GatewayStatus)] = [], total = 0
        // Only Traditional gateways and no resource groups are modelled: those filters match nothing.
        if input.string("GatewayType") ?? "Traditional" == "Traditional", input.string("ResourceGroupId") == nil {
            let filter = Repository.GatewayFilter(
                id: input.string("VpnGatewayId"), vpcId: input.string("VpcId"),
                status: input.string("Status").flatMap(GatewayStatus.init(rawValue:)),
                businessStatus: input.string("BusinessStatus").flatMap(BusinessStatus.init(rawValue:)),
                tags: input.tags().map { (key: $0.key, value: $0.value) })
            (gateways, total) = try repository.gatewaysPage(accountId: context.caller.accountId, regionId: context.regionId,
                                                            filter: filter, now: context.now, page: input.page)
        }
        let include = input.bool("IncludeReservationData") ?? false
        return OperationOutcome(body: [
            ("TotalCount", .int(Int64(total))),
            ("PageNumber", .int(Int64(input.pageNumber))),
            ("PageSize", .int(Int64(input.pageSize))),
            ("VpnGateways", .object([("VpnGateway", .array(gateways.map {
                .object(GatewayRendering.fields($0.gateway, status: $0.status, includeReservationData: include))
            }))])),
        ])
    }
}
