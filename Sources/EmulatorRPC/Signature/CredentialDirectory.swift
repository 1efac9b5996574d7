import EmulatorStore
import EmulatorSync
import VPNCore

/// The access keys of the loaded fixtures, kept in memory so authentication needs no database
/// read. Rebuilt whenever fixtures are loaded or the state is reset.
public final class CredentialDirectory: Sendable {
    public struct Entry: Sendable {
        public let secret: String
        public let caller: Caller
    }
    /// Every key of the stored accounts, and the default account, as one value to install.
    public struct Snapshot: Sendable {
        var keys: [String: Entry] = [:]
        var defaultAccountId: String?

        init(keys: [String: Entry] = [:], defaultAccountId: String? = nil) {
            self.keys = keys
            self.defaultAccountId = defaultAccountId
        }

        public init(from state: StateAdministration) throws {
            keys = CredentialDirectory.entries(from: try state.accounts())
            defaultAccountId = try state.defaultAccountId()
        }
    }
    private let snapshot = Locked(Snapshot())

    public init() {}

    public func install(_ next: Snapshot) { snapshot.withLock { $0 = next } }

    public func entry(accessKeyId: String) -> Entry? { snapshot.withLock { $0.keys[accessKeyId] } }

    /// The caller used with `--auth off` for an absent or unknown key (FIXTURES.md `default`).
    public func defaultCaller(accessKeyId: String) -> Caller? {
        snapshot.withLock { s in s.defaultAccountId.map { Caller(accountId: $0, accessKeyId: accessKeyId) } }
    }

    /// Builds the directory from the accounts of the database.
    public static func entries(from accounts: [Account]) -> [String: Entry] {
        var out: [String: Entry] = [:]
        for account in accounts {
            for key in account.accessKeys {
                out[key.id] = Entry(secret: key.secret, caller: Caller(accountId: account.id, accessKeyId: key.id))
            }
            for user in account.ramUsers {
                for key in user.accessKeys {
                    out[key.id] = Entry(secret: key.secret, caller: Caller(accountId: account.id, accessKeyId: key.id, ramUser: user))
                }
            }
        }
        return out
    }
}
