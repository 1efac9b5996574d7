import EmulatorSync

/// The settings a running emulator can change (`PUT /_emulator/config`), plus the start-up
/// defaults that fixtures may override per resource (API.md §12).
public struct EmulatorSettings: Sendable, Equatable {
    public var taskDurationMs: Int64 = 1500
    public var taskCooldownMs: Int64 = 0
    public var throttle = false
    public var auth: RequestAuthenticator.Mode = .verify
    public var quotaGatewayRoutes = 20
    public var quotaConnectionRoutes = 20
    public var quotaVPCRoutes = 200
    public var clientTokenTTLMs: Int64 = 86_400_000

    public init() {}
}

/// The settings in force, shared by every request; `reset()` restores the start-up values.
public final class SettingsBox: Sendable {
    private let startup: EmulatorSettings
    private let current: Locked<EmulatorSettings>

    public init(_ settings: EmulatorSettings) {
        startup = settings
        current = Locked(settings)
    }

    public var value: EmulatorSettings { current.withLock { $0 } }

    public func update(_ change: (inout EmulatorSettings) -> Void) -> EmulatorSettings {
        current.withLock { change(&$0); return $0 }
    }

    public func reset() { current.withLock { $0 = startup } }
}
