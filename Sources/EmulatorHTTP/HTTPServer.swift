#if canImport(Glibc)
import Glibc
#endif
import CEpoll
import Dispatch
import EmulatorSync
import Synchronization

/// An HTTP/1.1 server on non-blocking POSIX sockets driven by its own epoll loop (`EventLoop`:
/// why not Dispatch sources is written there). The loop thread accepts, reads, parses and
/// writes; requests go to the `HTTPResponder` on Dispatch's global queue, one at a time per
/// connection, and their answers come back to the loop.
///
/// Thread-safety: the connections, the listener and the lifecycle after `start` belong to the
/// loop thread (`LoopState`); `start`, `stop` and the counters are safe from any thread.
public final class HTTPServer: Sendable {
    private enum Lifecycle { case idle, running, stopping, stopped }

    public let configuration: HTTPServerConfiguration
    private let responder: any HTTPResponder
    private let lifecycle = Locked(Lifecycle.idle)
    /// The loop and the state it owns, while running.
    private let running = Locked<(loop: EventLoop, state: LoopState)?>(nil)
    private let boundPort = Atomic<Int>(0)
    private let openConnections = Atomic<Int>(0)

    public init(configuration: HTTPServerConfiguration = HTTPServerConfiguration(), responder: any HTTPResponder) {
        self.configuration = configuration
        self.responder = responder
    }

    /// Connections currently open (including ones being refused or lingering before close).
    public var openConnectionCount: Int { openConnections.load(ordering: .relaxed) }

    /// The bound port once started, else 0.
    public var port: Int { boundPort.load(ordering: .relaxed) }

    /// Binds, listens and starts accepting. Returns the bound port (useful with port 0).
    @discardableResult
    public func start() throws(SocketError) -> Int {
        let address = try SocketAddress(host: configuration.host, port: configuration.port)
        try lifecycle.withLock { (state: inout Lifecycle) throws(SocketError) in
            guard state == .idle else { throw .alreadyStarted }
            state = .running
        }
        // A peer that resets while we write must not kill the process (send also uses
        // MSG_NOSIGNAL; this covers everything else).
        signal(SIGPIPE, SIG_IGN)

        let fd = socket(address.family, Self.streamType, 0)
        do throws(SocketError) {
            guard fd >= 0 else { throw .makeFailed("socket") }
            var one: Int32 = 1
            guard setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
                throw .makeFailed("setsockopt(SO_REUSEADDR)")
            }
            guard address.withSockAddr({ bind(fd, $0, $1) }) == 0 else { throw .makeFailed("bind") }
            guard listen(fd, Int32(max(1, configuration.listenBacklog))) == 0 else { throw .makeFailed("listen") }
            let port = try Self.boundPort(fd)
            let newLoop = try EventLoop(name: "vpngw.http")
            let state = LoopState(server: self, loop: newLoop, listenFD: fd)
            guard newLoop.register(fd, events: EPOLLIN.rawValue, handler: state.listener) else { throw .makeFailed("epoll_ctl(listener)") }
            boundPort.store(port, ordering: .relaxed)
            running.withLock { $0 = (newLoop, state) }
            try newLoop.start()
            return port
        } catch {
            if fd >= 0 { POSIX.close(fd) }   // the loop thread never started: nothing else holds it
            lifecycle.withLock { $0 = .idle }
            running.withLock { $0 = nil }
            throw error
        }
    }

    /// Graceful stop: stop accepting, close idle connections, let requests in flight finish and
    /// be written (with `Connection: close`) for up to the grace period, then close the rest.
    /// `completion` runs once every connection and the listener are closed.
    public func stop(completion: @escaping @Sendable () -> Void = {}) {
        let (first, target) = lifecycle.withLock { state -> (Bool, (loop: EventLoop, state: LoopState)?) in
            switch state {
            case .idle, .stopped:
                state = .stopped
                return (false, nil)
            case .stopping:
                return (false, running.withLock { $0 })
            case .running:
                state = .stopping
                return (true, running.withLock { $0 })
            }
        }
        guard let target else { return completion() }
        target.loop.post { target.state.stop(first: first, completion: completion) }
    }

    /// `stop`, waiting for it. Do not call from the loop thread.
    public func stop() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            stop { continuation.resume() }
        }
    }

    /// Blocking `stop` for command-line use: blocks the calling thread.
    public func shutdown() {
        let done = DispatchSemaphore(value: 0)
        stop { done.signal() }
        done.wait()
    }

    fileprivate func stopped() {
        lifecycle.withLock { $0 = .stopped }
        let target = running.withLock { r -> (loop: EventLoop, state: LoopState)? in defer { r = nil }; return r }
        target?.loop.stop()
    }

    fileprivate func count(_ delta: Int) { openConnections.wrappingAdd(delta, ordering: .relaxed) }

    fileprivate var responderForConnections: any HTTPResponder { responder }

    // MARK: Socket helpers

    private static func boundPort(_ fd: Int32) throws(SocketError) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard result == 0 else { throw .makeFailed("getsockname") }
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            }
        default:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
        }
    }

    private static let streamType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
}

