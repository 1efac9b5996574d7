import EmulatorJSON
import VPNCore

// Decisions where FIXTURES.md leaves room (all static, checked at parse time):
// - `null` is accepted only where the contract names it (`sslVpn`); elsewhere an optional field
//   is either omitted or of its type.
// - Errors name the offending field (`vpnGateways[2].vpcID` for an unknown field,
//   `vpnGateways[2].vpcId` for a missing one); the first error in document order is reported.
// - Ids must be the prefix plus at least one character; references are prefix-checked too.
//   `vSwitchId` may be `""` (its default: no vSwitch).
// - Duplicates are errors for: regions, account ids, access key ids (across all accounts and
//   RAM users of the document), RAM user names within an account, VPC/vSwitch/gateway/connection
//   ids, tag keys of a gateway, identical VPC route entries, and route identities.
// - RAM policy patterns must be `*` or `service:action` (one colon, both sides non-empty), so
//   that a typo such as `vpc.Describe*` is not silently a pattern that never matches.
// - `sslVpn.maxConnections` may be omitted (default 5); `sslVpn.clientIpPool` is required.
// - Tag `value` may be omitted (`""`); `key` is required and non-empty.
// - `transitRouterId`/`cenId` on a VPNGW connection and `vpnGatewayId` on a CEN connection are
//   errors (they would be ignored otherwise). `quotas` is accepted on both kinds.
// - Connection `state` is an open set (FIXTURES.md: "also updating, attaching, ..."): any
//   non-empty string. `spec`, `chargeType`, `localSubnet`, `remoteSubnet`, `internetIp`,
//   `name`, `description` are free strings. vSwitch CIDRs need not lie inside the VPC CIDR.
// - Times must be non-negative integers (milliseconds).
extension FixtureDocument {
    static let rootFields = ["regions", "accounts", "vpcs", "vpnGateways", "customerGateways", "vpnConnections", "vpnRouteEntries",
                             "vcoRouteEntries"]

    /// Parses and statically checks a fixture file. A JSON syntax error is reported at path `""`
    /// with its byte offset.
    public static func parse(_ bytes: [UInt8]) throws(FixtureError) -> FixtureDocument {
        let root: JSONValue
        do { root = try JSONParser.parse(bytes) } catch {
            throw FixtureError(path: "", message: "invalid JSON: \(error.message) at byte \(error.offset)")
        }
        return try parse(root)
    }

    /// Statically checks an already parsed JSON document.
    public static func parse(_ root: JSONValue) throws(FixtureError) -> FixtureDocument {
        var parser = FixtureParser()
        return try parser.document(root)
    }
}

/// The state of one parse: what has been seen, for the duplicate checks.
private struct FixtureParser {
    var regions: Set<String> = []
    var accountIds: Set<String> = []
    var accessKeyIds: Set<String> = []
    var objectIds: Set<String> = []   // vpc-, vsw-, vpn-, cgw-, vco-, tun-: the prefixes keep the kinds apart
    var gatewayRoutes: Set<[String]> = []
    var connectionRoutes: Set<[String]> = []
    var defaultAccountPath: String?

