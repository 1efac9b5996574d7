#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// One accepted TCP connection: reads and parses requests, hands them to the responder one at a
/// time, writes the answers in order, and closes.
///
/// Concurrency: every mutable property is read and written only on `queue`, this connection's
/// own serial queue. The read, write and timer sources deliver their handlers on it, and every
/// entry point called from elsewhere (`start`, `beginShutdown`, `forceClose`, the responder's
/// completion) hops onto it with `queue.async`. That confinement is why `@unchecked Sendable`
/// is sound here.
///
/// The descriptor is non-blocking. It is closed only once the cancel handlers of both the read
/// and the write source have run, so no source ever watches a closed (or reused) descriptor.
final class HTTPConnection: @unchecked Sendable {
    private enum Phase: Equatable {
        /// Reading and parsing; no request handed to the responder.
        case reading
        /// The request with this generation is with the responder; reading is suspended.
        case responding(UInt64)
        /// Writing a response; reading is suspended until it is written.
        case writing(close: Bool)
        /// Response written, write side shut down; reading and discarding until the peer closes,
        /// stays silent for the linger timeout, or sent too much (RFC 9112 §9.6).
        case lingering
        case closed
    }

    let fd: Int32
    let remoteAddress: String
    private let queue: DispatchQueue
    private let configuration: HTTPServerConfiguration
    private let responder: any HTTPResponder
    /// This connection only exists to be refused (connection cap): it answers
    /// `serviceUnavailableResponse()` without reading the request, then closes.
    let refused: Bool
    private let onClose: @Sendable (HTTPConnection) -> Void

    private var readSource: DispatchSourceRead?
    private var writeSource: DispatchSourceWrite?
    private var timer: DispatchSourceTimer?
    private var readSuspended = true
    private var writeSuspended = true
    private var sourcesToCancel = 2

    private var parser: HTTPRequestParser
    private var phase: Phase = .reading
    private var output: [UInt8] = []
    private var outputOffset = 0
    private var peerClosed = false
    private var shuttingDown = false
    private var generation: UInt64 = 0
    private var keepAlive = true
    private var keepAlive10 = false
    private var headRequest = false

    // Deadlines, in DispatchTime uptime nanoseconds.
    private var idleSince: UInt64
    private var requestStarted: UInt64?
    private var lastProgress: UInt64
    private var lingerDiscarded = 0
    private var scheduledDeadline: UInt64 = 0

    /// Bytes discarded while lingering before giving up and closing.
    private static let maxLingerBytes = 16 * 1024 * 1024

    init(fd: Int32, remoteAddress: String, configuration: HTTPServerConfiguration,
         responder: any HTTPResponder, refused: Bool = false,
         onClose: @escaping @Sendable (HTTPConnection) -> Void) {
        self.fd = fd
        self.remoteAddress = remoteAddress
        self.configuration = configuration
        self.responder = responder
        self.refused = refused
        self.onClose = onClose
        self.parser = HTTPRequestParser(limits: configuration.parserLimits)
        self.queue = DispatchQueue(label: "EmulatorHTTP.connection.\(fd)")
        let now = DispatchTime.now().uptimeNanoseconds
        self.idleSince = now
        self.lastProgress = now
    }

    // MARK: Entry points (any thread)

    func start() {
        queue.async { [self] in
            // stop() may have run between the accept and this block: the fd is closed then.
            guard phase != .closed else { return }
            let read = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
            read.setEventHandler { [self] in handleReadable() }
            read.setCancelHandler { [self] in sourceCancelled() }
            let write = DispatchSource.makeWriteSource(fileDescriptor: fd, queue: queue)
            write.setEventHandler { [self] in handleWritable() }
            write.setCancelHandler { [self] in sourceCancelled() }
            let timer = DispatchSource.makeTimerSource(queue: queue)
            timer.setEventHandler { [self] in timerFired() }
            timer.schedule(deadline: .distantFuture)
            timer.resume()
            readSource = read
            writeSource = write
            self.timer = timer

            if refused {
                // Connection cap: answer right away without reading the request.
                phase = .writing(close: true)
                enqueue(HTTPResponseSerializer.serialize(responder.serviceUnavailableResponse(), close: true))
            } else {
                resumeRead()
            }
            updateTimer()
        }
    }

