import Testing
import VPNCore
@testable import EmulatorRPC

/// The gateway route operations' rows of API.md §14, as the catalogue derived from the
/// operation descriptors lists them (moved from VPNCoreTests when the operation lists moved
/// into the descriptors).
@Suite struct GatewayCatalogueRowsTests {
    /// The catalogue (derived from the descriptors, used for fault defaults) has a row with the same status and message
    /// for each code of the family, listing the operations §14 names.
    @Test func errorCatalogueRowsForTheFamily() {
        let rows: [(code: String, status: Int, message: String, operations: [String])] = [
            ("Forbidden", 403, "User not authorized to operate on the specified resource.", ["CreateVpnRouteEntry", "DescribeVpnGateway"]),
            ("Forbbiden.SubUser", 403, "User not authorized to operate on the specified resource as your account is created by another user.",
             ["CreateVpnRouteEntry", "DeleteVpnRouteEntry", "ModifyVpnRouteEntryWeight", "PublishVpnRouteEntry",
              "DescribeVpnRouteEntries", "DescribeVpnGateway"]),
            ("IllegalParam.RouteDest", 400, "The specified RouteDest is invalid", ["CreateVpnRouteEntry", "DeleteVpnRouteEntry"]),
            ("VpnRouteEntry.InvalidWeight", 400, "Invalid route entry weight value.", ["CreateVpnRouteEntry", "ModifyVpnRouteEntryWeight"]),
            ("InvalidDescription.Malformed", 400, "The specified description is wrongly formed.", ["CreateVpnRouteEntry"]),
            ("IllegalParam.OverlayMode", 400, "The specified OverlayMode is invalid", ["CreateVpnRouteEntry"]),
            ("IllegalParam.ClientToken", 400, "The specified ClientToken is invalid", ["PublishVpnRouteEntry"]),
            ("InvalidRegionId.NotFound", 400, "The specified region does not exist.", ["DescribeVpnRouteEntries"]),
            ("IdempotenceParamNotMatch", 400, "Request uses a client token in a previous request but is not identical to that request.",
             ["CreateVpnRouteEntry", "DeleteVpnRouteEntry", "ModifyVpnRouteEntryWeight", "PublishVpnRouteEntry"]),
            ("InvalidVpnGatewayInstanceId.NotFound", 404, "The specified vpn gateway instance id does not exist.",
             ["CreateVpnRouteEntry", "DeleteVpnRouteEntry", "ModifyVpnRouteEntryWeight", "PublishVpnRouteEntry", "DescribeVpnGateway"]),
            ("InvalidVpnInstanceId.NotFound", 404, "The specified VPN was not found.", ["DescribeVpnRouteEntries"]),
            ("VpnGateway.FinancialLocked", 400, "The specified service is financial locked.",
             ["CreateVpnRouteEntry", "DeleteVpnRouteEntry", "ModifyVpnRouteEntryWeight", "PublishVpnRouteEntry"]),
            ("VpnGateway.Configuring", 400, "The specified service is configuring.",
             ["CreateVpnRouteEntry", "DeleteVpnRouteEntry", "ModifyVpnRouteEntryWeight", "PublishVpnRouteEntry"]),
            ("TaskConflict", 400, "The operation is too frequent, please wait a moment and try again.",
             ["CreateVpnRouteEntry", "DeleteVpnRouteEntry", "ModifyVpnRouteEntryWeight", "PublishVpnRouteEntry"]),
            ("OperationFailed.InvalidCidrBlock", 400, "Operation failed because the specified network block is invalid.",
             ["CreateVpnRouteEntry", "PublishVpnRouteEntry"]),
            ("InvalidNextHop.NotFound", 400, "The specified NextHop does not exist.", ["CreateVpnRouteEntry"]),
            ("VpnRouteEntry.AlreadyExists", 400, "The specified route entry is already exist.", ["CreateVpnRouteEntry"]),
            ("VpnRouteEntry.Conflict", 400, "The specified route entry has conflict.", ["CreateVpnRouteEntry"]),
            ("VpnRouteEntry.BackupRoute", 400, "Validate backup route entry failed.", ["CreateVpnRouteEntry", "ModifyVpnRouteEntryWeight"]),
            ("VpnRouteEntry.ConflictSSL", 400, "The specified route entry has conflict with SSL client.", ["CreateVpnRouteEntry"]),
            ("Resource.QuotaFull", 400, "The quota of resource is full", ["CreateVpnRouteEntry", "DeleteVpnRouteEntry",
                                                                           "ModifyVpnRouteEntryWeight", "PublishVpnRouteEntry"]),
            ("IncorrectVpcStatus", 400, "Current VPC status does not support this operation.", ["CreateVpnRouteEntry", "PublishVpnRouteEntry"]),
            ("QuotaExceeded.VpnRouteEntry", 400,
             "The number of route entries to the VPN gateway in the VPC routing table has reached the quota limit.",
             ["CreateVpnRouteEntry", "PublishVpnRouteEntry"]),
            ("InvalidRouteEntry.NotFound", 400, "Route entry not exists.",
             ["DeleteVpnRouteEntry", "ModifyVpnRouteEntryWeight", "PublishVpnRouteEntry"]),
            ("DryRunOperation", 400, "Request validation has been passed with DryRun flag set.", ["CreateVpnRouteEntry"]),
        ]
        for row in rows {
            for op in row.operations {
                let hit = OperationRegistry.catalogue.first { $0.code == row.code && ($0.operations?.contains(op) ?? true) }
                #expect(hit?.httpStatus == row.status, "\(row.code) for \(op)")
                #expect(hit?.message == row.message, "\(row.code) for \(op)")
                let fault = OperationRegistry.faultDefaults(code: row.code, action: op)
                #expect(fault.httpStatus == row.status && fault.message == row.message, "fault default of \(row.code) for \(op)")
            }
        }
        // Both RouteConflict messages are there, for Create and Publish.
        let routeConflict = OperationRegistry.catalogue.filter { $0.code == "OperationFailed.RouteConflict" }
        #expect(Set(routeConflict.map(\.message)) == [
            "Operation failed because there is already a route in VPC route table to another VPN on the same network block.",
            "Operation failed because there is already a route in VPC route table to a non-RI and non-VPN next hop on the same network block.",
        ])
        #expect(routeConflict.allSatisfy { $0.operations == ["CreateVpnRouteEntry", "PublishVpnRouteEntry"] && $0.httpStatus == 400 })
    }
}