    mutating func document(_ root: JSONValue) throws(FixtureError) -> FixtureDocument {
        let o = try FixtureObject(root, path: "", allowed: FixtureDocument.rootFields)
        var doc = FixtureDocument()
        for (i, v) in try o.array("regions").enumerated() {
            let path = FixtureObject.index(o.path("regions"), i)
            guard case let .string(region) = v else { throw FixtureObject.typeError(path, "a string", v) }
            guard !region.isEmpty else { throw FixtureError(path: path, message: "must not be empty") }
            guard regions.insert(region).inserted else { throw FixtureError(path: path, message: "duplicate region \"\(region)\"") }
            doc.regions.append(region)
        }
        for (i, v) in try o.array("accounts").enumerated() {
            doc.accounts.append(try account(v, path: FixtureObject.index(o.path("accounts"), i)))
        }
        for (i, v) in try o.array("vpcs").enumerated() {
            doc.vpcs.append(try vpc(v, path: FixtureObject.index(o.path("vpcs"), i)))
        }
        for (i, v) in try o.array("vpnGateways").enumerated() {
            doc.vpnGateways.append(try gateway(v, path: FixtureObject.index(o.path("vpnGateways"), i)))
        }
        for (i, v) in try o.array("customerGateways").enumerated() {
            doc.customerGateways.append(try customerGateway(v, path: FixtureObject.index(o.path("customerGateways"), i)))
        }
        for (i, v) in try o.array("vpnConnections").enumerated() {
            doc.vpnConnections.append(try connection(v, path: FixtureObject.index(o.path("vpnConnections"), i)))
        }
        for (i, v) in try o.array("vpnRouteEntries").enumerated() {
            doc.vpnRouteEntries.append(try vpnRouteEntry(v, path: FixtureObject.index(o.path("vpnRouteEntries"), i)))
        }
        for (i, v) in try o.array("vcoRouteEntries").enumerated() {
            doc.vcoRouteEntries.append(try vcoRouteEntry(v, path: FixtureObject.index(o.path("vcoRouteEntries"), i)))
        }
        return doc
    }

    // MARK: Accounts

    mutating func account(_ v: JSONValue, path: String) throws(FixtureError) -> FixtureDocument.Account {
        let o = try FixtureObject(v, path: path, allowed: ["id", "default", "accessKeys", "ramUsers"])
        let id = try o.accountId("id")
        guard accountIds.insert(id).inserted else { throw o.error("id", "duplicate id \"\(id)\"") }
        let isDefault = try o.bool("default")
        if isDefault == true {
            if let first = defaultAccountPath {
                throw o.error("default", "more than one default account (also \(first))")
            }
            defaultAccountPath = path
        }
        let keys = try accessKeys(o, "accessKeys")
        var users: [RAMUser] = []
        var names: Set<String> = []
        for (i, uv) in try o.array("ramUsers").enumerated() {
            let u = try FixtureObject(uv, path: FixtureObject.index(o.path("ramUsers"), i), allowed: ["name", "accessKeys", "policy"])
            let name = try u.nonEmptyString("name")
            guard names.insert(name).inserted else { throw u.error("name", "duplicate RAM user \"\(name)\"") }
            let userKeys = try accessKeys(u, "accessKeys")
            var policy = RAMPolicy()
            if let p = try u.object("policy", allowed: ["allow", "deny"]) {
                policy = RAMPolicy(allow: try patterns(p, "allow"), deny: try patterns(p, "deny"))
            }
            users.append(RAMUser(name: name, accessKeys: userKeys, policy: policy))
        }
        return FixtureDocument.Account(id: id, isDefault: isDefault, accessKeys: keys, ramUsers: users)
    }

    mutating func accessKeys(_ o: FixtureObject, _ key: String) throws(FixtureError) -> [AccessKey] {
        var keys: [AccessKey] = []
        for (i, kv) in try o.array(key).enumerated() {
            let k = try FixtureObject(kv, path: FixtureObject.index(o.path(key), i), allowed: ["id", "secret"])
            let id = try k.nonEmptyString("id")
            guard accessKeyIds.insert(id).inserted else { throw k.error("id", "duplicate access key id \"\(id)\"") }
            keys.append(AccessKey(id: id, secret: try k.nonEmptyString("secret")))
        }
        return keys
    }

    func patterns(_ o: FixtureObject, _ key: String) throws(FixtureError) -> [String] {
        let list = try o.strings(key)
        for (i, p) in list.enumerated() {
            let parts = p.split(separator: ":", omittingEmptySubsequences: false)
            guard p == "*" || (parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty) else {
                throw FixtureError(path: FixtureObject.index(o.path(key), i),
                                   message: "invalid policy pattern \"\(p)\" (expected \"vpc:Action\", wildcards *)")
            }
        }
        return list
    }

