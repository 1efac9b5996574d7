import EmulatorHTTP
import EmulatorJSON
import EmulatorStore
import VPNCore

/// Added by the project (OPERATING.md, "Added by the project"): the live state page
/// `GET /_emulator/ui` and the read-only endpoints it polls. They only read; nothing here runs
/// unless a control call asks for it, so an RPC request costs the same with the page open or not.
extension ControlAPI {
    /// The browse endpoints (GET only; the control token applies as everywhere).
    static let browsePaths = ["/_emulator/resources", "/_emulator/routes", "/_emulator/vpc-entries"]

    /// Lists in `/_emulator/resources` stop at this many items (`truncated` says more exist).
    static let resourceListLimit = 500
    /// Pages of `/_emulator/routes` and `/_emulator/vpc-entries`: the default and the largest size.
    static let defaultPageLimit = 50
    static let maxPageLimit = 200

    // MARK: The page

    /// One file of the page, embedded at build time (Package.swift `.embedInCode`).
    struct PageFile: Sendable {
        let contentType: String
        let body: [UInt8]
        let etag: String

        init(_ contentType: String, _ body: [UInt8]) {
            self.contentType = contentType
            self.body = body
            // FNV-1a 64 of the bytes: computed once, at first use.
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in body { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            etag = "\"" + String(hash, radix: 16) + "\""
        }
    }

    static let pageFiles: [String: PageFile] = {
        let page = PageFile("text/html; charset=utf-8", PackageResources.page_html)
        return [
            "/_emulator/ui": page,
            "/_emulator/ui/": page,
            "/_emulator/ui/app.js": PageFile("text/javascript; charset=utf-8", PackageResources.app_js),
            "/_emulator/ui/style.css": PageFile("text/css; charset=utf-8", PackageResources.style_css),
            "/_emulator/ui/favicon.svg": PageFile("image/svg+xml", PackageResources.favicon_svg),
        ]
    }()

    /// The page's own policy: its script and style files only, no inline script or style, calls
    /// to this origin only, never framed, no form posts anywhere.
    static let pageSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
        + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// `/_emulator/ui` and everything under it: the page is open even with a control token (it
    /// holds no state; it asks for the token and sends it with every control call).
    static func isPagePath(_ path: String) -> Bool {
        path == "/_emulator/ui" || path.hasPrefix("/_emulator/ui/")
    }

    static func page(_ request: HTTPRequest, path: String) -> HTTPResponse {
        guard let file = pageFiles[path] else { return error(404, "no control endpoint \(path)") }
        guard request.method == "GET" || request.method == "HEAD" else {
            return error(405, "method \(request.method) is not allowed on \(path)")
        }
        let headers = HTTPHeaders([
            ("Content-Type", file.contentType), ("Cache-Control", "no-store"), ("ETag", file.etag),
            ("Content-Security-Policy", pageSecurityPolicy), ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "no-referrer"), ("X-Frame-Options", "DENY"),
        ])
        if let tags = request.headers["If-None-Match"],
           tags == "*" || tags.split(separator: ",").contains(where: { $0.trimmingOWS() == file.etag }) {
            // The body stays so that Content-Length gives the representation's length; the
            // server sends no content with a 304 (RFC 9110 §15.4.5).
            return HTTPResponse(status: 304, headers: headers, body: file.body)
        }
        return HTTPResponse(status: 200, headers: headers, body: file.body)
    }

    // MARK: Parameters

    /// A refused browse request: status, message and the parameter at fault.
    struct BrowseError: Error {
        let status: Int
        let message: String
        let path: String?
    }

