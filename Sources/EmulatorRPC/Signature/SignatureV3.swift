import EmulatorHTTP

/// The V3 signature (ACS3-HMAC-SHA256) of PROTOCOL.md §4.5.
public enum SignatureV3 {
    public static let emptyBodyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// Step 1: the parts of an `Authorization` header.
    public struct Authorization: Sendable, Equatable {
        public let algorithm: String
        public let accessKeyId: String
        /// Lowercased, sorted, as in step 4.
        public let signedHeaders: [String]
        public let signature: String

        /// `ALGORITHM Credential=ID,SignedHeaders=a;b,Signature=hex` with optional spaces after commas.
        public init?(_ header: String) {
            guard let space = header.firstIndex(of: " ") else { return nil }
            let algorithm = String(header[..<space])
            guard algorithm.hasPrefix("ACS3-") else { return nil }
            var fields: [String: String] = [:]
            for part in header[header.index(after: space)...].split(separator: ",", omittingEmptySubsequences: false) {
                let trimmed = part.drop { $0 == " " }
                guard let eq = trimmed.firstIndex(of: "=") else { return nil }
                let key = String(trimmed[..<eq])
                guard fields[key] == nil else { return nil }
                fields[key] = String(trimmed[trimmed.index(after: eq)...]).trimmingOWS()
            }
            guard fields.count == 3, let credential = fields["Credential"], !credential.isEmpty,
                  let names = fields["SignedHeaders"], !names.isEmpty,
                  let signature = fields["Signature"], !signature.isEmpty else { return nil }
            self.algorithm = algorithm
            self.accessKeyId = credential
            self.signedHeaders = names.split(separator: ";", omittingEmptySubsequences: false).map { $0.lowercased() }.sorted()
            self.signature = signature
            if signedHeaders.contains("") { return nil }
        }
    }

    public static func hashedPayload(_ body: [UInt8]) -> String { Crypto.hex(Crypto.sha256(body)) }

    /// Steps 3–6.
    public static func canonicalRequest(method: String, queryPairs: [RPCParameters.Pair], headers: HTTPHeaders,
                                        signedHeaders: [String], hashedPayload: String) -> String {
        let query = PercentEncoding.canonicalQuery(queryPairs)
        var canonicalHeaders = ""
        for name in signedHeaders {
            let value = headers.values(for: name).map { $0.trimmingOWS() }.joined(separator: ",")
            canonicalHeaders += name + ":" + value + "\n"
        }
        return [method, "/", query, canonicalHeaders, signedHeaders.joined(separator: ";"), hashedPayload].joined(separator: "\n")
    }

    /// Step 7.
    public static func stringToSign(canonicalRequest: String) -> String {
        "ACS3-HMAC-SHA256\n" + Crypto.hex(Crypto.sha256(Array(canonicalRequest.utf8)))
    }

    /// Step 8: lowercase hex HMAC-SHA256(secret, stringToSign).
    public static func signature(stringToSign: String, secret: String) -> String {
        Crypto.hex(Crypto.hmacSHA256(key: Array(secret.utf8), message: Array(stringToSign.utf8)))
    }

    /// Step 9: letter case ignored.
    public static func verify(received: String, stringToSign: String, secret: String) -> Bool {
        Crypto.constantTimeEqual(Array(signature(stringToSign: stringToSign, secret: secret).utf8), Array(received.lowercased().utf8))
    }
}
