import VPNCore

/// Route tables of gateways and transit connections.
extension SQLiteDatabase {
    static let gatewayRouteColumns = "vpn_gateway_id, route_dest, next_hop, weight, publish_vpc, description, create_time"

    func gatewayRoute(from row: SQLRow) -> GatewayRoute {
        GatewayRoute(vpnGatewayId: row.text(0), routeDest: row.text(1), nextHop: row.text(2), weight: Int(row.int(3)),
                     publishVpc: row.bool(4), description: row.text(5), createTime: row.int(6))
    }

    /// The routes of a gateway in creation order (creation time, then insertion order).
    public func gatewayRoutes(gatewayId: String) throws -> [GatewayRoute] {
        try query("SELECT \(Self.gatewayRouteColumns) FROM gateway_routes WHERE vpn_gateway_id = ? ORDER BY create_time, seq",
                  [.text(gatewayId)]).map(gatewayRoute(from:))
    }

    /// One page of a gateway's routes and the total count (API.md §3.4).
    public func gatewayRoutesPage(gatewayId: String, pageNumber: Int, pageSize: Int) throws -> (routes: [GatewayRoute], total: Int) {
        let total = Int(try scalar("SELECT count(*) FROM gateway_routes WHERE vpn_gateway_id = ?", [.text(gatewayId)]))
        let routes = try query("""
            SELECT \(Self.gatewayRouteColumns) FROM gateway_routes WHERE vpn_gateway_id = ?
            ORDER BY create_time, seq LIMIT ? OFFSET ?
            """, [.text(gatewayId), .int(Int64(pageSize)), .int(Int64(pageNumber - 1) * Int64(pageSize))]).map(gatewayRoute(from:))
        return (routes, total)
    }

    public func gatewayRouteCount(gatewayId: String) throws -> Int {
        Int(try scalar("SELECT count(*) FROM gateway_routes WHERE vpn_gateway_id = ?", [.text(gatewayId)]))
    }

    public func allGatewayRoutes() throws -> [GatewayRoute] {
        try query("SELECT \(Self.gatewayRouteColumns) FROM gateway_routes ORDER BY seq").map(gatewayRoute(from:))
    }

    /// Inserts a route, or replaces the one with the same identity (gateway, routeDest, nextHop).
    public func upsertGatewayRoute(_ r: GatewayRoute) throws {
        try execute("""
            INSERT INTO gateway_routes(vpn_gateway_id, route_dest, next_hop, weight, publish_vpc, description, create_time)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(vpn_gateway_id, route_dest, next_hop) DO UPDATE SET
                weight = excluded.weight, publish_vpc = excluded.publish_vpc,
                description = excluded.description, create_time = excluded.create_time
            """, [.text(r.vpnGatewayId), .text(r.routeDest), .text(r.nextHop), SQLValue(r.weight), SQLValue(r.publishVpc),
                  .text(r.description), .int(r.createTime)])
    }

    public func deleteGatewayRoute(gatewayId: String, routeDest: String, nextHop: String) throws {
        try execute("DELETE FROM gateway_routes WHERE vpn_gateway_id = ? AND route_dest = ? AND next_hop = ?",
                    [.text(gatewayId), .text(routeDest), .text(nextHop)])
    }

    public func updateGatewayRoute(gatewayId: String, routeDest: String, nextHop: String, weight: Int? = nil, publishVpc: Bool? = nil) throws {
        if let weight {
            try execute("UPDATE gateway_routes SET weight = ? WHERE vpn_gateway_id = ? AND route_dest = ? AND next_hop = ?",
                        [SQLValue(weight), .text(gatewayId), .text(routeDest), .text(nextHop)])
        }
        if let publishVpc {
            try execute("UPDATE gateway_routes SET publish_vpc = ? WHERE vpn_gateway_id = ? AND route_dest = ? AND next_hop = ?",
                        [SQLValue(publishVpc), .text(gatewayId), .text(routeDest), .text(nextHop)])
        }
    }

    // MARK: Transit connection routes

    static let connectionRouteColumns = "vpn_connection_id, route_dest, weight, description, create_time"

    func connectionRoute(from row: SQLRow) -> ConnectionRoute {
        ConnectionRoute(vpnConnectionId: row.text(0), routeDest: row.text(1), weight: Int(row.int(2)),
                        description: row.text(3), createTime: row.int(4))
    }

    public func connectionRoutes(connectionId: String) throws -> [ConnectionRoute] {
        try query("SELECT \(Self.connectionRouteColumns) FROM connection_routes WHERE vpn_connection_id = ? ORDER BY create_time, seq",
                  [.text(connectionId)]).map(connectionRoute(from:))
    }

    public func connectionRoutesPage(connectionId: String, pageNumber: Int, pageSize: Int) throws -> (routes: [ConnectionRoute], total: Int) {
        let total = Int(try scalar("SELECT count(*) FROM connection_routes WHERE vpn_connection_id = ?", [.text(connectionId)]))
        let routes = try query("""
            SELECT \(Self.connectionRouteColumns) FROM connection_routes WHERE vpn_connection_id = ?
            ORDER BY create_time, seq LIMIT ? OFFSET ?
            """, [.text(connectionId), .int(Int64(pageSize)), .int(Int64(pageNumber - 1) * Int64(pageSize))]).map(connectionRoute(from:))
        return (routes, total)
    }

    public func allConnectionRoutes() throws -> [ConnectionRoute] {
        try query("SELECT \(Self.connectionRouteColumns) FROM connection_routes ORDER BY seq").map(connectionRoute(from:))
    }

    public func upsertConnectionRoute(_ r: ConnectionRoute) throws {
        try execute("""
            INSERT INTO connection_routes(vpn_connection_id, route_dest, weight, description, create_time) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(vpn_connection_id, route_dest) DO UPDATE SET
                weight = excluded.weight, description = excluded.description, create_time = excluded.create_time
            """, [.text(r.vpnConnectionId), .text(r.routeDest), SQLValue(r.weight), .text(r.description), .int(r.createTime)])
    }

    public func deleteConnectionRoute(connectionId: String, routeDest: String) throws {
        try execute("DELETE FROM connection_routes WHERE vpn_connection_id = ? AND route_dest = ?", [.text(connectionId), .text(routeDest)])
    }

    public func updateConnectionRouteWeight(connectionId: String, routeDest: String, weight: Int) throws {
        try execute("UPDATE connection_routes SET weight = ? WHERE vpn_connection_id = ? AND route_dest = ?",
                    [SQLValue(weight), .text(connectionId), .text(routeDest)])
    }
}
