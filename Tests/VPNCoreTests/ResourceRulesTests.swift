import Testing
@testable import VPNCore

/// The rules of the resource operations (API.md §4.8–§4.13, §13.13–§13.27) on plain values, and
/// their family of API.md §14: every rule with its documented code, status and message.
@Suite struct ResourceCatalogueTests {
    /// Rule ids of the resource family (excluded from the gateway family's reverse check).
    static let prefixes = ["name.", "description.", "customer-gateway.", "gateway.delete.", "tag.", "vpc.not-found", "vswitch.not-found",
                           "quota.gateway-connections", "param.asn", "param.auth-key", "param.subnet", "param.config", "param.tunnel",
                           "param.list", "param.next-token"]

    static let family: [Documented] = [
        Documented("name.format", "InvalidName", 400, "The name is not valid"),
        Documented("description.format", "InvalidDescription", 400, "The description is not valid"),
        Documented("customer-gateway.ip.format", "InvalidIpAddress.WrongFormat", 400, "Specified IpAddress is invalid."),
        .invalidParameter("param.asn", "<Name>"), .invalidParameter("param.auth-key", "<Name>"),
        .invalidParameter("param.subnet", "<Name>"), .invalidParameter("param.config", "<Name>"),
        .invalidParameter("param.tunnel", "<Name>"), .invalidParameter("param.list", "<Name>"),
        .invalidParameter("param.tag-key", "<Name>"), .invalidParameter("param.tag-value", "<Name>"),
        .invalidParameter("param.next-token", "<Name>"), .invalidParameter("tag.list.no-filter", "<Name>"),
        .invalidParameter("connection.tunnels.single-tunnel", "<Name>"),
        Documented("tag.resource-type", "InvalidResourceType.NotFound", 400, "The specified resource type is not supported."),
        Documented("customer-gateway.not-found", "InvalidCustomerGatewayInstanceId.NotFound", 404,
                   "The specified customer gateway instance id does not exist."),
        Documented("connection.not-gateway-bound", "InvalidVpnConnectionInstanceId.NotFound", 404,
                   "The specified vpn connection instance id does not exist."),
        Documented("vpc.not-found", "InvalidVpcId.NotFound", 404, "The specified VPC does not exist."),
        Documented("vswitch.not-found", "InvalidVSwitchId.NotFound", 404, "The specified vSwitch does not exist."),
        Documented("tag.resource.not-found", "InvalidResourceId.NotFound", 404, "The specified resource does not exist."),
        Documented("customer-gateway.ip.duplicate", "InvalidIpAddress.AlreadyExist", 400, "Specified IpAddress is already exist."),
        Documented("customer-gateway.in-use", "DependencyViolation.VpnConnection", 400,
                   "There are vpn connections on specified customer gateway not deleted."),
        Documented("gateway.delete.connections", "DependencyViolation.VpnConnection", 400,
                   "There are vpn connections on specified customer gateway not deleted."),
        Documented("gateway.delete.ssl-server", "DependencyViolation.SslVpnServer", 400,
                   "There is SSL VPN server on specified vpn gateway not deleted."),
        Documented("connection.delete.next-hop", "DependencyViolation.VpnRouteEntry", 400,
                   "There are vpn route entries using the specified vpn connection as next hop not deleted."),
        Documented("connection.customer-gateway.required", "MissingCustomerGatewayId", 400, "CustomerGatewayId is mandatory for this action."),
        Documented("connection.tunnels.required", "MissingTunnelOptionsSpecification", 400,
                   "TunnelOptionsSpecification is mandatory for this action."),
        Documented("connection.duplicate", "InvalidVpnConnection.AlreadyExists", 400, "Vpn connection already exists."),
        Documented("quota.gateway-connections", "Resource.QuotaFull", 400, "The quota of resource is full"),
        Documented("tag.quota", "SizeLimitExceeded.TagNum", 400, "The maximum number of tags is exceeded."),
    ]

