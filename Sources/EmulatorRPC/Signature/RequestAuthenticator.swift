import EmulatorHTTP
import VPNCore

/// Stage 3 of PROTOCOL.md §5: V1 or V3 verification, time window and nonce, in the documented
/// order. Returns the caller whose account scopes the request.
public struct RequestAuthenticator: Sendable {
    public enum Mode: String, Sendable { case verify, off }
    static let windowMs: Int64 = 15 * 60 * 1000

    public let credentials: CredentialDirectory
    public let nonces: NonceLedger
    public let clock: any EmulatorClock

    public init(credentials: CredentialDirectory, nonces: NonceLedger, clock: any EmulatorClock) {
        self.credentials = credentials
        self.nonces = nonces
        self.clock = clock
    }

    /// What a request presents to prove who it is, read once (stage 3 uses it, the journal and
    /// the log record its access key id).
    public enum PresentedCredential: Sendable {
        /// An `Authorization: ACS3-…` header; nil when it does not parse (`auth.incomplete`).
        case v3(SignatureV3.Authorization?)
        /// V1 query/form parameters, with the `AccessKeyId` they name.
        case v1(accessKeyId: String?)

        public init(parameters: RPCParameters, headers: HTTPHeaders) {
            if let auth = headers["Authorization"], auth.hasPrefix("ACS3-") {
                self = .v3(SignatureV3.Authorization(auth))
            } else {
                self = .v1(accessKeyId: parameters.nonBlank("AccessKeyId"))
            }
        }

        public var accessKeyId: String? {
            switch self {
            case let .v3(auth): return auth?.accessKeyId
            case let .v1(key): return key
            }
        }
    }

    public func authenticate(_ credential: PresentedCredential, method: String, parameters: RPCParameters, headers: HTTPHeaders,
                             body: [UInt8], mode: Mode) throws(RuleError) -> Caller {
        if mode == .off {
            let key = credential.accessKeyId ?? ""
            if let entry = credentials.entry(accessKeyId: key) { return entry.caller }
            guard let caller = credentials.defaultCaller(accessKeyId: key) else { throw ProtocolRules.authKeyUnknown.error() }
            return caller
        }
        switch credential {
        case let .v3(auth):
            guard let auth else { throw ProtocolRules.authIncomplete.error() }
            return try verifyV3(method: method, authorization: auth, parameters: parameters, headers: headers, body: body)
        case .v1:
            return try verifyV1(method: method, parameters: parameters)
        }
    }

    private func verifyV1(method: String, parameters p: RPCParameters) throws(RuleError) -> Caller {
        for name in ["AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp"]
        where p.nonBlank(name) == nil {
            throw ProtocolRules.authMissing.error(name: name)
        }
        let keyId = p["AccessKeyId"]!
        guard let entry = credentials.entry(accessKeyId: keyId) else { throw ProtocolRules.authKeyUnknown.error() }
        guard p["SignatureMethod"] == "HMAC-SHA1", p["SignatureVersion"] == "1.0" else { throw ProtocolRules.authMethod.error() }
        let toSign = SignatureV1.stringToSign(method: method, pairs: p.queryPairs + p.formPairs)
        guard SignatureV1.verify(received: p["Signature"]!, stringToSign: toSign, secret: entry.secret) else {
            throw ProtocolRules.authSignature.error(name: toSign)
        }
        try checkTime(p["Timestamp"]!)
        guard nonces.use(accessKeyId: keyId, nonce: p["SignatureNonce"]!, now: clock.now()) else { throw ProtocolRules.authNonceReused.error() }
        return entry.caller
    }

    private func verifyV3(method: String, authorization auth: SignatureV3.Authorization, parameters p: RPCParameters,
                          headers: HTTPHeaders, body: [UInt8]) throws(RuleError) -> Caller {
        for name in ["x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"]
        where (headers[name] ?? "").trimmingOWS().isEmpty {
            throw ProtocolRules.authIncomplete.error()
        }
        // Every signed header present; host and every x-acs-* header sent must be signed.
        for name in auth.signedHeaders where headers[name] == nil { throw ProtocolRules.authIncomplete.error() }
        for field in headers {
            let name = field.name.lowercased()
            if name == "host" || name.hasPrefix("x-acs-"), !auth.signedHeaders.contains(name) { throw ProtocolRules.authIncomplete.error() }
        }
        guard let entry = credentials.entry(accessKeyId: auth.accessKeyId) else { throw ProtocolRules.authKeyUnknown.error() }
        guard auth.algorithm == "ACS3-HMAC-SHA256" else { throw ProtocolRules.authMethod.error() }
        let payloadHash = SignatureV3.hashedPayload(body)
        let canonical = SignatureV3.canonicalRequest(method: method, queryPairs: p.queryPairs, headers: headers,
                                                     signedHeaders: auth.signedHeaders, hashedPayload: payloadHash)
        let toSign = SignatureV3.stringToSign(canonicalRequest: canonical)
        guard headers["x-acs-content-sha256"]!.trimmingOWS().lowercased() == payloadHash else {
            throw ProtocolRules.authContentHash.error(name: toSign)
        }
        guard SignatureV3.verify(received: auth.signature, stringToSign: toSign, secret: entry.secret) else {
            throw ProtocolRules.authSignature.error(name: toSign)
        }
        try checkTime(headers["x-acs-date"]!.trimmingOWS())
        guard nonces.use(accessKeyId: auth.accessKeyId, nonce: headers["x-acs-signature-nonce"]!.trimmingOWS(), now: clock.now())
        else { throw ProtocolRules.authNonceReused.error() }
        return entry.caller
    }

    private func checkTime(_ text: String) throws(RuleError) {
        guard let t = Timestamp.parse(text) else { throw ProtocolRules.authTimestampFormat.error() }
        if abs(t - clock.now()) > Self.windowMs { throw ProtocolRules.authTimestampExpired.error() }
    }
}
