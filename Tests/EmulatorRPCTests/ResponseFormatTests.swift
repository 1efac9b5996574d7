import Testing
import EmulatorHTTP
import VPNCore
@testable import EmulatorRPC

/// PROTOCOL.md §3.6, §6.4 and §6.5: `Format`, the XML rendering, content types.
@Suite struct ResponseFormatTests {
    /// A spec example as printed (indented for reading) → the wire form (no whitespace between elements).
    static func compact(_ text: String) -> String {
        text.split(separator: "\n").map { $0.drop { $0 == " " } }.joined()
    }

    static let xmlType = "text/xml;charset=utf-8"
    static let jsonType = "application/json;charset=utf-8"

    @Test func anXMLErrorIsRenderedAsInTheSpec() async throws {
        let h = try Harness()
        let r = await h.createRoute("10.1.0.0/24", nextHop: Fx.connection2, weight: 100, extra: [("Format", "XML")])
        #expect(r.status == 400)
        #expect(r.rule == "route.pair.second-active")
        #expect(r.contentType == Self.xmlType)
        let id = try #require(r.requestId)
        #expect(r.text == Self.compact("""
            <?xml version="1.0" encoding="UTF-8"?>
            <Error>
              <RequestId>\(id)</RequestId>
              <HostId>127.0.0.1:8428</HostId>
              <Code>VpnRouteEntry.Conflict</Code>
              <Message>The specified route entry has conflict.</Message>
              <Recommend>https://api.aliyun.com/troubleshoot?q=VpnRouteEntry.Conflict&amp;product=Vpc&amp;requestId=\(id)</Recommend>
            </Error>
            """))
    }

    @Test func anXMLSuccessIsRenderedAsInTheSpec() async throws {
        let h = try Harness()
        let r = await h.createRoute("10.0.0.0/24", weight: 0, publish: true, extra: [("Description", "mytest"), ("Format", "xml")])
        #expect(r.status == 200, "\(r)")
        #expect(r.contentType == Self.xmlType)
        #expect(r.rule == nil)
        let id = try #require(r.requestId)
        #expect(r.text == Self.compact("""
            <?xml version="1.0" encoding="UTF-8"?>
            <CreateVpnRouteEntryResponse>
              <RequestId>\(id)</RequestId>
              <VpnInstanceId>vpn-bp1default0000000001</VpnInstanceId>
              <RouteDest>10.0.0.0/24</RouteDest>
              <NextHop>vco-bp1default0000000001</NextHop>
              <Weight>0</Weight>
              <OverlayMode>Ipsec</OverlayMode>
              <Description>mytest</Description>
              <State>published</State>
              <CreateTime>\(Harness.start)</CreateTime>
            </CreateVpnRouteEntryResponse>
            """))
    }

    @Test func wrapperListsBecomeNestedElements() async throws {
        let h = try Harness()
        let r = await h.rpc("DescribeVpnRouteEntries", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("Format", "XML")])
        #expect(r.contentType == Self.xmlType)
        let id = try #require(r.requestId)
        #expect(r.text == Self.compact("""
            <?xml version="1.0" encoding="UTF-8"?>
            <DescribeVpnRouteEntriesResponse>
              <RequestId>\(id)</RequestId>
              <TotalCount>1</TotalCount>
              <PageNumber>1</PageNumber>
              <PageSize>10</PageSize>
              <VpnRouteEntries>
                <VpnRouteEntry>
                  <VpnInstanceId>vpn-bp1default0000000001</VpnInstanceId>
                  <RouteDest>10.1.0.0/24</RouteDest>
                  <NextHop>vco-bp1default0000000001</NextHop>
                  <Weight>100</Weight>
                  <State>normal</State>
                  <CreateTime>1700000000000</CreateTime>
                  <RouteEntryType>custom</RouteEntryType>
                  <Source></Source>
                  <AsPath></AsPath>
                  <Community></Community>
                  <NextHopTunnelId></NextHopTunnelId>
                </VpnRouteEntry>
              </VpnRouteEntries>
              <VpnRouteCounts></VpnRouteCounts>
            </DescribeVpnRouteEntriesResponse>
            """))
    }

    @Test func bareArraysRepeatTheirKey() async throws {
        let h = try Harness()
        let load = await h.control("POST", "/_emulator/fixtures", body: """
            {"vcoRouteEntries":[{"vpnConnectionId":"vco-bp1transit0000000001","routeDest":"192.168.20.0/24","weight":0,
             "description":"","createTime":1700000000500}]}
            """)
        #expect(load.status == 200, "\(load)")
        let r = await h.rpc("DescribeVcoRouteEntries", [("RegionId", Fx.region), ("VpnConnectionId", Fx.transit), ("Format", "XML")])
        let id = try #require(r.requestId)
        #expect(r.text == Self.compact("""
            <?xml version="1.0" encoding="UTF-8"?>
            <DescribeVcoRouteEntriesResponse>
              <RequestId>\(id)</RequestId>
              <TotalCount>2</TotalCount>
              <PageNumber>1</PageNumber>
              <PageSize>10</PageSize>
              <VcoRouteEntries>
                <VpnConnectionId>vco-bp1transit0000000001</VpnConnectionId>
                <RouteDest>192.168.10.0/24</RouteDest>
                <NextHop>vco-bp1transit0000000001</NextHop>
                <Weight>100</Weight>
                <State>published</State>
                <CreateTime>1700000000000</CreateTime>
                <RouteEntryType>custom</RouteEntryType>
                <Source></Source>
                <AsPath></AsPath>
                <Community></Community>
              </VcoRouteEntries>
              <VcoRouteEntries>
                <VpnConnectionId>vco-bp1transit0000000001</VpnConnectionId>
                <RouteDest>192.168.20.0/24</RouteDest>
                <NextHop>vco-bp1transit0000000001</NextHop>
                <Weight>0</Weight>
                <State>published</State>
                <CreateTime>1700000000500</CreateTime>
                <RouteEntryType>custom</RouteEntryType>
                <Source></Source>
                <AsPath></AsPath>
                <Community></Community>
              </VcoRouteEntries>
            </DescribeVcoRouteEntriesResponse>
            """))
        // The same body in JSON: bare arrays, no wrapper objects.
        let json = await h.rpc("DescribeVcoRouteEntries", [("RegionId", Fx.region), ("VpnConnectionId", Fx.transit)])
        #expect(json.json["VcoRouteEntries"]?.arrayValue?.count == 2)
        #expect(json.json["VpnRouteCounts"]?.arrayValue == [])
    }

    @Test func textIsEscapedAndObjectsNest() async throws {
        let h = try Harness()
        let description = #"a<b>&c"d'e"#
        let r = await h.createRoute("10.0.0.0/24", extra: [("Description", description), ("Format", "XML")])
        #expect(r.status == 200, "\(r)")
        #expect(r.text.contains(#"<Description>a&lt;b&gt;&amp;c"d'e</Description>"#), "\(r.text)")
        h.advance(2000)
        let json = await h.createRoute("10.9.0.0/24", extra: [("Description", description)])
        #expect(json.json["Description"]?.stringValue == description)
        #expect(json.text.contains(#""Description":"a<b>&c\"d'e""#), "\(json.text)")
        let gateway = await h.rpc("DescribeVpnGateway", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("Format", "XML")])
        #expect(gateway.text.contains(#"<Tag>{"VpnEnableBgp":"false","VisuallySsl":"true","PbrPriority":"true","VpnNewImage":"true","VpnVersion":"v1.2.4"}</Tag>"#),
                "\(gateway.text)")
        #expect(gateway.text.contains("<Tags><Tag><Key>env</Key><Value>test</Value></Tag></Tags>"))
        #expect(gateway.text.contains("<EniInstanceIds></EniInstanceIds>"))
        #expect(gateway.text.contains("<EnableBgp>false</EnableBgp>"))
        #expect(gateway.text.contains("<SslMaxConnections>5</SslMaxConnections>"))
        #expect(!gateway.text.contains("\n") && !gateway.text.contains("> <"))
    }

    @Test func anXMLRAMDenialNestsTheDetail() async throws {
        let h = try Harness()
        let r = await h.rpc("CreateVpnRouteEntry", [("Format", "XML")], key: Fx.deniedKey)
        #expect(r.status == 403)
        #expect(r.contentType == Self.xmlType)
        #expect(r.text.hasSuffix("</Recommend><AccessDeniedDetail><AuthAction>vpc:CreateVpnRouteEntry</AuthAction><AuthPrincipalDisplayName>denied</AuthPrincipalDisplayName><AuthPrincipalOwnerId>1234567890123456</AuthPrincipalOwnerId><AuthPrincipalType>SubUser</AuthPrincipalType><EncodedDiagnosticMessage></EncodedDiagnosticMessage><NoPermissionType>ExplicitDeny</NoPermissionType><PolicyType>AccountLevelIdentityBasedPolicy</PolicyType></AccessDeniedDetail></Error>"),
                "\(r.text)")
    }

    @Test(arguments: [("XML", true), ("xml", true), ("Xml", true), ("JSON", false), ("json", false), ("yaml", false), ("", false)])
    func formatPicksTheEncoding(value: String, xml: Bool) async throws {
        let h = try Harness()
        let ok = await h.rpc("DescribeVpnGateway", [("RegionId", Fx.region), ("VpnGatewayId", Fx.gateway), ("Format", value)])
        let err = await h.rpc("DescribeVpnGateway", [("RegionId", "nowhere"), ("VpnGatewayId", Fx.gateway), ("Format", value)])
        for r in [ok, err] {
            #expect(r.contentType == (xml ? Self.xmlType : Self.jsonType))
            #expect(r.text.hasPrefix(xml ? #"<?xml version="1.0" encoding="UTF-8"?>"# : "{"), "\(r.text)")
        }
        #expect(ok.status == 200)
        #expect(err.status == 400)
    }

    @Test func noFormatMeansJSON() async throws {
        let h = try Harness()
        let r = await h.describeGateway()
        #expect(r.contentType == Self.jsonType)
        #expect(r.json["EnableBgp"] == .bool(false))
        #expect(r.json["SslMaxConnections"] == .int(5))
    }

    @Test func stageOneErrorsAreAlwaysJSONLaterOnesFollowFormat() async throws {
        let h = try Harness(auth: .verify)
        let path = await h.send(HTTPRequest(method: "GET", target: "/x?Format=XML"))
        #expect(path.rule == "http.path")
        #expect(path.contentType == Self.jsonType)
        #expect(path.json["Code"]?.stringValue == "InvalidAction.NotFound")
        let method = await h.send(HTTPRequest(method: "PUT", target: "/?Format=XML"))
        #expect(method.rule == "http.method")
        #expect(method.contentType == Self.jsonType)
        // Stage 2 on: the asked format, even when another parameter fails to decode.
        let encoding = await h.send(HTTPRequest(method: "GET", target: "/?Format=XML&RegionId=%E0%A4"))
        #expect(encoding.rule == "param.encoding")
        #expect(encoding.contentType == Self.xmlType)
        #expect(encoding.text.contains("<Code>InvalidParameter</Code><Message>The specified parameter \"RegionId\" is not valid.</Message>"),
                "\(encoding.text)")
        let auth = await h.send(HTTPRequest(method: "GET", target: "/?Format=XML&Action=DescribeVpnGateway"))
        #expect(auth.rule == "auth.missing")
        #expect(auth.contentType == Self.xmlType)
        #expect(auth.text.contains("<Code>MissingAccessKeyId</Code>"))
    }

    @Test func aReplayIsRenderedInTheFormatOfTheReplay() async throws {
        let h = try Harness()
        let first = await h.createRoute("10.0.0.0/24", extra: [("ClientToken", "fmt-1")])
        #expect(first.status == 200)
        let replay = await h.createRoute("10.0.0.0/24", extra: [("ClientToken", "fmt-1"), ("Format", "XML")])
        #expect(replay.isReplay)
        #expect(replay.contentType == Self.xmlType)
        #expect(replay.text.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?><CreateVpnRouteEntryResponse><RequestId>\#(replay.requestId ?? "?")</RequestId><VpnInstanceId>"#))
    }
}
