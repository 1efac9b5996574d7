/// The resources of API.md §1, as plain values. Times are milliseconds since the epoch.

public struct AccessKey: Sendable, Equatable {
    public var id: String
    public var secret: String
    public init(id: String, secret: String) { self.id = id; self.secret = secret }
}

public struct RAMPolicy: Sendable, Equatable {
    public var allow: [String]
    public var deny: [String]
    public init(allow: [String] = [], deny: [String] = []) { self.allow = allow; self.deny = deny }
}

public struct RAMUser: Sendable, Equatable {
    public var name: String
    public var accessKeys: [AccessKey]
    public var policy: RAMPolicy
    public init(name: String, accessKeys: [AccessKey] = [], policy: RAMPolicy = RAMPolicy()) {
        self.name = name; self.accessKeys = accessKeys; self.policy = policy
    }
}

public struct Account: Sendable, Equatable {
    public var id: String
    public var isDefault: Bool
    public var accessKeys: [AccessKey]
    public var ramUsers: [RAMUser]
    public init(id: String, isDefault: Bool = false, accessKeys: [AccessKey] = [], ramUsers: [RAMUser] = []) {
        self.id = id; self.isDefault = isDefault; self.accessKeys = accessKeys; self.ramUsers = ramUsers
    }
}

/// Who is calling: the account that scopes every lookup and, for a RAM user, its name and policy.
public struct Caller: Sendable, Equatable {
    public var accountId: String
    public var accessKeyId: String
    public var ramUser: RAMUser?
    public init(accountId: String, accessKeyId: String, ramUser: RAMUser? = nil) {
        self.accountId = accountId; self.accessKeyId = accessKeyId; self.ramUser = ramUser
    }
}

public struct VSwitch: Sendable, Equatable {
    public var id: String
    public var cidrBlock: String
    public init(id: String, cidrBlock: String) { self.id = id; self.cidrBlock = cidrBlock }
}

/// An entry of a VPC system route table.
public struct VPCRouteEntry: Sendable, Hashable {
    public var destinationCidrBlock: String
    public var nextHopType: String
    public var nextHopId: String
    public init(destinationCidrBlock: String, nextHopType: String, nextHopId: String) {
        self.destinationCidrBlock = destinationCidrBlock; self.nextHopType = nextHopType; self.nextHopId = nextHopId
    }
    public static let nextHopTypes = ["Instance", "HaVip", "NetworkInterface", "RouterInterface",
                                      "VpnGateway", "NatGateway", "IPv4Gateway", "Attachment"]
}

public struct VPC: Sendable, Equatable {
    public var id: String
    public var accountId: String
    public var regionId: String
    public var cidrBlock: String
    public var status: String
    public var vSwitches: [VSwitch]
    /// nil: the start-up default (`--quota-vpc-routes`).
    public var routeTableQuota: Int?
    /// Entries declared by fixtures. Entries made by publishing routes are derived from the routes.
    public var routeEntries: [VPCRouteEntry]
    public init(id: String, accountId: String, regionId: String, cidrBlock: String, status: String = "Available",
                vSwitches: [VSwitch] = [], routeTableQuota: Int? = nil, routeEntries: [VPCRouteEntry] = []) {
        self.id = id; self.accountId = accountId; self.regionId = regionId; self.cidrBlock = cidrBlock
        self.status = status; self.vSwitches = vSwitches; self.routeTableQuota = routeTableQuota
        self.routeEntries = routeEntries
    }
}

public struct SSLVPNServer: Sendable, Equatable {
    public var clientIpPool: String
    public var maxConnections: Int
    public init(clientIpPool: String, maxConnections: Int) { self.clientIpPool = clientIpPool; self.maxConnections = maxConnections }
}

/// The resource types that carry tags (TagResources `ResourceType`, matched without regard to case:
/// the API documents `VpnGateWay`, `VPNCONNECTION`, `CUSTOMERGATEWAY`).
public enum TagResourceType: String, Sendable, CaseIterable {
    case vpnGateway = "VPNGATEWAY"
    case vpnConnection = "VPNCONNECTION"
    case customerGateway = "CUSTOMERGATEWAY"
}

public struct Tag: Sendable, Equatable {
    public var key: String
    public var value: String
    public init(key: String, value: String) { self.key = key; self.value = value }
}

public enum TunnelMode: String, Sendable, CaseIterable { case single, dual }

/// A gateway's stored `Status` (API.md §6.1; the values FIXTURES.md allows). The status a caller
/// sees is `updating` while a task runs (`ResourceStateRules.gatewayStatus`).
public enum GatewayStatus: String, Sendable, CaseIterable {
    case initial = "init", provisioning, active, updating, deleting
}

