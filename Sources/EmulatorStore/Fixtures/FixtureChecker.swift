#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VPNCore

extension FixtureDocument {
    /// Reads and parses the fixture file at `path`; every error carries `path` as its source.
    public static func load(path: String) throws(FixtureError) -> FixtureDocument {
        let bytes: [UInt8]
        do { bytes = try readFile(path) } catch { throw error.from(path) }
        do { return try parse(bytes) } catch { throw error.from(path) }
    }

    /// The whole content of a file, or a FixtureError with the system's reason (the one file
    /// reader of the emulator: fixtures at start-up, reset and check-fixtures).
    public static func readFile(_ path: String) throws(FixtureError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FixtureError(path: "", message: "cannot read the file: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FixtureError(path: "", message: "cannot read the file: \(String(cString: strerror(errno)))")
            }
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }
}

/// `vpngw-emulator check-fixtures PATH...`: validates fixture files exactly as start-up would load
/// them, applying them in order to a fresh in-memory database, so references across files
/// resolve as they would at start.
public enum FixtureChecker {
    /// One line per error (`file: path: message`); empty when every file is valid. A file that
    /// fails is skipped and the following files are still checked (their references to it then
    /// fail too).
    public static func check(paths: [String]) -> [String] {
        var errors: [String] = []
        let db: SQLiteDatabase
        do {
            db = try SQLiteDatabase(path: ":memory:")
            try db.exec("PRAGMA foreign_keys = ON")
            try Schema.migrate(db)
        } catch {
            return ["cannot open an in-memory database: \(error)"]
        }
        defer { db.close() }
        for path in paths {
            do {
                let doc = try FixtureDocument.load(path: path)
                _ = try db.transaction { try db.apply(doc, now: 0) }
            } catch let error as FixtureError {
                errors.append(error.source == nil ? error.from(path).description : error.description)
            } catch {
                errors.append("\(path): \(error)")
            }
        }
        return errors
    }
}
