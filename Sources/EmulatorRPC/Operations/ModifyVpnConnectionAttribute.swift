import EmulatorJSON
import EmulatorStore
import VPNCore

/// API.md §13.19: what the call sends is applied onto the connection; a change puts its gateway in
/// `updating` for the task (documented), an unchanged connection starts no task.
struct ModifyVpnConnectionAttribute: RPCOperation {
    let descriptor = OperationDescriptor(
        name: "ModifyVpnConnectionAttribute", kind: .write,
        parameters: [
            .required("RegionId", .string),
            .optional("ClientToken", .clientToken),
            .required("VpnConnectionId", .string),
            .optional("Name", .name),
            .optional("LocalSubnet", .subnets),
            .optional("RemoteSubnet", .subnets),
            .optional("EffectImmediately", .boolean),
            .optional("AutoConfigRoute", .boolean),
            .optional("IkeConfig", .config(.ike)),
            .optional("IpsecConfig", .config(.ipsec)),
            .optional("HealthCheckConfig", .config(.healthCheck)),
            .optional("BgpConfig", .config(.bgp)),
            .optional("EnableDpd", .boolean),
            .optional("EnableNatTraversal", .boolean),
            .optional("RemoteCaCertificate", .certificate),
            .optional("EnableTunnelsBgp", .boolean),
            .optional("TunnelOptionsSpecification", .tunnels(create: false)),
        ],
        throttlePerMinute: 120,
        errors: CatalogueGroups.gatewayWrite + [
            ErrorCatalogue.connectionNotFound, ErrorCatalogue.nameInvalid, ErrorCatalogue.customerGatewayNotFound,
            ErrorCatalogue.vpnTaskConflict, ErrorCatalogue.connectionConfiguring, ErrorCatalogue.internalError,
        ],
        faultResourceParameters: OperationDescriptor.resourceIds)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        let found = try ResourceSteps.gatewayBoundConnection(input, repository: repository, context: context)     // stage 13
        let gateway = try ResourceSteps.writableGateway(id: found.vpnGatewayId ?? "", repository: repository, context: context)  // 14
        let before = try repository.withDetails(found)
        var c = before
        c.name = input.string("Name") ?? c.name
        c.localSubnet = input.string("LocalSubnet") ?? c.localSubnet
        c.remoteSubnet = input.string("RemoteSubnet") ?? c.remoteSubnet
        let sent = input.tunnels()
        // Stage 15: single-tunnel connections take the JSON settings, dual-tunnel ones the tunnels.
        if c.tunnels.isEmpty {
            if !sent.isEmpty { throw Rules.connectionTunnelsNotSupported.error(name: "TunnelOptionsSpecification") }
            c.settings = try ConnectionSteps.settings(input, onto: c.settings)
        } else {
            c.settings.enableTunnelsBgp = input.bool("EnableTunnelsBgp") ?? c.settings.enableTunnelsBgp
            c.settings.effectImmediately = input.bool("EffectImmediately") ?? c.settings.effectImmediately
            c.settings.autoConfigRoute = input.bool("AutoConfigRoute") ?? c.settings.autoConfigRoute
            for t in sent {
                guard let i = c.tunnels.firstIndex(where: { tunnel in t.tunnelId.map { tunnel.id == $0 } ?? (tunnel.role == t.role) }) else {
                    throw Rules.paramTunnel.error(name: t.parameter + (t.tunnelId != nil ? ".TunnelId" : ".Role"))
                }
                if let cgw = t.customerGatewayId, cgw != c.tunnels[i].customerGatewayId {
                    // API.md §4.12: PeerAsn is the customer gateway's, and RemoteId left at the
                    // old peer's address follows the new one (a RemoteId sent still wins).
                    let peer = try ResourceSteps.customerGateway(cgw, repository: repository, context: context)
                    let old = try repository.customerGateway(id: c.tunnels[i].customerGatewayId, accountId: context.caller.accountId,
                                                             regionId: context.regionId)
                    if c.tunnels[i].ike.remoteId == old?.ipAddress { c.tunnels[i].ike.remoteId = peer.ipAddress }
                    c.tunnels[i].bgp.peerAsn = peer.asn ?? 0
                }
                c.tunnels[i] = try ConnectionSteps.tunnel(t, onto: c.tunnels[i])
            }
        }
        let changed = c != before
        if changed { try repository.updateConnection(c) }                                                             // stage 17
        let s = c.settings
        return OperationOutcome(body: [
            ("VpnConnectionId", .string(c.id)),
            ("CustomerGatewayId", .string(s.customerGatewayId)),
            ("VpnGatewayId", .string(gateway.id)),
            ("Name", .string(c.name)),
            ("Description", .string("")),
            ("LocalSubnet", .string(c.localSubnet)),
            ("RemoteSubnet", .string(c.remoteSubnet)),
            ("CreateTime", .int(c.createTime)),
            ("EffectImmediately", .bool(s.effectImmediately)),
            ("EnableDpd", .bool(s.enableDpd)),
            ("EnableNatTraversal", .bool(s.enableNatTraversal)),
            ("EnableTunnelsBgp", .bool(s.enableTunnelsBgp)),
            ("ResourceGroupId", .string("")),
            ("IkeConfig", ResourceRendering.ike(s.ike, textNumbers: false)),
            ("IpsecConfig", ResourceRendering.ipsec(s.ipsec, textNumbers: false)),
            ("VpnBgpConfig", ResourceRendering.vpnBgp(s.bgp)),
            ("VcoHealthCheck", ResourceRendering.healthCheck(s.healthCheck)),
            ("TunnelOptionsSpecification", .object([("TunnelOptions", .array(c.tunnels.enumerated().map { i, t in
                ResourceRendering.tunnel(t, index: i, connection: c, state: "active", status: "", textScalars: false)
            }))])),
        ], task: changed ? (gateway.id, .vpnGateway) : nil)
    }
}
