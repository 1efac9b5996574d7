import Testing
@testable import VPNCore

@Test func placeholder() { #expect(Bool(true)) }
