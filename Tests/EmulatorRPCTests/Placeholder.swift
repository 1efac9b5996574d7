import Testing
@testable import EmulatorRPC

@Test func placeholder() { #expect(Bool(true)) }
