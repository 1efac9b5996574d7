#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value behind a pthread mutex: the emulator's one lock.
///
/// Why not `Synchronization.Mutex`: ThreadSanitizer on Linux (Swift 6.3.1) does not see its
/// futex-based locking and reports every access under it as a race — four threads appending to
/// an array under a `Mutex` are enough to show it (README, "Sanitizers") — so a TSan run was all
/// noise and could hide a real race. pthread mutexes are what TSan understands; their cost on
/// the request path measured the same.
public final class Locked<Value>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    /// Read and written only between `pthread_mutex_lock` and `pthread_mutex_unlock` (that is why
    /// `@unchecked Sendable` is sound).
    private var value: Value

    public init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with the value, holding the lock. Never call `withLock` of the same instance
    /// from inside `body`.
    public func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
