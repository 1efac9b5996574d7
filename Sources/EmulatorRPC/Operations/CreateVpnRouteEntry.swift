import EmulatorStore
import VPNCore

/// API.md §13.1, checks in the documented order.
struct CreateVpnRouteEntry: RPCOperation {
    let spec = OperationSpec(name: "CreateVpnRouteEntry", kind: .gatewayWrite, parameters: [
        .required("RegionId", .string),
        .optional("ClientToken", .clientToken),
        .required("VpnGatewayId", .string),
        .required("RouteDest", .routeDest),
        .required("NextHop", .string),
        .required("Weight", .weight),
        .required("PublishVpc", .boolean),
        .optional("Description", .description, default: ""),
        .optional("OverlayMode", .overlayMode, default: "Ipsec"),
        .optional("DryRun", .boolean, default: "false"),
    ])

    func execute(_ input: OperationInput, db: SQLiteDatabase, context: OperationContext) throws -> OperationOutcome {
        let gateway = try ResourceSteps.writableGateway(input, db: db, context: context)   // 5–8
        let dest = input.cidr("RouteDest")!, destText = input.string("RouteDest")!
        let nextHop = input.string("NextHop")!, weight = input.int("Weight")!, publish = input.bool("PublishVpc")!
        try RouteRules.checkDestination(dest, tunnelMode: gateway.tunnelMode)                                  // 9
        try RouteRules.checkNextHop(try db.connection(id: nextHop, accountId: context.caller.accountId, regionId: context.regionId),
                                    gatewayId: gateway.id)                                                     // 10
        let routes = try db.gatewayRoutes(gatewayId: gateway.id)
        try RouteRules.checkNotDuplicate(routes, dest: destText, nextHop: nextHop)                              // 11
        try RouteRules.checkPair(routes, dest: destText, nextHop: nextHop, weight: weight, tunnelMode: gateway.tunnelMode) // 12
        try RouteRules.checkSSLClientPool(dest, sslVpn: gateway.sslVpn)                                        // 13
        try RouteRules.checkGatewayQuota(routeCount: routes.count, quota: gateway.routeQuota ?? context.settings.quotaGatewayRoutes) // 14
        if publish { try ResourceSteps.checkPublish(dest: dest, gateway: gateway, db: db, context: context) }   // 15
        if input.bool("DryRun") == true { throw Rules.dryRunPassed.error() }                                   // 16
        let route = GatewayRoute(vpnGatewayId: gateway.id, routeDest: destText, nextHop: nextHop, weight: weight,
                                 publishVpc: publish, description: input.string("Description") ?? "", createTime: context.creationTime())
        try db.upsertGatewayRoute(route)                                                                       // 17
        return OperationOutcome(body: [
            ("VpnInstanceId", .string(gateway.id)),
            ("RouteDest", .string(destText)),
            ("NextHop", .string(nextHop)),
            ("Weight", .int(Int64(weight))),
            ("OverlayMode", .string("Ipsec")),
            ("Description", .string(route.description)),
            ("State", .string(route.state)),
            ("CreateTime", .int(route.createTime)),
        ], task: (gateway.id, "gateway"))
    }
}
