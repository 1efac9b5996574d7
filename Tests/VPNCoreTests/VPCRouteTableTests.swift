import Testing
@testable import VPNCore

private let gw = "vpn-bp1default0000000001"
private let otherGw = "vpn-bp1dualtunnel000001"

private func entry(_ dest: String, _ type: String, _ id: String) -> VPCRouteEntry {
    VPCRouteEntry(destinationCidrBlock: dest, nextHopType: type, nextHopId: id)
}

private func vpc(status: String = "Available", entries: [VPCRouteEntry] = []) -> VPC {
    VPC(id: "vpc-bp1default0000000001", accountId: "1", regionId: "cn-hangzhou", cidrBlock: "172.16.0.0/12", status: status,
        vSwitches: [VSwitch(id: "vsw-1", cidrBlock: "172.16.1.0/24"), VSwitch(id: "vsw-2", cidrBlock: "192.168.50.0/24")],
        routeEntries: entries)
}

/// The table as the store keeps it (fixture entries, then one entry per distinct published
/// (destination, gateway) not declared by the fixture: EmulatorStore's Schema version 3, whose
/// store tests check that derivation), seen through the rule's inputs.
private struct Subject {
    let entries: [VPCRouteEntry]

    func checkPublish(dest: IPv4CIDR, gatewayId: String, vpc: VPC, quota: Int) throws(RuleError) {
        let table = VPCRouteTable(sameDestination: entries.filter { $0.destinationCidrBlock == dest.description }, entryCount: entries.count)
        let local = ([vpc.cidrBlock] + vpc.vSwitches.map(\.cidrBlock)).compactMap(IPv4CIDR.init)
        try table.checkPublish(dest: dest, gatewayId: gatewayId, vpcStatus: vpc.status, localBlocks: local, quota: quota)
    }
}

private func table(_ v: VPC, published: [(String, String)] = []) -> Subject {
    var entries = v.routeEntries
    for (dest, gateway) in published where !entries.contains(entry(dest, "VpnGateway", gateway)) {
        entries.append(entry(dest, "VpnGateway", gateway))
    }
    return Subject(entries: entries)
}

/// API.md §5.8: the five checks of publishing a route, on what the store's queries find.
@Suite struct VPCRouteTableTests {
    // MARK: The five checks of §5.8, one by one

    @Test func vpcStatus() {
        for status in ["Pending", "Deleting", "available", ""] {
            let v = vpc(status: status)
            expectRule(.vpcStatus, "\(status.debugDescription)") { () throws(RuleError) in
                try table(v).checkPublish(dest: cidr("10.5.0.0/24"), gatewayId: gw, vpc: v, quota: 200)
            }
        }
        let v = vpc()
        expectPass { () throws(RuleError) in try table(v).checkPublish(dest: cidr("10.5.0.0/24"), gatewayId: gw, vpc: v, quota: 200) }
    }

    @Test(arguments: [
        ("172.16.0.0/12", true),   // equals the VPC block
        ("172.20.0.0/16", true),   // inside the VPC block
        ("172.16.1.0/24", true),   // equals a vSwitch
        ("172.16.1.128/25", true), // inside a vSwitch
        ("192.168.50.0/24", true), // equals a vSwitch outside the VPC block
        ("192.168.50.4/30", true),
        ("172.0.0.0/8", false),    // contains the VPC block: not local
        ("192.168.0.0/16", false), // contains a vSwitch: not local
        ("192.168.51.0/24", false),
        ("10.0.0.0/8", false),
    ])
    func localCidr(dest: String, local: Bool) {
        let v = vpc()
        if local {
            expectRule(.vpcLocalCidr, "\(dest)") { () throws(RuleError) in
                try table(v).checkPublish(dest: cidr(dest), gatewayId: gw, vpc: v, quota: 200)
            }
        } else {
            expectPass("\(dest)") { () throws(RuleError) in try table(v).checkPublish(dest: cidr(dest), gatewayId: gw, vpc: v, quota: 200) }
        }
    }

    @Test func conflictWithAnotherVPN() {
        let v = vpc(entries: [entry("10.5.0.0/24", "VpnGateway", otherGw)])
        expectRule(.vpcConflictOtherVPN) { () throws(RuleError) in
            try table(v).checkPublish(dest: cidr("10.5.0.0/24"), gatewayId: gw, vpc: v, quota: 200)
        }
        // Exact-destination matching: an overlapping block is no conflict.
        for dest in ["10.5.0.0/25", "10.5.0.0/23", "10.0.0.0/8"] {
            expectPass("\(dest)") { () throws(RuleError) in try table(v).checkPublish(dest: cidr(dest), gatewayId: gw, vpc: v, quota: 200) }
        }
        // The entry of another gateway made by publishing conflicts the same way.
        let w = vpc()
        expectRule(.vpcConflictOtherVPN, "derived entry") { () throws(RuleError) in
            try table(w, published: [("10.6.0.0/24", otherGw)]).checkPublish(dest: cidr("10.6.0.0/24"), gatewayId: gw, vpc: w, quota: 200)
        }
    }

    @Test(arguments: ["Instance", "HaVip", "NetworkInterface", "NatGateway", "IPv4Gateway", "Attachment"])
    func conflictWithNonVPNNextHop(type: String) {
        let v = vpc(entries: [entry("10.5.0.0/24", type, "x-1")])
        expectRule(.vpcConflictNonVPN, "\(type)") { () throws(RuleError) in
            try table(v).checkPublish(dest: cidr("10.5.0.0/24"), gatewayId: gw, vpc: v, quota: 200)
        }
        expectPass("other dest") { () throws(RuleError) in
            try table(v).checkPublish(dest: cidr("10.5.1.0/24"), gatewayId: gw, vpc: v, quota: 200)
        }
    }