    // MARK: VPCs

    mutating func vpc(_ v: JSONValue, path: String) throws(FixtureError) -> VPC {
        let o = try FixtureObject(v, path: path, allowed: [
            "id", "account", "region", "cidrBlock", "status", "vSwitches", "routeTableQuota", "routeEntries",
            "publishedRouteEntries",
        ])
        let id = try newId(o, "id", prefix: "vpc-")
        let account = try o.accountId("account")
        let region = try o.nonEmptyString("region")
        let cidr = try o.requiredCidr("cidrBlock")
        let status = try o.enumeration("status", FixtureDocument.vpcStatuses, default: "Available") ?? "Available"
        var switches: [VSwitch] = []
        for (i, sv) in try o.array("vSwitches").enumerated() {
            let s = try FixtureObject(sv, path: FixtureObject.index(o.path("vSwitches"), i), allowed: ["id", "cidrBlock"])
            switches.append(VSwitch(id: try newId(s, "id", prefix: "vsw-"), cidrBlock: try s.requiredCidr("cidrBlock")))
        }
        let quota = try o.nonNegativeInt("routeTableQuota").map { Int($0) }
        let entries = try routeEntries(o, "routeEntries", rejectDuplicates: true)
        _ = try routeEntries(o, "publishedRouteEntries", rejectDuplicates: false)   // derived: checked, then ignored
        return VPC(id: id, accountId: account, regionId: region, cidrBlock: cidr, status: status,
                   vSwitches: switches, routeTableQuota: quota, routeEntries: entries)
    }

    func routeEntries(_ o: FixtureObject, _ key: String, rejectDuplicates: Bool) throws(FixtureError) -> [VPCRouteEntry] {
        var entries: [VPCRouteEntry] = []
        var seen = Set<VPCRouteEntry>()
        for (i, ev) in try o.array(key).enumerated() {
            let e = try FixtureObject(ev, path: FixtureObject.index(o.path(key), i),
                                      allowed: ["destinationCidrBlock", "nextHopType", "nextHopId"])
            let entry = VPCRouteEntry(destinationCidrBlock: try e.requiredCidr("destinationCidrBlock"),
                                      nextHopType: try e.required("nextHopType", try e.enumeration("nextHopType", VPCRouteEntry.nextHopTypes)),
                                      nextHopId: try e.nonEmptyString("nextHopId"))
            if !seen.insert(entry).inserted, rejectDuplicates {
                throw FixtureError(path: e.path, message: "duplicate route entry \"\(entry.destinationCidrBlock)\" → \(entry.nextHopType) \"\(entry.nextHopId)\"")
            }
            entries.append(entry)
        }
        return entries
    }

    // MARK: Gateways and connections

