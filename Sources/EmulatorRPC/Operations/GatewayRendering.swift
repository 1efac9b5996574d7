import EmulatorJSON
import VPNCore

/// The gateway object of DescribeVpnGateway / DescribeVpnGateways (API.md §13.3), keys in order.
enum GatewayRendering {
    static let endTimeNoExpiry: Int64 = 4_102_415_999_000
    static let prepayTermMs: Int64 = 31_536_000_000

    static func endTime(_ g: VPNGateway) -> Int64 {
        g.chargeType == "Prepay" ? OperationPipeline.later(g.createTime, prepayTermMs) : endTimeNoExpiry
    }

    static func fields(_ g: VPNGateway, status: GatewayStatus, includeReservationData: Bool) -> [(String, JSONValue)] {
        let ssl = g.sslEnabled
        let tag = "{\"VpnEnableBgp\":\"\(g.enableBgp)\",\"VisuallySsl\":\"\(ssl)\",\"PbrPriority\":\"true\",\"VpnNewImage\":\"true\",\"VpnVersion\":\"v1.2.4\"}"
        var out: [(String, JSONValue)] = [
            ("VpnGatewayId", .string(g.id)),
            ("VpcId", .string(g.vpcId)),
            ("VSwitchId", .string(g.vSwitchId)),
            ("InternetIp", .string(g.internetIp)),
            ("DisasterRecoveryInternetIp", .string(g.disasterRecoveryInternetIp)),
            ("DisasterRecoveryVSwitchId", .string(g.disasterRecoveryVSwitchId)),
            ("SslVpnInternetIp", .string(ssl ? g.internetIp : "")),
            ("IpsecVpn", .string(g.enableIpsec ? "enable" : "disable")),
            ("SslVpn", .string(ssl ? "enable" : "disable")),
            ("SslMaxConnections", .int(Int64(g.sslMaxConnections))),
            ("Spec", .string(g.spec)),
            ("Name", .string(g.name)),
            ("Description", .string(g.description)),
            ("Status", .string(status.rawValue)),
            ("BusinessStatus", .string(g.businessStatus.rawValue)),
            ("ChargeType", .string(g.chargeType)),
            ("CreateTime", .int(g.createTime)),
            ("EndTime", .int(endTime(g))),
            ("EnableBgp", .bool(g.enableBgp)),
            ("AutoPropagate", .bool(g.autoPropagate)),
            ("NetworkType", .string(g.networkType)),
            ("VpnType", .string(g.vpnType)),
            ("GatewayType", .string("Traditional")),
            ("ResourceGroupId", .string("")),
            ("Tag", .string(tag)),
            ("Tags", .object([("Tag", .array(g.tags.map { .object([("Key", .string($0.key)), ("Value", .string($0.value))]) }))])),
        ]
        if includeReservationData { out.append(("ReservationData", .object([]))) }
        out.append(("EniInstanceIds", .object([("EniInstanceId", .array([]))])))
        return out
    }
}