    @Test(arguments: family)
    func ruleIsInRulesAllAsDocumented(d: Documented) {
        let candidates = Rules.all.filter { $0.id == d.id }
        #expect(!candidates.isEmpty, "\(d.id) missing from Rules.all")
        #expect(candidates.contains { $0.code == d.code && $0.httpStatus == d.status && $0.message == d.message },
                "\(d.id): \(candidates.map { "\($0.code) \($0.httpStatus) \($0.message)" })")
    }

    /// Every rule of the family's id space is listed above (its connection rules are named one by one:
    /// the `connection.` space is shared with the transit connections' rules).
    @Test func noUndocumentedResourceRule() {
        let documented = Set(Self.family.map(\.id))
        let connectionRules = ["connection.not-gateway-bound", "connection.delete.", "connection.customer-gateway.", "connection.tunnels.",
                               "connection.duplicate"]
        for rule in Rules.all where rule.id != "param.tag" && (Self.prefixes + connectionRules).contains(where: { rule.id.hasPrefix($0) }) {
            #expect(documented.contains(rule.id), "\(rule.id) is in Rules.all but not in the resource family of API.md §14")
        }
    }
}

@Suite struct ResourceParameterRulesTests {
    static func missingName(_ id: String, _ name: String) -> Documented { .invalidParameter(id, name) }
    static let nameFormat = ResourceCatalogueTests.family[0], descriptionFormat = ResourceCatalogueTests.family[1]
    static let ipFormat = ResourceCatalogueTests.family[2]

    @Test func nameAndDescription() {
        expectPass { () throws(RuleError) in try ParameterRules.name("terraform-example") }
        expectPass { () throws(RuleError) in try ParameterRules.name(String(repeating: "n", count: 100)) }
        expectPass { () throws(RuleError) in try ParameterRules.name("名字") }
        expectRule(Self.nameFormat) { () throws(RuleError) in try ParameterRules.name(String(repeating: "n", count: 101)) }
        expectRule(Self.nameFormat) { () throws(RuleError) in try ParameterRules.name("HTTPS://x") }
        expectRule(Self.nameFormat) { () throws(RuleError) in try ParameterRules.name("http://x") }
        expectPass { () throws(RuleError) in try ParameterRules.resourceDescription("a description, with http:// inside") }
        expectRule(Self.descriptionFormat) { () throws(RuleError) in try ParameterRules.resourceDescription("https://x") }
        expectRule(Self.descriptionFormat) { () throws(RuleError) in try ParameterRules.resourceDescription(String(repeating: "d", count: 101)) }
    }

    @Test(arguments: ["2.2.2.5", "116.62.222.1", "0.0.0.0", "100.63.255.255", "100.128.0.0", "223.255.255.255", "254.255.255.255"])
    func customerGatewayAddressAccepted(ip: String) {
        expectPass { () throws(RuleError) in try ParameterRules.customerGatewayAddress(ip) }
    }

    @Test(arguments: ["100.64.0.1", "100.127.255.255", "127.0.0.1", "169.254.1.1", "224.0.0.1", "239.255.255.255", "255.1.2.3",
                      "1.2.3", "1.2.3.4/32", "01.2.3.4", "1.2.3.256", " 1.2.3.4", "abc", "2001:db8::1"])
    func customerGatewayAddressRefused(ip: String) {
        expectRule(Self.ipFormat, "\(ip)") { () throws(RuleError) in try ParameterRules.customerGatewayAddress(ip) }
    }

    @Test func asn() {
        #expect(expectPass { () throws(RuleError) in try ParameterRules.asn("2224", name: "Asn") } == 2224)
        #expect(expectPass { () throws(RuleError) in try ParameterRules.asn("123.456", name: "Asn") } == 8_061_384)
        #expect(expectPass { () throws(RuleError) in try ParameterRules.asn("4294967295", name: "Asn") } == 4_294_967_295)
        #expect(expectPass { () throws(RuleError) in try ParameterRules.asn("65535.65535", name: "Asn") } == 4_294_967_295)
        #expect(expectPass { () throws(RuleError) in try ParameterRules.asn("45104", name: "LocalAsn", allowAlibaba: true) } == 45_104)
        for bad in ["0", "4294967296", "45104", "-1", "1.2.3", "65536.0", "a", "", "0.0", "1e3"] {
            expectRule(Self.missingName("param.asn", "Asn"), "\(bad)") { () throws(RuleError) in try ParameterRules.asn(bad, name: "Asn") }
        }
    }

