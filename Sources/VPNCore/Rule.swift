/// A named check with a stable id (API.md §0.1). The id travels with the error to the envelope
/// (`x-emulator-rule`) and the journal. `message` may hold `<Name>`, filled by `RuleError`.
public struct Rule: Sendable, Hashable, CustomStringConvertible {
    public let id: String
    public let code: String
    public let httpStatus: Int
    public let message: String

    public init(_ id: String, _ code: String, _ httpStatus: Int, _ message: String) {
        self.id = id; self.code = code; self.httpStatus = httpStatus; self.message = message
    }

    public var description: String { "\(id) → \(httpStatus) \(code)" }

    /// The error this rule answers; `name` fills `<Name>` in the code and message.
    public func error(name: String? = nil) -> RuleError {
        guard let name else { return RuleError(rule: self, code: code, httpStatus: httpStatus, message: message) }
        return RuleError(rule: self, code: code.replacingOccurrences(of: "<Name>", with: name),
                         httpStatus: httpStatus, message: message.replacingOccurrences(of: "<Name>", with: name))
    }
}

/// The error of one rule, with its code and message resolved.
public struct RuleError: Error, Sendable, Equatable {
    public let rule: Rule
    public let code: String
    public let httpStatus: Int
    public let message: String
    public init(rule: Rule, code: String, httpStatus: Int, message: String) {
        self.rule = rule; self.code = code; self.httpStatus = httpStatus; self.message = message
    }
    public var ruleId: String { rule.id }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = self[...]
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

extension Substring {
    func range(of target: String) -> Range<Substring.Index>? {
        let t = Array(target.utf8)
        let u = self.utf8
        var i = u.startIndex
        while i != u.endIndex {
            var j = i
            var k = 0
            while k < t.count, j != u.endIndex, u[j] == t[k] { j = u.index(after: j); k += 1 }
            if k == t.count { return i..<j }
            i = u.index(after: i)
        }
        return nil
    }
}
