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
    private let state = Mutex(State())

    public init() {}

    /// Registers a fault; the defaults for status and message come from the error catalogue.
    public func add(action: String?, code: String, httpStatus: Int?, message: String?, count: Int, resourceId: String?,
                    retryAfterMs: Int?) -> Fault {
        let defaults = ErrorCatalogue.defaults(code: code, action: action == "*" ? nil : action)
        return state.withLock { s in
            let fault = Fault(id: "fault-\(s.nextId)", action: action == "*" ? nil : action, code: code,
                              httpStatus: httpStatus ?? defaults.httpStatus, message: message ?? defaults.message,
                              count: count, resourceId: resourceId, retryAfterMs: retryAfterMs)
            s.nextId += 1
            s.faults.append(fault)
            return fault
        }
    }

    /// Consumes one use of the oldest fault matching the call, if any. `resourceIds` are the
    /// request's raw `VpnGatewayId` and `VpnConnectionId`; a fault's `resourceId` matches either.
    public func take(action: String, resourceIds: [String]) -> Fault? {
        state.withLock { s in
            guard let i = s.faults.firstIndex(where: { f in
                (f.action == nil || f.action == action) && (f.resourceId.map(resourceIds.contains) ?? true)
            }) else { return nil }
            let fault = s.faults[i]
            s.faults[i].count -= 1
            if s.faults[i].count <= 0 { s.faults.remove(at: i) }
            return fault
        }
    }

    public func list() -> [Fault] { state.withLock { $0.faults } }
    public func clear() { state.withLock { $0.faults.removeAll() } }
}