    static func nonEmpty(_ query: [String: String], _ name: String) -> String? {
        query[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `offset` (default 0) and `limit` (default 50, at most 200).
    static func pageParameters(_ query: [String: String]) throws(BrowseError) -> (offset: Int, limit: Int) {
        var offset = 0, limit = defaultPageLimit
        if let text = nonEmpty(query, "offset") {
            guard let n = Int(text), n >= 0 else { throw BrowseError(status: 400, message: "offset must be a non-negative integer", path: "offset") }
            offset = n
        }
        if let text = nonEmpty(query, "limit") {
            guard let n = Int(text), (0...maxPageLimit).contains(n) else {
                throw BrowseError(status: 400, message: "limit must be an integer from 0 to \(maxPageLimit)", path: "limit")
            }
            limit = n
        }
        return (offset, limit)
    }

    /// Runs a browse read on a reader connection and answers its JSON, or the refusal it threw.
    private func browse(_ completion: @escaping Completion, _ body: @escaping @Sendable (StateAdministration) throws -> JSONValue) {
        service.inspect(body, completion: { result in
            switch result {
            case let .success(value): completion(Self.json(200, value))
            case let .failure(error as BrowseError): completion(Self.error(error.status, error.message, path: error.path))
            case let .failure(error): completion(Self.error(500, "\(error)"))
            }
        })
    }

    // MARK: GET /_emulator/resources

    /// The connection state exactly as DescribeVpnConnection shows it.
    static func connectionState(_ c: Browse.Connection, now: Int64) -> ConnectionState {
        let current = ResourceStateRules.connectionState(stored: c.storedState, task: c.task, now: now)
        return c.businessStatus == .financialLocked ? .financialLocked : current
    }

    /// The pending task of a resource as `{"action","endsAt"}`, or null.
    static func pendingTaskJSON(_ task: ResourceTask?, now: Int64) -> JSONValue {
        guard let task, task.isPending(at: now) else { return .null }
        return .object([("action", .string(task.action)), ("endsAt", .int(task.endsAt))])
    }

    func resources(_ query: [String: String], _ completion: @escaping Completion) {
        let now = service.now()
        let settings = service.settings
        let askedAccount = Self.nonEmpty(query, "accountId"), askedRegion = Self.nonEmpty(query, "regionId")
        let limit = Self.resourceListLimit
        browse(completion) { db in
            let accounts = try db.browseAccounts()
            let regions = try db.browseRegions()
            if let askedAccount, !accounts.contains(where: { $0.id == askedAccount }) {
                throw BrowseError(status: 404, message: "no account \(askedAccount)", path: "accountId")
            }
            if let askedRegion, !regions.contains(askedRegion) {
                throw BrowseError(status: 404, message: "no region \(askedRegion)", path: "regionId")
            }
            let accountId = askedAccount ?? accounts.first(where: \.isDefault)?.id ?? accounts.first?.id
            let regionId = askedRegion ?? regions.first
            var gateways = Browse.Bounded<Browse.Gateway>(items: [], truncated: false)
            var connections = Browse.Bounded<Browse.Connection>(items: [], truncated: false)
            var vpcs = Browse.Bounded<Browse.VPC>(items: [], truncated: false)
            if let accountId, let regionId {
                gateways = try db.browseGateways(accountId: accountId, regionId: regionId, limit: limit)
                connections = try db.browseConnections(accountId: accountId, regionId: regionId, limit: limit)
                vpcs = try db.browseVPCs(accountId: accountId, regionId: regionId, limit: limit)
            }
            func text(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
            func int(_ n: Int?) -> JSONValue { n.map { .int(Int64($0)) } ?? .null }
            return .object([
                ("now", .int(now)),
                ("accountId", text(accountId)),
                ("regionId", text(regionId)),
                ("accounts", .array(accounts.map { a in
                    .object([("id", .string(a.id)), ("default", .bool(a.isDefault)),
                             ("accessKeys", .array(a.accessKeys.map { .object([("id", .string($0.id)), ("ramUser", text($0.ramUser))]) }))])
                })),
                ("regions", .array(regions.map(JSONValue.string))),
                ("actions", .array(OperationRegistry.names.map(JSONValue.string))),
                ("vpnGateways", .array(gateways.items.map { g -> JSONValue in
                    let status = ResourceStateRules.gatewayStatus(stored: g.storedStatus, task: g.task, now: now)
                    return .object([
                        ("id", .string(g.id)), ("name", .string(g.name)), ("vpcId", .string(g.vpcId)),
                        ("status", .string(status.rawValue)),
                        ("storedStatus", .string(g.storedStatus.rawValue)), ("businessStatus", .string(g.businessStatus.rawValue)),
                        ("tunnelMode", .string(g.tunnelMode)), ("internetIp", .string(g.internetIp)),
                        ("sslClientIpPool", text(g.sslClientIpPool)), ("routeCount", .int(Int64(g.routeCount))),
                        ("routeQuota", .int(Int64(g.routeQuota ?? settings.quotaGatewayRoutes))),
                        ("createTime", .int(g.createTime)), ("task", Self.pendingTaskJSON(g.task, now: now)),
                    ])
                })),
                ("vpnConnections", .array(connections.items.map { c -> JSONValue in
                    let transit = c.attachType == AttachType.cen.rawValue
                    return .object([
                        ("id", .string(c.id)), ("name", .string(c.name)), ("attachType", .string(c.attachType)),
                        ("vpnGatewayId", text(c.vpnGatewayId)), ("transitRouterId", text(c.transitRouterId)), ("cenId", text(c.cenId)),
                        ("state", .string(Self.connectionState(c, now: now).rawValue)), ("storedState", .string(c.storedState.rawValue)),
                        ("businessStatus", .string(c.businessStatus.rawValue)), ("routeCount", int(c.routeCount)),
                        ("routeQuota", transit ? .int(Int64(c.routeQuota ?? settings.quotaConnectionRoutes)) : .null),
                        ("createTime", .int(c.createTime)), ("task", Self.pendingTaskJSON(c.task, now: now)),
                    ])
                })),
                ("vpcs", .array(vpcs.items.map { v in
                    .object([
                        ("id", .string(v.id)), ("cidrBlock", .string(v.cidrBlock)), ("status", .string(v.status)),
                        ("vSwitches", .array(v.vSwitches.map { .object([("id", .string($0.id)), ("cidrBlock", .string($0.cidrBlock))]) })),
                        ("routeTableQuota", .int(Int64(v.routeTableQuota ?? settings.quotaVPCRoutes))),
                        ("entryCount", .int(Int64(v.entryCount))),
                    ])
                })),
                ("truncated", .object([("vpnGateways", .bool(gateways.truncated)), ("vpnConnections", .bool(connections.truncated)),
                                       ("vpcs", .bool(vpcs.truncated))])),
            ])
        }
    }

    // MARK: GET /_emulator/routes

    func routes(_ query: [String: String], _ completion: @escaping Completion) {
        let gatewayId = Self.nonEmpty(query, "gatewayId"), connectionId = Self.nonEmpty(query, "connectionId")
        let filter = Browse.RouteFilter(routeDestPrefix: query["routeDest"], nextHop: query["nextHop"])
        let page: (offset: Int, limit: Int)
        do { page = try Self.pageParameters(query) } catch { return completion(Self.error(error.status, error.message, path: error.path)) }
        guard (gatewayId == nil) != (connectionId == nil) else {
            return completion(Self.error(400, "give exactly one of gatewayId and connectionId", path: "gatewayId"))
        }
        browse(completion) { db in
            let routes: [JSONValue], total: Int
            if let gatewayId {
                guard try db.browseGatewayExists(gatewayId) else { throw BrowseError(status: 404, message: "no gateway \(gatewayId)", path: "gatewayId") }
                let found = try db.browseGatewayRoutes(gatewayId: gatewayId, filter: filter, offset: page.offset, limit: page.limit)
                total = found.total
                routes = found.items.map { r in
                    .object([
                        ("vpnGatewayId", .string(r.vpnGatewayId)), ("routeDest", .string(r.routeDest)), ("nextHop", .string(r.nextHop)),
                        ("weight", .int(Int64(r.weight))), ("publishVpc", .bool(r.publishVpc)), ("state", .string(r.state)),
                        ("description", .string(r.description)), ("createTime", .int(r.createTime)),
                    ])
                }
            } else {
                let id = connectionId ?? ""
                switch try db.browseConnectionAttachType(id) {
                case nil: throw BrowseError(status: 404, message: "no connection \(id)", path: "connectionId")
                case AttachType.cen.rawValue?: break
                default:
                    throw BrowseError(status: 400, message: "\(id) is bound to a gateway: its routes are the gateway's, "
                                      + "ask for gatewayId=<its gateway>&nextHop=\(id)", path: "connectionId")
                }
                // A transit connection's routes all have the connection as next hop.
                let found: Browse.Page<ConnectionRoute> = filter.nextHop.map { $0 != id } == true ? Browse.Page(total: 0, items: [])
                    : try db.browseConnectionRoutes(connectionId: id, routeDestPrefix: filter.routeDestPrefix, offset: page.offset, limit: page.limit)
                total = found.total
                routes = found.items.map { r in
                    .object([
                        ("vpnConnectionId", .string(r.vpnConnectionId)), ("routeDest", .string(r.routeDest)),
                        ("nextHop", .string(r.vpnConnectionId)), ("weight", .int(Int64(r.weight))), ("state", .string("published")),
                        ("description", .string(r.description)), ("createTime", .int(r.createTime)),
                    ])
                }
            }
            return .object([("total", .int(Int64(total))), ("offset", .int(Int64(page.offset))), ("limit", .int(Int64(page.limit))),
                            ("routes", .array(routes))])
        }
    }

    // MARK: GET /_emulator/vpc-entries

    func vpcEntries(_ query: [String: String], _ completion: @escaping Completion) {
        let page: (offset: Int, limit: Int)
        do { page = try Self.pageParameters(query) } catch { return completion(Self.error(error.status, error.message, path: error.path)) }
        guard let vpcId = Self.nonEmpty(query, "vpcId") else { return completion(Self.error(400, "vpcId is required", path: "vpcId")) }
        let defaultQuota = service.settings.quotaVPCRoutes
        browse(completion) { db in
            let vpc = try db.browseVPCExists(vpcId)
            guard vpc.exists else { throw BrowseError(status: 404, message: "no VPC \(vpcId)", path: "vpcId") }
            let found = try db.browseVPCEntries(vpcId: vpcId, offset: page.offset, limit: page.limit)
            return .object([
                ("vpcId", .string(vpcId)), ("routeTableQuota", .int(Int64(vpc.routeTableQuota ?? defaultQuota))),
                ("total", .int(Int64(found.total))), ("offset", .int(Int64(page.offset))), ("limit", .int(Int64(page.limit))),
                ("entries", .array(found.items.map { e in
                    .object([
                        ("destinationCidrBlock", .string(e.entry.destinationCidrBlock)), ("nextHopType", .string(e.entry.nextHopType)),
                        ("nextHopId", .string(e.entry.nextHopId)), ("origin", .string(e.published ? "published" : "fixture")),
                    ])
                })),
            ])
        }
    }
}
