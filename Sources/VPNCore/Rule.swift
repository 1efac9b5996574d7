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
        return RuleError(rule: self, code: code.replacing("<Name>", with: name),
                         httpStatus: httpStatus, message: message.replacing("<Name>", with: name))
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
