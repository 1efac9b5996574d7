/// The twelve operations of API.md, by Action (case-sensitive).
public enum OperationCatalog {
    static let all: [any RPCOperation] = [
        CreateVpnRouteEntry(), DeleteVpnRouteEntry(), ModifyVpnRouteEntryWeight(), PublishVpnRouteEntry(),
        CreateVcoRouteEntry(), DeleteVcoRouteEntry(), ModifyVcoRouteEntryWeight(),
        DescribeVpnGateway(), DescribeVpnGateways(), DescribeVpnConnection(), DescribeVpnRouteEntries(), DescribeVcoRouteEntries(),
    ]
    static let byName: [String: any RPCOperation] = Dictionary(uniqueKeysWithValues: all.map { ($0.spec.name, $0) })

    public static var names: [String] { all.map(\.spec.name) }

    static func operation(named name: String) -> (any RPCOperation)? { byName[name] }
}
