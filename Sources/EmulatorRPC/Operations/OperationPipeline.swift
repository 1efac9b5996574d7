import EmulatorJSON
import EmulatorStore
import VPNCore

/// The operation stage of API.md §2, stages 9–17: required parameters (9) → formats (10) →
/// region (11) → ClientToken replay (12) → the operation's own stages 13–16 (resource, state,
/// rules, DryRun) → one atomic commit and the async task (17). A failure at any stage leaves the
/// database as it was.
public struct OperationPipeline: Sendable {
    public enum Success: Sendable {
        case done(body: [(String, JSONValue)])
        /// A ClientToken replay: the stored body, answered with a new RequestId.
        case replay(body: [(String, JSONValue)])
    }

    let store: Store
    let settings: SettingsBox
    let clock: any EmulatorClock
    let creationTimes: CreationTimeSource
    let resourceIds: ResourceIDSource

    public func run(_ operation: any RPCOperation, parameters: RPCParameters, caller: Caller,
                    completion: @escaping @Sendable (Result<Success, OperationFailure>) -> Void) {
        let input: OperationInput
        do { input = try OperationInput.validate(parameters, specs: operation.descriptor.parameters) } catch {   // stages 9–10
            completion(.failure(.rule(error)))
            return
        }
        let regionId = input.string("RegionId") ?? ""
        let settings = self.settings.value
        let clock = self.clock
        let creationTimes = self.creationTimes
        let resourceIds = self.resourceIds
        let action = operation.descriptor.name
        if !operation.descriptor.isWrite {
            store.read({ repository in
                guard try repository.regionExists(regionId) else { throw Rules.regionUnknown.error() }       // stage 11
                let context = OperationContext(caller: caller, regionId: regionId, now: clock.now(), settings: settings,
                                               creationTimes: creationTimes, resourceIds: resourceIds)
                return try operation.execute(input, repository: repository, context: context).body
            }, completion: { result in
                completion(result.map { .done(body: $0) }.mapError(OperationFailure.init))
            })
            return
        }
        store.write({ repository in
            guard try repository.regionExists(regionId) else { throw Rules.regionUnknown.error() }          // stage 11
            let now = clock.now()
            let token = input.string("ClientToken")
            if let token, let stored = try repository.clientToken(accountId: caller.accountId, action: action, token: token, now: now) {  // 12
                guard stored.fingerprint == input.fingerprint || stored.fingerprint == input.fingerprintText else {  // (text: 0.2.0)
                    throw Rules.tokenMismatch.error()
                }
                guard case let .object(pairs) = try JSONParser.parse(stored.responseJSON) else {
                    throw OperationFailure.internalError("stored ClientToken response is not an object")
                }
                return (pairs, true)
            }
            let context = OperationContext(caller: caller, regionId: regionId, now: now, settings: settings, creationTimes: creationTimes,
                                           resourceIds: resourceIds)
            let outcome = try operation.execute(input, repository: repository, context: context)            // stages 13–16
            if let task = outcome.task {                                                                       // stage 17
                try repository.startTask(resourceId: task.resourceId, kind: task.kind, action: action,
                                         endsAt: Self.later(now, settings.taskDurationMs), pendingState: outcome.taskPendingState)
            }
            if let token {
                try repository.purgeExpiredClientTokens(now: now)
                try repository.storeClientToken(accountId: caller.accountId, action: action, token: token, fingerprint: input.fingerprint,
                                        responseJSON: JSONValue.object(outcome.body).serialized(),
                                        expiresAt: Self.later(now, settings.clientTokenTTLMs))
            }
            return (outcome.body, false)
        }, completion: { result in
            completion(result.map { $0.1 ? .replay(body: $0.0) : .done(body: $0.0) }.mapError(OperationFailure.init))
        })
    }

    /// `now + ms`, saturating: any non-negative duration the config accepts must not trap.
    static func later(_ now: Int64, _ ms: Int64) -> Int64 {
        let (sum, overflow) = now.addingReportingOverflow(ms)
        return overflow ? .max : sum
    }
}

