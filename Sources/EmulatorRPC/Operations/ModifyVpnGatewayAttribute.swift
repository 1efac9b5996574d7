import EmulatorStore
import VPNCore

/// API.md §13.23: Name, Description, AutoPropagate. A change puts the gateway in `updating` for the
/// task (Terraform waits for `active` after it); an unchanged gateway starts no task.
struct ModifyVpnGatewayAttribute: RPCOperation {
    let descriptor = OperationDescriptor(
        name: "ModifyVpnGatewayAttribute", kind: .write,
        parameters: [
            .required("RegionId", .string),
            .optional("ClientToken", .clientToken),
            .required("VpnGatewayId", .string),
            .optional("Name", .name),
            .optional("Description", .resourceDescription),
            .optional("AutoPropagate", .boolean),
        ],
        throttlePerMinute: 120,
        errors: CatalogueGroups.gatewayWrite + [ErrorCatalogue.nameInvalid, ErrorCatalogue.descriptionInvalid, ErrorCatalogue.internalError],
        faultResourceParameters: OperationDescriptor.resourceIds)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        var g = try ResourceSteps.writableGateway(input, repository: repository, context: context)                      // 13–14
        let name = input.string("Name") ?? g.name, description = input.string("Description") ?? g.description
        let autoPropagate = input.bool("AutoPropagate") ?? g.autoPropagate
        let changed = (name, description, autoPropagate) != (g.name, g.description, g.autoPropagate)
        if changed { try repository.updateGatewayAttributes(id: g.id, name: name, description: description, autoPropagate: autoPropagate) }
        g.name = name; g.description = description; g.autoPropagate = autoPropagate
        let status: GatewayStatus = changed && context.settings.taskDurationMs > 0 ? .updating : .active
        return OperationOutcome(body: [
            ("VpnGatewayId", .string(g.id)),
            ("VpcId", .string(g.vpcId)),
            ("VSwitchId", .string(g.vSwitchId)),
            ("InternetIp", .string(g.internetIp)),
            ("IntranetIp", .string("")),
            ("CreateTime", .int(g.createTime)),
            ("EndTime", .int(GatewayRendering.endTime(g))),
            ("Spec", .string(g.spec)),
            ("Name", .string(g.name)),
            ("Description", .string(g.description)),
            ("Status", .string(status.rawValue)),
            ("BusinessStatus", .string(g.businessStatus.rawValue)),
            ("EnableBgp", .bool(g.enableBgp)),
            ("AutoPropagate", .bool(g.autoPropagate)),
            ("DisasterRecoveryInternetIp", .string(g.disasterRecoveryInternetIp)),
            ("DisasterRecoveryVSwitchId", .string(g.disasterRecoveryVSwitchId)),
            ("SslVpnInternetIp", .string(g.sslEnabled ? g.internetIp : "")),
            ("ResourceGroupId", .string("")),
        ], task: changed ? (g.id, .vpnGateway) : nil)
    }
}
