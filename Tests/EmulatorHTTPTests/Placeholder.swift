import Testing
@testable import EmulatorHTTP

@Test func placeholder() { #expect(Bool(true)) }
