import EmulatorHTTP

/// Percent-encoding and -decoding of PROTOCOL.md §3.2 and §4.3.
enum PercentEncoding {
    /// `pct` of §4.3: unreserved bytes `A–Z a–z 0–9 - _ . ~` kept, every other byte `%XX` upper case.
    static func encode(_ s: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.append(b)
            default:
                out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `pct(name)=pct(value)` joined with `&`, sorted by the encoded name bytewise; equal names keep
    /// their received order (the canonical query of V1 step 3 and V3 step 3).
    static func canonicalQuery(_ pairs: [RPCParameters.Pair]) -> String {
        pairs.map { (name: encode($0.name), value: encode($0.value)) }
            .enumerated()
            .sorted { a, b in
                let (x, y) = (Array(a.element.name.utf8), Array(b.element.name.utf8))
                return x == y ? a.offset < b.offset : x.lexicographicallyPrecedes(y)
            }
            .map { $0.element.name + "=" + $0.element.value }
            .joined(separator: "&")
    }

    /// Form/query decoding of §3.2: `+` is a space, `%HH` a byte; nil for a bad escape or invalid UTF-8.
    static func decode(_ s: Substring) -> String? {
        var bytes = [UInt8]()
        bytes.reserveCapacity(s.utf8.count)
        var it = s.utf8.makeIterator()
        while let b = it.next() {
            switch b {
            case UInt8(ascii: "+"): bytes.append(0x20)
            case UInt8(ascii: "%"):
                guard let h = it.next()?.hexValue, let l = it.next()?.hexValue else { return nil }
                bytes.append(UInt8(h << 4 | l))
            default: bytes.append(b)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
