import EmulatorStore
import VPNCore

/// API.md §13.5: either kind of connection.
struct DescribeVpnConnection: RPCOperation {
    let descriptor = OperationDescriptor(
        name: "DescribeVpnConnection", kind: .read,
        parameters: [
            .required("RegionId", .string),
            .required("VpnConnectionId", .string),
        ],
        throttlePerMinute: 600,
        errors: [ErrorCatalogue.subUserDenied, ErrorCatalogue.connectionNotFound, ErrorCatalogue.internalError],
        faultResourceParameters: OperationDescriptor.vpnResourceIds)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        guard let c = try repository.connection(id: input.string("VpnConnectionId")!, accountId: context.caller.accountId, regionId: context.regionId)
        else { throw Rules.connectionNotFound.error() }
        let current = ResourceStateRules.connectionState(stored: c.state, task: try repository.task(resourceId: c.id), now: context.now)
        let state: ConnectionState = c.businessStatus == .financialLocked ? .financialLocked : current
        let established = [ConnectionState.active, .attached, .updating].contains(state)
        let transit = c.attachType == .cen
        return OperationOutcome(body: [
            ("VpnConnectionId", .string(c.id)),
            ("VpnGatewayId", .string(transit ? "" : c.vpnGatewayId ?? "")),
            ("CustomerGatewayId", .string("")),
            ("Name", .string(c.name)),
            ("LocalSubnet", .string(c.localSubnet)),
            ("RemoteSubnet", .string(c.remoteSubnet)),
            ("CreateTime", .int(c.createTime)),
            ("EffectImmediately", .bool(false)),
            ("EnableDpd", .bool(true)),
            ("EnableNatTraversal", .bool(true)),
            ("EnableTunnelsBgp", .bool(false)),
            ("Status", .string(established ? "ipsec_sa_established" : "ike_sa_not_established")),
            ("State", .string(state.rawValue)),
            ("Spec", .string("")),
            ("TunnelBandwidth", .string("")),
            ("NetworkType", .string("public")),
            ("AttachType", .string(c.attachType.rawValue)),
            ("AttachInstanceId", .string(transit ? c.cenId ?? "" : "")),
            ("TransitRouterId", .string(transit ? c.transitRouterId ?? "" : "")),
            ("TransitRouterName", .string("")),
            ("CrossAccountAuthorized", .bool(false)),
            ("InternetIp", .string("")),
            ("ZoneNo", .string("")),
            ("ResourceGroupId", .string("")),
            ("RemoteCaCertificate", .string("")),
            ("IkeConfig", .object([("IkeAuthAlg", .string("sha1")), ("IkeEncAlg", .string("aes")), ("IkeLifetime", .int(86400)),
                                   ("IkeMode", .string("main")), ("IkePfs", .string("group2")), ("IkeVersion", .string("ikev1")),
                                   ("LocalId", .string("")), ("Psk", .string("")), ("RemoteId", .string(""))])),
            ("IpsecConfig", .object([("IpsecAuthAlg", .string("sha1")), ("IpsecEncAlg", .string("aes")),
                                     ("IpsecLifetime", .int(86400)), ("IpsecPfs", .string("group2"))])),
            ("VpnBgpConfig", .object([("EnableBgp", .string("false")), ("LocalAsn", .int(45104)), ("PeerAsn", .int(0)),
                                      ("LocalBgpIp", .string("")), ("PeerBgpIp", .string("")), ("TunnelCidr", .string("")),
                                      ("AuthKey", .string("")), ("Status", .string(""))])),
            ("VcoHealthCheck", .object([("Enable", .string("false")), ("Sip", .string("")), ("Dip", .string("")),
                                        ("Interval", .int(3)), ("Retry", .int(3)), ("Policy", .string("revoke_route")),
                                        ("Status", .string(""))])),
            ("Tags", .object([("Tag", .array([]))])),
            ("TunnelOptionsSpecification", .object([("TunnelOptions", .array([]))])),
        ])
    }
}
