import Testing
import EmulatorHTTP
@testable import EmulatorStore
import EmulatorJSON
import VPNCore
@testable import EmulatorRPC

/// Added by the project: the live state page (`GET /_emulator/ui`) and the read-only endpoints it
/// polls (`/_emulator/resources`, `/_emulator/routes`, `/_emulator/vpc-entries`).
@Suite struct BrowseAPITests {
    // MARK: The page

    static let files: [(path: String, type: String, marker: String)] = [
        ("/_emulator/ui", "text/html; charset=utf-8", "<!doctype html>"),
        ("/_emulator/ui/", "text/html; charset=utf-8", "<!doctype html>"),
        ("/_emulator/ui/app.js", "text/javascript; charset=utf-8", "'use strict';"),
        ("/_emulator/ui/style.css", "text/css; charset=utf-8", "prefers-color-scheme: dark"),
        ("/_emulator/ui/favicon.svg", "image/svg+xml", "<svg"),
    ]

    @Test func thePageAndItsFilesAreServedWithoutTheTokenAndWithAStrictPolicy() async throws {
        let h = try Harness(controlToken: "s3cret")
        for file in Self.files {
            let r = await h.control("GET", file.path)
            #expect(r.status == 200, "\(file.path): \(r.status)")
            #expect(r.contentType == file.type, "\(file.path)")
            #expect(r.text.contains(file.marker), "\(file.path)")
            #expect(r.header("Cache-Control") == "no-store")
            #expect(r.header("X-Content-Type-Options") == "nosniff")
            let policy = try #require(r.header("Content-Security-Policy"))
            #expect(policy.hasPrefix("default-src 'self';"))
            #expect(policy.contains("script-src 'self'") && policy.contains("style-src 'self'"))
            #expect(!policy.contains("unsafe"), "no unsafe-inline or unsafe-eval: \(policy)")
            #expect(r.header("ETag")?.hasPrefix("\"") == true)
            // Nothing fetched from elsewhere: no absolute URL but the SVG namespace.
            let external = r.text.replacing("http://www.w3.org/2000/svg", with: "")
            #expect(!external.contains("http://") && !external.contains("https://") && !external.contains("//cdn"), "\(file.path)")
        }
        // The page holds no state: the control API it calls still wants the token.
        for path in ControlAPI.browsePaths {
            #expect(await h.control("GET", path).status == 401, "\(path)")
            #expect(await h.control("GET", path + "?vpcId=x&gatewayId=x", token: "s3cret").status != 401, "\(path)")
        }
    }

