import EmulatorJSON
import EmulatorStore
import VPNCore

/// Everything the gateway needs to know of one API operation, in one place (ARCHITECTURE.md "One
/// place per operation"): every list the emulator keeps — the registry, throttle limits, the
/// error catalogue's operation lists, fault matching, RAM messages, journal parameters — is
/// derived from the descriptors, and `OperationRegistryTests` walks them all.
public struct OperationDescriptor: Sendable {
    public enum Kind: Sendable, Equatable {
        /// Runs on a reader connection; no ClientToken replay, no task.
        case read
        /// Runs in a write transaction: ClientToken replay, DryRun, commit, task (API.md §2 stages 12–17).
        case write
    }

    /// The Action, case-sensitive.
    public let name: String
    public let kind: Kind
    /// The parameter table of API.md §13, in table order (stage 9's order).
    public let parameters: [ParameterSpec]
    /// Calls per minute per (account, region) with `--throttle` (API.md §10).
    public let throttlePerMinute: Int
    /// The rows of API.md §14 this operation can answer besides `ErrorCatalogue.universal`.
    public let errors: [CatalogueEntry]
    /// The request parameters whose value a fault's `resourceId` matches (API.md §11).
    public let faultResourceParameters: [String]
    /// The rule of an implicit RAM denial (API.md §9: the Vco operations answer the shorter message).
    public let implicitDenyRule: Rule

    public init(name: String, kind: Kind, parameters: [ParameterSpec], throttlePerMinute: Int, errors: [CatalogueEntry],
                faultResourceParameters: [String], implicitDenyRule: Rule = Rules.ramImplicitDeny) {
        self.name = name; self.kind = kind; self.parameters = parameters; self.throttlePerMinute = throttlePerMinute
        self.errors = errors; self.faultResourceParameters = faultResourceParameters; self.implicitDenyRule = implicitDenyRule
    }

    public var isWrite: Bool { kind == .write }

    /// API.md §11: a fault's `resourceId` matches the request's raw `VpnGatewayId` or
    /// `VpnConnectionId`, either one, whatever the operation's own table.
    public static let vpnResourceIds = ["VpnGatewayId", "VpnConnectionId"]

    /// The resource operations (API.md §11): a fault's `resourceId` also matches the request's
    /// `CustomerGatewayId`, or one of its `ResourceId.N` (the tag operations).
    public static let resourceIds = ["VpnGatewayId", "VpnConnectionId", "CustomerGatewayId", "ResourceId"]
}

/// One API operation: its descriptor and its operation stage (API.md §2 stages 13–16), run
/// inside the pipeline's transaction (writes) or read snapshot (reads). Throws `RuleError` for
/// documented errors; a throw rolls back.
public protocol RPCOperation: Sendable {
    var descriptor: OperationDescriptor { get }
    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome
}

/// What a call sees besides its parameters.
public struct OperationContext: Sendable {
    public let caller: Caller
    public let regionId: String
    public let now: Int64
    public let settings: EmulatorSettings
    let creationTimes: CreationTimeSource
    let resourceIds: ResourceIDSource

    /// The CreateTime of a route or resource made by this call.
    public func creationTime() -> Int64 { creationTimes.next(now: now) }

    /// A new id with `prefix` that no stored object has (drawn again on a clash).
    public func newId(_ prefix: String, repository: Repository) throws -> String {
        while true {
            let id = resourceIds.next(prefix)
            if try !repository.idTaken(id) { return id }
        }
    }
}

/// The result of stages 13–16: the success body (without RequestId) and, for a write that
/// changed something, the resource whose task starts at stage 17.
public struct OperationOutcome: Sendable {
    public var body: [(String, JSONValue)]
    public var task: (resourceId: String, kind: ResourceKind)?
    /// What the resource shows while the task runs (`provisioning` for a created gateway).
    public var taskPendingState: String

    public init(body: [(String, JSONValue)], task: (resourceId: String, kind: ResourceKind)? = nil, taskPendingState: String = "updating") {
        self.body = body
        self.task = task
        self.taskPendingState = taskPendingState
    }
}

/// A thrown `RuleError` is typed as `any Error` by the store's closures; this recovers it.
public enum OperationFailure: Error, Sendable {
    case rule(RuleError)
    case internalError(String)

    init(_ error: any Error) {
        if let e = error as? RuleError { self = .rule(e) } else { self = .internalError(String(describing: error)) }
    }
}
