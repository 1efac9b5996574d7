import VPNCore

/// Every API operation, by Action (case-sensitive). Adding an operation: one file in
/// `Operations/` with its descriptor and handler, and one line here.
public enum OperationRegistry {
    static let all: [any RPCOperation] = [
        CreateVpnRouteEntry(), DeleteVpnRouteEntry(), ModifyVpnRouteEntryWeight(), PublishVpnRouteEntry(),
        CreateVcoRouteEntry(), DeleteVcoRouteEntry(), ModifyVcoRouteEntryWeight(),
        DescribeVpnGateway(), DescribeVpnGateways(), DescribeVpnConnection(), DescribeVpnRouteEntries(), DescribeVcoRouteEntries(),
        CreateCustomerGateway(), DescribeCustomerGateway(), DescribeCustomerGateways(), ModifyCustomerGatewayAttribute(), DeleteCustomerGateway(),
        CreateVpnConnection(), DescribeVpnConnections(), ModifyVpnConnectionAttribute(), DeleteVpnConnection(),
        CreateVpnGateway(), ModifyVpnGatewayAttribute(), DeleteVpnGateway(),
        TagResources(), UnTagResources(), ListTagResources(),
    ]
    private static let byName: [String: any RPCOperation] = Dictionary(uniqueKeysWithValues: all.map { ($0.descriptor.name, $0) })

    public static var names: [String] { all.map(\.descriptor.name) }

    static func operation(named name: String) -> (any RPCOperation)? { byName[name] }

    /// The error catalogue of API.md §14 with its operation lists, derived from the descriptors:
    /// the universal rows (every operation), then each other row with the operations that list it.
    public static let catalogue: [CatalogueRow] = {
        var rows = ErrorCatalogue.universal.map { CatalogueRow(entry: $0, operations: nil) }
        var seen = Set(ErrorCatalogue.universal)
        for operation in all {
            for entry in operation.descriptor.errors where seen.insert(entry).inserted {
                rows.append(CatalogueRow(entry: entry, operations: all.map(\.descriptor).filter { $0.errors.contains(entry) }.map(\.name)))
            }
        }
        return rows
    }()

    /// Status and message of `code` for an injected fault answering `action` (API.md §11): the
    /// operation's own row with this code, else a universal row, else any row with this code,
    /// else a protocol rule with that code, else 400 and the generic injected-fault message.
    static func faultDefaults(code: String, action: String?) -> (httpStatus: Int, message: String) {
        if let action, let entry = operation(named: action)?.descriptor.errors.first(where: { $0.code == code }) {
            return (entry.httpStatus, entry.message)
        }
        if let row = catalogue.first(where: { $0.code == code }) { return (row.httpStatus, row.message) }
        if let rule = RuleBook.all.first(where: { $0.code == code && !$0.message.contains("<Name>") }) { return (rule.httpStatus, rule.message) }
        return (400, ProtocolRules.faultInjected.message)
    }
}
