import CCrypto

/// HMAC, SHA-256, Base64 and constant-time comparison through libcrypto (OpenSSL).
enum Crypto {
    static func hmacSHA1(key: [UInt8], message: [UInt8]) -> [UInt8] { hmac(EVP_sha1(), key, message, 20) }
    static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] { hmac(EVP_sha256(), key, message, 32) }

    static func sha256(_ data: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        _ = data.withUnsafeBufferPointer { SHA256($0.baseAddress, $0.count, &out) }
        return out
    }

    private static func hmac(_ md: OpaquePointer?, _ key: [UInt8], _ message: [UInt8], _ size: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: size)
        var length: UInt32 = 0
        key.withUnsafeBufferPointer { k in
            message.withUnsafeBufferPointer { m in
                _ = HMAC(md, k.baseAddress, Int32(k.count), m.baseAddress, m.count, &out, &length)
            }
        }
        return Array(out.prefix(Int(length)))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0xF)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Standard Base64 with padding (libcrypto's `EVP_EncodeBlock`, which adds no line breaks).
    static func base64(_ bytes: [UInt8]) -> String {
        var out = [UInt8](repeating: 0, count: (bytes.count + 2) / 3 * 4 + 1)
        let written = bytes.withUnsafeBufferPointer { EVP_EncodeBlock(&out, $0.baseAddress, Int32($0.count)) }
        return String(decoding: out.prefix(Int(written)), as: UTF8.self)
    }

    /// Compares without an early exit (libcrypto's `CRYPTO_memcmp`), so timing does not reveal
    /// how much of a signature matched.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        guard !a.isEmpty else { return true }
        return a.withUnsafeBytes { x in b.withUnsafeBytes { y in CRYPTO_memcmp(x.baseAddress, y.baseAddress, a.count) == 0 } }
    }
}