/// `BusinessStatus` of gateways and connections.
public enum BusinessStatus: String, Sendable, CaseIterable {
    case normal = "Normal", financialLocked = "FinancialLocked"
}

/// A connection's `State`. The set is open (FIXTURES.md: a fixture may give any state, such as
/// `attaching`), so this wraps the text and names the values the rules look at.
public struct ConnectionState: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let active = ConnectionState(rawValue: "active")
    public static let attached = ConnectionState(rawValue: "attached")
    public static let updating = ConnectionState(rawValue: "updating")
    public static let financialLocked = ConnectionState(rawValue: "financialLocked")
    public var description: String { rawValue }
}

/// The kind of resource an async task runs on (stored in `tasks.resource_kind`).
public enum ResourceKind: String, Sendable, CaseIterable {
    case vpnGateway = "gateway"
    case vpnConnection = "connection"
}

public struct VPNGateway: Sendable, Equatable {
    public var id: String
    public var accountId: String
    public var regionId: String
    public var vpcId: String
    public var vSwitchId: String
    public var name: String
    public var description: String
    /// The status as stored (fixture value); `ResourceStateRules.gatewayStatus` gives the one shown.
    public var status: GatewayStatus
    public var businessStatus: BusinessStatus
    public var spec: String
    public var chargeType: String
    public var tunnelMode: TunnelMode
    public var enableBgp: Bool
    public var internetIp: String
    public var sslVpn: SSLVPNServer?
    /// nil: the start-up default (`--quota-gateway-routes`).
    public var routeQuota: Int?
    public var tags: [Tag]
    public var createTime: Int64
    /// How many routes the gateway's table holds (a counter the store keeps; quota checks read it).
    public var routeCount: Int = 0
    /// How many gateway-bound connections it has (a counter the store keeps, schema 4).
    public var connectionCount: Int = 0
    /// The attributes CreateVpnGateway sets (API.md §13.22); fixture gateways take the defaults.
    public var disasterRecoveryVSwitchId: String = ""
    public var disasterRecoveryInternetIp: String = ""
    public var enableIpsec: Bool = true
    /// The SSL-VPN feature is on (a gateway with an SSL server always has it on).
    public var enableSsl: Bool = false
    /// SslConnections of CreateVpnGateway (shown when there is no SSL server to take it from).
    public var sslConnections: Int = 5
    public var autoPropagate: Bool = false
    public var networkType: String = "public"
    public var vpnType: String = "Normal"
    /// IPsec connections allowed on the gateway; nil: the default (10).
    public var connectionQuota: Int?

    public static let defaultConnectionQuota = 10

    public init(id: String, accountId: String, regionId: String, vpcId: String, vSwitchId: String = "",
                name: String = "", description: String = "", status: GatewayStatus = .active,
                businessStatus: BusinessStatus = .normal, spec: String = "10M", chargeType: String = "PostpayByFlow",
                tunnelMode: TunnelMode = .single, enableBgp: Bool = false, internetIp: String = "",
                sslVpn: SSLVPNServer? = nil, routeQuota: Int? = nil, tags: [Tag] = [], createTime: Int64 = 0) {
        self.id = id; self.accountId = accountId; self.regionId = regionId; self.vpcId = vpcId
        self.vSwitchId = vSwitchId; self.name = name; self.description = description; self.status = status
        self.businessStatus = businessStatus; self.spec = spec; self.chargeType = chargeType
        self.tunnelMode = tunnelMode; self.enableBgp = enableBgp; self.internetIp = internetIp
        self.sslVpn = sslVpn; self.routeQuota = routeQuota; self.tags = tags; self.createTime = createTime
        self.enableSsl = sslVpn != nil
    }

    /// `SslVpn` as DescribeVpnGateway shows it.
    public var sslEnabled: Bool { enableSsl || sslVpn != nil }
    /// `SslMaxConnections`: the SSL server's, else SslConnections when the feature is on.
    public var sslMaxConnections: Int { sslVpn?.maxConnections ?? (enableSsl ? sslConnections : 0) }
}

public enum AttachType: String, Sendable { case vpnGateway = "VPNGW", cen = "CEN" }

