#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin wrappers so types with their own `close`/`shutdown` members can reach the system calls.
enum POSIX {
    /// close(2) is never retried on EINTR: the descriptor is released either way on Linux.
    @discardableResult
    static func close(_ fd: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.close(fd)
        #else
        Darwin.close(fd)
        #endif
    }

    @discardableResult
    static func shutdownWrite(_ fd: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.shutdown(fd, Int32(SHUT_WR))
        #else
        Darwin.shutdown(fd, SHUT_WR)
        #endif
    }
}
