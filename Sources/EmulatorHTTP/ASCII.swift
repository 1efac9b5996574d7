// Byte-level helpers shared by the parser and the serializer.

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (RFC 9110 §5.6.3 OWS): header values, and the
    /// RPC layer's header comparisons.
    public func trimmingOWS() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}

extension UInt8 {
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A

    var isDigit: Bool { self >= 0x30 && self <= 0x39 }

    /// RFC 9110 §5.6.2: tchar.
    var isTokenChar: Bool {
        switch self {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), 0x30...0x39:
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// The value of a hexadecimal digit, either case (chunk sizes; percent-decoding in EmulatorRPC).
    public var hexValue: Int? {
        switch self {
        case 0x30...0x39: return Int(self - 0x30)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(self - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(self - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
