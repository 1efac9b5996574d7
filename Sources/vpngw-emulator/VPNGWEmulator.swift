import ArgumentParser
import EmulatorRPC

@main
struct VPNGWEmulator: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vpngw-emulator",
        abstract: "A local emulator of Alibaba Cloud's VPN Gateway route API (VPC 2016-04-28).",
        version: Emulator.version,
        subcommands: [Serve.self, CheckFixtures.self, Fixtures.self, HealthCheck.self],
        defaultSubcommand: Serve.self
    )
}
