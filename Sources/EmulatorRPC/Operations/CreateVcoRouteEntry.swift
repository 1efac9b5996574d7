import EmulatorStore
import VPNCore

/// API.md §13.2 (the parameter meanings as corrected there).
struct CreateVcoRouteEntry: RPCOperation {
    let spec = OperationSpec(name: "CreateVcoRouteEntry", kind: .connectionWrite, parameters: [
        .required("RegionId", .string),
        .required("VpnConnectionId", .string),
        .required("RouteDest", .routeDest),
        .required("Weight", .weight),
        .required("NextHop", .string),
        .optional("Description", .description, default: ""),
        .optional("OverlayMode", .overlayMode, default: "Ipsec"),
        .optional("ClientToken", .clientToken),
        .optional("DryRun", .boolean, default: "false"),
    ])

    func execute(_ input: OperationInput, db: SQLiteDatabase, context: OperationContext) throws -> OperationOutcome {
        let connection = try ResourceSteps.writableConnection(input, db: db, context: context)                  // 5–8
        let dest = input.cidr("RouteDest")!, destText = input.string("RouteDest")!, nextHop = input.string("NextHop")!
        try RouteRules.checkDestination(dest, tunnelMode: nil)                                                   // 9
        try RouteRules.checkNextHopIsSelf(nextHop: nextHop, connectionId: connection.id)                          // 10
        let routes = try db.connectionRoutes(connectionId: connection.id)
        try RouteRules.checkNotDuplicate(routes, dest: destText)                                                  // 11
        try RouteRules.checkConnectionQuota(routeCount: routes.count,
                                            quota: connection.routeQuota ?? context.settings.quotaConnectionRoutes) // 12
        if input.bool("DryRun") == true { throw Rules.dryRunPassed.error() }                                     // 13
        let route = ConnectionRoute(vpnConnectionId: connection.id, routeDest: destText, weight: input.int("Weight")!,
                                    description: input.string("Description") ?? "", createTime: context.creationTime())
        try db.upsertConnectionRoute(route)
        return OperationOutcome(body: [
            ("VpnConnectionId", .string(connection.id)),
            ("RouteDest", .string(destText)),
            ("NextHop", .string(nextHop)),
            ("Weight", .int(Int64(route.weight))),
            ("OverlayMode", .string("Ipsec")),
            ("Description", .string(route.description)),
            ("State", .string("published")),
            ("CreateTime", .int(route.createTime)),
        ], task: (connection.id, "connection"))
    }
}