    mutating func gateway(_ v: JSONValue, path: String) throws(FixtureError) -> FixtureDocument.Gateway {
        let o = try FixtureObject(v, path: path, allowed: [
            "id", "account", "region", "vpcId", "vSwitchId", "name", "description", "status", "businessStatus", "spec",
            "chargeType", "tunnelMode", "enableBgp", "internetIp", "sslVpn", "quotas", "tags", "createTime",
            "disasterRecoveryVSwitchId", "disasterRecoveryInternetIp", "enableIpsec", "enableSsl", "sslConnections", "autoPropagate",
            "networkType", "vpnType",
        ])
        let id = try newId(o, "id", prefix: "vpn-")
        let account = try o.accountId("account")
        let region = try o.nonEmptyString("region")
        let vpcId = try o.requiredId("vpcId", prefix: "vpc-")
        var vSwitchId = ""
        if let s = try o.string("vSwitchId"), !s.isEmpty { vSwitchId = try o.requiredId("vSwitchId", prefix: "vsw-") }
        let status = GatewayStatus(rawValue: try o.enumeration("status", FixtureDocument.gatewayStatuses, default: "active") ?? "active") ?? .active
        let business = try businessStatus(o)
        let tunnel = TunnelMode(rawValue: try o.enumeration("tunnelMode", FixtureDocument.tunnelModes, default: "single") ?? "single") ?? .single
        var ssl: SSLVPNServer?
        if let sv = o.value("sslVpn"), !sv.isNull {
            let s = try FixtureObject(sv, path: o.path("sslVpn"), allowed: ["clientIpPool", "maxConnections"])
            ssl = SSLVPNServer(clientIpPool: try s.requiredCidr("clientIpPool"),
                               maxConnections: Int(try s.nonNegativeInt("maxConnections") ?? 5))
        }
        let (quota, connectionQuota) = try gatewayQuotas(o)
        let tags = try self.tags(o)
        var gateway = VPNGateway(
            id: id, accountId: account, regionId: region, vpcId: vpcId, vSwitchId: vSwitchId,
            name: try o.string("name") ?? "", description: try o.string("description") ?? "",
            status: status, businessStatus: business, spec: try o.string("spec") ?? "10M",
            chargeType: try o.string("chargeType") ?? "PostpayByFlow", tunnelMode: tunnel,
            enableBgp: try o.bool("enableBgp") ?? false, internetIp: try o.string("internetIp") ?? "",
            sslVpn: ssl, routeQuota: quota, tags: tags)
        gateway.connectionQuota = connectionQuota
        if o.has("disasterRecoveryVSwitchId"), try o.requiredString("disasterRecoveryVSwitchId") != "" {
            gateway.disasterRecoveryVSwitchId = try o.requiredId("disasterRecoveryVSwitchId", prefix: "vsw-")
        }
        gateway.disasterRecoveryInternetIp = try o.string("disasterRecoveryInternetIp") ?? ""
        gateway.enableIpsec = try o.bool("enableIpsec") ?? true
        gateway.enableSsl = try o.bool("enableSsl") ?? (ssl != nil)
        gateway.sslConnections = Int(try o.nonNegativeInt("sslConnections") ?? 5)
        gateway.autoPropagate = try o.bool("autoPropagate") ?? false
        gateway.networkType = try o.enumeration("networkType", FixtureDocument.networkTypes, default: "public") ?? "public"
        gateway.vpnType = try o.enumeration("vpnType", FixtureDocument.vpnTypes, default: "Normal") ?? "Normal"
        return FixtureDocument.Gateway(gateway, createTime: try o.nonNegativeInt("createTime"))
    }

    func businessStatus(_ o: FixtureObject) throws(FixtureError) -> BusinessStatus {
        BusinessStatus(rawValue: try o.enumeration("businessStatus", FixtureDocument.businessStatuses, default: "Normal") ?? "Normal") ?? .normal
    }

    func quotas(_ o: FixtureObject) throws(FixtureError) -> Int? {
        guard let q = try o.object("quotas", allowed: ["routeEntries"]) else { return nil }
        return try q.nonNegativeInt("routeEntries").map { Int($0) }
    }

    /// A gateway's `quotas`: `routeEntries` and (schema 4) `vpnConnections`.
    func gatewayQuotas(_ o: FixtureObject) throws(FixtureError) -> (routes: Int?, connections: Int?) {
        guard let q = try o.object("quotas", allowed: ["routeEntries", "vpnConnections"]) else { return (nil, nil) }
        return (try q.nonNegativeInt("routeEntries").map { Int($0) }, try q.nonNegativeInt("vpnConnections").map { Int($0) })
    }

    /// `tags[]` of a gateway, customer gateway or connection: keys unique and non-empty.
    func tags(_ o: FixtureObject) throws(FixtureError) -> [Tag] {
        var tags: [Tag] = []
        for (i, tv) in try o.array("tags").enumerated() {
            let t = try FixtureObject(tv, path: FixtureObject.index(o.path("tags"), i), allowed: ["key", "value"])
            let key = try t.nonEmptyString("key")
            guard !tags.contains(where: { $0.key == key }) else { throw t.error("key", "duplicate tag key \"\(key)\"") }
            tags.append(Tag(key: key, value: try t.string("value") ?? ""))
        }
        return tags
    }

