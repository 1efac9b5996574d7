#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// An HTTP/1.1 server on non-blocking POSIX sockets driven by Dispatch sources. Each connection
/// has its own serial queue; requests go to the `HTTPResponder` one at a time per connection.
///
/// Thread-safety: the only mutable state is `state`, guarded by a `Mutex`; everything else is
/// immutable and Sendable.
public final class HTTPServer: Sendable {
    private enum Lifecycle {
        case idle, running, stopping, stopped
    }

    /// Dispatch sources are thread-safe objects, but the overlay does not mark them Sendable;
    /// this box lets the listener live in the mutex-protected state.
    private struct Listener: @unchecked Sendable {
        let source: DispatchSourceRead
    }

    private struct State {
        var lifecycle: Lifecycle = .idle
        var listener: Listener?
        var listenerOpen = false
        var listenerPaused = false
        var port = 0
        var connections: [ObjectIdentifier: HTTPConnection] = [:]
        /// Connections not counted against the cap (refused ones, closing by themselves).
        var refusedCount = 0
        var stopCompletions: [@Sendable () -> Void] = []
    }

    public let configuration: HTTPServerConfiguration
    private let responder: any HTTPResponder
    private let state = Mutex(State())
    private let acceptQueue = DispatchQueue(label: "EmulatorHTTP.accept")

    public init(configuration: HTTPServerConfiguration = HTTPServerConfiguration(), responder: any HTTPResponder) {
        self.configuration = configuration
        self.responder = responder
    }

    /// Connections currently open (including ones being refused or lingering before close).
    public var openConnectionCount: Int {
        state.withLock { $0.connections.count }
    }

    /// The bound port once started, else 0.
    public var port: Int {
        state.withLock { $0.port }
    }

    /// Binds, listens and starts accepting. Returns the bound port (useful with port 0).
    @discardableResult
    public func start() throws(SocketError) -> Int {
        let address = try SocketAddress(host: configuration.host, port: configuration.port)
        try state.withLock { (state: inout State) throws(SocketError) in
            guard state.lifecycle == .idle else { throw .alreadyStarted }
        }
        // A peer that resets while we write must not kill the process (send also uses
        // MSG_NOSIGNAL; this covers everything else).
        signal(SIGPIPE, SIG_IGN)

        let fd = socket(address.family, Self.streamType, 0)
        guard fd >= 0 else { throw .makeFailed("socket") }
        var bound = 0
        do throws(SocketError) {
            var one: Int32 = 1
            guard setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
                throw .makeFailed("setsockopt(SO_REUSEADDR)")
            }
            let result = address.withSockAddr { bind(fd, $0, $1) }
            guard result == 0 else { throw .makeFailed("bind") }
            guard listen(fd, Int32(max(1, configuration.listenBacklog))) == 0 else {
                throw .makeFailed("listen")
            }
            bound = try Self.boundPort(fd)
        } catch {
            POSIX.close(fd)
            throw error
        }

