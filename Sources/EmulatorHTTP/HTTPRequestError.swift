/// Why a request could not be framed. Each case maps to one status (RFC 9112 §6, PROTOCOL.md §1);
/// after any of them the server answers and closes the connection.
public enum HTTPRequestError: Error, Sendable, Equatable {
    /// Unparseable request line or header, Content-Length with Transfer-Encoding, conflicting or
    /// non-numeric Content-Length, bad chunk framing → 400.
    case malformed(String)
    /// Transfer-Encoding whose last coding is not `chunked` → 501.
    case unsupportedTransferCoding
    /// Body (after de-chunking) over the limit → 413.
    case bodyTooLarge
    /// Request line over the limit → 414.
    case requestLineTooLong
    /// Header section over the byte limit or more than the field-count limit → 431.
    case headersTooLarge
    /// HTTP version other than 1.0 / 1.1 → 505.
    case unsupportedVersion

    public var status: Int {
        switch self {
        case .malformed: return 400
        case .unsupportedTransferCoding: return 501
        case .bodyTooLarge: return 413
        case .requestLineTooLong: return 414
        case .headersTooLarge: return 431
        case .unsupportedVersion: return 505
        }
    }
}
