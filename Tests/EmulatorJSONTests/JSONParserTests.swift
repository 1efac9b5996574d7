import Testing
@testable import EmulatorJSON

/// The strict JSON parser used for fixtures, stored ClientToken bodies and control requests.
@Suite struct JSONParserTests {
    @Test func objectsKeepKeyOrderAndNumberKinds() throws {
        let v = try JSONParser.parse(#"{"b": 1, "a": true, "c": [1.5, -2, null, "x"], "d": {"e": 1700000123456}}"#)
        let pairs = try #require(v.objectValue)
        #expect(pairs.map(\.0) == ["b", "a", "c", "d"])
        #expect(v["b"] == .int(1))
        #expect(v["a"] == .bool(true))
        #expect(v["c"] == .array([.double(1.5), .int(-2), .null, .string("x")]))
        #expect(v["d"]?["e"]?.intValue == 1_700_000_123_456)
        #expect(v["missing"] == nil)
    }

    /// A stored success body must come back exactly: ints stay ints, key order kept (API.md §7).
    @Test func storedResponseRoundTrips() throws {
        let body: JSONValue = .object([
            ("VpnInstanceId", .string("vpn-bp1default0000000001")), ("RouteDest", .string("10.0.0.0/24")),
            ("NextHop", .string("vco-bp1default0000000001")), ("Weight", .int(0)), ("OverlayMode", .string("Ipsec")),
            ("Description", .string("ünï \"quoted\" \\ /\n\t😀")), ("State", .string("published")), ("CreateTime", .int(1_700_000_123_456)),
        ])
        #expect(try JSONParser.parse(body.serialized()) == body)
    }

    @Test func stringEscapes() throws {
        #expect(try JSONParser.parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{08}\u{0C}\n\r\t"))
        #expect(try JSONParser.parse(#""\u00e9\u4e2d""#) == .string("é中"))
        #expect(try JSONParser.parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try JSONParser.parse("\"中😀\"") == .string("中😀"))
    }

    @Test func numbers() throws {
        #expect(try JSONParser.parse("0") == .int(0))
        #expect(try JSONParser.parse("-0") == .int(0))
        #expect(try JSONParser.parse("9223372036854775807") == .int(Int64.max))
        #expect(try JSONParser.parse("9223372036854775808") == .double(9_223_372_036_854_775_808))
        #expect(try JSONParser.parse("1e2") == .double(100))
        #expect(try JSONParser.parse("1.0") == .double(1))
        #expect(try JSONParser.parse(" \n\t[ ] \r") == .array([]))
        #expect(try JSONParser.parse("{}") == .object([]))
    }

    @Test(arguments: [
        "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "[1 2]", "01", "1.", ".5", "-", "+1", "1e", "0x1",
        "tru", "nul", "True", "NaN", "Infinity", "'a'", "\"abc", "\"a\u{01}b\"", "\"\\x\"", "\"\\u12\"", "\"\\ud83d\"",
        "\"\\ud83d\\u0041\"", "1 2", "{} x", "[\"a\"]]", "\"\\udc00\"",
    ])
    func refuses(text: String) {
        #expect(throws: JSONParser.Error.self, "\(text.debugDescription)") { try JSONParser.parse(text) }
    }

    @Test func refusesInvalidUTF8() {
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func depthIsLimited() throws {
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse(String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)) }
        _ = try JSONParser.parse(String(repeating: "[", count: 32) + String(repeating: "]", count: 32))
    }

    @Test func errorsCarryTheOffset() {
        do {
            _ = try JSONParser.parse("[1, x]")
            Issue.record("expected an error")
        } catch {
            #expect(error.offset == 4)
        }
    }
}
