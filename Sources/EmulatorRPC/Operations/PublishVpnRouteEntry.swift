import EmulatorStore
import VPNCore

/// API.md §13.9. Policy-based routes are not modelled: `RouteType=pbr` always finds no route.
struct PublishVpnRouteEntry: RPCOperation {
    let spec = OperationSpec(name: "PublishVpnRouteEntry", kind: .gatewayWrite, parameters: [
        .required("RegionId", .string),
        .optional("ClientToken", .clientToken),
        .required("VpnGatewayId", .string),
        .required("RouteDest", .routeDest),
        .required("NextHop", .string),
        .required("RouteType", .enumeration(["dbr", "pbr"], caseInsensitive: false)),
        .required("PublishVpc", .boolean),
    ])

    func execute(_ input: OperationInput, db: SQLiteDatabase, context: OperationContext) throws -> OperationOutcome {
        let gateway = try ResourceSteps.writableGateway(input, db: db, context: context)
        let routes = input.string("RouteType") == "dbr" ? try db.gatewayRoutes(gatewayId: gateway.id) : []
        let route = try RouteRules.find(routes, dest: input.string("RouteDest")!, nextHop: input.string("NextHop")!, weight: nil)
        let publish = input.bool("PublishVpc")!
        if route.publishVpc == publish { return OperationOutcome(body: []) }          // step 10
        if publish { try ResourceSteps.checkPublish(dest: input.cidr("RouteDest")!, gateway: gateway, db: db, context: context) }
        try db.updateGatewayRoute(gatewayId: gateway.id, routeDest: route.routeDest, nextHop: route.nextHop, publishVpc: publish)
        return OperationOutcome(body: [], task: (gateway.id, "gateway"))
    }
}
