// FoundationEssentials, not Foundation: the full Foundation links 34 MB of ICU data into the
// binary (the container image goal is under 120 MB); nothing here needs ICU.
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `VPNGW_<NAME>` variables (OPERATING.md): the option's name in upper case with `-` as `_`.
/// A flag on the command line wins over the variable.
enum Environment {
    static func value(_ option: String) -> String? {
        let name = "VPNGW_" + option.uppercased().replacing("-", with: "_")
        guard let v = ProcessInfo.processInfo.environment[name], !v.isEmpty else { return nil }
        return v
    }

    static func string(_ flag: String?, _ option: String, default value: String) -> String {
        flag ?? Environment.value(option) ?? value
    }

    static func integer<T: FixedWidthInteger>(_ flag: T?, _ option: String, default value: T) throws -> T {
        if let flag { return flag }
        guard let text = Environment.value(option) else { return value }
        guard let v = T(text) else { throw ConfigurationError("VPNGW_\(option.uppercased().replacing("-", with: "_")) must be an integer, got \"\(text)\"") }
        return v
    }

    /// A flag such as `--throttle` takes `1`/`true` (and `0`/`false`) from its variable.
    static func flag(_ set: Bool, _ option: String) throws -> Bool {
        if set { return true }
        guard let text = Environment.value(option) else { return false }
        switch text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw ConfigurationError("VPNGW_\(option.uppercased().replacing("-", with: "_")) must be 1/true or 0/false, got \"\(text)\"")
        }
    }
}

struct ConfigurationError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
