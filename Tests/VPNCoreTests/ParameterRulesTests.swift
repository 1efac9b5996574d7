import Testing
@testable import VPNCore

/// API.md §3.2 (types), §3.4 (paging), §4.3–§4.6 (Weight, Description, OverlayMode, ClientToken).
@Suite struct ParameterRulesTests {
    // MARK: param.integer (§3.2)

    @Test(arguments: [
        ("0", 0), ("100", 100), ("-5", -5), ("0000000100", 100), ("0000000000", 0), ("2147483647", 2147483647),
        ("-2147483648", -2147483648), ("-0000000001", -1), ("1234567890", 1234567890),
    ])
    func integerAccepts(text: String, value: Int) {
        #expect(expectPass { () throws(RuleError) in try ParameterRules.integer(text, name: "PageSize") } == value)
    }

    @Test(arguments: [
        "12345678901",      // 11 digits
        "00000000100",      // 11 digits, even with leading zeros
        "-12345678901",
        "2147483648",       // Int32.max + 1
        "-2147483649",      // Int32.min - 1
        "9999999999",       // 10 digits but out of Int32
        "+5", "", "-", "--5", "1.0", "1e2", " 5", "5 ", "0x10", "5-", "1_000", "٣", "１", "Ⅻ",
    ])
    func integerRefuses(text: String) {
        expectRule(.invalidParameter("param.integer", "PageNumber"), "\(text.debugDescription)") { () throws(RuleError) in
            try ParameterRules.integer(text, name: "PageNumber")
        }
    }

    @Test func integerNamesTheParameterAsSent() {
        expectRule(.invalidParameter("param.integer", "weight")) { () throws(RuleError) in try ParameterRules.integer("x", name: "weight") }
    }

    // MARK: param.boolean (§3.2)

    @Test(arguments: [("true", true), ("True", true), ("TRUE", true), ("tRuE", true),
                      ("false", false), ("False", false), ("FALSE", false), ("fAlSe", false)])
    func booleanAccepts(text: String, value: Bool) {
        #expect(expectPass { () throws(RuleError) in try ParameterRules.boolean(text, name: "PublishVpc") } == value)
    }

    @Test(arguments: ["1", "0", "yes", "no", "", " true", "true ", "truee", "t", "f", "null", "on"])
    func booleanRefuses(text: String) {
        expectRule(.invalidParameter("param.boolean", "PublishVpc"), "\(text.debugDescription)") { () throws(RuleError) in
            try ParameterRules.boolean(text, name: "PublishVpc")
        }
        expectRule(.invalidParameter("param.boolean", "DryRun")) { () throws(RuleError) in try ParameterRules.boolean(text, name: "DryRun") }
    }

    // MARK: param.enum (§3.2; RouteType exact lowercase §13.9, RouteEntryType any case §13.6)

