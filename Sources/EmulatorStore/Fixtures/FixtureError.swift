/// A fixture that cannot be loaded (FIXTURES.md): where in the document, and why.
///
/// `path` is a JSON path in the document (`vpnGateways[2].vpcId`; `""` for the document itself),
/// `message` the reason (`unknown VPC "vpc-x"`), `source` the file it came from, when known.
public struct FixtureError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var source: String?

    public init(path: String, message: String, source: String? = nil) {
        self.path = path; self.message = message; self.source = source
    }

    /// `source: path: message`, leaving out the parts that are empty.
    public var description: String {
        var parts: [String] = []
        if let source, !source.isEmpty { parts.append(source) }
        if !path.isEmpty { parts.append(path) }
        parts.append(message)
        return parts.joined(separator: ": ")
    }

    /// The same error attributed to the file `source`.
    public func from(_ source: String) -> FixtureError {
        FixtureError(path: path, message: message, source: source)
    }
}
