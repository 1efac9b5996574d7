import Testing
import VPNCore
@testable import EmulatorRPC

/// ARCHITECTURE.md "One place per operation": every list the emulator keeps is derived from the
/// descriptors, and this walks them all, so registering an operation without its throttle limit,
/// catalogue rows, fault resource ids or RAM message fails here.
@Suite struct OperationRegistryTests {
    static let descriptors = OperationRegistry.all.map(\.descriptor)
    /// API.md §13.25–§13.26: the public API has no ClientToken for these writes.
    static let writesWithoutClientToken: Set<String> = ["TagResources", "UnTagResources"]

    @Test func namesAreUniqueActions() {
        let names = Self.descriptors.map(\.name)
        #expect(Set(names).count == names.count)
        for name in names {
            #expect(name.first?.isUppercase == true && name.allSatisfy { $0.isLetter }, "\(name)")
            #expect(OperationRegistry.operation(named: name)?.descriptor.name == name)
        }
    }

    @Test(arguments: OperationRegistry.all.map(\.descriptor.name))
    func descriptorIsComplete(name: String) throws {
        let d = try #require(OperationRegistry.operation(named: name)?.descriptor)
        // API.md §10: every operation has a documented limit.
        #expect(d.throttlePerMinute > 0, "\(name): throttle limit")
        // API.md §14: the rows it answers besides the universal ones, each one a catalogue row
        // listing this operation.
        #expect(!d.errors.isEmpty, "\(name): catalogue rows")
        for entry in d.errors {
            #expect(OperationRegistry.catalogue.contains { $0.entry == entry && ($0.operations?.contains(name) ?? false) },
                    "\(name): \(entry) in the derived catalogue")
        }
        // Server errors are answerable by fault injection on every operation.
        #expect(d.errors.contains { $0.code == "InternalError" }, "\(name): InternalError row")
        // API.md §11: the ids a fault may match.
        #expect(!d.faultResourceParameters.isEmpty, "\(name): fault resource ids")
        // API.md §9: the implicit-deny message is one of the two documented.
        #expect([Rules.ramImplicitDeny, Rules.ramImplicitDenyVco].contains(d.implicitDenyRule), "\(name): RAM rule")
        #expect(d.errors.contains { $0.code == "Forbbiden.SubUser" && $0.message == d.implicitDenyRule.message },
                "\(name): its RAM row matches its RAM rule")
        // Stage 9: RegionId is required by every operation; parameter names are unique.
        #expect(d.parameters.first?.name == "RegionId" && d.parameters.first?.required == true, "\(name): RegionId first")
        #expect(Set(d.parameters.map(\.name)).count == d.parameters.count, "\(name): parameter names")
        // Writes take a ClientToken (API.md §7), but for the tag operations, which the API defines
        // without one; the format rules a parameter can break have their row.
        if d.isWrite, !Self.writesWithoutClientToken.contains(name) {
            #expect(d.parameters.contains { $0.kind == .clientToken }, "\(name): ClientToken")
        }
        let codes = Set((d.errors + ErrorCatalogue.universal).map(\.code))
        for p in d.parameters {
            switch p.kind {
            case .routeDest: #expect(codes.contains("IllegalParam.RouteDest"), "\(name).\(p.name)")
            case .weight: #expect(codes.contains("VpnRouteEntry.InvalidWeight"), "\(name).\(p.name)")
            case .description: #expect(codes.contains("InvalidDescription.Malformed"), "\(name).\(p.name)")
            case .overlayMode: #expect(codes.contains("IllegalParam.OverlayMode"), "\(name).\(p.name)")
            case .clientToken: #expect(codes.contains("IllegalParam.ClientToken"), "\(name).\(p.name)")
            default: break
            }
        }
    }

    /// The journal records exactly the descriptor's parameters; the throttler limits by the descriptor.
    @Test func derivedListsFollowTheDescriptors() {
        for d in Self.descriptors {
            let params = RPCParameters(d.parameters.map { ($0.name, "v") } + [("Signature", "secret"), ("AccessKeyId", "k")])
            #expect(RequestJournal.businessParameters(params, operation: d).map(\.0) == d.parameters.map(\.name))
            let throttler = Throttler()
            for _ in 0..<d.throttlePerMinute { #expect(throttler.admit(accountId: "1", regionId: "r", operation: d, now: 0) == nil) }
            #expect(throttler.admit(accountId: "1", regionId: "r", operation: d, now: 0) != nil, "\(d.name): limit")
        }
        // Every operation named by a catalogue row is registered.
        for row in OperationRegistry.catalogue { for op in row.operations ?? [] { #expect(OperationRegistry.operation(named: op) != nil) } }
    }
}