    // MARK: Customer gateways

    mutating func customerGateway(_ v: JSONValue, path: String) throws(FixtureError) -> FixtureDocument.CustomerGatewayItem {
        let o = try FixtureObject(v, path: path, allowed: [
            "id", "account", "region", "ipAddress", "name", "description", "asn", "authKey", "tags", "createTime",
        ])
        let id = try newId(o, "id", prefix: "cgw-")
        let account = try o.accountId("account")
        let region = try o.nonEmptyString("region")
        let ip = try o.requiredString("ipAddress")
        guard ParameterRules.ipv4(ip) != nil else { throw o.error("ipAddress", "invalid IPv4 address \"\(ip)\"") }
        var asn: Int64?
        if let a = try o.int("asn") {
            guard (1...4_294_967_295).contains(a) else { throw o.error("asn", "must be 1 to 4294967295, got \(a)") }
            asn = a
        }
        let gateway = CustomerGateway(id: id, accountId: account, regionId: region, ipAddress: ip, name: try o.string("name") ?? "",
                                      description: try o.string("description") ?? "", asn: asn, authKey: try o.string("authKey") ?? "",
                                      tags: try tags(o))
        return FixtureDocument.CustomerGatewayItem(gateway, createTime: try o.nonNegativeInt("createTime"))
    }

    mutating func connection(_ v: JSONValue, path: String) throws(FixtureError) -> FixtureDocument.Connection {
        let o = try FixtureObject(v, path: path, allowed: [
            "id", "account", "region", "attachType", "vpnGatewayId", "transitRouterId", "cenId", "state",
            "businessStatus", "name", "localSubnet", "remoteSubnet", "quotas", "createTime",
            "customerGatewayId", "tunnels", "tags",
        ] + ConnectionSettingsJSON.connectionKeys)
        let id = try newId(o, "id", prefix: "vco-")
        let account = try o.accountId("account")
        let region = try o.nonEmptyString("region")
        let attach = AttachType(rawValue: try o.required("attachType", try o.enumeration("attachType", FixtureDocument.attachTypes))) ?? .vpnGateway
        var gatewayId: String?, transitRouterId: String?, cenId: String?
        switch attach {
        case .vpnGateway:
            gatewayId = try o.requiredId("vpnGatewayId", prefix: "vpn-")
            for key in ["transitRouterId", "cenId"] where o.has(key) {
                throw o.error(key, "only allowed with attachType CEN")
            }
        case .cen:
            if o.has("vpnGatewayId") { throw o.error("vpnGatewayId", "only allowed with attachType VPNGW") }
            transitRouterId = try o.requiredId("transitRouterId", prefix: "tr-")
            cenId = try o.requiredId("cenId", prefix: "cen-")
        }
        var state: ConnectionState?
        if o.has("state") { state = ConnectionState(rawValue: try o.nonEmptyString("state")) }
        let connection = VPNConnection(
            id: id, accountId: account, regionId: region, attachType: attach, vpnGatewayId: gatewayId,
            transitRouterId: transitRouterId, cenId: cenId, state: state,
            businessStatus: try businessStatus(o),
            name: try o.string("name") ?? "", localSubnet: try o.string("localSubnet") ?? "",
            remoteSubnet: try o.string("remoteSubnet") ?? "", routeQuota: try quotas(o))
        var c = connection
        c.settings = try ConnectionSettingsJSON.settings(o)
        if o.has("customerGatewayId") {
            guard attach == .vpnGateway else { throw o.error("customerGatewayId", "only allowed with attachType VPNGW") }
            c.settings.customerGatewayId = try o.requiredId("customerGatewayId", prefix: "cgw-")
        }
        for (i, tv) in try o.array("tunnels").enumerated() {
            guard attach == .vpnGateway else { throw o.error("tunnels", "only allowed with attachType VPNGW") }
            let t = try FixtureObject(tv, path: FixtureObject.index(o.path("tunnels"), i),
                                      allowed: ["id", "role", "customerGatewayId"] + ConnectionSettingsJSON.tunnelKeys)
            let role = try t.required("role", try t.enumeration("role", VPNTunnel.roles))
            guard !c.tunnels.contains(where: { $0.role == role }) else { throw t.error("role", "duplicate tunnel role \"\(role)\"") }
            var tunnel = VPNTunnel(id: try newId(t, "id", prefix: "tun-"), role: role,
                                   customerGatewayId: try t.requiredId("customerGatewayId", prefix: "cgw-"))
            try ConnectionSettingsJSON.tunnelSettings(t, into: &tunnel)
            c.tunnels.append(tunnel)
        }
        c.tunnels.sort { $0.role == "master" && $1.role != "master" }
        c.tags = try tags(o)
        return FixtureDocument.Connection(c, createTime: try o.nonNegativeInt("createTime"))
    }