    @Test func authKey() {
        expectPass { () throws(RuleError) in try ParameterRules.authKey("key-1!", name: "AuthKey") }
        expectPass { () throws(RuleError) in try ParameterRules.authKey(String(repeating: "k", count: 64), name: "AuthKey") }
        for bad in [String(repeating: "k", count: 65), "with space", "why?", "ключ", ""] {
            expectRule(Self.missingName("param.auth-key", "AuthKey"), "\(bad)") { () throws(RuleError) in try ParameterRules.authKey(bad, name: "AuthKey") }
        }
    }

    @Test func subnets() {
        #expect(expectPass { () throws(RuleError) in try ParameterRules.subnets("10.0.0.0/24,10.0.1.0/24", name: "RemoteSubnet") }?.count == 2)
        #expect(expectPass { () throws(RuleError) in try ParameterRules.subnets("0.0.0.0/0", name: "LocalSubnet") }?.count == 1)
        let blocks = (0..<51).map { "10.0.\($0).0/24" }
        #expect(expectPass { () throws(RuleError) in try ParameterRules.subnets(blocks.prefix(50).joined(separator: ","), name: "LocalSubnet") }?.count == 50)
        for bad in ["10.0.0.0/24,", ",10.0.0.0/24", "10.0.0.0/24, 10.0.1.0/24", "10.0.0.1/24", "10.0.0.0", "", blocks.joined(separator: ",")] {
            expectRule(Self.missingName("param.subnet", "LocalSubnet"), "\(bad)") { () throws(RuleError) in try ParameterRules.subnets(bad, name: "LocalSubnet") }
        }
    }

    @Test func certificates() {
        expectPass { () throws(RuleError) in try ParameterRules.certificate(String(repeating: "A", count: 16_384), name: "RemoteCaCertificate") }
        expectRule(Self.missingName("param.config", "RemoteCaCertificate")) { () throws(RuleError) in
            try ParameterRules.certificate(String(repeating: "A", count: 16_385), name: "RemoteCaCertificate")
        }
    }

    @Test func tags() {
        expectPass { () throws(RuleError) in try ParameterRules.tagKey("Created", name: "Tag.1.Key", max: 128) }
        expectPass { () throws(RuleError) in try ParameterRules.tagKey(String(repeating: "k", count: 64), name: "Tags.1.Key", max: 64) }
        expectRule(Self.missingName("param.tag-key", "Tags.1.Key")) { () throws(RuleError) in try ParameterRules.tagKey(String(repeating: "k", count: 65), name: "Tags.1.Key", max: 64) }
        for bad in ["", "aliyun-x", "ACS:x", "a http://b", "https://"] {
            expectRule(Self.missingName("param.tag-key", "Tag.2.Key"), "\(bad)") { () throws(RuleError) in try ParameterRules.tagKey(bad, name: "Tag.2.Key", max: 128) }
        }
        expectPass { () throws(RuleError) in try ParameterRules.tagValue("", name: "Tag.1.Value") }
        expectPass { () throws(RuleError) in try ParameterRules.tagValue(String(repeating: "v", count: 128), name: "Tag.1.Value") }
        for bad in [String(repeating: "v", count: 129), "aliyunv", "acs:v", "see https://x"] {
            expectRule(Self.missingName("param.tag-value", "Tag.1.Value"), "\(bad)") { () throws(RuleError) in try ParameterRules.tagValue(bad, name: "Tag.1.Value") }
        }
    }

    @Test func resourceType() {
        #expect(expectPass { () throws(RuleError) in try ParameterRules.tagResourceType("VpnGateWay") } == .vpnGateway)
        #expect(expectPass { () throws(RuleError) in try ParameterRules.tagResourceType("vpnconnection") } == .vpnConnection)
        #expect(expectPass { () throws(RuleError) in try ParameterRules.tagResourceType("CUSTOMERGATEWAY") } == .customerGateway)
        for bad in ["VPC", "EIP", "VpnGateway ", ""] {
            expectRule(ResourceCatalogueTests.family[14], "\(bad)") { () throws(RuleError) in try ParameterRules.tagResourceType(bad) }
        }
    }
}

