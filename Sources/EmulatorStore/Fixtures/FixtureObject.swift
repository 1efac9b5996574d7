import EmulatorJSON
import VPNCore

/// One JSON object of a fixture being read: checks the object type, rejects unknown and repeated
/// fields, and reads typed fields with errors that carry the field's JSON path.
struct FixtureObject {
    let path: String
    private let fields: [String: JSONValue]

    init(_ value: JSONValue, path: String, allowed: [String]) throws(FixtureError) {
        guard case let .object(pairs) = value else { throw Self.typeError(path, "an object", value) }
        var fields: [String: JSONValue] = [:]
        for (key, v) in pairs {
            guard allowed.contains(key) else { throw FixtureError(path: Self.join(path, key), message: "unknown field \"\(key)\"") }
            guard fields[key] == nil else { throw FixtureError(path: Self.join(path, key), message: "duplicate field \"\(key)\"") }
            fields[key] = v
        }
        self.path = path
        self.fields = fields
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }
    static func index(_ path: String, _ i: Int) -> String { "\(path)[\(i)]" }

    static func typeError(_ path: String, _ expected: String, _ got: JSONValue) -> FixtureError {
        FixtureError(path: path, message: "expected \(expected), got \(got.kindName)")
    }

    func path(_ key: String) -> String { Self.join(path, key) }
    func error(_ key: String, _ message: String) -> FixtureError { FixtureError(path: path(key), message: message) }
    func has(_ key: String) -> Bool { fields[key] != nil }
    func value(_ key: String) -> JSONValue? { fields[key] }

    func required<T>(_ key: String, _ value: T?) throws(FixtureError) -> T {
        guard let value else { throw error(key, "missing required field \"\(key)\"") }
        return value
    }

    func string(_ key: String) throws(FixtureError) -> String? {
        guard let v = fields[key] else { return nil }
        guard case let .string(s) = v else { throw Self.typeError(path(key), "a string", v) }
        return s
    }

    func requiredString(_ key: String) throws(FixtureError) -> String { try required(key, try string(key)) }

    /// A required string that must not be empty.
    func nonEmptyString(_ key: String) throws(FixtureError) -> String {
        let s = try requiredString(key)
        guard !s.isEmpty else { throw error(key, "must not be empty") }
        return s
    }

    func int(_ key: String) throws(FixtureError) -> Int64? {
        guard let v = fields[key] else { return nil }
        guard case let .int(i) = v else { throw Self.typeError(path(key), "an integer", v) }
        return i
    }

    func nonNegativeInt(_ key: String) throws(FixtureError) -> Int64? {
        guard let i = try int(key) else { return nil }
        guard i >= 0 else { throw error(key, "must not be negative, got \(i)") }
        return i
    }

    func bool(_ key: String) throws(FixtureError) -> Bool? {
        guard let v = fields[key] else { return nil }
        guard case let .bool(b) = v else { throw Self.typeError(path(key), "a boolean", v) }
        return b
    }

    /// The items of an array field; an omitted field is an empty list.
    func array(_ key: String) throws(FixtureError) -> [JSONValue] {
        guard let v = fields[key] else { return [] }
        guard case let .array(items) = v else { throw Self.typeError(path(key), "an array", v) }
        return items
    }

    /// A list of strings; an omitted field is an empty list.
    func strings(_ key: String) throws(FixtureError) -> [String] {
        var out: [String] = []
        for (i, v) in try array(key).enumerated() {
            guard case let .string(s) = v else { throw Self.typeError(Self.index(path(key), i), "a string", v) }
            out.append(s)
        }
        return out
    }

    func object(_ key: String, allowed: [String]) throws(FixtureError) -> FixtureObject? {
        guard let v = fields[key] else { return nil }
        return try FixtureObject(v, path: path(key), allowed: allowed)
    }

    /// A value of `allowed`, or `fallback` when omitted.
    func enumeration(_ key: String, _ allowed: [String], default fallback: String? = nil) throws(FixtureError) -> String? {
        guard let s = try string(key) else { return fallback }
        guard allowed.contains(s) else {
            throw error(key, "invalid value \"\(s)\" (expected one of: \(allowed.joined(separator: ", ")))")
        }
        return s
    }

    /// An id with `prefix` followed by at least one character.
    func id(_ key: String, prefix: String) throws(FixtureError) -> String? {
        guard let s = try string(key) else { return nil }
        guard s.hasPrefix(prefix), s.count > prefix.count else {
            throw error(key, "invalid id \"\(s)\": must start with \"\(prefix)\"")
        }
        return s
    }

    func requiredId(_ key: String, prefix: String) throws(FixtureError) -> String { try required(key, try id(key, prefix: prefix)) }

    /// An account UID: ASCII digits only.
    func accountId(_ key: String) throws(FixtureError) -> String {
        let s = try requiredString(key)
        guard !s.isEmpty, s.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw error(key, "invalid account id \"\(s)\": must be digits")
        }
        return s
    }

    /// A CIDR block in the strict form of `IPv4CIDR` (no host bits, no leading zeros).
    func cidr(_ key: String) throws(FixtureError) -> String? {
        guard let s = try string(key) else { return nil }
        guard IPv4CIDR(s) != nil else { throw error(key, "invalid CIDR \"\(s)\"") }
        return s
    }

    func requiredCidr(_ key: String) throws(FixtureError) -> String { try required(key, try cidr(key)) }
}
