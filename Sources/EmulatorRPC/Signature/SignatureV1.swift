/// The V1 signature (HMAC-SHA1, `SignatureVersion=1.0`) of PROTOCOL.md §4.4.
public enum SignatureV1 {
    /// Steps 1–4: every received pair but `Signature`, sorted by pct(name) bytewise (stable), canonicalised.
    /// A pair repeated with the same value counts once (PROTOCOL.md §3.2 item 4): the old SDK's
    /// `CommonRequest` with a form body sends `RegionId` in the query and the body, and signs it once.
    public static func stringToSign(method: String, pairs: [RPCParameters.Pair]) -> String {
        var unique = Set<RPCParameters.Pair>()
        let seen = pairs.filter { $0.name != "Signature" && unique.insert($0).inserted }
        let canon = PercentEncoding.canonicalQuery(seen)
        return method + "&" + PercentEncoding.encode("/") + "&" + PercentEncoding.encode(canon)
    }

    /// Step 5: Base64(HMAC-SHA1(secret + "&", stringToSign)).
    public static func signature(stringToSign: String, secret: String) -> String {
        Crypto.base64(Crypto.hmacSHA1(key: Array((secret + "&").utf8), message: Array(stringToSign.utf8)))
    }

    /// Step 6: exact comparison with the received signature.
    public static func verify(received: String, stringToSign: String, secret: String) -> Bool {
        Crypto.constantTimeEqual(Array(signature(stringToSign: stringToSign, secret: secret).utf8), Array(received.utf8))
    }
}