@Suite struct ConnectionSettingRulesTests {
    static func invalid(_ name: String) -> Documented { .invalidParameter("param.config", name) }

    @Test func ikeMembersApplyOntoTheBase() {
        let ike = expectPass { () throws(RuleError) in
            try ConnectionSettingRules.ike([("IkeAuthAlg", "MD5"), ("IkeEncAlg", "aes256"), ("IkeLifetime", "3600"), ("IkeMode", "aggressive"),
                                            ("IkePfs", "group14"), ("IkeVersion", "ikev2"), ("LocalId", "localid_tunnel2"),
                                            ("Psk", "12345678"), ("RemoteId", "remote2"), ("Unknown", "ignored")],
                                           onto: IkeConfig(), parameter: "IkeConfig")
        }
        #expect(ike?.authAlg == "md5" && ike?.encAlg == "aes256" && ike?.lifetime == 3600 && ike?.mode == "aggressive")
        #expect(ike?.pfs == "group14" && ike?.version == "ikev2" && ike?.localId == "localid_tunnel2" && ike?.psk == "12345678")
        // Only the members sent change.
        var base = IkeConfig(); base.psk = "keep"
        #expect(expectPass { () throws(RuleError) in try ConnectionSettingRules.ike([("IkeVersion", "ikev2")], onto: base, parameter: "IkeConfig") }?.psk == "keep")
    }

    @Test(arguments: [("IkeAuthAlg", "sha3"), ("IkeEncAlg", "aes128"), ("IkeLifetime", "86401"), ("IkeLifetime", "-1"),
                      ("IkeLifetime", "1.5"), ("IkeMode", "quick"), ("IkePfs", "group3"), ("IkeVersion", "ikev3"),
                      ("LocalId", "has space"), ("RemoteId", String(repeating: "r", count: 101)), ("Psk", ""), ("Psk", "a b"),
                      ("Psk", String(repeating: "p", count: 101))])
    func ikeMemberRefused(member: String, value: String) {
        expectRule(Self.invalid("IkeConfig.\(member)")) { () throws(RuleError) in try ConnectionSettingRules.ike([(member, value)], onto: IkeConfig(), parameter: "IkeConfig") }
    }

    @Test func ipsec() {
        let c = expectPass { () throws(RuleError) in
            try ConnectionSettingRules.ipsec([("IpsecAuthAlg", "md5"), ("IpsecEncAlg", "aes256"), ("IpsecLifetime", "16400"), ("IpsecPfs", "disabled")],
                                             onto: IpsecConfig(), parameter: "TunnelOptionsSpecification.1.TunnelIpsecConfig")
        }
        #expect(c?.lifetime == 16400 && c?.pfs == "disabled" && c?.encAlg == "aes256")
        expectRule(Self.invalid("IpsecConfig.IpsecPfs")) { () throws(RuleError) in try ConnectionSettingRules.ipsec([("IpsecPfs", "group3")], onto: IpsecConfig(), parameter: "IpsecConfig") }
        expectRule(Self.invalid("IpsecConfig.IpsecLifetime")) { () throws(RuleError) in try ConnectionSettingRules.ipsec([("IpsecLifetime", "x")], onto: IpsecConfig(), parameter: "IpsecConfig") }
    }