    // MARK: Routes

    mutating func vpnRouteEntry(_ v: JSONValue, path: String) throws(FixtureError) -> FixtureDocument.VPNRouteEntry {
        let o = try FixtureObject(v, path: path, allowed: [
            "vpnGatewayId", "routeDest", "nextHop", "weight", "publishVpc", "description", "createTime",
        ])
        let gatewayId = try o.requiredId("vpnGatewayId", prefix: "vpn-")
        let dest = try o.requiredCidr("routeDest")
        let nextHop = try o.requiredId("nextHop", prefix: "vco-")
        let weight = try weight(o)
        guard gatewayRoutes.insert([gatewayId, dest, nextHop]).inserted else {
            throw FixtureError(path: path, message: "duplicate route \"\(dest)\" via \"\(nextHop)\" on VPN gateway \"\(gatewayId)\"")
        }
        let route = GatewayRoute(vpnGatewayId: gatewayId, routeDest: dest, nextHop: nextHop, weight: weight,
                                 publishVpc: try o.bool("publishVpc") ?? false, description: try o.string("description") ?? "")
        return FixtureDocument.VPNRouteEntry(route, createTime: try o.nonNegativeInt("createTime"))
    }

    mutating func vcoRouteEntry(_ v: JSONValue, path: String) throws(FixtureError) -> FixtureDocument.VcoRouteEntry {
        let o = try FixtureObject(v, path: path, allowed: ["vpnConnectionId", "routeDest", "weight", "description", "createTime"])
        let connectionId = try o.requiredId("vpnConnectionId", prefix: "vco-")
        let dest = try o.requiredCidr("routeDest")
        let weight = try weight(o)
        guard connectionRoutes.insert([connectionId, dest]).inserted else {
            throw FixtureError(path: path, message: "duplicate route \"\(dest)\" on VPN connection \"\(connectionId)\"")
        }
        let route = ConnectionRoute(vpnConnectionId: connectionId, routeDest: dest, weight: weight,
                                    description: try o.string("description") ?? "")
        return FixtureDocument.VcoRouteEntry(route, createTime: try o.nonNegativeInt("createTime"))
    }

    func weight(_ o: FixtureObject) throws(FixtureError) -> Int {
        let w = try o.required("weight", try o.int("weight"))
        guard FixtureDocument.routeWeights.contains(Int(w)) else { throw o.error("weight", "weight must be 0 or 100, got \(w)") }
        return Int(w)
    }

    // MARK: Ids

    /// A required id with `prefix`, not seen before in this document.
    mutating func newId(_ o: FixtureObject, _ key: String, prefix: String) throws(FixtureError) -> String {
        let id = try o.requiredId(key, prefix: prefix)
        guard objectIds.insert(id).inserted else { throw o.error(key, "duplicate id \"\(id)\"") }
        return id
    }
}
