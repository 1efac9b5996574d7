/// Format rules of API.md §3–§4. Each takes the raw text and the parameter name as sent.
public enum ParameterRules {
    /// §3.2: optional `-` then 1–10 digits, within Int32.
    public static func integer(_ text: String, name: String) throws(RuleError) -> Int {
        var digits = Substring(text)
        if digits.first == "-" { digits = digits.dropFirst() }
        guard (1...10).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let v = Int(text), v >= Int(Int32.min), v <= Int(Int32.max)
        else { throw Rules.paramInteger.error(name: name) }
        return v
    }

    /// §3.2: `true`/`false` in any letter case.
    public static func boolean(_ text: String, name: String) throws(RuleError) -> Bool {
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw Rules.paramBoolean.error(name: name)
        }
    }

    /// §3.2: one of `allowed`; `caseInsensitive` per the parameter's table. Returns the canonical value.
    public static func enumeration(_ text: String, name: String, allowed: [String], caseInsensitive: Bool) throws(RuleError) -> String {
        if let hit = allowed.first(where: { caseInsensitive ? $0.lowercased() == text.lowercased() : $0 == text }) { return hit }
        throw Rules.paramEnum.error(name: name)
    }

    /// §4.1.
    public static func routeDest(_ text: String) throws(RuleError) -> IPv4CIDR {
        guard let cidr = IPv4CIDR(text) else { throw Rules.routeDestSyntax.error() }
        return cidr
    }

    /// §4.3: an integer, then 0 or 100.
    public static func weight(_ text: String, name: String) throws(RuleError) -> Int {
        let v = try integer(text, name: name)
        guard v == 0 || v == 100 else { throw Rules.routeWeightValue.error() }
        return v
    }

    /// §4.4: 1–100 Unicode scalars, no `http://` or `https://` prefix.
    public static func description(_ text: String) throws(RuleError) {
        let lower = text.lowercased()
        guard (1...100).contains(text.unicodeScalars.count), !lower.hasPrefix("http://"), !lower.hasPrefix("https://")
        else { throw Rules.routeDescriptionFormat.error() }
    }

    /// §4.5: exactly `Ipsec`.
    public static func overlayMode(_ text: String) throws(RuleError) {
        guard text == "Ipsec" else { throw Rules.routeOverlayModeValue.error() }
    }

    /// §4.6: at most 64 printable ASCII characters.
    public static func clientToken(_ text: String) throws(RuleError) {
        guard text.utf8.count <= 64, text.utf8.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E })
        else { throw Rules.tokenFormat.error() }
    }

    /// §3.4: PageNumber ≥ 1.
    public static func pageNumber(_ text: String) throws(RuleError) -> Int {
        let v = try integer(text, name: "PageNumber")
        guard v >= 1 else { throw Rules.paramPageNumber.error(name: "PageNumber") }
        return v
    }

    /// §3.4: PageSize 1–50.
    public static func pageSize(_ text: String) throws(RuleError) -> Int {
        let v = try integer(text, name: "PageSize")
        guard (1...50).contains(v) else { throw Rules.paramPageSize.error(name: "PageSize") }
        return v
    }
}
