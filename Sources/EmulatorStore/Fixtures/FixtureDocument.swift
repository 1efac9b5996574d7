import VPNCore

/// A fixture file (FIXTURES.md), parsed and statically checked: every value has its type, every
/// id its prefix, every CIDR parses, no unknown field and no duplicate. References between
/// objects are resolved only when the document is applied to a database
/// (`SQLiteDatabase.apply(_:now:)`), because they may point to objects loaded earlier.
///
/// Objects that carry a creation time keep it as `createTime: Int64?` (nil: omitted, the load
/// time is used); `resolved(now:)` gives the model to store.
public struct FixtureDocument: Sendable, Equatable {
    public var regions: [String]
    public var accounts: [Account]
    /// `publishedRouteEntries` (a derived field of state dumps) is accepted and ignored.
    public var vpcs: [VPC]
    public var vpnGateways: [Gateway]
    /// `customerGateways[]` (schema 4): loaded before the connections that use them.
    public var customerGateways: [CustomerGatewayItem]
    public var vpnConnections: [Connection]
    public var vpnRouteEntries: [VPNRouteEntry]
    public var vcoRouteEntries: [VcoRouteEntry]

    public init(regions: [String] = [], accounts: [Account] = [], vpcs: [VPC] = [], vpnGateways: [Gateway] = [],
                customerGateways: [CustomerGatewayItem] = [], vpnConnections: [Connection] = [],
                vpnRouteEntries: [VPNRouteEntry] = [], vcoRouteEntries: [VcoRouteEntry] = []) {
        self.regions = regions; self.accounts = accounts; self.vpcs = vpcs; self.vpnGateways = vpnGateways
        self.customerGateways = customerGateways
        self.vpnConnections = vpnConnections; self.vpnRouteEntries = vpnRouteEntries
        self.vcoRouteEntries = vcoRouteEntries
    }

    public struct Account: Sendable, Equatable {
        public var id: String
        /// nil when `default` is omitted: a new account is not flagged, an existing one keeps its flag.
        public var isDefault: Bool?
        public var accessKeys: [AccessKey]
        public var ramUsers: [RAMUser]
        public init(id: String, isDefault: Bool? = nil, accessKeys: [AccessKey] = [], ramUsers: [RAMUser] = []) {
            self.id = id; self.isDefault = isDefault; self.accessKeys = accessKeys; self.ramUsers = ramUsers
        }
    }

    public struct Gateway: Sendable, Equatable {
        /// The gateway; its `createTime` is ignored in favour of `createTime` below.
        public var gateway: VPNGateway
        public var createTime: Int64?
        public init(_ gateway: VPNGateway, createTime: Int64? = nil) { self.gateway = gateway; self.createTime = createTime }
        public func resolved(now: Int64) -> VPNGateway {
            var g = gateway
            g.createTime = createTime ?? now
            return g
        }
    }

    /// `customerGateways[]`: a customer gateway.
    public struct CustomerGatewayItem: Sendable, Equatable {
        /// The customer gateway; its `createTime` is ignored in favour of `createTime` below.
        public var customerGateway: CustomerGateway
        public var createTime: Int64?
        public init(_ customerGateway: CustomerGateway, createTime: Int64? = nil) {
            self.customerGateway = customerGateway; self.createTime = createTime
        }
        public func resolved(now: Int64) -> CustomerGateway {
            var c = customerGateway
            c.createTime = createTime ?? now
            return c
        }
    }

    public struct Connection: Sendable, Equatable {
        /// The connection; its `createTime` is ignored in favour of `createTime` below.
        public var connection: VPNConnection
        public var createTime: Int64?
        public init(_ connection: VPNConnection, createTime: Int64? = nil) { self.connection = connection; self.createTime = createTime }
        public func resolved(now: Int64) -> VPNConnection {
            var c = connection
            c.createTime = createTime ?? now
            return c
        }
    }

    /// `vpnRouteEntries[]`: a destination-based route of a gateway.
    public struct VPNRouteEntry: Sendable, Equatable {
        public var route: GatewayRoute
        public var createTime: Int64?
        public init(_ route: GatewayRoute, createTime: Int64? = nil) { self.route = route; self.createTime = createTime }
        public func resolved(now: Int64) -> GatewayRoute {
            var r = route
            r.createTime = createTime ?? now
            return r
        }
    }

    /// `vcoRouteEntries[]`: a route of a transit (CEN) connection.
    public struct VcoRouteEntry: Sendable, Equatable {
        public var route: ConnectionRoute
        public var createTime: Int64?
        public init(_ route: ConnectionRoute, createTime: Int64? = nil) { self.route = route; self.createTime = createTime }
        public func resolved(now: Int64) -> ConnectionRoute {
            var r = route
            r.createTime = createTime ?? now
            return r
        }
    }

    // MARK: Value sets of FIXTURES.md

    public static let vpcStatuses = ["Available", "Pending"]
    public static let gatewayStatuses = GatewayStatus.allCases.map(\.rawValue)
    public static let businessStatuses = BusinessStatus.allCases.map(\.rawValue)
    public static let tunnelModes = TunnelMode.allCases.map(\.rawValue)
    public static let attachTypes = ["VPNGW", "CEN"]
    public static let networkTypes = ["public", "private"]
    public static let vpnTypes = ["Normal", "NationalStandard"]
    public static let routeWeights = [0, 100]
}