    @Test func thePageHasNoInlineScriptOrStyle() async throws {
        let h = try Harness()
        let page = await h.control("GET", "/_emulator/ui").text
        let scripts = page.split(separator: "<script", omittingEmptySubsequences: false).dropFirst()
        #expect(scripts.count == 1)
        for tag in scripts { #expect(tag.hasPrefix(" src=\"/_emulator/ui/app.js\""), "every script is a file: \(tag.prefix(60))") }
        #expect(!page.contains(" style=") && !page.contains("<style"), "no inline style")
        #expect(!page.contains(try Regex(#"\son[a-z]+\s*="#)), "no inline event handlers")
        #expect(page.contains("<link rel=\"stylesheet\" href=\"/_emulator/ui/style.css\">"))
        let js = await h.control("GET", "/_emulator/ui/app.js").text
        #expect(!js.contains("eval(") && !js.contains("innerHTML"), "no eval, no HTML from strings")
        #expect(js.contains("Authorization = 'Bearer '"), "the token goes in a header")
        #expect(js.contains("sessionStorage") && !js.contains("localStorage"), "the token lives in the tab only")
    }

    @Test func conditionalAndWrongRequestsForThePage() async throws {
        let h = try Harness()
        let first = await h.control("GET", "/_emulator/ui/app.js")
        let etag = try #require(first.header("ETag"))
        #expect(await h.control("GET", "/_emulator/ui").header("ETag") != etag, "one tag per file")
        let again = await h.send(HTTPRequest(method: "GET", target: "/_emulator/ui/app.js", headers: HTTPHeaders([("If-None-Match", etag)])))
        #expect(again.status == 304)
        #expect(again.header("ETag") == etag)
        let other = await h.send(HTTPRequest(method: "GET", target: "/_emulator/ui/app.js", headers: HTTPHeaders([("If-None-Match", "\"x\"")])))
        #expect(other.status == 200)
        #expect(await h.send(HTTPRequest(method: "HEAD", target: "/_emulator/ui")).status == 200)
        let post = await h.control("POST", "/_emulator/ui")
        #expect(post.status == 405)
        #expect(post.json["error"]?.stringValue?.isEmpty == false)
        let missing = await h.control("GET", "/_emulator/ui/nope.js")
        #expect(missing.status == 404)
        #expect(missing.json["error"]?.stringValue?.isEmpty == false)
        for path in ControlAPI.browsePaths { #expect(await h.control("POST", path).status == 405, "\(path)") }
    }

    @Test func browsingIsNeitherJournaledNorCounted() async throws {
        let h = try Harness()
        for path in ["/_emulator/ui", "/_emulator/ui/app.js", "/_emulator/resources", "/_emulator/routes?gatewayId=\(Fx.gateway)",
                     "/_emulator/vpc-entries?vpcId=vpc-bp1default0000000001"] {
            #expect(await h.control("GET", path).status == 200, "\(path)")
        }
        #expect(await h.journal().isEmpty)
        #expect(await h.control("GET", "/_emulator/health").json["requests"]?.intValue == 0)
    }

    // MARK: /_emulator/resources

    static func resources(_ h: Harness, _ query: String = "") async -> Reply {
        await h.control("GET", "/_emulator/resources" + query)
    }

    @Test func resourcesDefaultToTheDefaultAccountAndTheFirstRegion() async throws {
        let h = try Harness()
        let r = await Self.resources(h)
        #expect(r.status == 200)
        #expect(r.contentType == "application/json;charset=utf-8")
        #expect(r.keys == ["now", "accountId", "regionId", "accounts", "regions", "actions", "vpnGateways", "vpnConnections", "vpcs", "truncated"])
        #expect(r.json["now"]?.intValue == Harness.start)
        #expect(r.json["accountId"]?.stringValue == Fx.accountId)
        #expect(r.json["regionId"]?.stringValue == Fx.region)
        #expect(r.json["regions"] == .array([.string(Fx.region), .string(Fx.shanghai)]))
        #expect(r.json["actions"]?.arrayValue?.count == OperationRegistry.names.count)
        let accounts = try #require(r.json["accounts"]?.arrayValue)
        #expect(accounts.map { $0["id"]?.stringValue } == [Fx.accountId, "2234567890123456"])
        #expect(accounts[0]["default"] == .bool(true))
        #expect(accounts[0]["accessKeys"]?.arrayValue?.map { $0["id"]?.stringValue } == [Fx.accountKey, Fx.readOnlyKey, Fx.deniedKey])
        #expect(accounts[0]["accessKeys"]?.arrayValue?[1]["ramUser"]?.stringValue == "readonly")
        #expect(!r.text.contains(Fx.accountSecret) && !r.text.contains("Secret"), "never a secret")
        #expect(r.json["vpnGateways"]?.arrayValue?.map { $0["id"]?.stringValue }
                == [Fx.gateway, Fx.dualGateway, Fx.lockedGateway, Fx.pendingVpcGateway])
        #expect(r.json["vpcs"]?.arrayValue?.map { $0["id"]?.stringValue } == ["vpc-bp1default0000000001", "vpc-bp1pending0000000001"])
        let vpc = try #require(r.json["vpcs"]?.arrayValue?.first)
        #expect(vpc["entryCount"]?.intValue == 2)
        #expect(vpc["routeTableQuota"]?.intValue == 200)
        #expect(vpc["vSwitches"]?.arrayValue?.count == 2)
        #expect(r.json["truncated"] == .object([("vpnGateways", .bool(false)), ("vpnConnections", .bool(false)), ("vpcs", .bool(false))]))

        let shanghai = await Self.resources(h, "?regionId=\(Fx.shanghai)")
        #expect(shanghai.json["vpnGateways"]?.arrayValue?.map { $0["id"]?.stringValue } == [Fx.shanghaiGateway])
        #expect(shanghai.json["vpnConnections"]?.arrayValue?.map { $0["id"]?.stringValue } == [Fx.shanghaiConnection])
        let other = await Self.resources(h, "?accountId=2234567890123456&regionId=\(Fx.region)")
        #expect(other.json["vpnGateways"]?.arrayValue?.map { $0["id"]?.stringValue } == [Fx.otherGateway])

        for (query, path) in [("?accountId=999", "accountId"), ("?regionId=eu-west-9", "regionId")] {
            let missing = await Self.resources(h, query)
            #expect(missing.status == 404, "\(query)")
            #expect(missing.json["path"]?.stringValue == path)
        }
    }

    /// The status and state the page shows are DescribeVpnGateway's and DescribeVpnConnection's,
    /// through a task's life and for every kind of stored state.
    @Test func statusesAreExactlyWhatTheDescribeCallsShow() async throws {
        let h = try Harness()
        let extra = await h.control("POST", "/_emulator/fixtures", body: """
            {"vpnGateways":[{"id":"vpn-bp1provisioning0001","account":"\(Fx.accountId)","region":"\(Fx.region)",
              "vpcId":"vpc-bp1default0000000001","status":"provisioning","createTime":1700000009000}],
             "vpnConnections":[{"id":"vco-bp1attaching0000001","account":"\(Fx.accountId)","region":"\(Fx.region)",
              "attachType":"CEN","transitRouterId":"tr-x","cenId":"cen-x","state":"attaching","createTime":1700000009000}]}
            """)
        #expect(extra.status == 200, "\(extra)")
        #expect(await h.createRoute("10.5.0.0/24").status == 200)
        h.advance(100)
        #expect(await h.createVcoRoute("192.168.30.0/24").status == 200)

        for step in 0..<3 {
            let r = await Self.resources(h)
            let gateways = try #require(r.json["vpnGateways"]?.arrayValue)
            #expect(gateways.count == 5)
            for g in gateways {
                let id = try #require(g["id"]?.stringValue)
                let described = await h.describeGateway(id)
                #expect(g["status"] == described.json["Status"], "step \(step) \(id): \(g) vs \(described)")
                #expect(g["businessStatus"] == described.json["BusinessStatus"])
                let pending = g["status"]?.stringValue == "updating"
                #expect((g["task"] != .null) == pending, "step \(step) \(id): a countdown only while updating")
            }
            let connections = try #require(r.json["vpnConnections"]?.arrayValue)
            #expect(connections.count == 8)
            for c in connections {
                let id = try #require(c["id"]?.stringValue)
                let described = await h.describeConnection(id)
                #expect(c["state"] == described.json["State"], "step \(step) \(id): \(c) vs \(described)")
            }
            let byId = Dictionary(uniqueKeysWithValues: gateways.map { ($0["id"]?.stringValue ?? "", $0) })
            let connectionsById = Dictionary(uniqueKeysWithValues: connections.map { ($0["id"]?.stringValue ?? "", $0) })
            #expect(byId["vpn-bp1provisioning0001"]?["status"]?.stringValue == "provisioning")
            #expect(connectionsById[Fx.transitLocked]?["state"]?.stringValue == "financialLocked")
            #expect(connectionsById["vco-bp1attaching0000001"]?["state"]?.stringValue == "attaching")
            #expect(byId[Fx.gateway]?["routeCount"]?.intValue == 2)
            #expect(connectionsById[Fx.transit]?["routeCount"]?.intValue == 2)
            #expect(connectionsById[Fx.connection]?["routeCount"] == .null)
            switch step {
            case 0:
                #expect(byId[Fx.gateway]?["status"]?.stringValue == "updating")
                #expect(byId[Fx.gateway]?["task"] == .object([("action", .string("CreateVpnRouteEntry")), ("endsAt", .int(Harness.start + 1500))]))
                #expect(connectionsById[Fx.transit]?["task"]?["endsAt"]?.intValue == Harness.start + 1600)
                h.advance(1450)   // the gateway's task is over, the connection's not yet
            case 1:
                #expect(byId[Fx.gateway]?["status"]?.stringValue == "active")
                #expect(byId[Fx.gateway]?["task"] == .null)
                #expect(connectionsById[Fx.transit]?["state"]?.stringValue == "updating")
                h.advance(100)
            default:
                #expect(connectionsById[Fx.transit]?["state"]?.stringValue == "attached")
            }
        }
    }

    // MARK: /_emulator/routes

    /// 30 routes on the dual-tunnel gateway (fixture routes skip the quota), one a second.
    static func thirtyRoutes(_ h: Harness) async {
        let routes = (0..<30).map { i in
            #"{"vpnGatewayId":"\#(Fx.dualGateway)","routeDest":"10.\#(i < 10 ? 9 : 8).\#(i).0/24","nextHop":"\#(i % 3 == 0 ? "vco-bp1browse0000000001" : Fx.dualConnection)","weight":100,"publishVpc":\#(i % 5 == 0),"createTime":\#(1700000100000 + Int64(i) * 1000)}"#
        }
        let r = await h.control("POST", "/_emulator/fixtures", body: """
            {"vpnConnections":[{"id":"vco-bp1browse0000000001","account":"\(Fx.accountId)","region":"\(Fx.region)",
              "attachType":"VPNGW","vpnGatewayId":"\(Fx.dualGateway)"}],
             "vpnRouteEntries":[\(routes.joined(separator: ","))]}
            """)
        #expect(r.status == 200, "\(r)")
    }

    static func dests(_ r: Reply) -> [String] { r.json["routes"]?.arrayValue?.compactMap { $0["routeDest"]?.stringValue } ?? [] }

    @Test func routesComeAPageAtATimeNewestFirst() async throws {
        let h = try Harness()
        await Self.thirtyRoutes(h)
        let first = await h.control("GET", "/_emulator/routes?gatewayId=\(Fx.dualGateway)&limit=10")
        #expect(first.status == 200)
        #expect(first.keys == ["total", "offset", "limit", "routes"])
        #expect(first.json["total"]?.intValue == 30)
        #expect(first.json["offset"]?.intValue == 0)
        #expect(first.json["limit"]?.intValue == 10)
        #expect(Self.dests(first) == (20..<30).reversed().map { "10.8.\($0).0/24" })
        let route = try #require(first.json["routes"]?.arrayValue?.first)
        #expect(route.objectValue?.map(\.0) == ["vpnGatewayId", "routeDest", "nextHop", "weight", "publishVpc", "state", "description", "createTime"])
        #expect(route["createTime"]?.intValue == 1700000129000)
        #expect(route["nextHop"]?.stringValue == Fx.dualConnection)

        let last = await h.control("GET", "/_emulator/routes?gatewayId=\(Fx.dualGateway)&offset=25&limit=10")
        #expect(Self.dests(last) == ["10.9.4.0/24", "10.9.3.0/24", "10.9.2.0/24", "10.9.1.0/24", "10.9.0.0/24"])
        #expect(last.json["total"]?.intValue == 30)
        let past = await h.control("GET", "/_emulator/routes?gatewayId=\(Fx.dualGateway)&offset=40")
        #expect(past.json["routes"] == .array([]))
        #expect(past.json["total"]?.intValue == 30)
        #expect(await h.control("GET", "/_emulator/routes?gatewayId=\(Fx.dualGateway)").json["limit"]?.intValue == 50)
        let none = await h.control("GET", "/_emulator/routes?gatewayId=\(Fx.dualGateway)&limit=0")
        #expect(none.json["total"]?.intValue == 30 && none.json["routes"] == .array([]))

        // Every route once, the same set DescribeVpnRouteEntries lists, in reverse order.
        let all = await h.control("GET", "/_emulator/routes?gatewayId=\(Fx.dualGateway)&limit=200")
        let described = await h.rpc("DescribeVpnRouteEntries", [("RegionId", Fx.region), ("VpnGatewayId", Fx.dualGateway), ("PageSize", "50")])
        let listed = described.json["VpnRouteEntries"]?["VpnRouteEntry"]?.arrayValue?.compactMap { $0["RouteDest"]?.stringValue } ?? []
        #expect(listed.count == 30)
        #expect(Self.dests(all) == listed.reversed())
    }

    @Test func routesFilterByRouteDestPrefixAndNextHop() async throws {
        let h = try Harness()
        await Self.thirtyRoutes(h)
        let base = "/_emulator/routes?gatewayId=\(Fx.dualGateway)"
        let nine = await h.control("GET", base + "&routeDest=10.9.")
        #expect(nine.json["total"]?.intValue == 10)
        #expect(Self.dests(nine).allSatisfy { $0.hasPrefix("10.9.") })
        let one = await h.control("GET", base + "&routeDest=10.8.1")
        #expect(Self.dests(one) == (10..<20).reversed().map { "10.8.\($0).0/24" })
        let exact = await h.control("GET", base + "&routeDest=10.9.3.0%2F24")
        #expect(Self.dests(exact) == ["10.9.3.0/24"])
        let hop = await h.control("GET", base + "&nextHop=vco-bp1browse0000000001")
        #expect(hop.json["total"]?.intValue == 10)
        #expect(hop.json["routes"]?.arrayValue?.allSatisfy { $0["nextHop"]?.stringValue == "vco-bp1browse0000000001" } == true)
        let both = await h.control("GET", base + "&nextHop=vco-bp1browse0000000001&routeDest=10.9.&limit=2&offset=1")
        #expect(both.json["total"]?.intValue == 4)
        #expect(Self.dests(both) == ["10.9.6.0/24", "10.9.3.0/24"])
        #expect(await h.control("GET", base + "&routeDest=192.").json["total"]?.intValue == 0)
    }

    @Test func transitConnectionRoutes() async throws {
        let h = try Harness()
        #expect(await h.createVcoRoute("192.168.30.0/24", weight: 0).status == 200)
        let r = await h.control("GET", "/_emulator/routes?connectionId=\(Fx.transit)")
        #expect(r.status == 200)
        #expect(Self.dests(r) == ["192.168.30.0/24", "192.168.10.0/24"])
        let route = try #require(r.json["routes"]?.arrayValue?.first)
        #expect(route.objectValue?.map(\.0) == ["vpnConnectionId", "routeDest", "nextHop", "weight", "state", "description", "createTime"])
        #expect(route["nextHop"]?.stringValue == Fx.transit)
        #expect(route["weight"]?.intValue == 0)
        #expect(route["state"]?.stringValue == "published")
        #expect(await h.control("GET", "/_emulator/routes?connectionId=\(Fx.transit)&routeDest=192.168.1").json["total"]?.intValue == 1)
        #expect(await h.control("GET", "/_emulator/routes?connectionId=\(Fx.transit)&nextHop=\(Fx.transit)").json["total"]?.intValue == 2)
        #expect(await h.control("GET", "/_emulator/routes?connectionId=\(Fx.transit)&nextHop=vco-other").json["total"]?.intValue == 0)
    }

    @Test(arguments: [
        ("", 400, "gatewayId"),
        ("gatewayId=\(Fx.gateway)&connectionId=\(Fx.transit)", 400, "gatewayId"),
        ("gatewayId=\(Fx.gateway)&limit=201", 400, "limit"),
        ("gatewayId=\(Fx.gateway)&limit=-1", 400, "limit"),
        ("gatewayId=\(Fx.gateway)&limit=ten", 400, "limit"),
        ("gatewayId=\(Fx.gateway)&offset=-5", 400, "offset"),
        ("gatewayId=vpn-nope", 404, "gatewayId"),
        ("connectionId=vco-nope", 404, "connectionId"),
        ("connectionId=\(Fx.connection)", 400, "connectionId"),
    ])
    func aBadRouteQueryIsRefusedWithItsParameter(query: String, status: Int, path: String) async throws {
        let h = try Harness()
        let r = await h.control("GET", "/_emulator/routes?" + query)
        #expect(r.status == status, "\(query): \(r)")
        #expect(r.json["path"]?.stringValue == path, "\(query): \(r)")
        #expect(r.json["error"]?.stringValue?.isEmpty == false)
    }

    // MARK: /_emulator/vpc-entries

    static let browseVPC = "vpc-bp1browse0000000001"

    /// A VPC whose table has fixture entries (one stating a published route) and published routes
    /// of two gateways, one RouteDest published twice by an active/standby pair.
    static func publishingWorld(_ h: Harness) async {
        let r = await h.control("POST", "/_emulator/fixtures", body: """
            {"vpcs":[{"id":"\(browseVPC)","account":"\(Fx.accountId)","region":"\(Fx.region)","cidrBlock":"172.16.0.0/12",
               "routeTableQuota":50,
               "routeEntries":[{"destinationCidrBlock":"10.10.0.0/16","nextHopType":"Instance","nextHopId":"i-x"},
                               {"destinationCidrBlock":"10.77.0.0/24","nextHopType":"VpnGateway","nextHopId":"vpn-bp1browse0000000001"}]}],
             "vpnGateways":[{"id":"vpn-bp1browse0000000001","account":"\(Fx.accountId)","region":"\(Fx.region)","vpcId":"\(browseVPC)"},
                            {"id":"vpn-bp1browse0000000002","account":"\(Fx.accountId)","region":"\(Fx.region)","vpcId":"\(browseVPC)"}],
             "vpnConnections":[{"id":"vco-bp1browse0000000001","account":"\(Fx.accountId)","region":"\(Fx.region)","attachType":"VPNGW","vpnGatewayId":"vpn-bp1browse0000000001"},
                               {"id":"vco-bp1browse0000000002","account":"\(Fx.accountId)","region":"\(Fx.region)","attachType":"VPNGW","vpnGatewayId":"vpn-bp1browse0000000001"},
                               {"id":"vco-bp1browse0000000003","account":"\(Fx.accountId)","region":"\(Fx.region)","attachType":"VPNGW","vpnGatewayId":"vpn-bp1browse0000000002"}],
             "vpnRouteEntries":[
               {"vpnGatewayId":"vpn-bp1browse0000000001","routeDest":"10.77.0.0/24","nextHop":"vco-bp1browse0000000001","weight":100,"publishVpc":true},
               {"vpnGatewayId":"vpn-bp1browse0000000001","routeDest":"10.78.0.0/24","nextHop":"vco-bp1browse0000000001","weight":100,"publishVpc":true},
               {"vpnGatewayId":"vpn-bp1browse0000000001","routeDest":"10.78.0.0/24","nextHop":"vco-bp1browse0000000002","weight":0,"publishVpc":true},
               {"vpnGatewayId":"vpn-bp1browse0000000001","routeDest":"10.79.0.0/24","nextHop":"vco-bp1browse0000000001","weight":100,"publishVpc":false},
               {"vpnGatewayId":"vpn-bp1browse0000000002","routeDest":"10.76.0.0/24","nextHop":"vco-bp1browse0000000003","weight":100,"publishVpc":true}]}
            """)
        #expect(r.status == 200, "\(r)")
    }

    static func entries(_ r: Reply) -> [String] {
        r.json["entries"]?.arrayValue?.map {
            "\($0["destinationCidrBlock"]?.stringValue ?? "") \($0["nextHopId"]?.stringValue ?? "") \($0["origin"]?.stringValue ?? "")"
        } ?? []
    }

    @Test func vpcEntriesAreTheSystemTableFixtureFirstThenPublished() async throws {
        let h = try Harness()
        await Self.publishingWorld(h)
        let r = await h.control("GET", "/_emulator/vpc-entries?vpcId=\(Self.browseVPC)")
        #expect(r.status == 200)
        #expect(r.keys == ["vpcId", "routeTableQuota", "total", "offset", "limit", "entries"])
        #expect(r.json["routeTableQuota"]?.intValue == 50)
        #expect(r.json["total"]?.intValue == 4)
        #expect(Self.entries(r) == [
            "10.10.0.0/16 i-x fixture",
            "10.77.0.0/24 vpn-bp1browse0000000001 fixture",      // stated by the fixture: not listed twice
            "10.78.0.0/24 vpn-bp1browse0000000001 published",    // two routes, one shared entry
            "10.76.0.0/24 vpn-bp1browse0000000002 published",
        ])
        let entry = try #require(r.json["entries"]?.arrayValue?.last)
        #expect(entry.objectValue?.map(\.0) == ["destinationCidrBlock", "nextHopType", "nextHopId", "origin"])
        #expect(entry["nextHopType"]?.stringValue == "VpnGateway")