/// The server's state on its loop thread: the listener and the connections. Created on the
/// starting thread before the loop runs, then touched only by the loop thread.
private final class LoopState: @unchecked Sendable {
    unowned let server: HTTPServer
    let loop: EventLoop
    let configuration: HTTPServerConfiguration
    let listenFD: Int32
    private(set) var listener: Listener!
    private var listenerOpen = true
    private var accepting = true
    private var connections: [ObjectIdentifier: HTTPConnection] = [:]
    private var refusedCount = 0
    private var stopping = false
    private var stopCompletions: [@Sendable () -> Void] = []

    init(server: HTTPServer, loop: EventLoop, listenFD: Int32) {
        self.server = server
        self.loop = loop
        self.configuration = server.configuration
        self.listenFD = listenFD
        listener = Listener(state: self)
        // Connection deadlines: one sweep every 25 ms while connections are open, no state per
        // connection (a timer per connection kept 60 s of closed connections' timers alive
        // under churn: 300 MB at 15,000 connections/s).
        loop.setTicker(interval: 25_000_000) { [weak self] in
            guard let self, !connections.isEmpty else { return false }
            let now = EventLoop.uptime()
            for connection in Array(connections.values) { connection.checkDeadline(now: now) }
            return !connections.isEmpty
        }
    }

    final class Listener: EventLoop.Handler {
        unowned let state: LoopState
        init(state: LoopState) { self.state = state }
        func handle(events: UInt32) { state.acceptConnections() }
    }

    // MARK: Accepting

    func acceptConnections() {
        for _ in 0..<64 {   // then let the connections run; level-triggered, so the rest come next turn
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { accept(listenFD, $0, &length) }
            }
            if fd < 0 {
                switch errno {
                case EINTR, ECONNABORTED, EPROTO: continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM: pauseAccepting(); return
                default: return   // EAGAIN: nothing left to accept
                }
            }
            // Glibc's module map does not export accept4, so set the flags afterwards.
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            var one: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            admit(fd, remote: SocketAddress.describe(storage))
        }
    }

    /// At the cap, a newcomer takes the place of the longest-idle keep-alive connection, else of
    /// the request that has been arriving the longest if that is over `slowRequestEvictionMilliseconds`;
    /// only when neither exists is it answered 503 (README, "HTTP": no flood of idle or slow clients
    /// locks a new client out for longer than that).
    private func admit(_ fd: Int32, remote: String) {
        var refused = connections.count - refusedCount >= configuration.maxConnections
        if refused, let victim = evictionCandidate() {
            victim.closeNow()
            refused = false
        }
        let connection = HTTPConnection(fd: fd, remoteAddress: remote, loop: loop, configuration: configuration,
                                        responder: server.responderForConnections, refused: refused,
                                        onClose: { [unowned self] in connectionClosed($0) })
        connections[ObjectIdentifier(connection)] = connection
        if refused { refusedCount += 1 }
        server.count(1)
        connection.start()
        loop.tick()
    }

    private func evictionCandidate() -> HTTPConnection? {
        var idle: HTTPConnection?, slow: HTTPConnection?
        for c in connections.values where !c.refused {
            if c.isIdleKeepAlive, !c.hasUnreadBytes {
                if idle.map({ c.idleSince < $0.idleSince }) ?? true { idle = c }
            } else if c.isReadingRequest, let started = c.requestStarted {
                if slow.map({ started < ($0.requestStarted ?? .max) }) ?? true { slow = c }
            }
        }
        if let idle { return idle }
        let limit = UInt64(max(0, configuration.slowRequestEvictionMilliseconds)) &* 1_000_000
        if let slow, let started = slow.requestStarted, EventLoop.uptime() &- started >= limit { return slow }
        return nil
    }

    /// Out of descriptors: stop watching the listener for a moment instead of spinning on it.
    private func pauseAccepting() {
        guard accepting, listenerOpen else { return }
        accepting = false
        loop.modify(listenFD, events: 0)
        loop.schedule(at: EventLoop.uptime() &+ 100_000_000) { [weak self] in
            guard let self, listenerOpen else { return }
            accepting = true
            loop.modify(listenFD, events: EPOLLIN.rawValue)
        }
    }

    private func connectionClosed(_ connection: HTTPConnection) {
        if connections.removeValue(forKey: ObjectIdentifier(connection)) != nil {
            if connection.refused { refusedCount -= 1 }
            server.count(-1)
        }
        finishIfStopped()
    }

    // MARK: Stopping

    func stop(first: Bool, completion: @escaping @Sendable () -> Void) {
        stopCompletions.append(completion)
        guard first else { return finishIfStopped() }
        stopping = true
        if listenerOpen {
            listenerOpen = false
            loop.closeDescriptor(listenFD)
        }
        for connection in Array(connections.values) { connection.beginShutdown() }
        let grace = UInt64(max(0, configuration.shutdownGracePeriodMilliseconds)) &* 1_000_000
        loop.schedule(at: EventLoop.uptime() &+ grace) { [weak self] in
            for connection in Array(self?.connections.values ?? [:].values) { connection.closeNow() }
        }
        finishIfStopped()
    }

    private func finishIfStopped() {
        guard stopping, !listenerOpen, connections.isEmpty, !stopCompletions.isEmpty else { return }
        let completions = stopCompletions
        stopCompletions = []
        server.stopped()
        // User code never runs on the loop thread, which is ending.
        DispatchQueue.global().async { completions.forEach { $0() } }
    }
}
