import Testing
@testable import VPNCore

private func gateway(status: GatewayStatus = .active, business: BusinessStatus = .normal) -> VPNGateway {
    VPNGateway(id: "vpn-1", accountId: "1", regionId: "cn-hangzhou", vpcId: "vpc-1", status: status, businessStatus: business)
}

private func check(_ g: VPNGateway, task: ResourceTask? = nil, cooldown: Int64 = 0, now: Int64 = 10_000) throws(RuleError) {
    try ResourceStateRules.checkGatewayWritable(g, task: task, cooldownMs: cooldown, now: now)
}

/// API.md §6.1 and §6.3: FinancialLocked, then Configuring (status ≠ active), then the cooldown.
@Suite struct ResourceStateRulesTests {
    @Test func activeGatewayIsWritable() {
        expectPass { () throws(RuleError) in try check(gateway()) }
        expectPass("ended task, no cooldown") { () throws(RuleError) in
            try check(gateway(), task: ResourceTask(resourceId: "vpn-1", action: "CreateVpnRouteEntry", endsAt: 9_000))
        }
    }

    @Test func financialLocked() {
        expectRule(.financialLocked) { () throws(RuleError) in try check(gateway(business: .financialLocked)) }
    }

    @Test(arguments: GatewayStatus.allCases.filter { $0 != .active })
    func notActiveIsConfiguring(status: GatewayStatus) {
        expectRule(.configuring, "\(status)") { () throws(RuleError) in try check(gateway(status: status)) }
    }

    @Test func pendingTaskIsConfiguring() {
        let task = ResourceTask(resourceId: "vpn-1", action: "CreateVpnRouteEntry", endsAt: 10_001)
        expectRule(.configuring) { () throws(RuleError) in try check(gateway(), task: task, now: 10_000) }
        // "A request arriving at or after the end time sees active."
        expectPass { () throws(RuleError) in try check(gateway(), task: task, now: 10_001) }
        #expect(ResourceStateRules.gatewayStatus(stored: .active, task: task, now: 10_000) == .updating)
        #expect(ResourceStateRules.gatewayStatus(stored: .active, task: task, now: 10_001) == .active)
        #expect(ResourceStateRules.gatewayStatus(stored: .active, task: nil, now: 10_001) == .active)
        // A fixture status other than active is shown as is once no task runs.
        #expect(ResourceStateRules.gatewayStatus(stored: .provisioning, task: task, now: 20_000) == .provisioning)
    }

    @Test func cooldownAfterTheTaskEnds() {
        let task = ResourceTask(resourceId: "vpn-1", action: "CreateVpnRouteEntry", endsAt: 10_000)
        expectRule(.cooldown, "at the end") { () throws(RuleError) in try check(gateway(), task: task, cooldown: 1_000, now: 10_000) }
        expectRule(.cooldown, "inside") { () throws(RuleError) in try check(gateway(), task: task, cooldown: 1_000, now: 10_999) }
        expectPass("after") { () throws(RuleError) in try check(gateway(), task: task, cooldown: 1_000, now: 11_000) }
        expectPass("cooldown off") { () throws(RuleError) in try check(gateway(), task: task, cooldown: 0, now: 10_000) }
        expectPass("no task ever") { () throws(RuleError) in try check(gateway(), task: nil, cooldown: 60_000) }
    }

    /// The documented order: FinancialLocked, then Configuring, then TaskConflict.
    @Test func order() {
        let pending = ResourceTask(resourceId: "vpn-1", action: "x", endsAt: 10_500)
        let ended = ResourceTask(resourceId: "vpn-1", action: "x", endsAt: 9_500)
        expectRule(.financialLocked, "locked + updating status") { () throws(RuleError) in
            try check(gateway(status: .updating, business: .financialLocked), task: pending, cooldown: 60_000)
        }
        expectRule(.financialLocked, "locked + cooldown") { () throws(RuleError) in
            try check(gateway(business: .financialLocked), task: ended, cooldown: 60_000)
        }
        expectRule(.configuring, "pending task with cooldown configured") { () throws(RuleError) in
            try check(gateway(), task: pending, cooldown: 60_000)
        }
        expectRule(.configuring, "stored status not active within a cooldown") { () throws(RuleError) in
            try check(gateway(status: .provisioning), task: ended, cooldown: 60_000)
        }
        expectRule(.cooldown) { () throws(RuleError) in try check(gateway(), task: ended, cooldown: 60_000) }
    }
}
