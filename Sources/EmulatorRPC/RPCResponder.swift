import Dispatch
import EmulatorHTTP
import EmulatorJSON
import EmulatorStore
import VPNCore

/// The HTTP responder: `/_emulator/*` goes to the control API; `/` runs the gateway stage
/// (API.md §2 stages 1–8, one function each below, in that order) and then the operation
/// pipeline (stages 9–17); everything else is 404.
public final class RPCResponder: HTTPResponder {
    public let emulator: Emulator
    let control: ControlAPI
    let logger: RequestLogger
    /// RequestIds of answers that are not RPC calls (framing errors, the connection cap): they must
    /// not consume the `--seed` sequence (OPERATING.md: only RPC calls do).
    let transportRequestIds = RequestIDGenerator(seed: nil)

    public init(emulator: Emulator, logger: RequestLogger = RequestLogger()) {
        self.emulator = emulator
        self.control = ControlAPI(service: ControlService(emulator: emulator))
        self.logger = logger
    }

    // MARK: HTTPResponder

    public func respond(to error: HTTPRequestError) -> HTTPResponse {
        let rule: Rule
        switch error {
        case .malformed: rule = ProtocolRules.httpMalformed
        case .unsupportedTransferCoding: rule = ProtocolRules.httpNotImplemented
        case .bodyTooLarge: rule = ProtocolRules.httpBodyTooLarge
        case .requestLineTooLong: rule = ProtocolRules.httpURITooLong
        case .headersTooLarge: rule = ProtocolRules.httpHeadersTooLarge
        case .unsupportedVersion: rule = ProtocolRules.httpVersionNotSupported
        }
        return ErrorEnvelope.error(rule.error(), requestId: transportRequestIds.next(), hostId: ErrorEnvelope.defaultHostId, format: .json)
    }

    public func serviceUnavailableResponse() -> HTTPResponse {
        ErrorEnvelope.error(ProtocolRules.httpServiceUnavailable.error(), requestId: transportRequestIds.next(),
                            hostId: ErrorEnvelope.defaultHostId, format: .json)
    }

    public func respond(to request: HTTPRequest, completion: @escaping @Sendable (HTTPResponse) -> Void) {
        if request.path.hasPrefix("/_emulator/") || request.path == "/_emulator" {
            control.handle(request, completion: completion)
            return
        }
        handleRPC(request, completion: completion)
    }

    // MARK: The gateway stage

    /// What is known of a call so far, for the journal, the log and the metrics.
    private struct Call: Sendable {
        let requestId: String
        let hostId: String
        let started: DispatchTime
        var format: ResponseFormat = .json
        var action: String?
        /// The registered operation of `action` (looked up once, at stage 2).
        var operation: (any RPCOperation)?
        var accessKeyId: String?
        var params: [(String, String)] = []
    }

    /// A gateway-stage refusal: the rule's error plus what some envelopes carry.
    private struct Refusal: Error {
        let error: RuleError
        var accessDeniedDetail: JSONValue?
        var retryAfterMs: Int64?
        init(_ error: RuleError, accessDeniedDetail: JSONValue? = nil, retryAfterMs: Int64? = nil) {
            self.error = error; self.accessDeniedDetail = accessDeniedDetail; self.retryAfterMs = retryAfterMs
        }
    }

    private func handleRPC(_ request: HTTPRequest, completion: @escaping @Sendable (HTTPResponse) -> Void) {
        var call = Call(requestId: emulator.requestIds.next(), hostId: ErrorEnvelope.hostId(request.headers), started: .now())
        do throws(Refusal) {
            try checkMethodAndPath(request)                                                        // stage 1
            let params = try decodeParameters(request, into: &call)                               // stage 2
            let settings = emulator.settings.value
            let caller = try authenticate(request, params, call: &call, mode: settings.auth)     // stage 3
            try checkVersion(request, params)                                                      // stage 4
            let operation = try resolveAction(call)                                                // stage 5
            try throttle(operation, caller: caller, params: params, enabled: settings.throttle)   // stage 6
            try authorize(operation, caller: caller)                                               // stage 7
            try injectFault(operation, params: params)                                             // stage 8
            runOperation(operation, params: params, caller: caller, call: call, completion: completion)  // stages 9–17
        } catch {
            finish(call, ErrorEnvelope.error(error.error, requestId: call.requestId, hostId: call.hostId, format: call.format,
                                             accessDeniedDetail: error.accessDeniedDetail, retryAfterMs: error.retryAfterMs),
                   error: error.error, completion: completion)
        }
    }

