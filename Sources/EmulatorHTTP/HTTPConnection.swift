#if canImport(Glibc)
import Glibc
#endif
import CEpoll
import Dispatch

/// One accepted TCP connection: reads and parses requests, hands them to the responder one at a
/// time, writes the answers in order, and closes.
///
/// Ownership: the connection belongs to its `EventLoop`'s thread. Every stored property is read
/// and written there only: the loop calls `handle(events:)` and the timer; the server calls the
/// other entry points from the loop thread; the responder's completion comes back through
/// `loop.post`. That confinement is why `@unchecked Sendable` is sound.
///
/// Lifecycle, one explicit state machine:
///
///     reading ──request──▶ responding ──answer──▶ writing ──drained──▶ reading (keep-alive)
///        │                                          │
///        │ framing error ───────────────────────▶ writing(close) ──▶ lingering ──▶ closed
///        └─ deadline, peer reset, shutdown ─────────────────────────────────────▶ closed
///
/// `closeNow` is the only way to `closed`: it removes the descriptor from epoll and closes it
/// (`EventLoop.closeDescriptor`), exactly once, and tells the server.
final class HTTPConnection: EventLoop.Handler, @unchecked Sendable {
    enum State: Equatable {
        /// Reading and parsing; no request with the responder.
        case reading
        /// The request with this generation is with the responder; nothing is read meanwhile.
        case responding(UInt64)
        /// Writing a response; `close`: the connection closes once it is written.
        case writing(close: Bool)
        /// Response written, write side shut down; reading and discarding until the peer closes,
        /// stays silent for the linger timeout, or sent too much (RFC 9112 §9.6).
        case lingering
        case closed
    }

    let fd: Int32
    let remoteAddress: String
    /// This connection only exists to be refused (connection cap): it answers
    /// `serviceUnavailableResponse()` without reading the request, then closes.
    let refused: Bool
    private let loop: EventLoop
    private let configuration: HTTPServerConfiguration
    private let responder: any HTTPResponder
    private let onClose: (HTTPConnection) -> Void

    private(set) var state: State = .reading
    private var parser: HTTPRequestParser
    private var output: [UInt8] = []
    private var outputOffset = 0
    private var interest: UInt32 = 0
    private var peerClosed = false
    private var shuttingDown = false
    private var generation: UInt64 = 0
    private var keepAlive = true
    private var keepAlive10 = false
    private var headRequest = false
    private var lingerDiscarded = 0

    // Times, in uptime nanoseconds.
    private(set) var idleSince: UInt64
    /// When the first byte of the request being read arrived (nil between requests).
    private(set) var requestStarted: UInt64?
    private var lastProgress: UInt64

    /// Bytes discarded while lingering before giving up and closing.
    static let maxLingerBytes = 16 * 1024 * 1024

    init(fd: Int32, remoteAddress: String, loop: EventLoop, configuration: HTTPServerConfiguration,
         responder: any HTTPResponder, refused: Bool, onClose: @escaping (HTTPConnection) -> Void) {
        self.fd = fd
        self.remoteAddress = remoteAddress
        self.loop = loop
        self.configuration = configuration
        self.responder = responder
        self.refused = refused
        self.onClose = onClose
        self.parser = HTTPRequestParser(limits: configuration.parserLimits)
        let now = EventLoop.uptime()
        idleSince = now
        lastProgress = now
    }

    // MARK: Entry points (loop thread)

    /// Registers with the loop; a refused connection answers 503 at once.
    func start() {
        guard loop.register(fd, events: 0, handler: self) else {
            // Not watched by epoll: close it directly (never registered, so never in `handlers`).
            state = .closed
            POSIX.close(fd)
            onClose(self)
            return
        }
        if refused {
            state = .writing(close: true)
            enqueue(HTTPResponseSerializer.serialize(responder.serviceUnavailableResponse(), close: true))
        } else {
            watch(EPOLLIN.rawValue)
        }
    }

    /// Server shutdown: a connection with a request in flight finishes it (with
    /// `Connection: close`); any other one closes now.
    func beginShutdown() {
        shuttingDown = true
        switch state {
        case .reading, .lingering: closeNow()
        case .responding, .writing, .closed: break
        }
    }

