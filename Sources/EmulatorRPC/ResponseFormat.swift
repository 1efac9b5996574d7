import EmulatorJSON
import VPNCore

/// JSON (default) or XML (`Format=XML` in any case), PROTOCOL.md §3.6 and §6.4.
public enum ResponseFormat: Sendable {
    case json, xml

    public init(parameter: String?) {
        self = parameter?.lowercased() == "xml" ? .xml : .json
    }

    public var contentType: String {
        switch self {
        case .json: return "application/json;charset=utf-8"
        case .xml: return "text/xml;charset=utf-8"
        }
    }

    /// `root` is the XML root element (`<Action>Response` or `Error`); JSON ignores it.
    public func render(_ value: JSONValue, root: String) -> [UInt8] {
        switch self {
        case .json: return value.serializedBytes()
        case .xml:
            var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            Self.writeXML(element: root, value, to: &out)
            return Array(out.utf8)
        }
    }

    /// §6.4: scalars as text, objects as children, arrays as one element per item named after the key.
    static func writeXML(element: String, _ value: JSONValue, to out: inout String) {
        switch value {
        case let .array(items):
            for item in items { writeXML(element: element, item, to: &out) }
        case let .object(pairs):
            out += "<\(element)>"
            for (k, v) in pairs { writeXML(element: k, v, to: &out) }
            out += "</\(element)>"
        case .null:
            out += "<\(element)></\(element)>"
        case let .bool(b): out += "<\(element)>\(b ? "true" : "false")</\(element)>"
        case let .int(i): out += "<\(element)>\(i)</\(element)>"
        case let .double(d): out += "<\(element)>\(d)</\(element)>"
        case let .string(s): out += "<\(element)>\(escape(s))</\(element)>"
        }
    }

    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            // XML 1.0 cannot carry other C0 controls, not even as references.
            case "\u{00}"..."\u{08}", "\u{0B}", "\u{0C}", "\u{0E}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
