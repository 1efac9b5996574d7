import EmulatorJSON
import EmulatorHTTP
import EmulatorStore
import EmulatorStore
import VPNCore

/// The control API of OPERATING.md under `/_emulator/`: JSON in, JSON out. With a control token,
/// every endpoint but `GET /_emulator/health` needs `Authorization: Bearer <token>` (health stays
/// open so container health checks and readiness probes need no secret).
struct ControlAPI: Sendable {
    let service: ControlService

    typealias Completion = @Sendable (HTTPResponse) -> Void

    static func json(_ status: Int, _ value: JSONValue) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "application/json;charset=utf-8")]), body: value.serializedBytes())
    }

    static func error(_ status: Int, _ message: String, path: String? = nil) -> HTTPResponse {
        var body: [(String, JSONValue)] = [("error", .string(message))]
        if let path { body.append(("path", .string(path))) }
        return json(status, .object(body))
    }

    func handle(_ request: HTTPRequest, completion: @escaping Completion) {
        let path = String(request.path)
        let route = request.method + " " + path
        if Self.isPagePath(path) { return completion(Self.page(request, path: path)) }   // open: see ControlAPI+Browse
        if let token = service.emulator.controlToken, route != "GET /_emulator/health", route != "GET /_emulator/ready",
           request.headers["Authorization"] != "Bearer " + token {
            return completion(Self.error(401, "a valid control token is required: Authorization: Bearer <token>"))
        }
        let query = Self.queryItems(request.query)
        switch route {
        case "GET /_emulator/health": health(completion)
        case "GET /_emulator/ready": ready(completion)
        case "POST /_emulator/reset": reset(completion)
        case "POST /_emulator/fixtures": fixtures(request.body, completion)
        case "GET /_emulator/state": state(completion)
        case "GET /_emulator/tasks": tasks(completion)
        case "POST /_emulator/tasks/complete": completeTasks(completion)
        case "GET /_emulator/config": completion(Self.json(200, Self.settingsJSON(service.settings)))
        case "PUT /_emulator/config": config(request.body, completion)
        case "POST /_emulator/faults": addFault(request.body, completion)
        case "GET /_emulator/faults": completion(Self.json(200, .object([("faults", .array(service.faults.list().map(\.json)))])))
        case "DELETE /_emulator/faults":
            service.faults.clear()
            completion(Self.json(200, .object([("status", .string("cleared"))])))
        case "GET /_emulator/requests": requests(query, completion)
        case "DELETE /_emulator/requests":
            service.journal.clear()
            completion(Self.json(200, .object([("status", .string("cleared"))])))
        case "GET /_emulator/metrics": metrics(completion)
        case "GET /_emulator/resources": resources(query, completion)
        case "GET /_emulator/routes": routes(query, completion)
        case "GET /_emulator/vpc-entries": vpcEntries(query, completion)
        default:
            let known = ["/_emulator/health", "/_emulator/ready", "/_emulator/reset", "/_emulator/fixtures", "/_emulator/state", "/_emulator/tasks",
                         "/_emulator/tasks/complete", "/_emulator/config", "/_emulator/faults", "/_emulator/requests", "/_emulator/metrics"]
                + Self.browsePaths
            completion(known.contains(path) ? Self.error(405, "method \(request.method) is not allowed on \(path)")
                                            : Self.error(404, "no control endpoint \(path)"))
        }
    }

    // MARK: Endpoints

    /// Liveness (OPERATING.md): 200 once started, whatever the store says; the body reports
    /// whether writes reach the database (`store`: ok, full, read-only, error) and the last error.
    private func health(_ completion: Completion) {
        let h = service.health()
        guard h.started else { return completion(Self.error(503, "starting")) }
        completion(Self.json(200, Self.healthJSON(h, status: "ok")))
    }

    /// Readiness: 200 only while a write reaches the database now (a probe write); else 503 with
    /// the same body, so a container health check or an orchestrator can stop sending traffic.
    private func ready(_ completion: @escaping Completion) {
        service.readiness { h in
            guard h.started else { return completion(Self.error(503, "starting")) }
            let ok = h.store.state == .ok
            completion(Self.json(ok ? 200 : 503, Self.healthJSON(h, status: ok ? "ready" : "not-ready")))
        }
    }

    static func healthJSON(_ h: ControlService.Health, status: String) -> JSONValue {
        .object([
            ("status", .string(status)), ("version", .string(Emulator.version)),
            ("uptimeMs", .int(h.uptimeMs)), ("requests", .int(Int64(h.requests))),
            ("store", .string(h.store.state.rawValue)), ("lastWriteError", h.store.lastWriteError.map(JSONValue.string) ?? .null),
        ])
    }

    private func reset(_ completion: @escaping Completion) {
        service.reset { result in
            switch result {
            case .success: completion(Self.json(200, .object([("status", .string("reset"))])))
            case let .failure(error): completion(Self.error(500, "reset failed: \(error)"))
            }
        }
    }

    private func fixtures(_ body: [UInt8], _ completion: @escaping Completion) {
        service.applyFixtures(body) { result in
            switch result {
            case let .success(counts): completion(Self.json(200, counts))
            case let .failure(error as FixtureError): completion(Self.error(400, error.message, path: error.path))
            case let .failure(error): completion(Self.error(500, "\(error)"))
            }
        }
    }

    private func state(_ completion: @escaping Completion) {
        service.exportState { result in
            switch result {
            case let .success(state):
                completion(HTTPResponse(status: 200, contentType: "application/json;charset=utf-8", body: state.prettySerialized()))
            case let .failure(error): completion(Self.error(500, "\(error)"))
            }
        }
    }

    private func tasks(_ completion: @escaping Completion) {
        service.pendingTasks { result in
            switch result {
            case let .success(tasks):
                completion(Self.json(200, .object([("tasks", .array(tasks.map {
                    .object([("resourceId", .string($0.resourceId)), ("action", .string($0.action)), ("endsAt", .int($0.endsAt))])
                }))])))
            case let .failure(error): completion(Self.error(500, "\(error)"))
            }
        }
    }

    private func completeTasks(_ completion: @escaping Completion) {
        service.completeTasks { result in
            switch result {
            case let .success(n): completion(Self.json(200, .object([("completed", .int(Int64(n)))])))
            case let .failure(error): completion(Self.error(500, "\(error)"))
            }
        }
    }

    static func settingsJSON(_ s: EmulatorSettings) -> JSONValue {
        .object([
            ("taskDurationMs", .int(s.taskDurationMs)), ("taskCooldownMs", .int(s.taskCooldownMs)),
            ("throttle", .bool(s.throttle)), ("auth", .string(s.auth.rawValue)),
            ("quotaGatewayRoutes", .int(Int64(s.quotaGatewayRoutes))), ("quotaConnectionRoutes", .int(Int64(s.quotaConnectionRoutes))),
            ("quotaVpcRoutes", .int(Int64(s.quotaVPCRoutes))), ("clientTokenTtlMs", .int(s.clientTokenTTLMs)),
        ])
    }

    private func config(_ body: [UInt8], _ completion: Completion) {
        let doc: JSONValue
        do { doc = try JSONParser.parse(body) } catch { return completion(Self.error(400, "the body is not valid JSON: \(error)")) }
        guard let pairs = doc.objectValue else { return completion(Self.error(400, "the body must be a JSON object")) }
        // Validated first, then applied in one step under the settings' lock, so two concurrent
        // updates of different settings both land.
        var changes: [@Sendable (inout EmulatorSettings) -> Void] = []
        for (key, value) in pairs {
            switch (key, value) {
            case let ("taskDurationMs", .int(v)) where v >= 0: changes.append { $0.taskDurationMs = v }
            case let ("taskCooldownMs", .int(v)) where v >= 0: changes.append { $0.taskCooldownMs = v }
            case let ("throttle", .bool(v)): changes.append { $0.throttle = v }
            case let ("auth", .string(v)) where RequestAuthenticator.Mode(rawValue: v) != nil:
                let mode = RequestAuthenticator.Mode(rawValue: v)!
                changes.append { $0.auth = mode }
            case let ("quotaGatewayRoutes", .int(v)) where v >= 0: changes.append { $0.quotaGatewayRoutes = Int(v) }
            case let ("quotaConnectionRoutes", .int(v)) where v >= 0: changes.append { $0.quotaConnectionRoutes = Int(v) }
            case let ("quotaVpcRoutes", .int(v)) where v >= 0: changes.append { $0.quotaVPCRoutes = Int(v) }
            case let ("clientTokenTtlMs", .int(v)) where v >= 0: changes.append { $0.clientTokenTTLMs = v }
            case ("taskDurationMs", _), ("taskCooldownMs", _), ("quotaGatewayRoutes", _), ("quotaConnectionRoutes", _),
                 ("quotaVpcRoutes", _), ("clientTokenTtlMs", _):
                return completion(Self.error(400, "\(key) must be a non-negative integer", path: key))
            case ("throttle", _): return completion(Self.error(400, "throttle must be true or false", path: key))
            case ("auth", _): return completion(Self.error(400, "auth must be \"verify\" or \"off\"", path: key))
            default: return completion(Self.error(400, "unknown setting \"\(key)\"", path: key))
            }
        }
        let applied = service.updateSettings { settings in changes.forEach { $0(&settings) } }
        completion(Self.json(200, Self.settingsJSON(applied)))
    }

    private func addFault(_ body: [UInt8], _ completion: Completion) {
        let doc: JSONValue
        do { doc = try JSONParser.parse(body) } catch { return completion(Self.error(400, "the body is not valid JSON: \(error)")) }
        guard let pairs = doc.objectValue else { return completion(Self.error(400, "the body must be a JSON object")) }
        let allowed: Set<String> = ["action", "code", "httpStatus", "message", "count", "resourceId", "retryAfterMs"]
        if let unknown = pairs.first(where: { !allowed.contains($0.0) }) {
            return completion(Self.error(400, "unknown field \"\(unknown.0)\"", path: unknown.0))
        }
        var action: String?
        switch doc["action"] {
        case nil, .null?: action = nil
        case let .string(a)? where a == "*" || OperationRegistry.operation(named: a) != nil: action = a
        case let .string(a)?: return completion(Self.error(400, "unknown action \"\(a)\"; expected one of \(OperationRegistry.names.joined(separator: ", ")) or \"*\"", path: "action"))
        default: return completion(Self.error(400, "action must be a string", path: "action"))
        }
        guard let code = doc["code"]?.stringValue, !code.isEmpty else { return completion(Self.error(400, "code is required (a non-empty string)", path: "code")) }
        var status: Int?
        if let v = doc["httpStatus"], !v.isNull {
            guard let s = v.intValue, (400...599).contains(s) else { return completion(Self.error(400, "httpStatus must be an integer from 400 to 599", path: "httpStatus")) }
            status = Int(s)
        }
        var message: String?
        if let v = doc["message"], !v.isNull {
            guard let m = v.stringValue else { return completion(Self.error(400, "message must be a string", path: "message")) }
            message = m
        }
        var count = 1
        if let v = doc["count"], !v.isNull {
            guard let c = v.intValue, c >= 1, c <= 1_000_000 else { return completion(Self.error(400, "count must be an integer from 1 to 1000000", path: "count")) }
            count = Int(c)
        }
        var resourceId: String?
        if let v = doc["resourceId"], !v.isNull {
            guard let r = v.stringValue else { return completion(Self.error(400, "resourceId must be a string or null", path: "resourceId")) }
            resourceId = r
        }
        var retryAfter: Int?
        if let v = doc["retryAfterMs"], !v.isNull {
            guard let r = v.intValue, r >= 1 else { return completion(Self.error(400, "retryAfterMs must be a positive integer", path: "retryAfterMs")) }
            retryAfter = Int(r)
        }
        guard let fault = service.faults.add(action: action, code: code, httpStatus: status, message: message, count: count,
                                             resourceId: resourceId, retryAfterMs: retryAfter) else {
            return completion(Self.error(409, "\(FaultRegistry.capacity) faults are waiting already; DELETE /_emulator/faults first"))
        }
        completion(Self.json(201, .object([("id", .string(fault.id)), ("fault", fault.json)])))
    }

    private func requests(_ query: [String: String], _ completion: Completion) {
        var limit: Int?
        if let l = query["limit"], !l.isEmpty {
            guard let n = Int(l), n >= 0 else { return completion(Self.error(400, "limit must be a non-negative integer", path: "limit")) }
            limit = n
        }
        let entries = service.journal.entries(action: query["action"].flatMap { $0.isEmpty ? nil : $0 },
                                               code: query["code"].flatMap { $0.isEmpty ? nil : $0 }, limit: limit)
        completion(Self.json(200, .object([("requests", .array(entries))])))
    }

    private func metrics(_ completion: @escaping Completion) {
        service.metrics { text in
            completion(HTTPResponse(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8", body: text))
        }
    }

    static func queryItems(_ query: Substring) -> [String: String] {
        var out: [String: String] = [:]
        for segment in query.split(separator: "&") {
            let parts = segment.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if let name = PercentEncoding.decode(parts[0]) {
                out[name] = parts.count > 1 ? PercentEncoding.decode(parts[1]) ?? "" : ""
            }
        }
        return out
    }
}
