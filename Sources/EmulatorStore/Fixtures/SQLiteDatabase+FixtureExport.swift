import VPNCore

/// The state dump of GET /_emulator/state: the whole database in the fixture format, every field
/// written (defaults and `createTime` included), so that parsing and applying it on an empty
/// database gives the same dump.
///
/// - Gateway `status` and connection `state` are the stored values, not the `updating` a pending
///   task shows; tasks and ClientTokens are not part of the format.
/// - `routeTableQuota` and `quotas.routeEntries` are written only when set (absent: the start-up
///   default applies); `quotas` itself is always written, `{}` when nothing is set.
/// - VPC `routeEntries` holds only the stored (fixture) entries. The entries derived from
///   published routes are added as `publishedRouteEntries`, an informational field that loading
///   ignores (API.md §1 "Persistence": they are derived again from the routes).
extension SQLiteDatabase {
    public func exportState() throws -> JSONValue {
        var vpcs: [JSONValue] = []
        for v in try self.vpcs() {
            var fields: [(String, JSONValue)] = [
                ("id", .string(v.id)), ("account", .string(v.accountId)), ("region", .string(v.regionId)),
                ("cidrBlock", .string(v.cidrBlock)), ("status", .string(v.status)),
                ("vSwitches", .array(v.vSwitches.map { .object([("id", .string($0.id)), ("cidrBlock", .string($0.cidrBlock))]) })),
            ]
            if let quota = v.routeTableQuota { fields.append(("routeTableQuota", .int(Int64(quota)))) }
            let published = VPCRouteTable.publishedEntries(fixtureEntries: v.routeEntries, publishedRoutes: try publishedRoutes(vpcId: v.id))
            fields.append(("routeEntries", .array(v.routeEntries.map(Self.fixtureJSON))))
            fields.append(("publishedRouteEntries", .array(published.map(Self.fixtureJSON))))
            vpcs.append(.object(fields))
        }
        return .object([
            ("regions", .array(try regions().map(JSONValue.string))),
            ("accounts", .array(try accounts().map(Self.fixtureJSON))),
            ("vpcs", .array(vpcs)),
            ("vpnGateways", .array(try allGateways().map(Self.fixtureJSON))),
            ("vpnConnections", .array(try allConnections().map(Self.fixtureJSON))),
            ("vpnRouteEntries", .array(try allGatewayRoutes().map(Self.fixtureJSON))),
            ("vcoRouteEntries", .array(try allConnectionRoutes().map(Self.fixtureJSON))),
        ])
    }

    static func fixtureJSON(_ keys: [AccessKey]) -> JSONValue {
        .array(keys.map { .object([("id", .string($0.id)), ("secret", .string($0.secret))]) })
    }

    static func fixtureJSON(_ a: Account) -> JSONValue {
        .object([
            ("id", .string(a.id)), ("default", .bool(a.isDefault)), ("accessKeys", fixtureJSON(a.accessKeys)),
            ("ramUsers", .array(a.ramUsers.map { u in
                .object([
                    ("name", .string(u.name)), ("accessKeys", fixtureJSON(u.accessKeys)),
                    ("policy", .object([("allow", .array(u.policy.allow.map(JSONValue.string))),
                                        ("deny", .array(u.policy.deny.map(JSONValue.string)))])),
                ])
            })),
        ])
    }

    static func fixtureJSON(_ e: VPCRouteEntry) -> JSONValue {
        .object([("destinationCidrBlock", .string(e.destinationCidrBlock)), ("nextHopType", .string(e.nextHopType)),
                 ("nextHopId", .string(e.nextHopId))])
    }

    static func quotasJSON(_ routeQuota: Int?) -> JSONValue {
        .object(routeQuota.map { [("routeEntries", .int(Int64($0)))] } ?? [])
    }

    static func fixtureJSON(_ g: VPNGateway) -> JSONValue {
        .object([
            ("id", .string(g.id)), ("account", .string(g.accountId)), ("region", .string(g.regionId)),
            ("vpcId", .string(g.vpcId)), ("vSwitchId", .string(g.vSwitchId)), ("name", .string(g.name)),
            ("description", .string(g.description)), ("status", .string(g.status)),
            ("businessStatus", .string(g.businessStatus)), ("spec", .string(g.spec)), ("chargeType", .string(g.chargeType)),
            ("tunnelMode", .string(g.tunnelMode.rawValue)), ("enableBgp", .bool(g.enableBgp)),
            ("internetIp", .string(g.internetIp)),
            ("sslVpn", g.sslVpn.map { .object([("clientIpPool", .string($0.clientIpPool)),
                                               ("maxConnections", .int(Int64($0.maxConnections)))]) } ?? .null),
            ("quotas", quotasJSON(g.routeQuota)),
            ("tags", .array(g.tags.map { .object([("key", .string($0.key)), ("value", .string($0.value))]) })),
            ("createTime", .int(g.createTime)),
        ])
    }

    static func fixtureJSON(_ c: VPNConnection) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("id", .string(c.id)), ("account", .string(c.accountId)), ("region", .string(c.regionId)),
            ("attachType", .string(c.attachType.rawValue)),
        ]
        switch c.attachType {
        case .vpnGateway:
            fields.append(("vpnGatewayId", .string(c.vpnGatewayId ?? "")))
        case .cen:
            fields.append(("transitRouterId", .string(c.transitRouterId ?? "")))
            fields.append(("cenId", .string(c.cenId ?? "")))
        }
        fields += [
            ("state", .string(c.state)), ("businessStatus", .string(c.businessStatus)), ("name", .string(c.name)),
            ("localSubnet", .string(c.localSubnet)), ("remoteSubnet", .string(c.remoteSubnet)),
            ("quotas", quotasJSON(c.routeQuota)), ("createTime", .int(c.createTime)),
        ]
        return .object(fields)
    }

    static func fixtureJSON(_ r: GatewayRoute) -> JSONValue {
        .object([
            ("vpnGatewayId", .string(r.vpnGatewayId)), ("routeDest", .string(r.routeDest)), ("nextHop", .string(r.nextHop)),
            ("weight", .int(Int64(r.weight))), ("publishVpc", .bool(r.publishVpc)), ("description", .string(r.description)),
            ("createTime", .int(r.createTime)),
        ])
    }

    static func fixtureJSON(_ r: ConnectionRoute) -> JSONValue {
        .object([
            ("vpnConnectionId", .string(r.vpnConnectionId)), ("routeDest", .string(r.routeDest)),
            ("weight", .int(Int64(r.weight))), ("description", .string(r.description)), ("createTime", .int(r.createTime)),
        ])
    }
}
