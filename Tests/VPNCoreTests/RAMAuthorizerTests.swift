import Testing
@testable import VPNCore

/// API.md §9: `vpc:<Action>` patterns, `*` = any run of characters, letter case ignored, deny wins.
@Suite struct RAMAuthorizerTests {
    static let gatewayActions = ["CreateVpnRouteEntry", "DeleteVpnRouteEntry", "ModifyVpnRouteEntryWeight", "PublishVpnRouteEntry",
                                 "DescribeVpnRouteEntries", "DescribeVpnGateway"]

    @Test func readOnlyPolicy() {
        let p = RAMPolicy(allow: ["vpc:Describe*"])
        #expect(RAMAuthorizer.decide(p, action: "DescribeVpnGateway") == .allowed)
        #expect(RAMAuthorizer.decide(p, action: "DescribeVpnRouteEntries") == .allowed)
        for write in ["CreateVpnRouteEntry", "DeleteVpnRouteEntry", "ModifyVpnRouteEntryWeight", "PublishVpnRouteEntry"] {
            #expect(RAMAuthorizer.decide(p, action: write) == .implicitDeny, "\(write)")
        }
    }

    @Test func denyWins() {
        let p = RAMPolicy(allow: ["vpc:*"], deny: ["vpc:CreateVpnRouteEntry"])
        #expect(RAMAuthorizer.decide(p, action: "CreateVpnRouteEntry") == .explicitDeny)
        #expect(RAMAuthorizer.decide(p, action: "DeleteVpnRouteEntry") == .allowed)
        let exact = RAMPolicy(allow: ["vpc:PublishVpnRouteEntry"], deny: ["vpc:Publish*"])
        #expect(RAMAuthorizer.decide(exact, action: "PublishVpnRouteEntry") == .explicitDeny)
        // A deny without any allow is still an explicit deny, not an implicit one.
        #expect(RAMAuthorizer.decide(RAMPolicy(deny: ["vpc:*"]), action: "DescribeVpnGateway") == .explicitDeny)
    }

    @Test func caseInsensitive() {
        #expect(RAMAuthorizer.decide(RAMPolicy(allow: ["VPC:createvpnrouteentry"]), action: "CreateVpnRouteEntry") == .allowed)
        #expect(RAMAuthorizer.decide(RAMPolicy(allow: ["vpc:*"], deny: ["Vpc:CREATE*"]), action: "CreateVpnRouteEntry") == .explicitDeny)
        #expect(RAMAuthorizer.decide(RAMPolicy(allow: ["vpc:*ROUTEENTRY"]), action: "DeleteVpnRouteEntry") == .allowed)
    }

    @Test(arguments: gatewayActions)
    func emptyPolicyIsImplicitDeny(action: String) {
        #expect(RAMAuthorizer.decide(RAMPolicy(), action: action) == .implicitDeny)
        #expect(RAMAuthorizer.decide(RAMPolicy(allow: ["ecs:*", "ram:" + action]), action: action) == .implicitDeny, "other services")
        #expect(RAMAuthorizer.decide(RAMPolicy(allow: ["vpc:*"], deny: ["ecs:*"]), action: action) == .allowed, "other services' deny")
    }

    @Test(arguments: [
        ("vpc:*", "vpc:CreateVpnRouteEntry", true),
        ("vpc:*VpnRouteEntry", "vpc:CreateVpnRouteEntry", true),
        ("vpc:*VpnRouteEntry", "vpc:ModifyVpnRouteEntryWeight", false),
        ("vpc:*Route*", "vpc:ModifyVpnRouteEntryWeight", true),
        ("vpc:*Vpn*Entry*", "vpc:ModifyVpnRouteEntryWeight", true),
        ("vpc:*Vpn*Entry", "vpc:DescribeVpnRouteEntries", false),      // "Entries" does not end in "Entry"
        ("vpc:Create*Entry", "vpc:CreateVpnRouteEntry", true),
        ("vpc:Create*Entry", "vpc:CreateVcoRouteEntry", true),
        ("vpc:Create*Entry", "vpc:CreateVpnRouteEntryX", false),
        ("vpc:CreateVpnRouteEntr", "vpc:CreateVpnRouteEntry", false),   // no prefix match
        ("vpc:CreateVpnRouteEntryX", "vpc:CreateVpnRouteEntry", false),
        ("vpc:Create", "vpc:CreateVpnRouteEntry", false),
        ("pc:CreateVpnRouteEntry", "vpc:CreateVpnRouteEntry", false),   // no suffix match
        ("vpc:**Entry", "vpc:DeleteVpnRouteEntry", true),
        ("vpc:*e*e*e*", "vpc:DeleteVpnRouteEntry", true),              // backtracking
        ("vpc:*e*e*e*e*e*", "vpc:DeleteVpnRouteEntry", true),          // five e's, one of them "E"
        ("vpc:*e*e*e*e*e*e*", "vpc:DeleteVpnRouteEntry", false),
        ("vpc:*Entry*Entry", "vpc:DeleteVpnRouteEntry", false),
        ("*", "vpc:DeleteVpnRouteEntry", true),
        ("*:Delete*", "vpc:DeleteVpnRouteEntry", true),
        ("ecs:*", "vpc:DeleteVpnRouteEntry", false),
        ("vpc:", "vpc:DeleteVpnRouteEntry", false),
        ("", "vpc:DeleteVpnRouteEntry", false),
    ])
    func glob(pattern: String, subject: String, matches: Bool) {
        #expect(RAMAuthorizer.matches(pattern: pattern, subject) == matches)
    }
}