    /// Express Connect (RouterInterface) does not conflict; the VPN entry goes beside it.
    @Test func routerInterfaceIsAllowed() {
        let v = vpc(entries: [entry("10.20.0.0/16", "RouterInterface", "ri-1")])
        expectPass { () throws(RuleError) in try table(v).checkPublish(dest: cidr("10.20.0.0/16"), gatewayId: gw, vpc: v, quota: 200) }
        // ... and it adds an entry, so a full table refuses it.
        expectRule(.vpcQuota) { () throws(RuleError) in
            try table(v).checkPublish(dest: cidr("10.20.0.0/16"), gatewayId: gw, vpc: v, quota: 1)
        }
    }

    @Test func vpcQuota() {
        let v = vpc(entries: [entry("10.10.0.0/16", "Instance", "i-1"), entry("10.20.0.0/16", "RouterInterface", "ri-1")])
        expectRule(.vpcQuota, "at quota") { () throws(RuleError) in
            try table(v).checkPublish(dest: cidr("10.5.0.0/24"), gatewayId: gw, vpc: v, quota: 2)
        }
        expectRule(.vpcQuota, "over quota") { () throws(RuleError) in
            try table(v).checkPublish(dest: cidr("10.5.0.0/24"), gatewayId: gw, vpc: v, quota: 1)
        }
        expectPass("one below") { () throws(RuleError) in try table(v).checkPublish(dest: cidr("10.5.0.0/24"), gatewayId: gw, vpc: v, quota: 3) }
        let empty = vpc()
        expectRule(.vpcQuota, "quota 0") { () throws(RuleError) in
            try table(empty).checkPublish(dest: cidr("10.5.0.0/24"), gatewayId: gw, vpc: empty, quota: 0)
        }
        // Derived entries count.
        expectRule(.vpcQuota, "derived entries count") { () throws(RuleError) in
            try table(empty, published: [("10.6.0.0/24", gw), ("10.7.0.0/24", otherGw)])
                .checkPublish(dest: cidr("10.5.0.0/24"), gatewayId: gw, vpc: empty, quota: 2)
        }
    }

    /// Sharing an entry that already points to this gateway adds nothing and is exempt from the quota.
    @Test func sharingIsExemptFromTheQuota() {
        let fixtureShared = vpc(entries: [entry("10.5.0.0/24", "VpnGateway", gw)])
        expectPass("fixture entry") { () throws(RuleError) in
            try table(fixtureShared).checkPublish(dest: cidr("10.5.0.0/24"), gatewayId: gw, vpc: fixtureShared, quota: 1)
        }
        expectPass("fixture entry, quota 0") { () throws(RuleError) in
            try table(fixtureShared).checkPublish(dest: cidr("10.5.0.0/24"), gatewayId: gw, vpc: fixtureShared, quota: 0)
        }
        let v = vpc()
        expectPass("entry of the partner route") { () throws(RuleError) in
            try table(v, published: [("10.5.0.0/24", gw)]).checkPublish(dest: cidr("10.5.0.0/24"), gatewayId: gw, vpc: v, quota: 1)
        }
        expectRule(.vpcQuota, "another destination is not shared") { () throws(RuleError) in
            try table(v, published: [("10.5.0.0/24", gw)]).checkPublish(dest: cidr("10.5.1.0/24"), gatewayId: gw, vpc: v, quota: 1)
        }
    }

    // MARK: Order of the five checks

    @Test func checksRunInOrder() {
        let everything = [entry("172.16.1.0/24", "VpnGateway", otherGw), entry("172.16.1.0/24", "Instance", "i-1"),
                          entry("10.5.0.0/24", "VpnGateway", otherGw), entry("10.5.0.0/24", "Instance", "i-1"),
                          entry("10.6.0.0/24", "Instance", "i-2")]
        let pending = vpc(status: "Pending", entries: everything)
        let available = vpc(entries: everything)
        // 1 before 2–5
        expectRule(.vpcStatus) { () throws(RuleError) in
            try table(pending).checkPublish(dest: cidr("172.16.1.0/24"), gatewayId: gw, vpc: pending, quota: 0)
        }
        // 2 before 3–5
        expectRule(.vpcLocalCidr) { () throws(RuleError) in
            try table(available).checkPublish(dest: cidr("172.16.1.0/24"), gatewayId: gw, vpc: available, quota: 0)
        }
        // 3 before 4–5
        expectRule(.vpcConflictOtherVPN) { () throws(RuleError) in
            try table(available).checkPublish(dest: cidr("10.5.0.0/24"), gatewayId: gw, vpc: available, quota: 0)
        }
        // 4 before 5
        expectRule(.vpcConflictNonVPN) { () throws(RuleError) in
            try table(available).checkPublish(dest: cidr("10.6.0.0/24"), gatewayId: gw, vpc: available, quota: 0)
        }
        // 5
        expectRule(.vpcQuota) { () throws(RuleError) in
            try table(available).checkPublish(dest: cidr("10.7.0.0/24"), gatewayId: gw, vpc: available, quota: 5)
        }
        expectPass { () throws(RuleError) in
            try table(available).checkPublish(dest: cidr("10.7.0.0/24"), gatewayId: gw, vpc: available, quota: 6)
        }
    }
}