    @Test func bgp() {
        let c = expectPass { () throws(RuleError) in
            try ConnectionSettingRules.bgp([("EnableBgp", "true"), ("LocalAsn", "1219002"), ("TunnelCidr", "169.254.30.0/30"),
                                            ("LocalBgpIp", "169.254.30.1")], onto: BgpConfig(), parameter: "BgpConfig")
        }
        #expect(c == { var b = BgpConfig(); b.enableBgp = true; b.localAsn = 1_219_002; b.tunnelCidr = "169.254.30.0/30"; b.localBgpIp = "169.254.30.1"; return b }())
        expectRule(.invalidParameter("param.asn", "BgpConfig.LocalAsn")) { () throws(RuleError) in
            try ConnectionSettingRules.bgp([("LocalAsn", "0")], onto: BgpConfig(), parameter: "BgpConfig")
        }
        for (member, value) in [("EnableBgp", "yes"), ("TunnelCidr", "169.254.30.0/29"), ("TunnelCidr", "10.0.0.0/30"),
                                ("TunnelCidr", "169.254.1.0/30"), ("TunnelCidr", "169.254.169.252/30"), ("LocalBgpIp", "x")] {
            expectRule(Self.invalid("BgpConfig.\(member)"), "\(member)=\(value)") { () throws(RuleError) in
                try ConnectionSettingRules.bgp([(member, value)], onto: BgpConfig(), parameter: "BgpConfig")
            }
        }
        // LocalBgpIp must lie in TunnelCidr once both are known.
        expectRule(Self.invalid("BgpConfig.LocalBgpIp")) { () throws(RuleError) in
            try ConnectionSettingRules.bgp([("TunnelCidr", "169.254.30.0/30"), ("LocalBgpIp", "169.254.40.1")], onto: BgpConfig(), parameter: "BgpConfig")
        }
    }

    @Test func healthCheck() {
        let c = expectPass { () throws(RuleError) in
            try ConnectionSettingRules.healthCheck([("enable", "true"), ("dip", "192.168.1.1"), ("sip", "10.0.0.1"), ("interval", "5"),
                                                    ("retry", "4"), ("Policy", "keep_route")], onto: HealthCheckConfig(), parameter: "HealthCheckConfig")
        }
        #expect(c?.enable == true && c?.dip == "192.168.1.1" && c?.sip == "10.0.0.1" && c?.interval == 5 && c?.retry == 4 && c?.policy == "keep_route")
        for (member, value) in [("enable", "1"), ("dip", "1.2.3"), ("interval", "0"), ("retry", "-2"), ("policy", "drop")] {
            expectRule(Self.invalid("HealthCheckConfig.\(member)"), "\(member)") { () throws(RuleError) in
                try ConnectionSettingRules.healthCheck([(member, value)], onto: HealthCheckConfig(), parameter: "HealthCheckConfig")
            }
        }
    }
}

@Suite struct ResourceRulesTests {
    static let family = Dictionary(uniqueKeysWithValues: ResourceCatalogueTests.family.map { ($0.id, $0) })

    @Test func customerGateways() {
        expectPass { () throws(RuleError) in try ResourceRules.checkAddressFree(taken: false) }
        expectRule(Self.family["customer-gateway.ip.duplicate"]!) { () throws(RuleError) in try ResourceRules.checkAddressFree(taken: true) }
        expectPass { () throws(RuleError) in try ResourceRules.checkCustomerGatewayUnused(inUse: false) }
        expectRule(Self.family["customer-gateway.in-use"]!) { () throws(RuleError) in try ResourceRules.checkCustomerGatewayUnused(inUse: true) }
    }

    @Test func gatewayDeletion() {
        var g = VPNGateway(id: "vpn-a", accountId: "1", regionId: "r", vpcId: "vpc-a")
        expectPass { () throws(RuleError) in try ResourceRules.checkGatewayDeletable(g) }
        g.sslVpn = SSLVPNServer(clientIpPool: "192.168.0.0/24", maxConnections: 5)
        expectRule(Self.family["gateway.delete.ssl-server"]!) { () throws(RuleError) in try ResourceRules.checkGatewayDeletable(g) }
        g.connectionCount = 1
        expectRule(Self.family["gateway.delete.connections"]!, "connections first") { () throws(RuleError) in try ResourceRules.checkGatewayDeletable(g) }
        // The SSL feature alone (no server) does not block.
        var plain = VPNGateway(id: "vpn-b", accountId: "1", regionId: "r", vpcId: "vpc-a")
        plain.enableSsl = true
        expectPass { () throws(RuleError) in try ResourceRules.checkGatewayDeletable(plain) }
    }