public struct VPNConnection: Sendable, Equatable {
    public var id: String
    public var accountId: String
    public var regionId: String
    public var attachType: AttachType
    public var vpnGatewayId: String?
    public var transitRouterId: String?
    public var cenId: String?
    /// The state as stored; an active task shows as `updating` (`ResourceStateRules.connectionState`).
    public var state: ConnectionState
    public var businessStatus: BusinessStatus
    public var name: String
    public var localSubnet: String
    public var remoteSubnet: String
    public var routeQuota: Int?
    public var createTime: Int64
    /// How many routes a transit connection holds (a counter the store keeps).
    public var routeCount: Int = 0
    /// The IPsec settings and customer gateway (schema 4; fixture connections without them show
    /// the defaults).
    public var settings = ConnectionSettings()
    /// The two tunnels of a dual-tunnel connection (master first); empty for single-tunnel ones.
    public var tunnels: [VPNTunnel] = []
    public var tags: [Tag] = []

    public init(id: String, accountId: String, regionId: String, attachType: AttachType,
                vpnGatewayId: String? = nil, transitRouterId: String? = nil, cenId: String? = nil,
                state: ConnectionState? = nil, businessStatus: BusinessStatus = .normal, name: String = "",
                localSubnet: String = "", remoteSubnet: String = "", routeQuota: Int? = nil, createTime: Int64 = 0) {
        self.id = id; self.accountId = accountId; self.regionId = regionId; self.attachType = attachType
        self.vpnGatewayId = vpnGatewayId; self.transitRouterId = transitRouterId; self.cenId = cenId
        self.state = state ?? (attachType == .cen ? .attached : .active)
        self.businessStatus = businessStatus; self.name = name; self.localSubnet = localSubnet
        self.remoteSubnet = remoteSubnet; self.routeQuota = routeQuota; self.createTime = createTime
    }
}

/// A customer gateway (`cgw-…`, API.md §13.13): the on-premises end of IPsec connections.
public struct CustomerGateway: Sendable, Equatable {
    public var id: String
    public var accountId: String
    public var regionId: String
    public var ipAddress: String
    public var name: String
    public var description: String
    /// nil: not set (DescribeCustomerGateway then has no `Asn`).
    public var asn: Int64?
    public var authKey: String
    public var tags: [Tag]
    public var createTime: Int64

    public init(id: String, accountId: String, regionId: String, ipAddress: String, name: String = "", description: String = "",
                asn: Int64? = nil, authKey: String = "", tags: [Tag] = [], createTime: Int64 = 0) {
        self.id = id; self.accountId = accountId; self.regionId = regionId; self.ipAddress = ipAddress; self.name = name
        self.description = description; self.asn = asn; self.authKey = authKey; self.tags = tags; self.createTime = createTime
    }
}

/// A destination-based route of a gateway; identity (gateway, routeDest, nextHop).
public struct GatewayRoute: Sendable, Equatable {
    public var vpnGatewayId: String
    public var routeDest: String
    public var nextHop: String
    public var weight: Int
    public var publishVpc: Bool
    public var description: String
    public var createTime: Int64
    public init(vpnGatewayId: String, routeDest: String, nextHop: String, weight: Int, publishVpc: Bool = false,
                description: String = "", createTime: Int64 = 0) {
        self.vpnGatewayId = vpnGatewayId; self.routeDest = routeDest; self.nextHop = nextHop; self.weight = weight
        self.publishVpc = publishVpc; self.description = description; self.createTime = createTime
    }
    /// `published` when published to the VPC, else `normal` (API.md §5.8).
    public var state: String { publishVpc ? "published" : "normal" }
}

/// A route of a transit connection; identity (connection, routeDest); the next hop is the connection.
public struct ConnectionRoute: Sendable, Equatable {
    public var vpnConnectionId: String
    public var routeDest: String
    public var weight: Int
    public var description: String
    public var createTime: Int64
    public init(vpnConnectionId: String, routeDest: String, weight: Int, description: String = "", createTime: Int64 = 0) {
        self.vpnConnectionId = vpnConnectionId; self.routeDest = routeDest; self.weight = weight
        self.description = description; self.createTime = createTime
    }
}

/// An async task on a gateway or transit connection (API.md §6.3). The resource shows
/// `updating` while `now < endsAt`; the row stays afterwards so the cooldown can be checked.
public struct ResourceTask: Sendable, Equatable {
    public var resourceId: String
    public var action: String
    public var endsAt: Int64
    /// The status the resource shows while the task runs: `updating` for a change,
    /// `provisioning` for a gateway being created (API.md §6.4).
    public var pendingState: String
    public init(resourceId: String, action: String, endsAt: Int64, pendingState: String = "updating") {
        self.resourceId = resourceId; self.action = action; self.endsAt = endsAt; self.pendingState = pendingState
    }
    public func isPending(at now: Int64) -> Bool { now < endsAt }
}
