extension JSONValue {
    /// Compact JSON text (no whitespace), keys in stored order.
    public func serialized() -> String {
        var out = ""
        out.reserveCapacity(256)
        write(to: &out, indent: nil, level: 0)
        return out
    }

    /// Indented JSON text, for state dumps meant to be read and edited by people.
    public func prettySerialized() -> String {
        var out = ""
        write(to: &out, indent: "  ", level: 0)
        out.append("\n")
        return out
    }

    private func write(to out: inout String, indent: String?, level: Int) {
        switch self {
        case .null: out.append("null")
        case let .bool(b): out.append(b ? "true" : "false")
        case let .int(i): out.append(String(i))
        case let .double(d):
            if d.isFinite { out.append(d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)) } else { out.append("null") }
        case let .string(s): JSONValue.writeString(s, to: &out)
        case let .array(items):
            if items.isEmpty { out.append("[]"); return }
            out.append("[")
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(",") }
                JSONValue.newline(&out, indent, level + 1)
                item.write(to: &out, indent: indent, level: level + 1)
            }
            JSONValue.newline(&out, indent, level)
            out.append("]")
        case let .object(pairs):
            if pairs.isEmpty { out.append("{}"); return }
            out.append("{")
            for (n, (key, value)) in pairs.enumerated() {
                if n > 0 { out.append(",") }
                JSONValue.newline(&out, indent, level + 1)
                JSONValue.writeString(key, to: &out)
                out.append(indent == nil ? ":" : ": ")
                value.write(to: &out, indent: indent, level: level + 1)
            }
            JSONValue.newline(&out, indent, level)
            out.append("}")
        }
    }

    private static func newline(_ out: inout String, _ indent: String?, _ level: Int) {
        guard let indent else { return }
        out.append("\n")
        for _ in 0..<level { out.append(indent) }
    }

    static func writeString(_ s: String, to out: inout String) {
        out.append("\"")
        // Fast path: most strings (ids, codes, CIDRs) need no escape and are appended whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.append(s)
            out.append("\"")
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case "\u{08}": out.append("\\b")
            case "\u{0C}": out.append("\\f")
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }
}
