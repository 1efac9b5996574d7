#if canImport(Glibc)
import Glibc
#endif
import CEpoll
import EmulatorSync

/// One thread that owns a set of sockets: it waits in `epoll_wait`, runs the handlers of ready
/// descriptors, due timers and tasks posted from other threads, in that thread only.
///
/// Why not Dispatch sources on sockets: swift-corelibs-libdispatch's epoll backend mishandles
/// EPOLLHUP on a descriptor watched by a read and a write source (its SR-9033 branch in
/// `_dispatch_event_merge_fd`; open upstream as #833 and #949). A lingering close (`shutdown`
/// then the peer's close) or a client's reset raises exactly that, and under connection churn the
/// manager thread died with SIGILL in `_dispatch_source_refs_finalize_unregistration` ("Source
/// finalized twice"): 4 clients × 104k server-closed connections with 0.1.0. Here the emulator
/// drives epoll itself, level-triggered, and a descriptor is removed from the epoll set and
/// closed in one place, on this thread, exactly once. Dispatch still runs everything else.
///
/// Confinement: `handlers`, `timers` and every handler's state are touched only on the loop
/// thread; other threads reach it through `post`, which takes the lock and writes the eventfd.
/// That is why `@unchecked Sendable` is sound.
final class EventLoop: @unchecked Sendable {
    /// What a registered descriptor's owner implements; called on the loop thread.
    protocol Handler: AnyObject {
        func handle(events: UInt32)
    }

    private let epollFD: Int32
    private let wakeFD: Int32
    private var handlers: [Int32: Handler] = [:]
    private var timers = TimerHeap()
    /// A periodic check (connection deadlines): runs every `interval` while it answers true.
    private var ticker: (interval: UInt64, action: () -> Bool)?
    private var nextTick: UInt64?
    private let posted = Locked<(tasks: [() -> Void], stopping: Bool, finished: Bool)>(([], false, false))
    private var thread: pthread_t?
    private let name: String

    init(name: String) throws(SocketError) {
        self.name = name
        epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epollFD >= 0 else { throw .makeFailed("epoll_create1") }
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard wakeFD >= 0 else {
            POSIX.close(epollFD)
            throw .makeFailed("eventfd")
        }
        var event = epoll_event(events: EPOLLIN.rawValue, data: epoll_data_t(fd: wakeFD))
        guard epoll_ctl(epollFD, EPOLL_CTL_ADD, wakeFD, &event) == 0 else {
            POSIX.close(wakeFD)
            POSIX.close(epollFD)
            throw .makeFailed("epoll_ctl(eventfd)")
        }
    }

    deinit {
        POSIX.close(wakeFD)
        POSIX.close(epollFD)
    }