        // The same set as the table the publish rules check.
        let table = try h.emulator.store.readSync { r in
            try r.db.vpcRouteEntries(vpcId: Self.browseVPC, source: "fixture") + r.db.vpcRouteEntries(vpcId: Self.browseVPC, source: "published")
        }
        #expect(Set(table.map { "\($0.destinationCidrBlock) \($0.nextHopId)" })
                == Set(Self.entries(r).map { $0.split(separator: " ").prefix(2).joined(separator: " ") }))
        #expect(table.count == 4)

        // Pages across the fixture/published boundary.
        let middle = await h.control("GET", "/_emulator/vpc-entries?vpcId=\(Self.browseVPC)&offset=1&limit=2")
        #expect(Self.entries(middle) == ["10.77.0.0/24 vpn-bp1browse0000000001 fixture", "10.78.0.0/24 vpn-bp1browse0000000001 published"])
        let tail = await h.control("GET", "/_emulator/vpc-entries?vpcId=\(Self.browseVPC)&offset=3&limit=2")
        #expect(Self.entries(tail) == ["10.76.0.0/24 vpn-bp1browse0000000002 published"])
        #expect(tail.json["total"]?.intValue == 4)

        // Withdrawn with its last published route; counted in /resources as well.
        #expect(await h.rpc("PublishVpnRouteEntry", [("RegionId", Fx.region), ("VpnGatewayId", "vpn-bp1browse0000000002"),
                                                      ("RouteDest", "10.76.0.0/24"), ("NextHop", "vco-bp1browse0000000003"),
                                                      ("RouteType", "dbr"), ("PublishVpc", "false")]).status == 200)
        #expect(await h.control("GET", "/_emulator/vpc-entries?vpcId=\(Self.browseVPC)").json["total"]?.intValue == 3)
        let vpcs = await Self.resources(h).json["vpcs"]?.arrayValue ?? []
        #expect(vpcs.first { $0["id"]?.stringValue == Self.browseVPC }?["entryCount"]?.intValue == 3)
    }

    @Test func aBadVPCQueryIsRefused() async throws {
        let h = try Harness()
        let missing = await h.control("GET", "/_emulator/vpc-entries")
        #expect(missing.status == 400)
        #expect(missing.json["path"]?.stringValue == "vpcId")
        let unknown = await h.control("GET", "/_emulator/vpc-entries?vpcId=vpc-nope")
        #expect(unknown.status == 404)
        #expect(unknown.json["path"]?.stringValue == "vpcId")
        #expect(await h.control("GET", "/_emulator/vpc-entries?vpcId=vpc-bp1default0000000001&limit=500").status == 400)
    }
}
