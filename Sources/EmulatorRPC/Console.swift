#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole lines to standard output and standard error, unbuffered (`write(2)`, retried on EINTR
/// and short writes), so a line is never split between concurrent writers or lost at exit.
public enum Console {
    public static func out(_ line: String) { write(line, to: 1) }
    public static func err(_ line: String) { write(line, to: 2) }

    private static func write(_ line: String, to fd: Int32) {
        var bytes = Array((line.hasSuffix("\n") ? line : line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buf in
                #if canImport(Glibc)
                Glibc.write(fd, buf.baseAddress! + offset, buf.count - offset)
                #else
                Darwin.write(fd, buf.baseAddress! + offset, buf.count - offset)
                #endif
            }
            if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return }
        }
    }
}
