/// RAM policy evaluation of API.md §9: patterns `vpc:<Action>` with `*` wildcards, matched
/// ignoring letter case; a deny wins; no allow → implicit deny.
public enum RAMAuthorizer {
    public enum Decision: Sendable, Equatable { case allowed, explicitDeny, implicitDeny }

    public static func decide(_ policy: RAMPolicy, action: String) -> Decision {
        let subject = "vpc:" + action
        if policy.deny.contains(where: { matches(pattern: $0, subject) }) { return .explicitDeny }
        if policy.allow.contains(where: { matches(pattern: $0, subject) }) { return .allowed }
        return .implicitDeny
    }

    /// Glob match with `*` = any run of characters, case-insensitive.
    public static func matches(pattern: String, _ subject: String) -> Bool {
        let p = Array(pattern.lowercased().unicodeScalars), s = Array(subject.lowercased().unicodeScalars)
        var pi = 0, si = 0, star = -1, mark = 0
        while si < s.count {
            if pi < p.count, p[pi] != "*", p[pi] == s[si] { pi += 1; si += 1 }
            else if pi < p.count, p[pi] == "*" { star = pi; mark = si; pi += 1 }
            else if star >= 0 { pi = star + 1; mark += 1; si = mark }
            else { return false }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
