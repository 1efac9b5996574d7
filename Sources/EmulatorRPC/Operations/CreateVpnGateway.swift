import EmulatorStore
import VPNCore

/// API.md §13.22: the gateway is listed at once with Status `provisioning` until its task ends
/// (`--task-duration`, `POST /_emulator/tasks/complete`), then `active`. A DisasterRecoveryVSwitchId
/// makes it a dual-tunnel gateway.
struct CreateVpnGateway: RPCOperation {
    static let bandwidths = [5, 10, 20, 50, 100, 200, 500, 1000]

    let descriptor = OperationDescriptor(
        name: "CreateVpnGateway", kind: .write,
        parameters: [
            .required("RegionId", .string),
            .optional("ClientToken", .clientToken),
            .required("VpcId", .string),
            .required("Bandwidth", .integerChoice(CreateVpnGateway.bandwidths)),
            .optional("VSwitchId", .string),
            .optional("DisasterRecoveryVSwitchId", .string),
            .optional("Name", .name),
            .optional("InstanceChargeType", .enumeration(["POSTPAY", "PREPAY"], caseInsensitive: true), default: "POSTPAY"),
            .optional("Period", .integerChoice(Array(1...9) + [12, 24, 36])),
            .optional("AutoPay", .boolean, default: "false"),
            .optional("EnableIpsec", .boolean, default: "true"),
            .optional("EnableSsl", .boolean, default: "false"),
            .optional("SslConnections", .integerChoice(CreateVpnGateway.bandwidths), default: "5"),
            .optional("NetworkType", .enumeration(["public", "private"], caseInsensitive: true), default: "public"),
            .optional("VpnType", .enumeration(["Normal", "NationalStandard"], caseInsensitive: true), default: "Normal"),
            .optional("ResourceGroupId", .string),
        ],
        throttlePerMinute: 60,
        errors: [
            ErrorCatalogue.subUserDenied, ErrorCatalogue.idempotenceMismatch, ErrorCatalogue.nameInvalid, ErrorCatalogue.vpcNotFound,
            ErrorCatalogue.vSwitchNotFound, ErrorCatalogue.vpcStatus, ErrorCatalogue.quotaFull, ErrorCatalogue.sslNotSupported,
            ErrorCatalogue.internalError,
        ],
        faultResourceParameters: OperationDescriptor.resourceIds)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        // Stage 13: the VPC in (account, region), its vSwitches.
        guard let vpc = try repository.vpc(id: input.string("VpcId")!), vpc.accountId == context.caller.accountId,
              vpc.regionId == context.regionId else { throw Rules.vpcNotFound.error() }
        let vSwitch = input.string("VSwitchId") ?? "", drVSwitch = input.string("DisasterRecoveryVSwitchId") ?? ""
        for id in [vSwitch, drVSwitch] where !id.isEmpty {
            guard try repository.vSwitchExists(id, vpcId: vpc.id) else { throw Rules.vSwitchNotFound.error() }
        }
        // Stage 15.
        guard vpc.status == "Available" else { throw Rules.vpcStatus.error() }
        let prepay = input.string("InstanceChargeType") == "PREPAY"
        if prepay, input.int("Period") == nil { throw Rules.paramMissing.error(name: "Period") }
        let id = try context.newId("vpn-", repository: repository)
        let bandwidth = input.int("Bandwidth")!
        var gateway = VPNGateway(id: id, accountId: context.caller.accountId, regionId: context.regionId, vpcId: vpc.id,
                                 vSwitchId: vSwitch, name: input.string("Name") ?? id, status: .active,
                                 spec: "\(bandwidth)M", chargeType: prepay ? "Prepay" : "PostpayByFlow",
                                 tunnelMode: drVSwitch.isEmpty ? .single : .dual, internetIp: context.resourceIds.address(),
                                 createTime: context.creationTime())
        gateway.disasterRecoveryVSwitchId = drVSwitch
        gateway.disasterRecoveryInternetIp = drVSwitch.isEmpty ? "" : context.resourceIds.address()
        gateway.enableIpsec = input.bool("EnableIpsec") ?? true
        gateway.enableSsl = input.bool("EnableSsl") ?? false
        gateway.sslConnections = input.int("SslConnections") ?? 5
        gateway.networkType = input.string("NetworkType") ?? "public"
        gateway.vpnType = input.string("VpnType") ?? "Normal"
        try repository.insertGateway(gateway)                                                                         // stage 17
        return OperationOutcome(body: [
            ("VpnGatewayId", .string(gateway.id)),
            ("Name", .string(gateway.name)),
            ("OrderId", .int(context.resourceIds.number(digits: 14))),
        ], task: (gateway.id, .vpnGateway), taskPendingState: GatewayStatus.provisioning.rawValue)
    }
}
