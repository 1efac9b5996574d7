import EmulatorJSON
import EmulatorStore
import Synchronization
import VPNCore

/// A running emulator: the store and everything requests share besides it (the settings in
/// force, credentials, nonces, request ids, faults, journal, throttle windows, metrics). The RPC
/// path reads these; the control plane changes them through `ControlService`; the command line
/// starts it with `open(...)`.
public final class Emulator: Sendable {
    /// Where a start-up fixture comes from: embedded in the binary, or a file read only when the
    /// fixture is applied (a new database, `--reset`, `POST /_emulator/reset`).
    public enum FixtureSource: Sendable {
        case embedded(name: String, bytes: [UInt8])
        case file(path: String)

        public var name: String {
            switch self {
            case let .embedded(name, _): return name
            case let .file(path): return path
            }
        }

        /// The document's bytes; a `FixtureError` naming the file when it cannot be read.
        func bytes() throws -> [UInt8] {
            switch self {
            case let .embedded(_, bytes): return bytes
            case let .file(path):
                do { return try FixtureDocument.readFile(path) } catch { throw error.from(path) }
            }
        }
    }

    /// The version of this build (printed by `--version`, the start-up line and health).
    public static let version = "0.2.0"

    let store: Store
    let settings: SettingsBox
    let clock: any EmulatorClock
    let credentials = CredentialDirectory()
    let nonces = NonceLedger()
    let requestIds: RequestIDGenerator
    let faults = FaultRegistry()
    let journal: RequestJournal
    let throttler = Throttler()
    let metrics = Metrics()
    let startupFixtures: [FixtureSource]
    let controlToken: String?
    let startedAt: Int64
    private let ready = Atomic<Bool>(false)
    let pipeline: OperationPipeline
    let creationTimes: CreationTimeSource
    let resourceIds: ResourceIDSource

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
        self.resourceIds = ResourceIDSource(seed: seed)
        self.pipeline = OperationPipeline(store: store, settings: self.settings, clock: clock, creationTimes: creationTimes,
                                          resourceIds: resourceIds)
    }

    // MARK: Start-up (the command line)

    /// What start-up did with the database.
    public enum Opening: Sendable, Equatable {
        /// The start-up fixtures were applied (a new database, or `--reset`).
        case loaded
        /// An existing database: its state was kept and no fixture file was read.
        case kept
    }

    /// Applies the start-up fixtures to a new database (or with `wipe`), else keeps the stored
    /// state and only reads its credentials. Blocking; for start-up only.
    @discardableResult
    public func open(wipe: Bool) throws -> Opening {
        let isNew = try store.administerSync { try $0.metadata("initialized") == nil }
        guard isNew || wipe else {
            try reloadCredentials()
            return .kept
        }
        let documents = try Self.parse(startupFixtures)
        let now = clock.now()
        let snapshot = try store.administerSync { state in
            try Self.apply(documents, wipe: true, to: state, now: now)
            try state.setMetadata("initialized", "1")
            return try CredentialDirectory.Snapshot(from: state)
        }
        credentials.install(snapshot)
        return .loaded
    }

    /// Reads the access keys of the stored accounts into the credential directory.
    func reloadCredentials() throws {
        credentials.install(try store.administerSync { try CredentialDirectory.Snapshot(from: $0) })
    }

    /// The first access key of the default account (the start-up line prints it).
    public func defaultAccessKey() throws -> AccessKey? { try store.administerSync { try $0.defaultAccessKey() } }

    /// Health answers 200 only after this (fixtures loaded, database open, listening).
    public func markReady() { ready.store(true, ordering: .releasing) }
    var isReady: Bool { ready.load(ordering: .acquiring) }

    // MARK: Fixtures (start-up and the control plane)

    /// Reads and parses every source (outside the writer queue: parsing a large document must not hold up writes).
    static func parse(_ sources: [FixtureSource]) throws -> [(name: String, document: FixtureDocument)] {
        try sources.map { source in
            let bytes = try source.bytes()
            do throws(FixtureError) { return (source.name, try FixtureDocument.parse(bytes)) } catch { throw error.from(source.name) }
        }
    }

    /// Applies the documents in order inside the caller's transaction (after wiping when asked).
    @discardableResult
    static func apply(_ documents: [(name: String, document: FixtureDocument)], wipe: Bool, to state: StateAdministration,
                      now: Int64) throws -> [JSONValue] {
        if wipe { try state.wipe() }
        return try documents.map { name, document in
            do { return try state.apply(document, now: now).json } catch let error as FixtureError { throw error.from(name) }
        }
    }
}
