import Testing
@testable import VPNCore

/// API.md §4.1: the strict `a.b.c.d/n` syntax, and the containment relations the route rules use.
@Suite struct IPv4CIDRTests {
    @Test(arguments: [
        ("10.0.0.0/24", UInt32(0x0A00_0000), 24),
        ("10.1.0.0/32", UInt32(0x0A01_0000), 32),
        ("0.0.0.0/0", UInt32(0), 0),
        ("0.0.0.0/1", UInt32(0), 1),
        ("128.0.0.0/1", UInt32(0x8000_0000), 1),
        ("255.255.255.255/32", UInt32(0xFFFF_FFFF), 32),
        ("192.168.100.0/24", UInt32(0xC0A8_6400), 24),
        ("100.64.0.0/10", UInt32(0x6440_0000), 10),
        ("1.2.3.4/32", UInt32(0x0102_0304), 32),
        ("10.0.0.0/8", UInt32(0x0A00_0000), 8),
    ])
    func accepts(text: String, address: UInt32, prefix: Int) throws {
        let c = try #require(IPv4CIDR(text))
        #expect(c.address == address)
        #expect(c.prefixLength == prefix)
        #expect(c.description == text)
    }

    @Test(arguments: [
        // leading zeros in an octet or in the prefix length
        "010.0.0.0/24", "10.00.0.0/24", "10.0.0.00/32", "10.0.0.0/024", "10.0.0.0/08", "0.0.0.0/00", "00.0.0.0/0",
        // host bits
        "10.0.0.1/24", "11.0.0.0/7", "0.0.0.1/0", "192.168.100.1/31", "128.0.0.0/0",
        // out of range
        "10.0.0.0/33", "256.0.0.0/8", "10.0.0.0/-1", "10.0.0.0/100", "10.0.0.1000/32",
        // whitespace anywhere
        " 10.0.0.0/24", "10.0.0.0/24 ", "10.0.0.0 /24", "10.0.0.0/ 24", "10. 0.0.0/24", "10.0.0.0/24\n", "\t10.0.0.0/24",
        // IPv6
        "::/0", "2001:db8::/32", "::ffff:10.0.0.0/120", "fe80::/10",
        // shape
        "", "10.0.0.0", "10.0.0/24", "10.0.0.0.0/24", "10..0.0/24", ".10.0.0/24", "10.0.0.0/", "/24", "10.0.0.0//24",
        "10.0.0.0/24/24", "a.b.c.d/8", "10.0.0.0/+8", "+10.0.0.0/8", "10.0.0.-0/24", "10.0.0.0/8a", "0x0a.0.0.0/8",
        "１0.0.0.0/8", "10.0.0.0/２4", "10,0,0,0/24", "10.0.0.0\\24",
    ])
    func refuses(text: String) {
        #expect(IPv4CIDR(text) == nil, "\(text.debugDescription) must be refused")
        expectRule(.routeDestSyntax, "\(text.debugDescription)") { () throws(RuleError) in try ParameterRules.routeDest(text) }
    }

    @Test func routeDestRuleReturnsTheBlock() {
        let c = expectPass { () throws(RuleError) in try ParameterRules.routeDest("172.16.1.0/24") }
        #expect(c == IPv4CIDR(address: 0xAC10_0100, prefixLength: 24))
    }

    @Test func memberwiseInitDropsHostBits() {
        #expect(IPv4CIDR(address: 0x0A00_0001, prefixLength: 24).description == "10.0.0.0/24")
        #expect(IPv4CIDR(address: 0xFFFF_FFFF, prefixLength: 0).description == "0.0.0.0/0")
    }

    @Test func containment() {
        let net8 = cidr("10.0.0.0/8"), net24 = cidr("10.1.2.0/24"), other = cidr("11.0.0.0/8")
        #expect(net8.contains(net24))
        #expect(net8.contains(net8))
        #expect(!net24.contains(net8))
        #expect(net24.isInside(net8))
        #expect(net8.isInside(net8))
        #expect(!net8.isInside(net24))
        #expect(net8.overlaps(net24) && net24.overlaps(net8))
        #expect(!net8.overlaps(other) && !other.overlaps(net8))
        #expect(cidr("0.0.0.0/0").contains(cidr("255.255.255.255/32")))
        #expect(cidr("0.0.0.0/1").contains(cidr("100.64.0.0/10")))
        #expect(!cidr("128.0.0.0/1").overlaps(cidr("100.64.0.0/10")))
        #expect(cidr("128.0.0.0/1").contains(cidr("224.0.0.0/4")))
        #expect(!cidr("128.0.0.0/1").isInside(cidr("224.0.0.0/4")))
        // Adjacent blocks do not overlap.
        #expect(!cidr("10.0.0.0/25").overlaps(cidr("10.0.0.128/25")))
    }
}
