/// State checks of API.md §6 (stage 14), in their documented order.
public enum ResourceStateRules {
    /// The status a gateway shows at `now`: the task's pending state (`updating`, or `provisioning`
    /// after CreateVpnGateway) while a task is pending, else the stored one.
    public static func gatewayStatus(stored: GatewayStatus, task: ResourceTask?, now: Int64) -> GatewayStatus {
        if let task, task.isPending(at: now) { return GatewayStatus(rawValue: task.pendingState) ?? .updating }
        return stored
    }

    /// The state a transit or gateway-bound connection shows at `now`.
    public static func connectionState(stored: ConnectionState, task: ResourceTask?, now: Int64) -> ConnectionState {
        if let task, task.isPending(at: now) { return .updating }
        return stored
    }

    /// True when `now` falls in the cooldown that follows the resource's last task.
    static func inCooldown(task: ResourceTask?, cooldownMs: Int64, now: Int64) -> Bool {
        guard cooldownMs > 0, let task, !task.isPending(at: now) else { return false }
        let (end, overflow) = task.endsAt.addingReportingOverflow(cooldownMs)
        return overflow || now < end
    }

    /// §6.1: FinancialLocked, then Configuring (status ≠ active), then the cooldown.
    public static func checkGatewayWritable(_ gateway: VPNGateway, task: ResourceTask?, cooldownMs: Int64, now: Int64) throws(RuleError) {
        if gateway.businessStatus == .financialLocked { throw Rules.gatewayFinancialLocked.error() }
        if gatewayStatus(stored: gateway.status, task: task, now: now) != .active { throw Rules.gatewayConfiguring.error() }
        if inCooldown(task: task, cooldownMs: cooldownMs, now: now) { throw Rules.gatewayCooldown.error() }
    }

    /// §6.2: FinancialLocked (business status or state), then Configuring (state ≠ attached), then the cooldown.
    public static func checkConnectionWritable(_ connection: VPNConnection, task: ResourceTask?, cooldownMs: Int64, now: Int64) throws(RuleError) {
        let state = connectionState(stored: connection.state, task: task, now: now)
        if connection.businessStatus == .financialLocked || state == .financialLocked { throw Rules.connectionFinancialLocked.error() }
        if state != .attached { throw Rules.connectionConfiguring.error() }
        if inCooldown(task: task, cooldownMs: cooldownMs, now: now) { throw Rules.connectionCooldown.error() }
    }
}
