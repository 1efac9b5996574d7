import ArgumentParser

@main
struct VPNGWEmulator: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vpngw-emulator",
        abstract: "A local emulator of Alibaba Cloud's VPN Gateway route API (VPC 2016-04-28).",
        version: "0.1.0",
        subcommands: [Serve.self, CheckFixtures.self, HealthCheck.self],
        defaultSubcommand: Serve.self
    )
}