        let listener = DispatchSource.makeReadSource(fileDescriptor: fd, queue: acceptQueue)
        listener.setEventHandler { [self] in acceptConnections(listenFD: fd) }
        listener.setCancelHandler { [self] in
            POSIX.close(fd)
            let completions = state.withLock { state -> [@Sendable () -> Void] in
                state.listenerOpen = false
                return Self.takeCompletionsIfStopped(&state)
            }
            completions.forEach { $0() }
        }
        let started = state.withLock { state -> Bool in
            guard state.lifecycle == .idle else { return false }
            state.lifecycle = .running
            state.listener = Listener(source: listener)
            state.listenerOpen = true
            state.port = bound
            return true
        }
        guard started else {
            POSIX.close(fd)
            throw .alreadyStarted
        }
        listener.resume()
        return bound
    }

    /// Graceful stop: stop accepting, close idle connections, let requests in flight finish and
    /// be written (with `Connection: close`) for up to the grace period, then close the rest.
    /// `completion` runs once every connection and the listener are closed.
    public func stop(completion: @escaping @Sendable () -> Void = {}) {
        let (connections, done) = state.withLock { state -> ([HTTPConnection], Bool) in
            switch state.lifecycle {
            case .idle, .stopped:
                state.lifecycle = .stopped
                return ([], true)
            case .stopping:
                state.stopCompletions.append(completion)
                return ([], false)
            case .running:
                state.lifecycle = .stopping
                state.stopCompletions.append(completion)
                if let listener = state.listener {
                    listener.source.cancel()  // its cancel handler closes the listening descriptor
                    if state.listenerPaused { listener.source.resume() }
                }
                state.listener = nil
                state.listenerPaused = false
                return (Array(state.connections.values), false)
            }
        }
        if done {
            completion()
            return
        }
        connections.forEach { $0.beginShutdown() }
        let grace = DispatchTime.now() + .milliseconds(max(0, configuration.shutdownGracePeriodMilliseconds))
        acceptQueue.asyncAfter(deadline: grace) { [weak self] in self?.forceCloseAll() }
    }

    /// `stop`, waiting for it. Do not call from a queue the server or the responder runs on.
    public func stop() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            stop { continuation.resume() }
        }
    }

    /// Blocking `stop` for command-line use: blocks the calling thread (never call it from a
    /// Dispatch queue the server or the responder uses).
    public func shutdown() {
        let done = DispatchSemaphore(value: 0)
        stop { done.signal() }
        done.wait()
    }

    // MARK: Accepting

    private func acceptConnections(listenFD: Int32) {
        for _ in 0..<64 {  // then let the source fire again
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    accept(listenFD, $0, &length)
                }
            }
            if fd < 0 {
                switch errno {
                case EINTR, ECONNABORTED, EPROTO: continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM: pauseAccepting(); return
                default: return  // EAGAIN: nothing left to accept
                }
            }
            // Glibc's module map does not export accept4, so set the flags afterwards.
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            var one: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let remote = SocketAddress.describe(storage)

            let connection: HTTPConnection? = state.withLock { state in
                guard state.lifecycle == .running else { return nil }
                let served = state.connections.count - state.refusedCount
                // Over the cap: accept anyway and answer 503 + close, so the client learns why.
                let refused = served >= configuration.maxConnections
                let connection = HTTPConnection(fd: fd, remoteAddress: remote, configuration: configuration,
                                                responder: responder, refused: refused,
                                                onClose: { [self] in connectionClosed($0) })
                state.connections[ObjectIdentifier(connection)] = connection
                if refused { state.refusedCount += 1 }
                return connection
            }
            guard let connection else {
                POSIX.close(fd)
                return
            }
            connection.start()
        }
    }

    /// Out of descriptors: stop watching the listener for a moment instead of spinning on it.
    private func pauseAccepting() {
        // Suspend and resume happen under the lock so they can never interleave with `stop`
        // (resuming a source that is not suspended is a crash).
        let paused = state.withLock { state -> Bool in
            guard state.lifecycle == .running, !state.listenerPaused, let listener = state.listener else { return false }
            state.listenerPaused = true
            listener.source.suspend()
            return true
        }
        guard paused else { return }
        acceptQueue.asyncAfter(deadline: .now() + .milliseconds(100)) { [weak self] in
            self?.state.withLock { state in
                guard state.listenerPaused, let listener = state.listener else { return }
                state.listenerPaused = false
                listener.source.resume()
            }
        }
    }

    private func connectionClosed(_ connection: HTTPConnection) {
        let completions = state.withLock { state -> [@Sendable () -> Void] in
            if state.connections.removeValue(forKey: ObjectIdentifier(connection)) != nil, connection.refused {
                state.refusedCount -= 1
            }
            return Self.takeCompletionsIfStopped(&state)
        }
        completions.forEach { $0() }
    }

    private func forceCloseAll() {
        let connections = state.withLock { state -> [HTTPConnection] in
            state.lifecycle == .stopping ? Array(state.connections.values) : []
        }
        connections.forEach { $0.forceClose() }
    }

    private static func takeCompletionsIfStopped(_ state: inout State) -> [@Sendable () -> Void] {
        guard state.lifecycle == .stopping, !state.listenerOpen, state.connections.isEmpty else { return [] }
        state.lifecycle = .stopped
        defer { state.stopCompletions = [] }
        return state.stopCompletions
    }

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

    #if canImport(Glibc)
    private static let streamType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
    #endif
}
