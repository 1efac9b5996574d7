import EmulatorJSON
import Testing
import VPNCore
@testable import EmulatorStore

/// Schema 4: customer gateways, connection settings, tunnels and tags in the store, the fixture
/// format and the dump; every request-path query of the resource operations searches an index.
@Suite struct ResourceStoreTests {
    static let resources = """
        {"customerGateways":[
           {"id":"cgw-a","account":"111","region":"cn-hangzhou","ipAddress":"2.2.2.5","name":"a","asn":2224,"tags":[{"key":"k","value":"v"}],
            "createTime":7},
           {"id":"cgw-b","account":"111","region":"cn-hangzhou","ipAddress":"2.2.2.6"}],
         "vpnGateways":[{"id":"vpn-d","account":"111","region":"cn-hangzhou","vpcId":"vpc-a","tunnelMode":"dual","quotas":{"vpnConnections":3},
            "disasterRecoveryVSwitchId":"vsw-a","enableSsl":true,"sslConnections":10,"networkType":"private"}],
         "vpnConnections":[
           {"id":"vco-s","account":"111","region":"cn-hangzhou","attachType":"VPNGW","vpnGatewayId":"vpn-a","customerGatewayId":"cgw-a",
            "ikeConfig":{"ikeVersion":"ikev2","psk":"secret"},"healthCheckConfig":{"enable":true,"dip":"1.1.1.1"},"tags":[{"key":"t","value":""}]},
           {"id":"vco-d","account":"111","region":"cn-hangzhou","attachType":"VPNGW","vpnGatewayId":"vpn-d","enableTunnelsBgp":true,
            "tunnels":[{"id":"tun-2","role":"slave","customerGatewayId":"cgw-a","enableDpd":false},
                       {"id":"tun-1","role":"master","customerGatewayId":"cgw-b","bgpConfig":{"tunnelCidr":"169.254.30.0/30","localAsn":65000}}]}]}
        """

    static func world() throws -> SQLiteDatabase {
        let db = try memoryDatabase()
        try load(smallWorld, into: db, now: 3)
        try load(resources, into: db, now: 4)
        return db
    }

