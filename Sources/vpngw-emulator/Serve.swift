import ArgumentParser
import Dispatch
import EmulatorHTTP
import EmulatorRPC
import EmulatorStore
// FoundationEssentials, not Foundation: the full Foundation links 34 MB of ICU data into the
// binary (the container image goal is under 120 MB); nothing here needs ICU.
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EmulatorSync
import VPNCore

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the emulator (the default subcommand).")

    @Option(help: "Listen address (default 127.0.0.1; 0.0.0.0 or :: in a container). Env VPNGW_HOST.") var host: String?
    @Option(help: "Listen port (default 8428); 0 picks a free port. Env VPNGW_PORT.") var port: Int?
    @Option(help: "SQLite database file (default ./vpngw-data/emulator.sqlite); \":memory:\" keeps nothing. Env VPNGW_DB.") var db: String?
    @Option(help: "Fixture file, repeatable, applied in order when the database is new (default: the built-in default fixture). Env VPNGW_FIXTURES, colon-separated.")
    var fixtures: [String] = []
    @Flag(help: "Wipe the database at start and load the fixtures again. Env VPNGW_RESET.") var reset = false
    @Option(help: "Signature checking: verify (default) or off. Env VPNGW_AUTH.") var auth: String?
    @Option(name: .customLong("task-duration"), help: "Milliseconds a gateway or connection stays updating after a write (default 1500). Env VPNGW_TASK_DURATION.")
    var taskDuration: Int64?
    @Option(name: .customLong("task-cooldown"), help: "TaskConflict window in ms after a task ends (default 0 = off). Env VPNGW_TASK_COOLDOWN.")
    var taskCooldown: Int64?
    @Flag(help: "Apply the documented per-API rate limits. Env VPNGW_THROTTLE.") var throttle = false
    @Option(help: "Deterministic RequestIds and generated values. Env VPNGW_SEED.") var seed: UInt64?
    @Option(name: .customLong("quota-gateway-routes"), help: "Default routes per gateway route table (20). Env VPNGW_QUOTA_GATEWAY_ROUTES.")
    var quotaGatewayRoutes: Int?
    @Option(name: .customLong("quota-connection-routes"), help: "Default routes per transit connection (20). Env VPNGW_QUOTA_CONNECTION_ROUTES.")
    var quotaConnectionRoutes: Int?
    @Option(name: .customLong("quota-vpc-routes"), help: "Default entries per VPC system route table (200). Env VPNGW_QUOTA_VPC_ROUTES.")
    var quotaVpcRoutes: Int?
    @Option(name: .customLong("client-token-ttl"), help: "Milliseconds a successful ClientToken is remembered (86400000). Env VPNGW_CLIENT_TOKEN_TTL.")
    var clientTokenTtl: Int64?
    @Option(name: .customLong("control-token"), help: "Require `Authorization: Bearer TOKEN` on /_emulator/* except health. Env VPNGW_CONTROL_TOKEN.")
    var controlToken: String?
    @Option(name: .customLong("log-format"), help: "text (default) or json. Env VPNGW_LOG_FORMAT.") var logFormat: String?
    @Option(name: .customLong("log-level"), help: "debug, info (default), warning or error. Env VPNGW_LOG_LEVEL.") var logLevel: String?
    @Option(name: .customLong("ready-file"), help: "Write the bound port number to this file once listening. Env VPNGW_READY_FILE.")
    var readyFile: String?
    @Option(name: .customLong("max-connections"), help: "Open connections allowed at once; more get 503 (512). Env VPNGW_MAX_CONNECTIONS.")
    var maxConnections: Int?

    func run() throws {
        do { try serve() } catch let error as ConfigurationError {
            throw ValidationError(error.description)
        }
    }

    private func serve() throws {
        // Signals first, before any thread exists, so a SIGTERM that comes right after the ready
        // file appears (or during start-up) is never lost.
        let stop = GracefulStop.install()
        let host = Environment.string(self.host, "host", default: "127.0.0.1")
        let port = try Environment.integer(self.port, "port", default: 8428)
        guard (0...65535).contains(port) else { throw ConfigurationError("--port must be 0–65535") }
        let dbPath = Environment.string(db, "db", default: "./vpngw-data/emulator.sqlite")
        var fixturePaths = fixtures
        if fixturePaths.isEmpty, let env = Environment.value("fixtures") { fixturePaths = env.split(separator: ":").map(String.init) }
        // The default fixture is built into the binary: an installed binary needs no source tree.
        // Files are read only when they are applied (a new database, --reset, POST /_emulator/reset).
        let sources: [Emulator.FixtureSource] = fixturePaths.isEmpty
            ? [DefaultFixture.source] : fixturePaths.map { .file(path: $0) }
        let wipe = try Environment.flag(reset, "reset")

        var settings = EmulatorSettings()
        let authText = Environment.string(auth, "auth", default: "verify")
        guard let mode = RequestAuthenticator.Mode(rawValue: authText) else { throw ConfigurationError("--auth must be verify or off, got \"\(authText)\"") }
        settings.auth = mode
        settings.taskDurationMs = try Environment.integer(taskDuration, "task-duration", default: 1500)
        settings.taskCooldownMs = try Environment.integer(taskCooldown, "task-cooldown", default: 0)
        settings.throttle = try Environment.flag(throttle, "throttle")
        settings.quotaGatewayRoutes = try Environment.integer(quotaGatewayRoutes, "quota-gateway-routes", default: 20)
        settings.quotaConnectionRoutes = try Environment.integer(quotaConnectionRoutes, "quota-connection-routes", default: 20)
        settings.quotaVPCRoutes = try Environment.integer(quotaVpcRoutes, "quota-vpc-routes", default: 200)
        settings.clientTokenTTLMs = try Environment.integer(clientTokenTtl, "client-token-ttl", default: 86_400_000)
        guard settings.taskDurationMs >= 0, settings.taskCooldownMs >= 0, settings.quotaGatewayRoutes >= 0,
              settings.quotaConnectionRoutes >= 0, settings.quotaVPCRoutes >= 0, settings.clientTokenTTLMs >= 0
        else { throw ConfigurationError("durations and quotas must not be negative") }
        let seed: UInt64? = try self.seed ?? Environment.value("seed").map { text in
            guard let v = UInt64(text) else { throw ConfigurationError("VPNGW_SEED must be a non-negative integer") }
            return v
        }
        let formatText = Environment.string(logFormat, "log-format", default: "text")
        guard let format = RequestLogger.Format(rawValue: formatText) else { throw ConfigurationError("--log-format must be text or json") }
        let levelText = Environment.string(logLevel, "log-level", default: "info")
        guard let level = RequestLogger.Level(name: levelText) else { throw ConfigurationError("--log-level must be debug, info, warning or error") }
        let logger = RequestLogger(format: format, level: level)
        stop.use(logger)
        let token = controlToken ?? Environment.value("control-token")
        let readyFile = self.readyFile ?? Environment.value("ready-file")
        let maxConnections = try Environment.integer(self.maxConnections, "max-connections", default: 512)

        // A plain file path gets its directory created; SQLite URIs (file:...) and :memory: are left alone.
        if dbPath != ":memory:", !dbPath.hasPrefix("file:") {
            let dir = URL(fileURLWithPath: dbPath).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
        let store = try Store(path: dbPath)
        let emulator = Emulator(store: store, settings: settings, startupFixtures: sources, seed: seed, controlToken: token)
        let loaded: String
        do {
            loaded = try emulator.open(wipe: wipe) == .loaded ? sources.map(\.name).joined(separator: ", ") : "existing state kept"
        } catch let error as FixtureError {
            throw ConfigurationError("cannot load the start-up fixtures: \(error)")
        }

        let responder = RPCResponder(emulator: emulator, logger: logger)
        var config = HTTPServerConfiguration(host: host, port: port)
        config.maxConnections = maxConnections
        let server = HTTPServer(configuration: config, responder: responder)
        let boundPort = try server.start()
        emulator.markReady()
        let key = try emulator.defaultAccessKey()
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let line = "vpngw-emulator \(Emulator.version) listening on http://\(shownHost):\(boundPort) db=\(dbPath) fixtures=\(loaded)"
            + " access-key=\(key?.id ?? "-") secret=\(key?.secret ?? "-") auth=\(settings.auth.rawValue)\n"
        Console.out(line)
        // The ready file last: whoever waits for it can read the start-up line already.
        if let readyFile { try String(boundPort).write(toFile: readyFile, atomically: true, encoding: .utf8) }

        stop.started(server: server, store: store)
        dispatchMain()
    }
}

