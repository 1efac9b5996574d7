import Testing
@testable import EmulatorStore

@Test func placeholder() { #expect(Bool(true)) }
