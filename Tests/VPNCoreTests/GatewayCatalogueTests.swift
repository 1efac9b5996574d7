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
                       "param.tag", "quota.connection-routes", "route.next-hop.not-self"] + ResourceCatalogueTests.prefixes
        let familyRules = Rules.all.filter { rule in !foreign.contains { rule.id.hasPrefix($0) } }
        for rule in familyRules {
            #expect(documented.contains(rule.id), "\(rule.id) is in Rules.all but not in the gateway family of API.md §14")
        }
        // Ids and codes are never empty (an empty code would match everything in Terraform).
        #expect(Rules.all.allSatisfy { !$0.id.isEmpty && !$0.code.isEmpty })
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