    @Test func connectionLayout() {
        expectPass { () throws(RuleError) in try ResourceRules.checkTunnelLayout(tunnelMode: .single, customerGatewayId: "cgw-a", tunnelCount: 0) }
        expectPass { () throws(RuleError) in try ResourceRules.checkTunnelLayout(tunnelMode: .dual, customerGatewayId: nil, tunnelCount: 2) }
        expectPass { () throws(RuleError) in try ResourceRules.checkTunnelLayout(tunnelMode: .dual, customerGatewayId: "cgw-a", tunnelCount: 2) }
        expectRule(Self.family["connection.customer-gateway.required"]!) { () throws(RuleError) in
            try ResourceRules.checkTunnelLayout(tunnelMode: .single, customerGatewayId: nil, tunnelCount: 0)
        }
        expectRule(.invalidParameter("connection.tunnels.single-tunnel", "TunnelOptionsSpecification")) { () throws(RuleError) in
            try ResourceRules.checkTunnelLayout(tunnelMode: .single, customerGatewayId: "cgw-a", tunnelCount: 2)
        }
        expectRule(Self.family["connection.tunnels.required"]!) { () throws(RuleError) in
            try ResourceRules.checkTunnelLayout(tunnelMode: .dual, customerGatewayId: "cgw-a", tunnelCount: 0)
        }
    }

    @Test func connectionLimits() {
        expectPass { () throws(RuleError) in try ResourceRules.checkConnectionNew(exists: false) }
        expectRule(Self.family["connection.duplicate"]!) { () throws(RuleError) in try ResourceRules.checkConnectionNew(exists: true) }
        expectPass { () throws(RuleError) in try ResourceRules.checkConnectionQuota(count: 9, quota: 10) }
        expectRule(Self.family["quota.gateway-connections"]!) { () throws(RuleError) in try ResourceRules.checkConnectionQuota(count: 10, quota: 10) }
        expectRule(Self.family["quota.gateway-connections"]!) { () throws(RuleError) in try ResourceRules.checkConnectionQuota(count: 0, quota: 0) }
        expectPass { () throws(RuleError) in try ResourceRules.checkConnectionNotNextHop(inUse: false) }
        expectRule(Self.family["connection.delete.next-hop"]!) { () throws(RuleError) in try ResourceRules.checkConnectionNotNextHop(inUse: true) }
    }

    @Test func tagCount() {
        let nineteen = (1...19).map { Tag(key: "k\($0)", value: "") }
        expectPass { () throws(RuleError) in try ResourceRules.checkTagCount(existing: nineteen, adding: ["k20"]) }
        expectPass { () throws(RuleError) in try ResourceRules.checkTagCount(existing: nineteen + [Tag(key: "k20", value: "")], adding: ["k1", "k20"]) }
        expectRule(Self.family["tag.quota"]!) { () throws(RuleError) in try ResourceRules.checkTagCount(existing: nineteen, adding: ["k20", "k21"]) }
    }

    @Test func gatewayStatusShowsTheTasksPendingState() {
        let provisioning = ResourceTask(resourceId: "vpn-a", action: "CreateVpnGateway", endsAt: 100, pendingState: "provisioning")
        #expect(ResourceStateRules.gatewayStatus(stored: .active, task: provisioning, now: 99) == .provisioning)
        #expect(ResourceStateRules.gatewayStatus(stored: .active, task: provisioning, now: 100) == .active)
        let update = ResourceTask(resourceId: "vpn-a", action: "CreateVpnConnection", endsAt: 100)
        #expect(ResourceStateRules.gatewayStatus(stored: .active, task: update, now: 0) == .updating)
        // A provisioning gateway refuses writes like an updating one.
        let g = VPNGateway(id: "vpn-a", accountId: "1", regionId: "r", vpcId: "vpc-a")
        expectRule(.configuring) { () throws(RuleError) in try ResourceStateRules.checkGatewayWritable(g, task: provisioning, cooldownMs: 0, now: 50) }
    }
}