    /// Grace period over, or evicted to admit a new client: close whatever the state.
    func closeNow() {
        guard state != .closed else { return }
        state = .closed
        loop.closeDescriptor(fd)
        onClose(self)
    }

    /// Idle between requests (no byte of a next request read): the first to go when the cap is reached.
    var isIdleKeepAlive: Bool { state == .reading && requestStarted == nil && parser.bufferedByteCount == 0 }

    /// Bytes the kernel holds that the loop has not read yet (a request arriving in the same
    /// moment as a newcomer at the cap): such a connection is not idle.
    var hasUnreadBytes: Bool {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT)) > 0
    }

    /// Reading a request that has been arriving since `requestStarted`.
    var isReadingRequest: Bool { state == .reading && requestStarted != nil }

    // MARK: Events

    func handle(events: UInt32) {
        switch state {
        case .reading, .lingering:
            readAvailable()
        case .writing:
            if events & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0, events & EPOLLOUT.rawValue == 0 { closeNow(); return }
            flush()
        case .responding:
            // Nothing is watched now, but epoll reports a reset or hang-up anyway: the peer is gone.
            if events & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 { closeNow() }
        case .closed:
            break
        }
    }

    private func readAvailable() {
        var reads = 0
        while reads < 16, state == .reading || state == .lingering {   // then let other connections run
            reads += 1
            let count = withUnsafeTemporaryAllocation(byteCount: 32 * 1024, alignment: 1) { buffer -> Int in
                let n = read(fd, buffer.baseAddress, buffer.count)
                if n > 0 {
                    if state == .lingering {
                        lingerDiscarded += n
                    } else {
                        parser.append(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
                    }
                }
                return n
            }
            if count > 0 {
                lastProgress = EventLoop.uptime()
                if state == .lingering {
                    if lingerDiscarded > Self.maxLingerBytes { closeNow() }
                    continue
                }
                processBuffered()
            } else if count == 0 {
                // End of stream: answer what is complete, then close (processBuffered does).
                if state == .lingering { closeNow(); return }
                peerClosed = true
                unwatch(EPOLLIN.rawValue)   // level-triggered: an EOF stays readable
                processBuffered()
                return
            } else {
                switch errno {
                case EINTR: continue
                case EAGAIN, EWOULDBLOCK: return
                default: closeNow(); return   // ECONNRESET and friends: the peer is gone
                }
            }
        }
    }

    /// Parses buffered bytes and acts on them while no request is in flight. Pipelined requests
    /// are handled strictly one after the other (RFC 9112 §9.3.2).
    private func processBuffered() {
        while state == .reading {
            if requestStarted == nil, parser.progress != .idle { requestStarted = EventLoop.uptime() }
            let event: HTTPRequestParser.Event
            do {
                event = try parser.next()
            } catch {
                refuse(error)
                return
            }
            switch event {
            case .needMoreData:
                if peerClosed { closeNow() }
                return
            case .continueExpected:
                // RFC 9110 §10.1.1: the 100 may be omitted once body bytes are already here.
                if parser.bufferedByteCount == 0 { enqueue(HTTPResponseSerializer.continueResponse) }
            case .request(var request):
                request.remoteAddress = remoteAddress
                dispatch(request)
            }
        }
    }

    private func dispatch(_ request: HTTPRequest) {
        generation &+= 1
        let current = generation
        state = .responding(current)
        requestStarted = nil
        watch(0)   // read nothing while the responder works (one request at a time)

        // RFC 9112 §9.3: HTTP/1.1 persists unless "close"; HTTP/1.0 only with "keep-alive".
        let options = HTTPRequestParser.listElements(request.headers.values(for: "Connection")).map { $0.lowercased() }
        if request.version == "HTTP/1.0" {
            keepAlive = options.contains("keep-alive") && !options.contains("close")
            keepAlive10 = keepAlive
        } else {
            keepAlive = !options.contains("close")
            keepAlive10 = false
        }
        headRequest = request.method == "HEAD"

        // The responder works off the loop thread (it may be CPU-bound: signatures, JSON); its
        // answer comes back through the loop.
        let (responder, loop) = (self.responder, self.loop)
        DispatchQueue.global().async {
            responder.respond(to: request) { [self] response in
                loop.post { [self] in deliver(response, generation: current) }
            }
        }
    }

    private func deliver(_ response: HTTPResponse, generation delivered: UInt64) {
        // A late or repeated completion, or one for a connection already closed, is dropped.
        guard state == .responding(delivered) else { return }
        let close = !keepAlive || shuttingDown
        state = .writing(close: close)
        lastProgress = EventLoop.uptime()
        enqueue(HTTPResponseSerializer.serialize(response, close: close, keepAlive10: keepAlive10, headRequest: headRequest))
    }

    /// A request that cannot be framed: the responder's answer, then close (RFC 9112 §9.6).
    private func refuse(_ error: HTTPRequestError) {
        state = .writing(close: true)
        watch(0)
        lastProgress = EventLoop.uptime()
        enqueue(HTTPResponseSerializer.serialize(responder.respond(to: error), close: true))
    }

    // MARK: Writing

    private func enqueue(_ bytes: [UInt8]) {
        output.append(contentsOf: bytes)
        flush()
    }

    /// Writes as much as the socket takes; waits for EPOLLOUT on EAGAIN.
    private func flush() {
        while outputOffset < output.count {
            let count = output.withUnsafeBytes { bytes in
                send(fd, bytes.baseAddress! + outputOffset, bytes.count - outputOffset, Int32(MSG_NOSIGNAL))
            }
            if count >= 0 {
                outputOffset += count
                lastProgress = EventLoop.uptime()
                continue
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: watch(EPOLLOUT.rawValue); return
            default: closeNow(); return   // EPIPE, ECONNRESET: the peer is gone
            }
        }
        if output.capacity > 256 * 1024 { output = [] } else { output.removeAll(keepingCapacity: true) }
        outputOffset = 0
        outputDrained()
    }

    private func outputDrained() {
        guard case .writing(let close) = state else {
            // A 100 Continue went out while reading: keep reading.
            if state == .reading { watch(peerClosed ? 0 : EPOLLIN.rawValue) }
            return
        }
        if close || shuttingDown {
            beginLingeringClose()
        } else {
            state = .reading
            idleSince = EventLoop.uptime()
            watch(peerClosed ? 0 : EPOLLIN.rawValue)
            processBuffered()   // the next pipelined request may already be buffered
        }
    }

    /// RFC 9112 §9.6: close the write side first and drain what the client still sends, so that
    /// a close with unread data does not reset the connection before the client read the answer.
    private func beginLingeringClose() {
        if peerClosed {   // everything up to end of stream has been read already
            closeNow()
            return
        }
        POSIX.shutdownWrite(fd)
        state = .lingering
        lastProgress = EventLoop.uptime()
        watch(EPOLLIN.rawValue)
    }

    private func watch(_ events: UInt32) {
        guard state != .closed, events != interest else { return }
        interest = events
        loop.modify(fd, events: events)
    }

    private func unwatch(_ events: UInt32) { watch(interest & ~events) }

    // MARK: Deadlines

    /// When this connection gives up in its current state (uptime ns), nil for never.
    private func currentDeadline() -> UInt64? {
        switch state {
        case .reading:
            if let requestStarted {
                // RFC 9112 does not bound a request's duration; the emulator does: the header
                // block within `headerTimeout`, the whole request within `requestTimeout`.
                let limit = parser.progress == .body ? configuration.requestTimeoutMilliseconds : configuration.headerTimeoutMilliseconds
                return requestStarted &+ Self.nanoseconds(limit)
            }
            return idleSince &+ Self.nanoseconds(configuration.idleTimeoutMilliseconds)
        case .responding:
            return nil   // the responder's business; shutdown's grace period bounds it
        case .writing:
            return lastProgress &+ Self.nanoseconds(configuration.idleTimeoutMilliseconds)
        case .lingering:
            return lastProgress &+ Self.nanoseconds(configuration.lingerTimeoutMilliseconds)
        case .closed:
            return nil
        }
    }

    /// Header deadline, whole-request deadline, idle keep-alive timeout, stalled write, end of
    /// linger: all close the connection without an answer. Called by the loop's ticker.
    func checkDeadline(now: UInt64) {
        if let due = currentDeadline(), now >= due { closeNow() }
    }

    private static func nanoseconds(_ milliseconds: Int) -> UInt64 {
        UInt64(max(0, milliseconds)) &* 1_000_000
    }
}
