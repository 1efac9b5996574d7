import ArgumentParser
import EmulatorRPC

/// The default fixture (`fixtures/default.json`, a link to `Resources/default-fixture.json`),
/// embedded in the binary at build time by SwiftPM (`resources: [.embedInCode]`), so the binary
/// runs from any directory without the source tree.
enum DefaultFixture {
    static let name = "built-in default fixture"
    static var bytes: [UInt8] { PackageResources.default_fixture_json }
    static var source: Emulator.FixtureSource { .embedded(name: name, bytes: bytes) }
}

/// `vpngw-emulator fixtures print-default`: the built-in fixture, to start one's own from it.
struct Fixtures: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixtures", abstract: "Work with fixture files.", subcommands: [PrintDefault.self])

    struct PrintDefault: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "print-default", abstract: "Write the built-in default fixture to standard output.")

        func run() throws { Console.out(String(decoding: DefaultFixture.bytes, as: UTF8.self)) }
    }
}
