import EmulatorJSON
import EmulatorSync
import Synchronization
import VPNCore

/// Injected faults (API.md §11, OPERATING.md `/_emulator/faults`): the oldest matching fault
/// answers; its count drops by one and it goes at zero.
public final class FaultRegistry: Sendable {
    public struct Fault: Sendable, Equatable {
        public let id: String
        /// nil or "*" = every action.
        public let action: String?
        public let code: String
        public let httpStatus: Int
        public let message: String
        public var count: Int
        public let resourceId: String?
        public let retryAfterMs: Int?
        /// Whether the status and message were given, or come from the catalogue (API.md §11).
        let statusGiven: Bool
        let messageGiven: Bool

        /// This fault as it answers `action`: a wildcard fault takes the catalogue defaults of the
        /// action it answers, so `InternalError` is 400 on CreateVpnRouteEntry and 500 elsewhere.
        func answering(_ action: String) -> Fault {
            guard self.action == nil, !(statusGiven && messageGiven) else { return self }
            let defaults = OperationRegistry.faultDefaults(code: code, action: action)
            return Fault(id: id, action: self.action, code: code, httpStatus: statusGiven ? httpStatus : defaults.httpStatus,
                         message: messageGiven ? message : defaults.message, count: count, resourceId: resourceId,
                         retryAfterMs: retryAfterMs, statusGiven: statusGiven, messageGiven: messageGiven)
        }

        public var json: JSONValue {
            .object([
                ("id", .string(id)), ("action", action.map(JSONValue.string) ?? .null), ("code", .string(code)),
                ("httpStatus", .int(Int64(httpStatus))), ("message", .string(message)), ("count", .int(Int64(count))),
                ("resourceId", resourceId.map(JSONValue.string) ?? .null),
                ("retryAfterMs", retryAfterMs.map { .int(Int64($0)) } ?? .null),
            ])
        }
    }

    private struct State {
        var faults: [Fault] = []
        var nextId = 1
    }
    private let state = Locked(State())
    /// How many faults wait: read without the lock on every RPC call, so the common case (no
    /// fault) costs one atomic load.
    private let waiting = Atomic<Int>(0)

    public init() {}

    /// At most this many faults wait at once (each answers up to `count` calls); the control API
    /// refuses more (README, "Bounds").
    public static let capacity = 1000

    /// Registers a fault; the defaults for status and message come from the error catalogue.
    /// Nil when `capacity` faults are already waiting.
    public func add(action: String?, code: String, httpStatus: Int?, message: String?, count: Int, resourceId: String?,
                    retryAfterMs: Int?) -> Fault? {
        let defaults = OperationRegistry.faultDefaults(code: code, action: action == "*" ? nil : action)
        return state.withLock { s in
            guard s.faults.count < Self.capacity else { return nil }
            let fault = Fault(id: "fault-\(s.nextId)", action: action == "*" ? nil : action, code: code,
                              httpStatus: httpStatus ?? defaults.httpStatus, message: message ?? defaults.message,
                              count: count, resourceId: resourceId, retryAfterMs: retryAfterMs,
                              statusGiven: httpStatus != nil, messageGiven: message != nil)
            s.nextId += 1
            s.faults.append(fault)
            waiting.store(s.faults.count, ordering: .releasing)
            return fault
        }
    }

    /// Consumes one use of the oldest fault matching the call, if any. `resourceIds` are the
    /// request's raw `VpnGatewayId` and `VpnConnectionId`; a fault's `resourceId` matches either.
    public func take(action: String, resourceIds: [String]) -> Fault? {
        guard waiting.load(ordering: .acquiring) > 0 else { return nil }
        return state.withLock { s in
            guard let i = s.faults.firstIndex(where: { f in
                (f.action == nil || f.action == action) && (f.resourceId.map(resourceIds.contains) ?? true)
            }) else { return nil }
            let fault = s.faults[i].answering(action)
            s.faults[i].count -= 1
            if s.faults[i].count <= 0 { s.faults.remove(at: i) }
            waiting.store(s.faults.count, ordering: .releasing)
            return fault
        }
    }

    public func list() -> [Fault] { state.withLock { $0.faults } }
    public func clear() {
        state.withLock { s in
            s.faults.removeAll()
            waiting.store(0, ordering: .releasing)
        }
    }
}
