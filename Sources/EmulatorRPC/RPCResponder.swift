import Dispatch
import EmulatorHTTP
import EmulatorStore
// FoundationEssentials, not Foundation: the full Foundation links 34 MB of ICU data into the
// binary (the container image goal is under 120 MB); nothing here needs ICU.
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import VPNCore

/// The HTTP responder: `/_emulator/*` goes to the control API; `/` runs the gateway stage
/// (API.md §2 stages 1–8) and then the operation pipeline; everything else is 404.
public final class RPCResponder: HTTPResponder {
    public let emulator: Emulator
    let control: ControlAPI
    let logger: RequestLogger
    /// RequestIds of answers that are not RPC calls (framing errors, the connection cap): they must
    /// not consume the `--seed` sequence (OPERATING.md: only RPC calls do).
    let transportRequestIds = RequestIDGenerator(seed: nil)

    public init(emulator: Emulator, logger: RequestLogger = RequestLogger()) {
        self.emulator = emulator
        self.control = ControlAPI(emulator: emulator)
        self.logger = logger
    }

    // MARK: HTTPResponder

    public func respond(to error: HTTPRequestError) -> HTTPResponse {
        let rule: Rule
        switch error {
        case .malformed: rule = Rules.httpMalformed
        case .unsupportedTransferCoding: rule = Rules.httpNotImplemented
        case .bodyTooLarge: rule = Rules.httpBodyTooLarge
        case .requestLineTooLong: rule = Rules.httpURITooLong
        case .headersTooLarge: rule = Rules.httpHeadersTooLarge
        case .unsupportedVersion: rule = Rules.httpVersionNotSupported
        }
        return ErrorEnvelope.error(rule.error(), requestId: transportRequestIds.next(), hostId: "vpc.aliyuncs.com", format: .json)
    }

    public func serviceUnavailableResponse() -> HTTPResponse {
        ErrorEnvelope.error(Rules.httpServiceUnavailable.error(), requestId: transportRequestIds.next(),
                            hostId: "vpc.aliyuncs.com", format: .json)
    }

    public func respond(to request: HTTPRequest, completion: @escaping @Sendable (HTTPResponse) -> Void) {
        if request.path.hasPrefix("/_emulator/") || request.path == "/_emulator" {
            control.handle(request, completion: completion)
            return
        }
        handleRPC(request, completion: completion)
    }

    // MARK: RPC

    /// What is known of a call so far, for the journal, the log and the metrics.
    private struct CallRecord: Sendable {
        var action: String?
        var params: [(String, String)] = []
        var accessKeyId: String?
        let requestId: String
        let hostId: String
        var format: ResponseFormat = .json
        let started: DispatchTime
    }

