import EmulatorStore
import VPNCore

/// What an operation is: its parameter table and kind (API.md §13).
public struct OperationSpec: Sendable {
    public enum Kind: Sendable { case read, gatewayWrite, connectionWrite }
    public let name: String
    public let kind: Kind
    public let parameters: [ParameterSpec]

    public var isWrite: Bool { kind != .read }
    /// The four Vco operations answer implicit RAM denials with the shorter message (API.md §9).
    public var isVcoOperation: Bool { name.contains("Vco") }
}

/// What a call sees besides its parameters.
public struct OperationContext: Sendable {
    public let caller: Caller
    public let regionId: String
    public let now: Int64
    public let settings: EmulatorSettings
    let creationTimes: CreationTimeSource

    /// The CreateTime of a route made by this call.
    public func creationTime() -> Int64 { creationTimes.next(now: now) }
}

/// The result of stages 13–17: the success body (without RequestId) and, for a write that
/// changed something, the resource whose task starts.
public struct OperationOutcome: Sendable {
    public var body: [(String, JSONValue)]
    public var task: (resourceId: String, kind: String)?

    public init(body: [(String, JSONValue)], task: (resourceId: String, kind: String)? = nil) {
        self.body = body
        self.task = task
    }
}

/// One API operation: its spec and its operation stage, run inside the pipeline's transaction
/// (writes) or read snapshot (reads). Throws `RuleError` for documented errors; a throw rolls back.
public protocol RPCOperation: Sendable {
    var spec: OperationSpec { get }
    func execute(_ input: OperationInput, db: SQLiteDatabase, context: OperationContext) throws -> OperationOutcome
}

/// A thrown `RuleError` is typed as `any Error` by the store's closures; this recovers it.
public enum OperationFailure: Error, Sendable {
    case rule(RuleError)
    case internalError(String)

    init(_ error: any Error) {
        if let e = error as? RuleError { self = .rule(e) } else { self = .internalError(String(describing: error)) }
    }
}