/// SIGTERM / SIGINT: stop accepting, finish requests in flight (up to 10 s), close the database,
/// exit 0. The signals are blocked in every thread (the mask is set before the first thread is
/// created) and read by Dispatch signal sources, so one that arrives before the server runs, or
/// between the ready file and the sources' registration, stays pending instead of being lost.
final class GracefulStop: @unchecked Sendable {
    private let state = Locked<(server: HTTPServer?, store: Store?, stopping: Bool)>((nil, nil, false))
    private let log = Locked(RequestLogger())
    /// Written once in `install`, before any signal can be handled; kept for the process's life.
    private var sources: [DispatchSourceSignal] = []

    func use(_ logger: RequestLogger) { log.withLock { $0 = logger } }
    private var logger: RequestLogger { log.withLock { $0 } }

    static func install() -> GracefulStop {
        let stop = GracefulStop()
        var mask = sigset_t()
        sigemptyset(&mask)
        sigaddset(&mask, SIGTERM)
        sigaddset(&mask, SIGINT)
        pthread_sigmask(SIG_BLOCK, &mask, nil)
        let queue = DispatchQueue(label: "vpngw.signals")
        for sig in [SIGTERM, SIGINT] {
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { @Sendable in stop.received(sig) }
            source.resume()
            stop.sources.append(source)
        }
        return stop
    }

    func started(server: HTTPServer, store: Store) {
        let early = state.withLock { s -> Bool in
            s.server = server
            s.store = store
            return s.stopping
        }
        if early { finish(server: server, store: store) }
    }

    private func received(_ sig: Int32) {
        logger.message(.info, "signal \(sig): stopping")
        let running = state.withLock { s -> (HTTPServer, Store)? in
            guard !s.stopping else { return nil }
            s.stopping = true
            return s.server.flatMap { server in s.store.map { (server, $0) } }
        }
        // Not started yet: `started` finishes the stop as soon as the server exists.
        if let (server, store) = running { finish(server: server, store: store) }
    }

    private func finish(server: HTTPServer, store: Store) {
        server.shutdown()
        store.close()
        logger.message(.info, "stopped")
        logger.flush()
        #if canImport(Glibc)
        Glibc.exit(0)
        #else
        Darwin.exit(0)
        #endif
    }
}