    @Test func loadsCustomerGatewaysSettingsTunnelsAndTags() throws {
        let db = try Self.world()
        let r = db.repository
        let a = try #require(try r.customerGateway(id: "cgw-a", accountId: "111", regionId: "cn-hangzhou"))
        #expect(a == CustomerGateway(id: "cgw-a", accountId: "111", regionId: "cn-hangzhou", ipAddress: "2.2.2.5", name: "a", asn: 2224,
                                     tags: [Tag(key: "k", value: "v")], createTime: 7))
        #expect(try r.customerGateway(id: "cgw-b", accountId: "111", regionId: "cn-hangzhou")?.asn == nil)
        #expect(try r.customerGateway(id: "cgw-a", accountId: "222", regionId: "cn-hangzhou") == nil)
        #expect(try r.customerGateway(id: "cgw-a", accountId: "111", regionId: "cn-shanghai") == nil)

        let s = try r.withDetails(try #require(try r.connection(id: "vco-s", accountId: "111", regionId: "cn-hangzhou")))
        #expect(s.settings.customerGatewayId == "cgw-a" && s.settings.ike.version == "ikev2" && s.settings.ike.psk == "secret")
        #expect(s.settings.ike.encAlg == "aes" && s.settings.healthCheck.enable && s.settings.healthCheck.dip == "1.1.1.1")
        #expect(s.tags == [Tag(key: "t", value: "")] && s.tunnels.isEmpty)
        let d = try r.withDetails(try #require(try r.connection(id: "vco-d", accountId: "111", regionId: "cn-hangzhou")))
        #expect(d.tunnels.map(\.id) == ["tun-1", "tun-2"], "master first")
        #expect(d.tunnels[0].bgp.tunnelCidr == "169.254.30.0/30" && d.tunnels[0].bgp.localAsn == 65000 && !d.tunnels[1].enableDpd)
        #expect(d.settings.enableTunnelsBgp && d.settings.customerGatewayId == "")

        let g = try #require(try r.gateway(id: "vpn-d", accountId: "111", regionId: "cn-hangzhou"))
        #expect(g.connectionCount == 1 && g.connectionQuota == 3 && g.disasterRecoveryVSwitchId == "vsw-a")
        #expect(g.sslEnabled && g.sslMaxConnections == 10 && g.networkType == "private" && g.enableIpsec)
        #expect(try r.gateway(id: "vpn-a", accountId: "111", regionId: "cn-hangzhou")?.connectionCount == 2)
        // Fixture connections without settings show the defaults.
        #expect(try r.connection(id: "vco-a", accountId: "111", regionId: "cn-hangzhou")?.settings == ConnectionSettings())
    }

    @Test func usageLookups() throws {
        let db = try Self.world()
        let r = db.repository
        #expect(try r.customerGatewayInUse("cgw-a") && r.customerGatewayInUse("cgw-b"))
        try load(#"{"customerGateways":[{"id":"cgw-c","account":"111","region":"cn-hangzhou","ipAddress":"2.2.2.7"}]}"#, into: db)
        #expect(try !r.customerGatewayInUse("cgw-c"))
        #expect(try r.customerGatewayAddressTaken("2.2.2.5", accountId: "111", regionId: "cn-hangzhou"))
        #expect(try !r.customerGatewayAddressTaken("2.2.2.5", accountId: "222", regionId: "cn-hangzhou"))
        #expect(try r.connectionExists(gatewayId: "vpn-a", customerGatewayId: "cgw-a"))
        #expect(try !r.connectionExists(gatewayId: "vpn-d", customerGatewayId: "cgw-a"), "a tunnel is not the connection's own")
        #expect(try r.connectionIsNextHop("vco-a") && !r.connectionIsNextHop("vco-s"))
        #expect(try r.idTaken("cgw-a") && r.idTaken("tun-1") && r.idTaken("vco-d") && r.idTaken("vpn-d") && !r.idTaken("cgw-zz"))
    }

    @Test func connectionPagesFilterByCustomerGatewayThroughTunnels() throws {
        let db = try Self.world()
        let r = db.repository
        func ids(_ f: Repository.ConnectionFilter, _ page: Page = Page(number: 1, size: 10)) throws -> ([String], Int) {
            let (c, total) = try r.connectionsPage(accountId: "111", regionId: "cn-hangzhou", filter: f, page: page)
            return (c.map(\.id), total)
        }
        #expect(try ids(.init()) == (["vco-a", "vco-t", "vco-s", "vco-d"], 4))
        #expect(try ids(.init(customerGatewayId: "cgw-a")) == (["vco-s", "vco-d"], 2))
        #expect(try ids(.init(customerGatewayId: "cgw-b")) == (["vco-d"], 1))
        #expect(try ids(.init(gatewayId: "vpn-a")) == (["vco-a", "vco-s"], 2))
        #expect(try ids(.init(tags: [(key: "t", value: nil)])) == (["vco-s"], 1))
        #expect(try ids(.init(tags: [(key: "t", value: "x")])) == ([], 0))
        #expect(try ids(.init(), Page(number: 2, size: 3)) == (["vco-d"], 4))
        let (cgws, total) = try r.customerGatewaysPage(accountId: "111", regionId: "cn-hangzhou", id: nil, tags: [(key: "k", value: "v")],
                                                       page: Page(number: 1, size: 10))
        #expect(cgws.map(\.id) == ["cgw-a"] && total == 1)
    }

    @Test func tagRowsPageInTheOrderAdded() throws {
        let db = try Self.world()
        let r = db.repository
        try r.setTags(of: .vpnConnection, id: "vco-d", [Tag(key: "a", value: "1"), Tag(key: "b", value: "2")])
        try r.setTags(of: .vpnConnection, id: "vco-s", [Tag(key: "a", value: "1")])
        let all = try r.tagRows(of: .vpnConnection, accountId: "111", regionId: "cn-hangzhou", ids: ["vco-s", "vco-d"], tags: [],
                                afterSeq: 0, limit: 10)
        #expect(all.map { "\($0.resourceId):\($0.key)" } == ["vco-s:t", "vco-d:a", "vco-d:b", "vco-s:a"])
        let first = try r.tagRows(of: .vpnConnection, accountId: "111", regionId: "cn-hangzhou", ids: ["vco-s", "vco-d"], tags: [],
                                  afterSeq: 0, limit: 2)
        let rest = try r.tagRows(of: .vpnConnection, accountId: "111", regionId: "cn-hangzhou", ids: ["vco-s", "vco-d"], tags: [],
                                 afterSeq: first.last!.seq, limit: 10)
        #expect(first + rest == all)
        // By tag only: every tag of the resources that carry every pair.
        let byTag = try r.tagRows(of: .vpnConnection, accountId: "111", regionId: "cn-hangzhou", ids: [],
                                  tags: [(key: "a", value: "1"), (key: "b", value: nil)], afterSeq: 0, limit: 10)
        #expect(byTag.map { "\($0.resourceId):\($0.key)" } == ["vco-d:a", "vco-d:b"])
        // Another account sees nothing.
        #expect(try r.tagRows(of: .vpnConnection, accountId: "222", regionId: "cn-hangzhou", ids: ["vco-s"], tags: [], afterSeq: 0, limit: 10).isEmpty)
        try r.removeTags(of: .vpnConnection, id: "vco-d", keys: ["a", "zz"])
        #expect(try r.tags(of: .vpnConnection, id: "vco-d") == [Tag(key: "b", value: "2")])
        try r.removeAllTags(of: .vpnConnection, id: "vco-d")
        #expect(try r.tags(of: .vpnConnection, id: "vco-d").isEmpty)
    }

    @Test func deletesTakeTunnelsTagsAndCounters() throws {
        let db = try Self.world()
        let r = db.repository
        try r.deleteConnection(id: "vco-d")
        #expect(try db.scalar("SELECT count(*) FROM vpn_tunnels") == 0)
        #expect(try r.gateway(id: "vpn-d", accountId: "111", regionId: "cn-hangzhou")?.connectionCount == 0)
        try r.deleteConnection(id: "vco-s")
        #expect(try db.scalar("SELECT count(*) FROM resource_tags WHERE resource_type = 'VPNCONNECTION'") == 0)
        try r.deleteCustomerGateway(id: "cgw-a")
        #expect(try db.scalar("SELECT count(*) FROM resource_tags WHERE resource_type = 'CUSTOMERGATEWAY'") == 0)
        try r.deleteGateway(id: "vpn-d")
        #expect(try r.gateway(id: "vpn-d", accountId: "111", regionId: "cn-hangzhou") == nil)
    }

    @Test func theDumpRoundTrips() throws {
        let db = try Self.world()
        let first = try db.exportState()
        #expect(first["customerGateways"]?.arrayValue?.map { $0["id"] } == [.string("cgw-a"), .string("cgw-b")])
        #expect(first["customerGateways"]?.arrayValue?.last?["asn"] == nil)
        let d = try #require(first["vpnConnections"]?.arrayValue?.first { $0["id"] == .string("vco-d") })
        #expect(d["tunnels"]?.arrayValue?.map { $0["role"] } == [.string("master"), .string("slave")])
        try Schema.wipe(db)
        _ = try db.transaction { try db.apply(try FixtureDocument.parse(Array(first.prettySerialized().utf8)), now: 99) }
        #expect(try db.exportState() == first)
    }

    @Test(arguments: [
        (#"{"customerGateways":[{"id":"cgw-x","account":"111","region":"cn-hangzhou","ipAddress":"2.2.2"}]}"#, "customerGateways[0].ipAddress"),
        (#"{"customerGateways":[{"id":"cgw-x","account":"111","region":"cn-hangzhou","ipAddress":"2.2.2.2","asn":0}]}"#, "customerGateways[0].asn"),
        (#"{"customerGateways":[{"id":"gw-x","account":"111","region":"cn-hangzhou","ipAddress":"2.2.2.2"}]}"#, "customerGateways[0].id"),
        (#"{"customerGateways":[{"id":"cgw-x","account":"111","region":"cn-hangzhou","ipAddress":"2.2.2.2","asnn":1}]}"#, "customerGateways[0].asnn"),
        (#"{"vpnConnections":[{"id":"vco-x","account":"111","region":"cn-hangzhou","attachType":"CEN","transitRouterId":"tr-1","cenId":"cen-1","customerGatewayId":"cgw-a"}]}"#,
         "vpnConnections[0].customerGatewayId"),
        (#"{"vpnConnections":[{"id":"vco-x","account":"111","region":"cn-hangzhou","attachType":"VPNGW","vpnGatewayId":"vpn-a","tunnels":[{"id":"tun-x","role":"master","customerGatewayId":"cgw-a"},{"id":"tun-y","role":"master","customerGatewayId":"cgw-a"}]}]}"#,
         "vpnConnections[0].tunnels[1].role"),
        (#"{"vpnConnections":[{"id":"vco-x","account":"111","region":"cn-hangzhou","attachType":"VPNGW","vpnGatewayId":"vpn-a","ikeConfig":{"ikeLifetime":"long"}}]}"#,
         "vpnConnections[0].ikeConfig.ikeLifetime"),
        (#"{"vpnGateways":[{"id":"vpn-x","account":"111","region":"cn-hangzhou","vpcId":"vpc-a","quotas":{"vpnConnection":1}}]}"#,
         "vpnGateways[0].quotas.vpnConnection"),
    ])
    func fixtureFieldErrors(json: String, path: String) {
        #expect(parseError(json)?.path == path, "\(json)")
    }

    @Test(arguments: [
        (#"{"vpnConnections":[{"id":"vco-x","account":"111","region":"cn-hangzhou","attachType":"VPNGW","vpnGatewayId":"vpn-a","customerGatewayId":"cgw-nope"}]}"#,
         "vpnConnections[0].customerGatewayId"),
        (#"{"customerGateways":[{"id":"cgw-o","account":"222","region":"cn-hangzhou","ipAddress":"3.3.3.3"}],"vpnConnections":[{"id":"vco-x","account":"111","region":"cn-hangzhou","attachType":"VPNGW","vpnGatewayId":"vpn-a","tunnels":[{"id":"tun-x","role":"master","customerGatewayId":"cgw-o"}]}]}"#,
         "vpnConnections[0].tunnels[0].customerGatewayId"),
        (#"{"vpnGateways":[{"id":"vpn-x","account":"111","region":"cn-hangzhou","vpcId":"vpc-a","disasterRecoveryVSwitchId":"vsw-nope"}]}"#,
         "vpnGateways[0].disasterRecoveryVSwitchId"),
        (#"{"customerGateways":[{"id":"cgw-z","account":"999","region":"cn-hangzhou","ipAddress":"3.3.3.3"}]}"#, "customerGateways[0].account"),
    ])
    func fixtureReferenceErrors(json: String, path: String) throws {
        let db = try Self.world()
        let before = try db.exportState()
        #expect(loadError(json, into: db)?.path == path, "\(json)")
        #expect(try db.exportState() == before)
    }

    /// A stored connection whose customer gateway moves to another account is refused at the
    /// customer gateway.
    @Test func movingAUsedCustomerGatewayIsRefused() throws {
        let db = try Self.world()
        #expect(loadError(#"{"customerGateways":[{"id":"cgw-a","account":"222","region":"cn-hangzhou","ipAddress":"2.2.2.5"}]}"#, into: db)?.path
                == "customerGateways[0]")
    }

    /// The lookups and pages of the resource operations search an index (no table scan).
    @Test func resourceQueriesSearchIndexes() throws {
        let db = try memoryDatabase()
        let queries: [(String, [SQLValue])] = [
            ("SELECT 1 FROM customer_gateways WHERE account_id = ? AND region = ? AND ip_address = ? LIMIT 1", [.text("a"), .text("r"), .text("i")]),
            ("SELECT 1 FROM vpn_connections WHERE customer_gateway_id = ?", [.text("c")]),
            ("SELECT 1 FROM vpn_tunnels WHERE customer_gateway_id = ?", [.text("c")]),
            ("SELECT 1 FROM vpn_connections WHERE customer_gateway_id = ? AND vpn_gateway_id = ? LIMIT 1", [.text("c"), .text("g")]),
            ("SELECT 1 FROM gateway_routes WHERE next_hop = ? LIMIT 1", [.text("v")]),
            ("SELECT id FROM vpn_tunnels WHERE vpn_connection_id = ? ORDER BY seq", [.text("v")]),
            ("SELECT c.id FROM customer_gateways c WHERE c.account_id = ? AND c.region = ? ORDER BY c.create_time, c.rowid LIMIT 10",
             [.text("a"), .text("r")]),
            ("SELECT c.id FROM vpn_connections c WHERE c.account_id = ? AND c.region = ? ORDER BY c.create_time, c.rowid LIMIT 10",
             [.text("a"), .text("r")]),
            ("SELECT g.id FROM vpn_gateways g WHERE g.account_id = ? AND g.region = ? ORDER BY g.create_time, g.rowid LIMIT 10",
             [.text("a"), .text("r")]),
            ("SELECT key FROM resource_tags WHERE resource_type = ? AND resource_id = ? ORDER BY seq", [.text("t"), .text("i")]),
            // DescribeVpnConnections by VpnGatewayId: the page and the count (schema 5).
            ("SELECT c.id FROM vpn_connections c WHERE c.account_id = ? AND c.region = ? AND c.vpn_gateway_id = ? ORDER BY c.create_time, c.rowid LIMIT 10",
             [.text("a"), .text("r"), .text("g")]),
            ("SELECT count(*) FROM vpn_connections c WHERE c.account_id = ? AND c.region = ? AND c.vpn_gateway_id = ?",
             [.text("a"), .text("r"), .text("g")]),
            ("SELECT d.resource_id FROM \(Repository.tagsByKey) WHERE d.resource_type = ? AND d.key = ? AND d.value = ?", [.text("t"), .text("k"), .text("v")]),
            ("SELECT d.resource_id FROM \(Repository.tagsByKey) WHERE d.resource_type = ? AND d.key = ?", [.text("t"), .text("k")]),
        ]
        for (sql, params) in queries {
            let plan = try db.query("EXPLAIN QUERY PLAN " + sql, params).map { $0.text(3) }.joined(separator: " | ")
            #expect(plan.contains("USING") && !plan.contains("SCAN"), "\(sql): \(plan)")
            // A search on the first column of a composite index alone walks the whole type, and
            // one on (account, region) alone walks the account's rows.
            #expect(!plan.contains("(resource_type=?)") && !(sql.contains("vpn_gateway_id = ?") && plan.contains("(account_id=? AND region=?)")),
                    "\(sql): \(plan)")
        }
    }
}
