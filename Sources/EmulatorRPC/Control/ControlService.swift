import EmulatorJSON
import EmulatorStore
import VPNCore

/// What the control plane can do to a running emulator (OPERATING.md), as plain calls: the
/// HTTP routes of `ControlAPI` are a thin layer over these. It reaches the store only through
/// `StateAdministration` and never goes around the RPC pipeline's own state.
struct ControlService: Sendable {
    let emulator: Emulator

    typealias Done<T> = @Sendable (Result<T, any Error>) -> Void

    // MARK: Health and readiness

    struct Health: Sendable {
        let started: Bool
        let uptimeMs: Int64
        let requests: Int
        let store: StoreHealth
    }

    /// Liveness: cheap, no database access.
    func health() -> Health {
        Health(started: emulator.isReady, uptimeMs: emulator.clock.now() - emulator.startedAt,
               requests: emulator.metrics.totalRequests, store: emulator.store.health)
    }

    /// Readiness: started, and a write reaches the database now (one small write through the
    /// writer queue, so it also waits behind writes in progress).
    func readiness(_ done: @escaping @Sendable (Health) -> Void) {
        guard emulator.isReady else { return done(health()) }
        emulator.store.probeWrite(now: emulator.clock.now()) { _ in done(health()) }
    }

    // MARK: State

    /// Wipes everything and applies the start-up fixtures again. The in-memory state (nonces,
    /// faults, journal, throttle windows, settings, the seed sequences) and the credentials are
    /// reset on the writer queue right before the wipe commits, so no write sees the new
    /// database with the old control state.
    func reset(_ done: @escaping Done<Void>) {
        let documents: [(name: String, document: FixtureDocument)]
        do { documents = try Emulator.parse(emulator.startupFixtures) } catch { return done(.failure(error)) }
        let now = emulator.clock.now()
        emulator.store.administer({ [emulator] state in
            try Emulator.apply(documents, wipe: true, to: state, now: now)
            let credentials = try CredentialDirectory.Snapshot(from: state)
            emulator.resetMemory()
            emulator.credentials.install(credentials)
        }, completion: done)
    }

    /// Applies one fixture document on top of the state; the credentials change with the commit.
    func applyFixtures(_ bytes: [UInt8], _ done: @escaping Done<JSONValue>) {
        let documents: [(name: String, document: FixtureDocument)]
        do { documents = try Emulator.parse([.embedded(name: "request body", bytes: bytes)]) } catch { return done(.failure(error)) }
        let now = emulator.clock.now()
        emulator.store.administer({ [emulator] state in
            let counts = try Emulator.apply(documents, wipe: false, to: state, now: now)
            emulator.credentials.install(try CredentialDirectory.Snapshot(from: state))
            return counts.first ?? .object([])
        }, completion: done)
    }

    func exportState(_ done: @escaping Done<JSONValue>) {
        emulator.store.inspect({ try $0.exportState() }, completion: done)
    }

    /// A read of the control plane's own (the live state page's browse endpoints), on a reader.
    func inspect<T: Sendable>(_ body: @escaping @Sendable (StateAdministration) throws -> T, completion: @escaping Done<T>) {
        emulator.store.inspect(body, completion: completion)
    }

    /// The emulator's clock (ms).
    func now() -> Int64 { emulator.clock.now() }

    // MARK: Tasks

    func pendingTasks(_ done: @escaping Done<[ResourceTask]>) {
        let now = emulator.clock.now()
        emulator.store.inspect({ try $0.pendingTasks(now: now) }, completion: done)
    }

    func completeTasks(_ done: @escaping Done<Int>) {
        let now = emulator.clock.now()
        emulator.store.administer({ try $0.completeTasks(now: now) }, completion: done)
    }

    // MARK: Settings, faults, journal, metrics

    var settings: EmulatorSettings { emulator.settings.value }

    /// Applies `change` to the settings in force under their lock (two concurrent updates both land).
    func updateSettings(_ change: (inout EmulatorSettings) -> Void) -> EmulatorSettings { emulator.settings.update(change) }

    var faults: FaultRegistry { emulator.faults }
    var journal: RequestJournal { emulator.journal }

    func metrics(_ done: @escaping @Sendable (String) -> Void) {
        let now = emulator.clock.now()
        emulator.store.inspect({ try $0.pendingTaskCount(now: now) }, completion: { [emulator] result in
            done(emulator.metrics.render(pendingTasks: (try? result.get()) ?? 0, databaseBytes: emulator.store.sizeBytesEstimate()))
        })
    }
}

extension Emulator {
    /// Clears every in-memory part of the state (reset).
    func resetMemory() {
        nonces.clear()
        faults.clear()
        journal.clear()
        throttler.clear()
        settings.reset()
        requestIds.reset()
        creationTimes.reset()
        resourceIds.reset()
    }
}