    /// Starts the loop thread.
    func start() throws(SocketError) {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, 512 * 1024)
        let box = Unmanaged.passRetained(self)
        var id = pthread_t()
        let rc = pthread_create(&id, &attributes, { raw in
            let loop = Unmanaged<EventLoop>.fromOpaque(raw!).takeRetainedValue()
            loop.run()
            return nil
        }, box.toOpaque())
        guard rc == 0 else {
            box.release()
            throw .makeFailed("pthread_create")
        }
        // Nobody waits for the loop to end (a stop's completion says it has): detached, its
        // resources go with it.
        pthread_detach(id)
        thread = id
    }

    /// True on the loop's own thread.
    var isCurrent: Bool {
        guard let thread else { return false }
        return pthread_equal(pthread_self(), thread) != 0
    }

    // MARK: From any thread

    /// Runs `task` on the loop thread, soon; dropped once the loop has ended (a late answer for
    /// a connection closed at shutdown).
    func post(_ task: @escaping @Sendable () -> Void) {
        let accepted = posted.withLock { p -> Bool in
            guard !p.finished else { return false }
            p.tasks.append(task)
            return true
        }
        if accepted { wake() }
    }

    /// Ends the loop after the tasks posted so far; the thread exits.
    func stop() {
        posted.withLock { $0.stopping = true }
        wake()
    }

    private func wake() {
        var one: UInt64 = 1
        _ = withUnsafeBytes(of: &one) { write(wakeFD, $0.baseAddress, 8) }
    }

    // MARK: On the loop thread

    /// Watches `fd` for `events` (EPOLLIN, EPOLLOUT), calling `handler` when ready.
    func register(_ fd: Int32, events: UInt32, handler: Handler) -> Bool {
        var event = epoll_event(events: events, data: epoll_data_t(fd: fd))
        guard epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event) == 0 else { return false }
        handlers[fd] = handler
        return true
    }

    /// Changes what `fd` is watched for (0: nothing, the descriptor stays registered).
    func modify(_ fd: Int32, events: UInt32) {
        var event = epoll_event(events: events, data: epoll_data_t(fd: fd))
        _ = epoll_ctl(epollFD, EPOLL_CTL_MOD, fd, &event)
    }

    /// Stops watching `fd` and closes it: the only place a registered descriptor is closed.
    func closeDescriptor(_ fd: Int32) {
        _ = epoll_ctl(epollFD, EPOLL_CTL_DEL, fd, nil)
        handlers[fd] = nil
        POSIX.close(fd)
    }

    /// Sets the periodic check: `action` runs every `interval` nanoseconds for as long as it
    /// answers true, and again after `tick()` asks for it.
    func setTicker(interval: UInt64, _ action: @escaping () -> Bool) { ticker = (interval, action) }

    /// Makes sure the periodic check runs within its interval.
    func tick() {
        guard let ticker, nextTick == nil else { return }
        nextTick = Self.uptime() &+ ticker.interval
    }

    /// Calls `action` on the loop thread at `deadline` (uptime nanoseconds), once (rare events:
    /// a paused listener, the shutdown grace period; connection deadlines use the ticker).
    func schedule(at deadline: UInt64, _ action: @escaping () -> Void) {
        timers.push(deadline, action)
    }

    private func run() {
        var events = [epoll_event](repeating: epoll_event(), count: 128)
        while true {
            let now = Self.uptime()
            let timeout: Int32
            if let next = [timers.nextDeadline, nextTick].compactMap({ $0 }).min() {
                timeout = next <= now ? 0 : Int32(clamping: (next - now + 999_999) / 1_000_000)
            } else {
                timeout = -1
            }
            let n = events.withUnsafeMutableBufferPointer { epoll_wait(epollFD, $0.baseAddress, Int32($0.count), timeout) }
            if n < 0, errno != EINTR { fatalError("epoll_wait: \(String(cString: strerror(errno)))") }
            for i in 0..<max(0, Int(n)) {
                let fd = events[i].data.fd
                if fd == wakeFD {
                    var value: UInt64 = 0
                    _ = withUnsafeMutableBytes(of: &value) { read(wakeFD, $0.baseAddress, 8) }
                    continue
                }
                // A handler may have closed another descriptor of this batch: skip it then.
                handlers[fd]?.handle(events: events[i].events)
            }
            let after = Self.uptime()
            timers.fireDue(at: after)
            if let due = nextTick, after >= due, let ticker {
                nextTick = ticker.action() ? after &+ ticker.interval : nil
            }
            let (tasks, stopping) = posted.withLock { p -> ([() -> Void], Bool) in
                defer { p.tasks = [] }
                return (p.tasks, p.stopping)
            }
            tasks.forEach { $0() }
            if stopping, tasks.isEmpty { break }
        }
        // Ended: drop what still refers to connections, so no cycle outlives the loop.
        posted.withLock { p in
            p.finished = true
            p.tasks = []
        }
        handlers = [:]
        timers = TimerHeap()
        ticker = nil
    }

    static func uptime() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}

/// One-off deadlines of a loop: a binary min-heap (a handful of entries at most: connection
/// deadlines are checked by the ticker, which keeps no state per connection).
struct TimerHeap {
    private var items: [(deadline: UInt64, order: UInt64, action: () -> Void)] = []
    private var counter: UInt64 = 0

    var nextDeadline: UInt64? { items.first?.deadline }
    var count: Int { items.count }

    mutating func push(_ deadline: UInt64, _ action: @escaping () -> Void) {
        counter &+= 1
        items.append((deadline, counter, action))
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard Self.less(items[i], items[parent]) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func fireDue(at now: UInt64) {
        while let first = items.first, first.deadline <= now {
            let action = pop()
            action()
        }
    }

    private mutating func pop() -> () -> Void {
        let top = items[0].action
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < items.count, Self.less(items[l], items[m]) { m = l }
                if r < items.count, Self.less(items[r], items[m]) { m = r }
                if m == i { break }
                items.swapAt(i, m)
                i = m
            }
        }
        return top
    }

    private static func less(_ a: (deadline: UInt64, order: UInt64, action: () -> Void),
                             _ b: (deadline: UInt64, order: UInt64, action: () -> Void)) -> Bool {
        (a.deadline, a.order) < (b.deadline, b.order)
    }
}
