import EmulatorJSON
import EmulatorHTTP
import VPNCore

/// Renders success and error answers in the API's envelope (PROTOCOL.md §6).
enum ErrorEnvelope {
    /// `HostId` when the request named no Host (and for transport answers).
    static let defaultHostId = "vpc.aliyuncs.com"

    static func hostId(_ headers: HTTPHeaders) -> String {
        if let host = headers["Host"], !host.isEmpty { return host }
        return defaultHostId
    }

    static func error(_ e: RuleError, requestId: String, hostId: String, format: ResponseFormat,
                      accessDeniedDetail: JSONValue? = nil, retryAfterMs: Int64? = nil) -> HTTPResponse {
        var body: [(String, JSONValue)] = [
            ("RequestId", .string(requestId)),
            ("HostId", .string(hostId)),
            ("Code", .string(e.code)),
            ("Message", .string(e.message)),
            ("Recommend", .string("https://api.aliyun.com/troubleshoot?q=\(PercentEncoding.encode(e.code))&product=Vpc&requestId=\(requestId)")),
        ]
        if let accessDeniedDetail { body.append(("AccessDeniedDetail", accessDeniedDetail)) }
        var headers = HTTPHeaders([("Content-Type", format.contentType), ("x-acs-request-id", requestId), ("x-emulator-rule", e.ruleId)])
        if let retryAfterMs { headers.add(name: "x-acs-retry-after", value: String(retryAfterMs)) }
        return HTTPResponse(status: e.httpStatus, headers: headers, body: format.render(.object(body), root: "Error"))
    }

    static func success(action: String, body: [(String, JSONValue)], requestId: String, format: ResponseFormat, replay: Bool) -> HTTPResponse {
        var headers = HTTPHeaders([("Content-Type", format.contentType), ("x-acs-request-id", requestId)])
        if replay { headers.add(name: "x-emulator-idempotent-replay", value: "true") }
        let object = JSONValue.object([("RequestId", .string(requestId))] + body)
        return HTTPResponse(status: 200, headers: headers, body: format.render(object, root: action + "Response"))
    }

    /// The AccessDeniedDetail object of a RAM denial (PROTOCOL.md §6.2).
    static func accessDeniedDetail(action: String, caller: Caller, explicit: Bool) -> JSONValue {
        .object([
            ("AuthAction", .string("vpc:" + action)),
            ("AuthPrincipalDisplayName", .string(caller.ramUser?.name ?? "")),
            ("AuthPrincipalOwnerId", .string(caller.accountId)),
            ("AuthPrincipalType", .string("SubUser")),
            ("EncodedDiagnosticMessage", .string("")),
            ("NoPermissionType", .string(explicit ? "ExplicitDeny" : "ImplicitDeny")),
            ("PolicyType", .string("AccountLevelIdentityBasedPolicy")),
        ])
    }
}