    @Test func routeTypeIsExactLowercase() {
        for ok in ["dbr", "pbr"] {
            #expect(expectPass { () throws(RuleError) in
                try ParameterRules.enumeration(ok, name: "RouteType", allowed: ["dbr", "pbr"], caseInsensitive: false)
            } == ok)
        }
        for bad in ["DBR", "Dbr", "PBR", "bgp", "", " dbr", "dbr "] {
            expectRule(.invalidParameter("param.enum", "RouteType"), "\(bad.debugDescription)") { () throws(RuleError) in
                try ParameterRules.enumeration(bad, name: "RouteType", allowed: ["dbr", "pbr"], caseInsensitive: false)
            }
        }
    }

    @Test func routeEntryTypeIgnoresCaseAndReturnsTheCanonicalValue() {
        for (sent, canonical) in [("custom", "custom"), ("CUSTOM", "custom"), ("Bgp", "bgp"), ("BGP", "bgp")] {
            #expect(expectPass { () throws(RuleError) in
                try ParameterRules.enumeration(sent, name: "RouteEntryType", allowed: ["custom", "bgp"], caseInsensitive: true)
            } == canonical)
        }
        expectRule(.invalidParameter("param.enum", "RouteEntryType")) { () throws(RuleError) in
            try ParameterRules.enumeration("dbr", name: "RouteEntryType", allowed: ["custom", "bgp"], caseInsensitive: true)
        }
    }

    // MARK: paging (§3.4)

    @Test func paging() {
        #expect(expectPass { () throws(RuleError) in try ParameterRules.pageNumber("1") } == 1)
        #expect(expectPass { () throws(RuleError) in try ParameterRules.pageNumber("999") } == 999)
        #expect(expectPass { () throws(RuleError) in try ParameterRules.pageSize("1") } == 1)
        #expect(expectPass { () throws(RuleError) in try ParameterRules.pageSize("50") } == 50)
        for bad in ["0", "-1"] {
            expectRule(.invalidParameter("param.page-number", "PageNumber")) { () throws(RuleError) in try ParameterRules.pageNumber(bad) }
        }
        for bad in ["0", "51", "-3", "100"] {
            expectRule(.invalidParameter("param.page-size", "PageSize")) { () throws(RuleError) in try ParameterRules.pageSize(bad) }
        }
        expectRule(.invalidParameter("param.integer", "PageNumber")) { () throws(RuleError) in try ParameterRules.pageNumber("one") }
        expectRule(.invalidParameter("param.integer", "PageSize")) { () throws(RuleError) in try ParameterRules.pageSize("12345678901") }
    }

    // MARK: route.weight.value (§4.3)

    @Test(arguments: [("0", 0), ("100", 100), ("0100", 100), ("-0", 0), ("0000000000", 0)])
    func weightAccepts(text: String, value: Int) {
        #expect(expectPass { () throws(RuleError) in try ParameterRules.weight(text, name: "Weight") } == value)
        #expect(expectPass { () throws(RuleError) in try ParameterRules.weight(text, name: "NewWeight") } == value)
    }

    @Test(arguments: ["1", "50", "99", "101", "-100", "200", "2147483647", "-2147483648"])
    func weightOutsideZeroAndHundred(text: String) {
        expectRule(.routeWeightValue, "Weight=\(text)") { () throws(RuleError) in try ParameterRules.weight(text, name: "Weight") }
        expectRule(.routeWeightValue, "NewWeight=\(text)") { () throws(RuleError) in try ParameterRules.weight(text, name: "NewWeight") }
    }

    /// A Weight that is not an integer at all is `InvalidParameter` naming it, not `InvalidWeight` (§13.1 check 2).
    @Test(arguments: ["abc", "+100", "100.0", "12345678901", "1e2", " 100"])
    func weightThatIsNoInteger(text: String) {
        expectRule(.invalidParameter("param.integer", "Weight")) { () throws(RuleError) in try ParameterRules.weight(text, name: "Weight") }
        expectRule(.invalidParameter("param.integer", "NewWeight")) { () throws(RuleError) in try ParameterRules.weight(text, name: "NewWeight") }
    }

    // MARK: route.description.format (§4.4)

    @Test(arguments: [
        "a",
        String(repeating: "x", count: 100),
        String(repeating: "é", count: 100),                // 100 scalars, 200 bytes
        String(repeating: "😀", count: 100),               // 100 scalars, 400 bytes, 200 UTF-16 units
        String(repeating: "中", count: 100),
        String(repeating: "e\u{301}", count: 50),          // 50 characters, 100 scalars
        "mytest", "http", "http:/x", "http//x", "xhttp://a", " http://a", "ftp://a", "https:", "see http://a",
    ])
    func descriptionAccepts(text: String) {
        expectPass("\(text.unicodeScalars.count) scalars") { () throws(RuleError) in try ParameterRules.description(text) }
    }

    @Test(arguments: [
        "",
        String(repeating: "x", count: 101),
        String(repeating: "é", count: 101),
        String(repeating: "😀", count: 101),
        String(repeating: "e\u{301}", count: 51),          // 51 characters but 102 scalars
        String(repeating: "🇨🇳", count: 51),               // 51 characters, 102 scalars
        "http://example.com", "https://example.com", "HTTP://A", "Https://a", "hTtP://", "HTTPS://", "http://",
    ])
    func descriptionRefuses(text: String) {
        expectRule(.routeDescriptionFormat, "\(text.prefix(20).debugDescription) (\(text.unicodeScalars.count) scalars)") { () throws(RuleError) in
            try ParameterRules.description(text)
        }
    }

    // MARK: route.overlay-mode.value (§4.5)

    @Test func overlayMode() {
        expectPass { () throws(RuleError) in try ParameterRules.overlayMode("Ipsec") }
        for bad in ["ipsec", "IPSEC", "IPsec", "Ipsec ", " Ipsec", "Gre", "Vxlan", ""] {
            expectRule(.routeOverlayModeValue, "\(bad.debugDescription)") { () throws(RuleError) in try ParameterRules.overlayMode(bad) }
        }
    }

    // MARK: token.format (§4.6)

    @Test(arguments: [
        "a", String(repeating: "t", count: 64), "0c593ea1-3bea-11e9-b96b-88e9fe637760", " ", "~", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
        String(repeating: "~", count: 63) + " ",
    ])
    func tokenAccepts(text: String) {
        expectPass { () throws(RuleError) in try ParameterRules.clientToken(text) }
    }

    @Test(arguments: [
        String(repeating: "t", count: 65),                 // 65 characters
        String(repeating: "t", count: 200),
        "tökén",                                           // non-ASCII
        "token-中",
        String(repeating: "t", count: 63) + "é",           // 64 characters but not ASCII
        "tab\there", "line\nbreak", "cr\r", "nul\u{0}", "esc\u{1B}", "unit\u{1F}", "del\u{7F}",  // control characters
        "\u{A0}",                                          // non-breaking space
    ])
    func tokenRefuses(text: String) {
        expectRule(.tokenFormat, "\(text.debugDescription)") { () throws(RuleError) in try ParameterRules.clientToken(text) }
    }
}
