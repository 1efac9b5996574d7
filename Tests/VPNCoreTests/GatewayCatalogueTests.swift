import Testing
@testable import VPNCore

/// Every rule the gateway route operations (CreateVpnRouteEntry, DeleteVpnRouteEntry,
/// ModifyVpnRouteEntryWeight, PublishVpnRouteEntry, DescribeVpnRouteEntries, DescribeVpnGateway)
/// can answer with a business error, as API.md §14 lists it (code, HTTP status, message, rule id).
@Suite struct GatewayCatalogueTests {
    static let gatewayFamily: [Documented] = [
        .ramExplicitDeny, .ramImplicitDeny,
        .missing("<Name>"),
        .invalidParameter("param.integer", "<Name>"), .invalidParameter("param.boolean", "<Name>"),
        .invalidParameter("param.enum", "<Name>"), .invalidParameter("param.page-number", "<Name>"),
        .invalidParameter("param.page-size", "<Name>"),
        .routeDestSyntax, .routeWeightValue, .routeDescriptionFormat, .routeOverlayModeValue, .tokenFormat,
        .regionUnknown, .tokenMismatch, .gatewayNotFound, .gatewayNotFoundRouteList,
        .financialLocked, .configuring, .cooldown,
        .routeDestReserved, .routeDestSharedAddress, .vpcLocalCidr,
        .nextHopNotFound, .duplicate, .secondActive, .secondStandby, .modifyWithPartner, .sslClientPool,
        .quotaGatewayRoutes, .vpcStatus, .vpcConflictOtherVPN, .vpcConflictNonVPN, .vpcQuota,
        .routeNotFound, .dryRunPassed,
    ]

    /// §14 lists every rule id of the family; `Rules.all` has it with the documented code, status and message.
    @Test(arguments: gatewayFamily)
    func ruleIsInRulesAllAsDocumented(d: Documented) {
        let candidates = Rules.all.filter { $0.id == d.id }
        #expect(!candidates.isEmpty, "\(d.id) missing from Rules.all")
        #expect(candidates.contains { $0.code == d.code && $0.httpStatus == d.status && $0.message == d.message },
                "\(d.id): \(candidates.map { "\($0.code) \($0.httpStatus) \($0.message)" })")
    }

    /// The reverse: no rule of `Rules.all` in the gateway family's id space is missing from the list above
    /// (ids the other operations or the protocol own are excluded by prefix).
    @Test func noUndocumentedGatewayRule() {
        let documented = Set(Self.gatewayFamily.map(\.id))
        let foreign = ["http.", "auth.", "api.", "throttle.", "connection.", "fault.", "param.encoding", "param.duplicate",
                       "param.tag", "quota.connection-routes", "route.next-hop.not-self"]
        let familyRules = Rules.all.filter { rule in !foreign.contains { rule.id.hasPrefix($0) } }
        for rule in familyRules {
            #expect(documented.contains(rule.id), "\(rule.id) is in Rules.all but not in the gateway family of API.md §14")
        }
        // Ids and codes are never empty (an empty code would match everything in Terraform).
        #expect(Rules.all.allSatisfy { !$0.id.isEmpty && !$0.code.isEmpty })
    }

    /// The catalogue (`ErrorCatalogue`, used for fault defaults) has a row with the same status and message
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
                let hit = ErrorCatalogue.rows.first { $0.code == row.code && ($0.operations?.contains(op) ?? true) }
                #expect(hit?.httpStatus == row.status, "\(row.code) for \(op)")
                #expect(hit?.message == row.message, "\(row.code) for \(op)")
                let fault = ErrorCatalogue.defaults(code: row.code, action: op)
                #expect(fault.httpStatus == row.status && fault.message == row.message, "fault default of \(row.code) for \(op)")
            }
        }
        // Both RouteConflict messages are there, for Create and Publish.
        let routeConflict = ErrorCatalogue.rows.filter { $0.code == "OperationFailed.RouteConflict" }
        #expect(Set(routeConflict.map(\.message)) == [
            "Operation failed because there is already a route in VPC route table to another VPN on the same network block.",
            "Operation failed because there is already a route in VPC route table to a non-RI and non-VPN next hop on the same network block.",
        ])
        #expect(routeConflict.allSatisfy { $0.operations == ["CreateVpnRouteEntry", "PublishVpnRouteEntry"] && $0.httpStatus == 400 })
    }

    /// `<Name>` is filled into both the code and the message.
    @Test func nameIsFilledIn() {
        let e = Rules.paramMissing.error(name: "VpnGatewayId")
        #expect(e.code == "MissingVpnGatewayId")
        #expect(e.message == "VpnGatewayId is mandatory for this action.")
        #expect(e.ruleId == "param.missing")
        #expect(e.httpStatus == 400)
        let p = Rules.paramBoolean.error(name: "PublishVpc")
        #expect(p.code == "InvalidParameter")
        #expect(p.message == "The specified parameter \"PublishVpc\" is not valid.")
    }
}