    /// Server shutdown: a connection with a request in flight finishes it (with
    /// `Connection: close`); any other one closes now.
    func beginShutdown() {
        queue.async { [self] in
            shuttingDown = true
            switch phase {
            case .reading, .lingering: closeNow()
            case .responding, .writing, .closed: break
            }
            updateTimer()
        }
    }

    /// Grace period over: close whatever state the connection is in.
    func forceClose() {
        queue.async { [self] in closeNow() }
    }

    // MARK: Reading

    private func handleReadable() {
        var reads = 0
        loop: while reads < 16 {  // then yield the thread; the source fires again if data is left
            guard phase == .reading || phase == .lingering else { break }
            reads += 1
            let (count, error) = withUnsafeTemporaryAllocation(byteCount: 32 * 1024, alignment: 1) {
                buffer -> (Int, Int32) in
                let count = read(fd, buffer.baseAddress, buffer.count)
                guard count > 0 else { return (count, errno) }
                if phase == .lingering {
                    lingerDiscarded += count
                } else {
                    parser.append(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                }
                return (count, 0)
            }
            if count > 0 {
                lastProgress = DispatchTime.now().uptimeNanoseconds
                if phase == .lingering {
                    if lingerDiscarded > Self.maxLingerBytes { closeNow() }
                    continue
                }
                processBuffered()
            } else if count == 0 {
                // End of stream: answer what is complete, then close (processBuffered does).
                if phase == .lingering { closeNow(); break }
                peerClosed = true
                processBuffered()
                break
            } else {
                switch error {
                case EINTR: continue
                case EAGAIN, EWOULDBLOCK: break loop
                default: closeNow(); break loop  // ECONNRESET and friends: the peer is gone
                }
            }
        }
        updateTimer()
    }

    /// Parses buffered bytes and acts on them while no request is in flight. Pipelined requests
    /// are handled strictly one after the other (RFC 9112 §9.3.2).
    private func processBuffered() {
        while phase == .reading {
            if requestStarted == nil, parser.progress != .idle {
                requestStarted = DispatchTime.now().uptimeNanoseconds
            }
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
        phase = .responding(current)
        requestStarted = nil
        suspendRead()

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

        responder.respond(to: request) { [self] response in
            queue.async { [self] in
                deliver(response, generation: current)
                updateTimer()
            }
        }
    }

    private func deliver(_ response: HTTPResponse, generation delivered: UInt64) {
        // A late or repeated completion, or one for a connection already closed, is dropped.
        guard phase == .responding(delivered) else { return }
        let close = !keepAlive || shuttingDown
        phase = .writing(close: close)
        lastProgress = DispatchTime.now().uptimeNanoseconds
        enqueue(HTTPResponseSerializer.serialize(response, close: close, keepAlive10: keepAlive10,
                                                 headRequest: headRequest))
    }

    /// A request that cannot be framed: the responder's answer, then close (RFC 9112 §9.6).
    private func refuse(_ error: HTTPRequestError) {
        suspendRead()
        phase = .writing(close: true)
        lastProgress = DispatchTime.now().uptimeNanoseconds
        enqueue(HTTPResponseSerializer.serialize(responder.respond(to: error), close: true))
    }

    // MARK: Writing

    private func enqueue(_ bytes: [UInt8]) {
        output.append(contentsOf: bytes)
        flush()
    }

    private func handleWritable() {
        flush()
        updateTimer()
    }

    /// Writes as much as the socket takes; waits for the write source on EAGAIN.
    private func flush() {
        while outputOffset < output.count {
            let (count, error) = output.withUnsafeBytes { bytes -> (Int, Int32) in
                let count = send(fd, bytes.baseAddress! + outputOffset, bytes.count - outputOffset, Int32(MSG_NOSIGNAL))
                return (count, count < 0 ? errno : 0)
            }
            if count >= 0 {
                outputOffset += count
                lastProgress = DispatchTime.now().uptimeNanoseconds
                continue
            }
            switch error {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: resumeWrite(); return
            default: closeNow(); return  // EPIPE, ECONNRESET: the peer is gone
            }
        }
        suspendWrite()
        if output.capacity > 256 * 1024 {
            output = []
        } else {
            output.removeAll(keepingCapacity: true)
        }
        outputOffset = 0
        outputDrained()
    }

    private func outputDrained() {
        guard case .writing(let close) = phase else { return }
        if close || shuttingDown {
            beginLingeringClose()
        } else {
            phase = .reading
            idleSince = DispatchTime.now().uptimeNanoseconds
            resumeRead()
            // The next pipelined request may already be buffered.
            processBuffered()
        }
    }

    /// RFC 9112 §9.6: close the write side first and drain what the client still sends, so
    /// that a close with unread data does not reset the connection before the client read the
    /// response.
    private func beginLingeringClose() {
        if peerClosed {  // everything up to end of stream has been read already
            closeNow()
            return
        }
        POSIX.shutdownWrite(fd)
        phase = .lingering
        lastProgress = DispatchTime.now().uptimeNanoseconds
        resumeRead()
    }

    // MARK: Timeouts

    private func currentDeadline() -> UInt64 {
        switch phase {
        case .reading:
            if let requestStarted {
                if parser.progress == .body {
                    return lastProgress &+ Self.nanoseconds(configuration.idleTimeoutMilliseconds)
                }
                return requestStarted &+ Self.nanoseconds(configuration.headerTimeoutMilliseconds)
            }
            return idleSince &+ Self.nanoseconds(configuration.idleTimeoutMilliseconds)
        case .responding:
            return .max  // the responder's business; shutdown's grace period bounds it
        case .writing:
            return lastProgress &+ Self.nanoseconds(configuration.idleTimeoutMilliseconds)
        case .lingering:
            return lastProgress &+ Self.nanoseconds(configuration.lingerTimeoutMilliseconds)
        case .closed:
            return .max
        }
    }

    private func updateTimer() {
        guard phase != .closed, let timer else { return }
        let deadline = currentDeadline()
        guard deadline != scheduledDeadline else { return }
        scheduledDeadline = deadline
        if deadline == .max {
            timer.schedule(deadline: .distantFuture)
        } else {
            timer.schedule(deadline: DispatchTime(uptimeNanoseconds: deadline), leeway: .milliseconds(5))
        }
    }

    /// Header deadline, idle keep-alive timeout, stalled transfer, end of linger: all close the
    /// connection without a response.
    private func timerFired() {
        guard phase != .closed else { return }
        if DispatchTime.now().uptimeNanoseconds >= currentDeadline() {
            closeNow()
        } else {
            scheduledDeadline = 0
            updateTimer()
        }
    }

    private static func nanoseconds(_ milliseconds: Int) -> UInt64 {
        UInt64(max(0, milliseconds)) &* 1_000_000
    }

    // MARK: Sources and closing

    private func suspendRead() {
        guard !readSuspended, phase != .closed, let readSource else { return }
        readSource.suspend()
        readSuspended = true
    }

    private func resumeRead() {
        guard readSuspended, phase != .closed, let readSource else { return }
        readSource.resume()
        readSuspended = false
    }

    private func suspendWrite() {
        guard !writeSuspended, phase != .closed, let writeSource else { return }
        writeSource.suspend()
        writeSuspended = true
    }

    private func resumeWrite() {
        guard writeSuspended, phase != .closed, let writeSource else { return }
        writeSource.resume()
        writeSuspended = false
    }

    private func closeNow() {
        guard phase != .closed else { return }
        phase = .closed
        timer?.cancel()
        guard let readSource, let writeSource else {
            // Never started; no source watches the descriptor.
            POSIX.close(fd)
            onClose(self)
            return
        }
        // A suspended source runs its cancel handler only once resumed.
        readSource.cancel()
        if readSuspended { readSource.resume(); readSuspended = false }
        writeSource.cancel()
        if writeSuspended { writeSource.resume(); writeSuspended = false }
    }

    private func sourceCancelled() {
        sourcesToCancel -= 1
        guard sourcesToCancel == 0 else { return }
        readSource = nil
        writeSource = nil
        timer = nil
        // Never retried on EINTR: the descriptor is released either way (close(2)).
        POSIX.close(fd)
        onClose(self)
    }
}
