import ArgumentParser
import EmulatorStore
import Foundation

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
        for line in errors { FileHandle.standardError.write(Data((line + "\n").utf8)) }
        throw ExitCode(1)
    }
}