    /// Stage 1: `GET` or `POST` on `/`.
    private func checkMethodAndPath(_ request: HTTPRequest) throws(Refusal) {
        guard request.path == "/" else { throw Refusal(ProtocolRules.httpPath.error()) }
        guard request.method == "GET" || request.method == "POST" else { throw Refusal(ProtocolRules.httpMethod.error()) }
    }

    /// Stage 2: query ∪ form (PROTOCOL.md §3.2). Also fixes, once, what the rest reads: the
    /// answer's Format, the Action and its operation, the journal's business parameters. When
    /// decoding fails, Format is read leniently from the raw query so the error still answers in it.
    private func decodeParameters(_ request: HTTPRequest, into call: inout Call) throws(Refusal) -> RPCParameters {
        let isForm = request.method == "POST" && (request.headers["Content-Type"] ?? "").split(separator: ";").first
            .map { $0.trimmingOWS().lowercased() == "application/x-www-form-urlencoded" } == true
        let params: RPCParameters
        do { params = try RPCParameters(query: request.query, form: isForm ? request.body : nil) } catch {
            call.format = ResponseFormat(parameter: Self.lenientFormat(request.query))
            throw Refusal(error)
        }
        call.format = ResponseFormat(parameter: params["Format"])
        call.action = params.nonBlank("Action") ?? request.headers["x-acs-action"]
        call.operation = call.action.flatMap(OperationRegistry.operation(named:))
        call.params = RequestJournal.businessParameters(params, operation: call.operation?.descriptor)
        return params
    }

    /// Stage 3: V1 or V3 (or `--auth off`: the key's account, else the default account).
    private func authenticate(_ request: HTTPRequest, _ params: RPCParameters, call: inout Call,
                              mode: RequestAuthenticator.Mode) throws(Refusal) -> Caller {
        let credential = RequestAuthenticator.PresentedCredential(parameters: params, headers: request.headers)
        call.accessKeyId = credential.accessKeyId
        let authenticator = RequestAuthenticator(credentials: emulator.credentials, nonces: emulator.nonces, clock: emulator.clock)
        do {
            return try authenticator.authenticate(credential, method: request.method, parameters: params, headers: request.headers,
                                                  body: request.body, mode: mode)
        } catch { throw Refusal(error) }
    }

    /// Stage 4: `Version=2016-04-28` (or the V3 `x-acs-version` header).
    private func checkVersion(_ request: HTTPRequest, _ params: RPCParameters) throws(Refusal) {
        guard (params.nonBlank("Version") ?? request.headers["x-acs-version"]) == "2016-04-28" else {
            throw Refusal(ProtocolRules.apiVersion.error())
        }
    }

    /// Stage 5: the Action names a registered operation.
    private func resolveAction(_ call: Call) throws(Refusal) -> any RPCOperation {
        guard let operation = call.operation else { throw Refusal(ProtocolRules.apiAction.error()) }
        return operation
    }

    /// Stage 6: the per-(account, region, action) limit, with `--throttle` (API.md §10).
    private func throttle(_ operation: any RPCOperation, caller: Caller, params: RPCParameters, enabled: Bool) throws(Refusal) {
        guard enabled, let wait = emulator.throttler.admit(accountId: caller.accountId, regionId: params["RegionId"] ?? "",
                                                           operation: operation.descriptor, now: emulator.clock.now())
        else { return }
        throw Refusal(ProtocolRules.throttleUser.error(), retryAfterMs: wait)
    }

