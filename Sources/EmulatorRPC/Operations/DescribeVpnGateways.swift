import EmulatorStore
import VPNCore

/// API.md §13.4.
struct DescribeVpnGateways: RPCOperation {
    let spec = OperationSpec(name: "DescribeVpnGateways", kind: .read, parameters: [
        .required("RegionId", .string),
        .optional("VpnGatewayId", .string),
        .optional("VpcId", .string),
        .optional("Status", .enumeration(["init", "provisioning", "active", "updating", "deleting"], caseInsensitive: true)),
        .optional("BusinessStatus", .enumeration(["Normal", "FinancialLocked"], caseInsensitive: true)),
        .optional("GatewayType", .enumeration(["Traditional", "Enhanced.SiteToSite"], caseInsensitive: false)),
        .optional("ResourceGroupId", .string),
        .optional("IncludeReservationData", .boolean, default: "false"),
        .optional("Tag", .tags),
    ] + ResourceSteps.pageSpecs)

    func execute(_ input: OperationInput, db: SQLiteDatabase, context: OperationContext) throws -> OperationOutcome {
        var matching: [(VPNGateway, String)] = []
        for g in try db.gateways(accountId: context.caller.accountId, regionId: context.regionId) {
            let status = ResourceStateRules.gatewayStatus(stored: g.status, task: try db.task(resourceId: g.id), now: context.now)
            if let id = input.string("VpnGatewayId"), id != g.id { continue }
            if let vpc = input.string("VpcId"), vpc != g.vpcId { continue }
            if let s = input.string("Status"), s != status { continue }
            if let b = input.string("BusinessStatus"), b != g.businessStatus { continue }
            if let t = input.string("GatewayType"), t != "Traditional" { continue }
            if input.string("ResourceGroupId") != nil { continue }
            let tagsMatch = input.tags().allSatisfy { f in g.tags.contains { $0.key == f.key && (f.value == nil || $0.value == f.value) } }
            if !tagsMatch { continue }
            matching.append((g, status))
        }
        let page = matching.dropFirst((input.pageNumber - 1) * input.pageSize).prefix(input.pageSize)
        let include = input.bool("IncludeReservationData") ?? false
        return OperationOutcome(body: [
            ("TotalCount", .int(Int64(matching.count))),
            ("PageNumber", .int(Int64(input.pageNumber))),
            ("PageSize", .int(Int64(input.pageSize))),
            ("VpnGateways", .object([("VpnGateway", .array(page.map {
                .object(GatewayRendering.fields($0.0, status: $0.1, includeReservationData: include))
            }))])),
        ])
    }
}
