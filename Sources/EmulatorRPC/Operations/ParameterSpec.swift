import VPNCore

/// One parameter of an operation's table (API.md §13): its type decides its format rule.
public struct ParameterSpec: Sendable {
    public enum Kind: Sendable, Equatable {
        case string
        case routeDest
        case weight
        case description
        case overlayMode
        case clientToken
        case boolean
        case integer
        /// Allowed values; `caseInsensitive` per the parameter's table.
        case enumeration([String], caseInsensitive: Bool)
        case pageNumber
        case pageSize
        /// `Tag.N.Key` / `Tag.N.Value`, N in 1...20.
        case tags
        /// One of these integers (`param.integer`, then `param.enum`).
        case integerChoice([Int])
        /// MaxResults of ListTagResources: 1–50 (`param.page-size` naming it).
        case maxResults
        /// NextToken of ListTagResources (`param.next-token`).
        case nextToken
        /// Name of customer gateways, connections and gateways (API.md §4.8, `name.format`).
        case name
        /// Description of customer gateways and gateways (§4.8, `description.format`).
        case resourceDescription
        /// IpAddress of CreateCustomerGateway (§4.9).
        case customerGatewayAddress
        /// An ASN (§4.10); `45104` refused.
        case asn
        /// A BGP authentication key (§4.10).
        case authKey
        /// Comma-joined CIDR blocks (§4.11).
        case subnets
        /// RemoteCaCertificate (§4.12): bounded in size.
        case certificate
        /// A JSON object carried as a string (§4.12), checked onto the defaults of its kind.
        case config(ConfigKind)
        /// `TunnelOptionsSpecification.N.*` (§4.12); `create`: exactly a master and a slave tunnel,
        /// each with its CustomerGatewayId.
        case tunnels(create: Bool)
        /// `<Name>.N.Key` / `<Name>.N.Value` pairs to set (§4.13): N in 1...20, Key required,
        /// at most `maxKey` characters; Value may be empty.
        case tagPairs(maxKey: Int)
        /// `<Name>.N` values, N in 1...`max` (§4.13: ResourceId.N, TagKey.N).
        case stringList(max: Int)
        /// ResourceType of the tag operations (§4.13, `tag.resource-type`).
        case tagResourceType
    }

    public enum ConfigKind: Sendable, Equatable { case ike, ipsec, bgp, healthCheck }

    /// Kinds whose value comes from `<Name>.…` parameters rather than from `<Name>` itself.
    var isPrefixed: Bool {
        switch kind {
        case .tags, .tunnels, .tagPairs, .stringList: return true
        default: return false
        }
    }

    public let name: String
    public let kind: Kind
    public let required: Bool
    /// The value an absent optional parameter stands for, for ClientToken comparison (API.md §7).
    public let defaultValue: String?

    public static func required(_ name: String, _ kind: Kind) -> ParameterSpec {
        ParameterSpec(name: name, kind: kind, required: true, defaultValue: nil)
    }

    public static func optional(_ name: String, _ kind: Kind, default value: String? = nil) -> ParameterSpec {
        ParameterSpec(name: name, kind: kind, required: false, defaultValue: value)
    }

    /// The table shared by Delete and Modify (API.md §13.7, 13.8, 13.11, 13.12): the route is named by
    /// its resource, RouteDest, NextHop and current Weight; Modify adds NewWeight.
    static func routeMatch(resource: String, newWeight: Bool) -> [ParameterSpec] {
        [.required("RegionId", .string), .optional("ClientToken", .clientToken), .required(resource, .string),
         .required("RouteDest", .routeDest), .required("NextHop", .string), .required("Weight", .weight)]
            + (newWeight ? [.required("NewWeight", .weight)] : [])
            + [.optional("OverlayMode", .overlayMode, default: "Ipsec")]
    }

    /// Stage-10 position (API.md §2): RouteDest → Weight → NewWeight → Description → OverlayMode →
    /// ClientToken → every other typed parameter in table order.
    var formatRank: Int {
        switch kind {
        case .routeDest: return 0
        case .weight: return name == "NewWeight" ? 2 : 1
        case .description: return 3
        case .overlayMode: return 4
        case .clientToken: return 5
        default: return 6
        }
    }
}