    /// Stage 7: a RAM user's policy (API.md §9).
    private func authorize(_ operation: any RPCOperation, caller: Caller) throws(Refusal) {
        guard let user = caller.ramUser else { return }
        let action = operation.descriptor.name
        switch RAMAuthorizer.decide(user.policy, action: action) {
        case .allowed: return
        case .explicitDeny:
            throw Refusal(Rules.ramExplicitDeny.error(),
                          accessDeniedDetail: ErrorEnvelope.accessDeniedDetail(action: action, caller: caller, explicit: true))
        case .implicitDeny:
            throw Refusal(operation.descriptor.implicitDenyRule.error(),
                          accessDeniedDetail: ErrorEnvelope.accessDeniedDetail(action: action, caller: caller, explicit: false))
        }
    }

    /// Stage 8: an injected fault matching the action and, when it names one, the resource.
    private func injectFault(_ operation: any RPCOperation, params: RPCParameters) throws(Refusal) {
        let descriptor = operation.descriptor
        // `<Name>` itself, or each `<Name>.N` (ResourceId.N of the tag operations).
        let ids = descriptor.faultResourceParameters.flatMap { name in
            [params[name]].compactMap { $0 } + (params.queryPairs + params.formPairs).filter { $0.name.hasPrefix(name + ".") }.map(\.value)
        }
        guard let fault = emulator.faults.take(action: descriptor.name, resourceIds: ids) else { return }
        throw Refusal(RuleError(rule: ProtocolRules.faultInjected, code: fault.code, httpStatus: fault.httpStatus, message: fault.message),
                      retryAfterMs: fault.retryAfterMs.map(Int64.init))
    }

    /// Stages 9–17 (`OperationPipeline`), then the envelope.
    private func runOperation(_ operation: any RPCOperation, params: RPCParameters, caller: Caller, call: Call,
                              completion: @escaping @Sendable (HTTPResponse) -> Void) {
        let action = operation.descriptor.name
        emulator.pipeline.run(operation, parameters: params, caller: caller) { [self] result in
            switch result {
            case let .success(.done(body)):
                finish(call, ErrorEnvelope.success(action: action, body: body, requestId: call.requestId, format: call.format, replay: false),
                       error: nil, completion: completion)
            case let .success(.replay(body)):
                finish(call, ErrorEnvelope.success(action: action, body: body, requestId: call.requestId, format: call.format, replay: true),
                       error: nil, completion: completion)
            case let .failure(.rule(error)):
                finish(call, ErrorEnvelope.error(error, requestId: call.requestId, hostId: call.hostId, format: call.format),
                       error: error, completion: completion)
            case let .failure(.internalError(text)):
                logger.message(.error, "internal error in \(action): \(text)")
                let error = ProtocolRules.internalError.error()
                finish(call, ErrorEnvelope.error(error, requestId: call.requestId, hostId: call.hostId, format: call.format),
                       error: error, completion: completion)
            }
        }
    }

    /// `Format` read on its own from the raw query, for answers to a query that does not decode.
    static func lenientFormat(_ query: Substring) -> String? {
        for segment in query.split(separator: "&") where segment.hasPrefix("Format=") {
            return PercentEncoding.decode(segment.dropFirst("Format=".count))
        }
        return nil
    }

    /// Journal, metrics and log, then the answer.
    private func finish(_ call: Call, _ response: HTTPResponse, error: RuleError?, completion: @Sendable (HTTPResponse) -> Void) {
        let ms = Double(DispatchTime.now().uptimeNanoseconds - call.started.uptimeNanoseconds) / 1_000_000
        emulator.journal.record(.init(time: emulator.clock.now(), action: call.action, params: call.params, accessKeyId: call.accessKeyId,
                                      httpStatus: response.status, code: error?.code, rule: error?.ruleId,
                                      requestId: call.requestId, durationMs: ms))
        // Only registered actions label a series: a client must not be able to mint new ones.
        emulator.metrics.record(action: call.operation?.descriptor.name, code: error?.code, durationMs: ms)
        logger.request(action: call.action, status: response.status, code: error?.code, durationMs: ms,
                       requestId: call.requestId, accessKeyId: call.accessKeyId)
        completion(response)
    }
}
