import EmulatorStore
import Synchronization
import VPNCore

/// Everything a running emulator shares between requests: the store, the settings in force,
/// the credentials, and the control-plane state (nonces, faults, journal, throttle, metrics).
public final class Emulator: Sendable {
    public struct FixtureSource: Sendable {
        public let name: String
        public let bytes: [UInt8]
        public init(name: String, bytes: [UInt8]) { self.name = name; self.bytes = bytes }
    }

    public static let version = "0.1.0"

    public let store: Store
    public let settings: SettingsBox
    public let clock: any EmulatorClock
    public let credentials = CredentialDirectory()
    public let nonces = NonceLedger()
    public let requestIds: RequestIDGenerator
    public let faults = FaultRegistry()
    public let journal: RequestJournal
    public let throttler = Throttler()
    public let metrics = Metrics()
    public let startupFixtures: [FixtureSource]
    public let controlToken: String?
    let startedAt: Int64
    let ready = Atomic<Bool>(false)
    let pipeline: OperationPipeline
    let creationTimes: CreationTimeSource

    public init(store: Store, settings: EmulatorSettings, clock: any EmulatorClock = SystemClock(),
                startupFixtures: [FixtureSource] = [], seed: UInt64? = nil, controlToken: String? = nil,
                journalCapacity: Int = 10_000) {
        self.store = store
        self.settings = SettingsBox(settings)
        self.clock = clock
        self.requestIds = RequestIDGenerator(seed: seed)
        self.startupFixtures = startupFixtures
        self.controlToken = controlToken
        self.journal = RequestJournal(capacity: journalCapacity)
        self.startedAt = clock.now()
        self.creationTimes = CreationTimeSource(seeded: seed != nil)
        self.pipeline = OperationPipeline(store: store, settings: self.settings, clock: clock, creationTimes: creationTimes)
    }

    /// What applying fixtures produced: counts per document, and the credentials to install.
    struct FixtureApplication: Sendable {
        let counts: [JSONValue]
        let keys: [String: CredentialDirectory.Entry]
        let defaultAccountId: String?
    }

    /// Parses every source (outside the writer queue: parsing a large document must not hold up writes).
    static func parse(_ sources: [FixtureSource]) throws -> [(name: String, document: FixtureDocument)] {
        try sources.map { source in
            do { return (source.name, try FixtureDocument.parse(source.bytes)) } catch let error as FixtureError {
                throw error.from(source.name)
            }
        }
    }

    /// Applies the documents in order inside the caller's transaction (after wiping when asked).
    static func apply(_ documents: [(name: String, document: FixtureDocument)], wipe: Bool, db: SQLiteDatabase,
                      now: Int64) throws -> FixtureApplication {
        if wipe { try Schema.wipe(db) }
        var counts: [JSONValue] = []
        for (name, document) in documents {
            do {
                counts.append(try db.apply(document, now: now).json)
            } catch let error as FixtureError {
                throw error.from(name)
            }
        }
        let credentials = try Self.credentials(in: db)
        return FixtureApplication(counts: counts, keys: credentials.keys, defaultAccountId: credentials.defaultAccountId)
    }

    private func install(_ application: FixtureApplication) {
        credentials.replace(keys: application.keys, defaultAccountId: application.defaultAccountId)
    }

    /// Start-up: loads the fixture files in order, all-or-nothing (blocking; not for request handlers).
    @discardableResult
    public func loadFixtures(_ sources: [FixtureSource], wipe: Bool = false) throws -> [JSONValue] {
        let now = clock.now()
        let documents = try Self.parse(sources)
        let application = try store.writeSync { db in try Self.apply(documents, wipe: wipe, db: db, now: now) }
        install(application)
        return application.counts
    }

    /// Applies fixtures on the writer queue and calls back; the credentials change with the commit.
    public func loadFixtures(_ sources: [FixtureSource], wipe: Bool,
                             completion: @escaping @Sendable (Result<[JSONValue], any Error>) -> Void) {
        let now = clock.now()
        let documents: [(name: String, document: FixtureDocument)]
        do { documents = try Self.parse(sources) } catch { return completion(.failure(error)) }
        store.write({ db in try Self.apply(documents, wipe: wipe, db: db, now: now) }, completion: { [self] result in
            completion(result.map { application in
                install(application)
                return application.counts
            })
        })
    }

    /// Rebuilds the in-memory key directory from the database (start-up of an existing database).
    public func reloadCredentials() throws {
        let loaded = try store.readSync { db in try Self.credentials(in: db) }
        credentials.replace(keys: loaded.keys, defaultAccountId: loaded.defaultAccountId)
    }

    /// The access keys and the default account as stored.
    static func credentials(in db: SQLiteDatabase) throws -> (keys: [String: CredentialDirectory.Entry], defaultAccountId: String?) {
        (CredentialDirectory.entries(from: try db.accounts()), try db.defaultAccountId())
    }

    /// Clears every in-memory part of the state (POST /_emulator/reset does this after the wipe).
    public func resetMemory() {
        nonces.clear()
        faults.clear()
        journal.clear()
        throttler.clear()
        settings.reset()
        requestIds.reset()
        creationTimes.reset()
    }

    /// Health answers 200 only after this (fixtures loaded, database open).
    public func markReady() { ready.store(true, ordering: .releasing) }
    public var isReady: Bool { ready.load(ordering: .acquiring) }
}

