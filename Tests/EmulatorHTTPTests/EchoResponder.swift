import Dispatch
import Synchronization
@testable import EmulatorHTTP

/// Test responder. Answers `METHOD target\n` followed by the body; `/slow` answers after
/// ~200 ms; `/big?n=N` answers N bytes.
final class EchoResponder: HTTPResponder {
    let received = Atomic<Int>(0)

    func respond(to request: HTTPRequest, completion: @escaping @Sendable (HTTPResponse) -> Void) {
        received.wrappingAdd(1, ordering: .relaxed)
        if request.path == "/big", let n = Int(request.query.dropFirst(2)) {
            completion(HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "application/octet-stream")]),
                                    body: [UInt8](repeating: UInt8(ascii: "x"), count: n)))
            return
        }
        let response = HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "text/plain")]),
                                    body: Array("\(request.method) \(request.target)\n".utf8) + request.body)
        if request.path == "/slow" {
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(200)) { completion(response) }
        } else {
            completion(response)
        }
    }

    func respond(to error: HTTPRequestError) -> HTTPResponse {
        HTTPResponse(status: error.status, contentType: "text/plain", body: "error \(error.status)")
    }

    func serviceUnavailableResponse() -> HTTPResponse {
        HTTPResponse(status: 503, contentType: "text/plain", body: "busy")
    }
}
