import VPNCore

/// The rules of the RPC protocol itself (PROTOCOL.md §1 and §5): HTTP framing and routing,
/// parameter decoding, signatures, Version and Action, throttling, and injected faults. They
/// are not domain rules, so they live here rather than in VPNCore's `Rules`.
public enum ProtocolRules {
    static let invalidParameter = "The specified parameter \"<Name>\" is not valid."

    // Transport and gateway stage (PROTOCOL.md §1, §5).
    public static let httpMalformed = Rule("http.framing", "MalformedRequest", 400, "The HTTP request is malformed.")
    public static let httpNotImplemented = Rule("http.framing", "NotImplemented", 501, "The transfer coding is not supported.")
    public static let httpBodyTooLarge = Rule("http.framing", "RequestEntityTooLarge", 413, "The request body is too large.")
    public static let httpURITooLong = Rule("http.framing", "RequestURITooLong", 414, "The request line is too long.")
    public static let httpHeadersTooLarge = Rule("http.framing", "RequestHeaderFieldsTooLarge", 431, "The request header section is too large.")
    public static let httpVersionNotSupported = Rule("http.framing", "HTTPVersionNotSupported", 505, "The HTTP version is not supported.")
    public static let httpServiceUnavailable = Rule("http.connections", "ServiceUnavailable", 503, "The request has failed due to a temporary failure of the server.")
    public static let httpPath = Rule("http.path", "InvalidAction.NotFound", 404, "Specified api is not found, please check your url and method.")
    public static let httpMethod = Rule("http.method", "UnsupportedHTTPMethod", 400, "This http method is not supported.")

    // Parameter decoding (PROTOCOL.md §3.2).
    public static let paramEncoding = Rule("param.encoding", "InvalidParameter", 400, invalidParameter)
    public static let paramDuplicate = Rule("param.duplicate", "InvalidParameter", 400, invalidParameter)

    // Signatures, Version, Action, throttling (PROTOCOL.md §4, §5; API.md §10).
    public static let authMissing = Rule("auth.missing", "Missing<Name>", 400, "<Name> is mandatory for this action.")
    public static let authIncomplete = Rule("auth.incomplete", "IncompleteSignature", 400, "The request signature does not conform to Aliyun standards.")
    public static let authKeyUnknown = Rule("auth.key.unknown", "InvalidAccessKeyId.NotFound", 404, "Specified access key is not found.")
    public static let authMethod = Rule("auth.method", "InvalidSignatureMethod", 400, "Specified signature method is not supported.")
    /// `<Name>` is the emulator's own string to sign (PROTOCOL.md §4.7).
    public static let authSignature = Rule("auth.signature", "SignatureDoesNotMatch", 400, "Specified signature is not matched with our calculation. server string to sign is:<Name>")
    public static let authContentHash = Rule("auth.content-hash", "SignatureDoesNotMatch", 400, "Specified signature is not matched with our calculation. server string to sign is:<Name>")
    public static let authTimestampFormat = Rule("auth.timestamp.format", "InvalidTimeStamp.Format", 400, "Specified time stamp or date value is not well formatted.")
    public static let authTimestampExpired = Rule("auth.timestamp.expired", "InvalidTimeStamp.Expired", 400, "Specified time stamp or date value is expired.")
    public static let authNonceReused = Rule("auth.nonce.reused", "SignatureNonceUsed", 400, "Specified signature nonce was used already.")
    public static let apiVersion = Rule("api.version", "InvalidVersion", 400, "Specified parameter Version is not valid.")
    public static let apiAction = Rule("api.action", "InvalidAction.NotFound", 404, "Specified api is not found, please check your url and method.")
    public static let throttleUser = Rule("throttle.user", "Throttling.User", 400, "Request was denied due to user flow control.")

    /// A failure of the emulator itself (a disk error in SQLite, say): no input produces it.
    public static let internalError = Rule("internal", "InternalError", 500,
                                           "The request processing has failed due to some unknown error, exception or failure.")

    /// Errors injected through `/_emulator/faults` (API.md §11).
    public static let faultInjected = Rule("fault.injected", "<Name>", 400, "The request processing has failed due to an injected fault.")

    /// Every protocol rule (fault.injected aside: its code is the fault's).
    public static let all: [Rule] = [
        httpMalformed, httpNotImplemented, httpBodyTooLarge, httpURITooLong, httpHeadersTooLarge, httpVersionNotSupported,
        httpServiceUnavailable, httpPath, httpMethod, paramEncoding, paramDuplicate, authMissing, authIncomplete,
        authKeyUnknown, authMethod, authSignature, authContentHash, authTimestampFormat, authTimestampExpired,
        authNonceReused, apiVersion, apiAction, throttleUser,
    ]
}

/// Every rule the emulator answers with: the protocol's and the domain's.
public enum RuleBook {
    public static let all: [Rule] = ProtocolRules.all + Rules.all
}
