/// The IPsec settings of a connection and of its tunnels (API.md §4.12), as plain values. The
/// defaults are what DescribeVpnConnection shows for a connection that never set them (fixture
/// connections, API.md §13.5).

/// Phase 1 (IKE) negotiation.
public struct IkeConfig: Sendable, Equatable {
    public var authAlg = "sha1"
    public var encAlg = "aes"
    public var lifetime: Int64 = 86_400
    public var mode = "main"
    public var pfs = "group2"
    public var version = "ikev1"
    public var localId = ""
    public var psk = ""
    public var remoteId = ""
    public init() {}
}

/// Phase 2 (IPsec) negotiation.
public struct IpsecConfig: Sendable, Equatable {
    public var authAlg = "sha1"
    public var encAlg = "aes"
    public var lifetime: Int64 = 86_400
    public var pfs = "group2"
    public init() {}
}

/// BGP of a single-tunnel connection (`BgpConfig`) or of a tunnel (`TunnelBgpConfig`).
public struct BgpConfig: Sendable, Equatable {
    public var enableBgp = false
    /// The Alibaba Cloud side (45104 by default).
    public var localAsn: Int64 = 45_104
    public var tunnelCidr = ""
    public var localBgpIp = ""
    /// The customer gateway's ASN when the connection was made (0: none).
    public var peerAsn: Int64 = 0
    public var peerBgpIp = ""
    public var authKey = ""
    public init() {}
}

/// `HealthCheckConfig` / `VcoHealthCheck` of a single-tunnel connection.
public struct HealthCheckConfig: Sendable, Equatable {
    public var enable = false
    public var sip = ""
    public var dip = ""
    public var interval: Int64 = 3
    public var retry: Int64 = 3
    public var policy = "revoke_route"
    public init() {}
}

/// Everything CreateVpnConnection and ModifyVpnConnectionAttribute set on a connection besides
/// its name and subnets.
public struct ConnectionSettings: Sendable, Equatable {
    /// "" when none (dual-tunnel and transit connections).
    public var customerGatewayId = ""
    public var effectImmediately = false
    public var enableDpd = true
    public var enableNatTraversal = true
    public var enableTunnelsBgp = false
    public var autoConfigRoute = true
    public var ike = IkeConfig()
    public var ipsec = IpsecConfig()
    public var bgp = BgpConfig()
    public var healthCheck = HealthCheckConfig()
    public var remoteCaCertificate = ""
    public init() {}
}

/// One tunnel of a dual-tunnel connection (`TunnelOptionsSpecification.TunnelOptions[]`).
public struct VPNTunnel: Sendable, Equatable {
    public var id: String
    /// `master` or `slave`.
    public var role: String
    public var customerGatewayId: String
    public var enableDpd = true
    public var enableNatTraversal = true
    public var ike = IkeConfig()
    public var ipsec = IpsecConfig()
    public var bgp = BgpConfig()
    public var remoteCaCertificate = ""

    public init(id: String, role: String, customerGatewayId: String) {
        self.id = id; self.role = role; self.customerGatewayId = customerGatewayId
    }

    public static let roles = ["master", "slave"]
}
