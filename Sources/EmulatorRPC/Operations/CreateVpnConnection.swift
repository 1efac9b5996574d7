import EmulatorStore
import VPNCore

/// API.md §13.18: a single-tunnel connection (CustomerGatewayId and the JSON settings) on a
/// single-tunnel gateway, a dual-tunnel one (TunnelOptionsSpecification) on a dual-tunnel gateway.
/// The connection is listed at once with State `active`; the gateway is `updating` for the task.
struct CreateVpnConnection: RPCOperation {
    let descriptor = OperationDescriptor(
        name: "CreateVpnConnection", kind: .write,
        parameters: [
            .required("RegionId", .string),
            .optional("ClientToken", .clientToken),
            .required("VpnGatewayId", .string),
            .optional("CustomerGatewayId", .string),
            .required("LocalSubnet", .subnets),
            .required("RemoteSubnet", .subnets),
            .optional("Name", .name, default: ""),
            .optional("EffectImmediately", .boolean, default: "false"),
            .optional("IkeConfig", .config(.ike)),
            .optional("IpsecConfig", .config(.ipsec)),
            .optional("HealthCheckConfig", .config(.healthCheck)),
            .optional("BgpConfig", .config(.bgp)),
            .optional("EnableDpd", .boolean, default: "true"),
            .optional("EnableNatTraversal", .boolean, default: "true"),
            .optional("RemoteCaCertificate", .certificate),
            .optional("AutoConfigRoute", .boolean, default: "true"),
            .optional("EnableTunnelsBgp", .boolean, default: "false"),
            .optional("TunnelOptionsSpecification", .tunnels(create: true)),
            ResourceSteps.creationTags,
            .optional("DryRun", .boolean, default: "false"),
        ],
        throttlePerMinute: 60,
        errors: CatalogueGroups.gatewayWrite + [
            ErrorCatalogue.nameInvalid, ErrorCatalogue.customerGatewayNotFound, ErrorCatalogue.connectionAlreadyExists,
            ErrorCatalogue.quotaFull, ErrorCatalogue.vpnTaskConflict, ErrorCatalogue.connectionConfiguring, ErrorCatalogue.dryRun,
            ErrorCatalogue.internalError,
        ],
        faultResourceParameters: OperationDescriptor.resourceIds)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        let gateway = try ResourceSteps.writableGateway(id: input.string("VpnGatewayId")!, repository: repository, context: context)   // 13–14
        let tunnelsSent = input.tunnels()
        let customerGatewayId = input.string("CustomerGatewayId")
        // Stage 15, in §13.18's order.
        try ResourceRules.checkTunnelLayout(tunnelMode: gateway.tunnelMode, customerGatewayId: customerGatewayId, tunnelCount: tunnelsSent.count)
        var settings = ConnectionSettings()
        var tunnels: [VPNTunnel] = []
        switch gateway.tunnelMode {
        case .single:
            let peer = try ResourceSteps.customerGateway(customerGatewayId!, repository: repository, context: context)
            try ResourceRules.checkConnectionNew(exists: try repository.connectionExists(gatewayId: gateway.id, customerGatewayId: peer.id))
            settings.customerGatewayId = peer.id
            settings.ike = ConnectionSteps.ikeDefaults(localAddress: gateway.internetIp, remoteAddress: peer.ipAddress, context: context)
            settings.bgp.peerAsn = peer.asn ?? 0
            settings = try ConnectionSteps.settings(input, onto: settings)
        case .dual:
            for sent in tunnelsSent {
                let peer = try ResourceSteps.customerGateway(sent.customerGatewayId!, repository: repository, context: context)
                var tunnel = VPNTunnel(id: "", role: sent.role!, customerGatewayId: peer.id)
                let local = sent.role == "master" ? gateway.internetIp : gateway.disasterRecoveryInternetIp
                tunnel.ike = ConnectionSteps.ikeDefaults(localAddress: local, remoteAddress: peer.ipAddress, context: context)
                tunnel.bgp.peerAsn = peer.asn ?? 0
                tunnels.append(try ConnectionSteps.tunnel(sent, onto: tunnel))
            }
            tunnels.sort { $0.role == "master" && $1.role != "master" }
            settings.enableTunnelsBgp = input.bool("EnableTunnelsBgp") ?? false
            settings.effectImmediately = input.bool("EffectImmediately") ?? false
            settings.autoConfigRoute = input.bool("AutoConfigRoute") ?? true
        }
        try ResourceRules.checkConnectionQuota(count: gateway.connectionCount,
                                               quota: gateway.connectionQuota ?? VPNGateway.defaultConnectionQuota)
        if input.bool("DryRun") == true { throw Rules.dryRunPassed.error() }                                          // stage 16
        var connection = VPNConnection(id: try context.newId("vco-", repository: repository), accountId: context.caller.accountId,
                                       regionId: context.regionId, attachType: .vpnGateway, vpnGatewayId: gateway.id,
                                       name: input.string("Name") ?? "", localSubnet: input.string("LocalSubnet")!,
                                       remoteSubnet: input.string("RemoteSubnet")!, createTime: context.creationTime())
        connection.settings = settings
        for i in tunnels.indices { tunnels[i].id = try context.newId("tun-", repository: repository) }
        connection.tunnels = tunnels
        connection.tags = input.tagPairs("Tags")
        try repository.insertConnection(connection)                                                                    // stage 17
        return OperationOutcome(body: [
            ("VpnConnectionId", .string(connection.id)),
            ("Name", .string(connection.name)),
            ("CreateTime", .int(connection.createTime)),
        ], task: (gateway.id, .vpnGateway))
    }
}
