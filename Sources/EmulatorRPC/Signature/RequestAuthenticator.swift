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

    /// The access key id a request names (V1 `AccessKeyId`, V3 `Credential=`), if any.
    public static func accessKeyId(method: String, parameters: RPCParameters, headers: HTTPHeaders) -> String? {
        if let auth = headers["Authorization"], auth.hasPrefix("ACS3-") { return SignatureV3.Authorization(auth)?.accessKeyId }
        return parameters.nonBlank("AccessKeyId")
    }

    public func authenticate(method: String, parameters: RPCParameters, headers: HTTPHeaders, body: [UInt8],
                             mode: Mode) throws(RuleError) -> Caller {
        if mode == .off {
            let key = Self.accessKeyId(method: method, parameters: parameters, headers: headers) ?? ""
            if let entry = credentials.entry(accessKeyId: key) { return entry.caller }
            guard let caller = credentials.defaultCaller(accessKeyId: key) else { throw Rules.authKeyUnknown.error() }
            return caller
        }
        if let auth = headers["Authorization"], auth.hasPrefix("ACS3-") {
            return try verifyV3(method: method, authorization: auth, parameters: parameters, headers: headers, body: body)
        }
        return try verifyV1(method: method, parameters: parameters)
    }

    private func verifyV1(method: String, parameters p: RPCParameters) throws(RuleError) -> Caller {
        for name in ["AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp"]
        where p.nonBlank(name) == nil {
            throw Rules.authMissing.error(name: name)
        }
        let keyId = p["AccessKeyId"]!
        guard let entry = credentials.entry(accessKeyId: keyId) else { throw Rules.authKeyUnknown.error() }
        guard p["SignatureMethod"] == "HMAC-SHA1", p["SignatureVersion"] == "1.0" else { throw Rules.authMethod.error() }
        let toSign = SignatureV1.stringToSign(method: method, pairs: p.queryPairs + p.formPairs)
        guard SignatureV1.verify(received: p["Signature"]!, stringToSign: toSign, secret: entry.secret) else {
            throw Rules.authSignature.error(name: toSign)
        }
        try checkTime(p["Timestamp"]!)
        guard nonces.use(accessKeyId: keyId, nonce: p["SignatureNonce"]!, now: clock.now()) else { throw Rules.authNonceReused.error() }
        return entry.caller
    }

    private func verifyV3(method: String, authorization: String, parameters p: RPCParameters, headers: HTTPHeaders,
                          body: [UInt8]) throws(RuleError) -> Caller {
        guard let auth = SignatureV3.Authorization(authorization) else { throw Rules.authIncomplete.error() }
        for name in ["x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"]
        where (headers[name] ?? "").trimmingSpaces().isEmpty {
            throw Rules.authIncomplete.error()
        }
        // Every signed header present; host and every x-acs-* header sent must be signed.
        for name in auth.signedHeaders where headers[name] == nil { throw Rules.authIncomplete.error() }
        for field in headers {
            let name = field.name.lowercased()
            if name == "host" || name.hasPrefix("x-acs-"), !auth.signedHeaders.contains(name) { throw Rules.authIncomplete.error() }
        }
        guard let entry = credentials.entry(accessKeyId: auth.accessKeyId) else { throw Rules.authKeyUnknown.error() }
        guard auth.algorithm == "ACS3-HMAC-SHA256" else { throw Rules.authMethod.error() }
        let payloadHash = SignatureV3.hashedPayload(body)
        let canonical = SignatureV3.canonicalRequest(method: method, queryPairs: p.queryPairs, headers: headers,
                                                     signedHeaders: auth.signedHeaders, hashedPayload: payloadHash)
        let toSign = SignatureV3.stringToSign(canonicalRequest: canonical)
        guard headers["x-acs-content-sha256"]!.trimmingSpaces().lowercased() == payloadHash else {
            throw Rules.authContentHash.error(name: toSign)
        }
        guard SignatureV3.verify(received: auth.signature, stringToSign: toSign, secret: entry.secret) else {
            throw Rules.authSignature.error(name: toSign)
        }
        try checkTime(headers["x-acs-date"]!.trimmingSpaces())
        guard nonces.use(accessKeyId: auth.accessKeyId, nonce: headers["x-acs-signature-nonce"]!.trimmingSpaces(), now: clock.now())
        else { throw Rules.authNonceReused.error() }
        return entry.caller
    }

    private func checkTime(_ text: String) throws(RuleError) {
        guard let t = Timestamp.parse(text) else { throw Rules.authTimestampFormat.error() }
        if abs(t - clock.now()) > Self.windowMs { throw Rules.authTimestampExpired.error() }
    }
}