    private func handleRPC(_ request: HTTPRequest, completion: @escaping @Sendable (HTTPResponse) -> Void) {
        var call = CallRecord(requestId: emulator.requestIds.next(), hostId: ErrorEnvelope.hostId(request.headers), started: .now())
        let finish: @Sendable (CallRecord, HTTPResponse, RuleError?) -> Void = { [self] call, response, error in
            record(call, response: response, error: error)
            completion(response)
        }
        let fail: (CallRecord, RuleError, JSONValue?, Int64?) -> Void = { call, error, detail, retryAfter in
            finish(call, ErrorEnvelope.error(error, requestId: call.requestId, hostId: call.hostId, format: call.format,
                                             accessDeniedDetail: detail, retryAfterMs: retryAfter), error)
        }
        // Stage 1.
        guard request.path == "/" else { return fail(call, Rules.httpPath.error(), nil, nil) }
        guard request.method == "GET" || request.method == "POST" else { return fail(call, Rules.httpMethod.error(), nil, nil) }
        // Stage 2.
        let isForm = request.method == "POST" && (request.headers["Content-Type"] ?? "").split(separator: ";").first
            .map { $0.trimmingSpaces().lowercased() == "application/x-www-form-urlencoded" } == true
        call.format = ResponseFormat(parameter: Self.lenientFormat(request.query))
        let params: RPCParameters
        do { params = try RPCParameters(query: request.query, form: isForm ? request.body : nil) } catch {
            return fail(call, error, nil, nil)
        }
        call.format = ResponseFormat(parameter: params["Format"])
        call.action = params.nonBlank("Action") ?? request.headers["x-acs-action"]
        call.params = RequestJournal.businessParameters(params, operation: call.action.flatMap(OperationCatalog.operation(named:)))
        call.accessKeyId = RequestAuthenticator.accessKeyId(method: request.method, parameters: params, headers: request.headers)
        let settings = emulator.settings.value
        // Stage 3.
        let caller: Caller
        do {
            let authenticator = RequestAuthenticator(credentials: emulator.credentials, nonces: emulator.nonces, clock: emulator.clock)
            caller = try authenticator.authenticate(method: request.method, parameters: params, headers: request.headers,
                                                    body: request.body, mode: settings.auth)
        } catch { return fail(call, error, nil, nil) }
        // Stages 4 and 5.
        guard (params.nonBlank("Version") ?? request.headers["x-acs-version"]) == "2016-04-28" else { return fail(call, Rules.apiVersion.error(), nil, nil) }
        guard let action = call.action, let operation = OperationCatalog.operation(named: action) else {
            return fail(call, Rules.apiAction.error(), nil, nil)
        }
        // Stage 6.
        if settings.throttle, let wait = emulator.throttler.admit(accountId: caller.accountId, regionId: params["RegionId"] ?? "",
                                                                  action: action, now: emulator.clock.now()) {
            return fail(call, Rules.throttleUser.error(), nil, wait)
        }
        // Stage 7.
        if let user = caller.ramUser {
            switch RAMAuthorizer.decide(user.policy, action: action) {
            case .allowed: break
            case .explicitDeny:
                return fail(call, Rules.ramExplicitDeny.error(), ErrorEnvelope.accessDeniedDetail(action: action, caller: caller, explicit: true), nil)
            case .implicitDeny:
                let rule = operation.spec.isVcoOperation ? Rules.ramImplicitDenyVco : Rules.ramImplicitDeny
                return fail(call, rule.error(), ErrorEnvelope.accessDeniedDetail(action: action, caller: caller, explicit: false), nil)
            }
        }
        // Stage 8.
        if let fault = emulator.faults.take(action: action, resourceIds: [params["VpnGatewayId"], params["VpnConnectionId"]].compactMap { $0 }) {
            let error = RuleError(rule: Rules.faultInjected, code: fault.code, httpStatus: fault.httpStatus, message: fault.message)
            return fail(call, error, nil, fault.retryAfterMs.map(Int64.init))
        }
        // Stages 9–17.
        emulator.pipeline.run(operation, parameters: params, caller: caller) { [call] result in
            switch result {
            case let .success(.done(body)):
                finish(call, ErrorEnvelope.success(action: action, body: body, requestId: call.requestId, format: call.format, replay: false), nil)
            case let .success(.replay(body)):
                finish(call, ErrorEnvelope.success(action: action, body: body, requestId: call.requestId, format: call.format, replay: true), nil)
            case let .failure(.rule(error)):
                finish(call, ErrorEnvelope.error(error, requestId: call.requestId, hostId: call.hostId, format: call.format), error)
            case let .failure(.internalError(text)):
                self.logger.message(.error, "internal error in \(action): \(text)")
                let error = RuleError(rule: Rule("internal", "InternalError", 500,
                                                 "The request processing has failed due to some unknown error, exception or failure."),
                                      code: "InternalError", httpStatus: 500,
                                      message: "The request processing has failed due to some unknown error, exception or failure.")
                finish(call, ErrorEnvelope.error(error, requestId: call.requestId, hostId: call.hostId, format: call.format), error)
            }
        }
    }

    /// `Format` read on its own, so an error elsewhere in the query still answers in the asked format.
    static func lenientFormat(_ query: Substring) -> String? {
        for segment in query.split(separator: "&") where segment.hasPrefix("Format=") {
            return PercentEncoding.decode(segment.dropFirst("Format=".count))
        }
        return nil
    }

    private func record(_ call: CallRecord, response: HTTPResponse, error: RuleError?) {
        let ms = Double(DispatchTime.now().uptimeNanoseconds - call.started.uptimeNanoseconds) / 1_000_000
        emulator.journal.record(.init(time: emulator.clock.now(), action: call.action, params: call.params, accessKeyId: call.accessKeyId,
                                      httpStatus: response.status, code: error?.code, rule: error?.ruleId,
                                      requestId: call.requestId, durationMs: ms))
        // Only the twelve actions label a series: a client must not be able to mint new ones.
        let known = call.action.flatMap { OperationCatalog.operation(named: $0) == nil ? nil : $0 }
        emulator.metrics.record(action: known, code: error?.code, durationMs: ms)
        logger.request(action: call.action, status: response.status, code: error?.code, durationMs: ms,
                       requestId: call.requestId, accessKeyId: call.accessKeyId)
    }
}
