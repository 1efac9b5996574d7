/// An IPv4 block `a.b.c.d/n` in the strict form of API.md §4.1: decimal octets without leading
/// zeros, a prefix length 0–32 without leading zeros, nothing else, and no host bits.
public struct IPv4CIDR: Sendable, Hashable, CustomStringConvertible {
    public let address: UInt32
    public let prefixLength: Int

    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")) else { return nil }
        guard let prefix = IPv4CIDR.decimal(bytes[(slash + 1)...], max: 32) else { return nil }
        var octets: [UInt32] = []
        for part in bytes[..<slash].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard let v = IPv4CIDR.decimal(part, max: 255) else { return nil }
            octets.append(UInt32(v))
        }
        guard octets.count == 4 else { return nil }
        let addr = octets[0] << 24 | octets[1] << 16 | octets[2] << 8 | octets[3]
        guard addr & ~IPv4CIDR.mask(prefix) == 0 else { return nil }   // host bits set
        self.address = addr
        self.prefixLength = prefix
    }

    public init(address: UInt32, prefixLength: Int) {
        precondition((0...32).contains(prefixLength))
        self.address = address & IPv4CIDR.mask(prefixLength)
        self.prefixLength = prefixLength
    }

    /// Digits only, no leading zero unless the value is 0, at most `max`.
    private static func decimal(_ s: ArraySlice<UInt8>, max: Int) -> Int? {
        guard !s.isEmpty, s.count <= 3 else { return nil }
        if s.count > 1, s.first == UInt8(ascii: "0") { return nil }
        var v = 0
        for b in s {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            v = v * 10 + Int(b - UInt8(ascii: "0"))
        }
        return v <= max ? v : nil
    }

    static func mask(_ prefix: Int) -> UInt32 { prefix == 0 ? 0 : UInt32.max << UInt32(32 - prefix) }

    public var mask: UInt32 { IPv4CIDR.mask(prefixLength) }

    /// True when `other` equals this block or lies inside it.
    public func contains(_ other: IPv4CIDR) -> Bool {
        other.prefixLength >= prefixLength && other.address & mask == address
    }

    /// True when this block equals `other` or lies inside it.
    public func isInside(_ other: IPv4CIDR) -> Bool { other.contains(self) }

    /// True when the blocks share any address (one contains the other).
    public func overlaps(_ other: IPv4CIDR) -> Bool { contains(other) || other.contains(self) }

    public var description: String {
        "\(address >> 24).\(address >> 16 & 0xFF).\(address >> 8 & 0xFF).\(address & 0xFF)/\(prefixLength)"
    }
}

extension IPv4CIDR {
    /// The first and last address of the block, as the integers the store indexes.
    public var range: (start: Int64, end: Int64) { (Int64(address), Int64(address | ~mask)) }
}
