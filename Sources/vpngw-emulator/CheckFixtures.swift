import ArgumentParser
import EmulatorRPC
import EmulatorStore
// FoundationEssentials, not Foundation: the full Foundation links 34 MB of ICU data into the
// binary (the container image goal is under 120 MB); nothing here needs ICU.
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

struct CheckFixtures: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-fixtures",
        abstract: "Validate fixture files, applied in order as at start-up; exit 0 when valid, 1 with one line per error.")

    @Argument(help: "Fixture files.") var paths: [String]

    func run() throws {
        let errors = FixtureChecker.check(paths: paths)
        if errors.isEmpty {
            print("ok: \(paths.joined(separator: ", "))")
            return
        }
        for line in errors { Console.err(line) }
        throw ExitCode(1)
    }
}
