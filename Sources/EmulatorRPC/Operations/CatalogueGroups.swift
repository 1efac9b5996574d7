import VPNCore

/// Rows of API.md §14 that whole families of operations share; each descriptor lists its own.
enum CatalogueGroups {
    /// Stages 12–14 of a gateway write, and the faults every gateway write documents.
    static let gatewayWrite: [CatalogueEntry] = [
        ErrorCatalogue.subUserDenied, ErrorCatalogue.idempotenceMismatch, ErrorCatalogue.gatewayNotFound,
        ErrorCatalogue.gatewayFinancialLocked, ErrorCatalogue.gatewayConfiguring, ErrorCatalogue.taskConflict,
        ErrorCatalogue.applianceConfiguring,
    ]

    /// Stages 12–14 of a transit connection write.
    static let connectionWrite: [CatalogueEntry] = [
        ErrorCatalogue.subUserDeniedVco, ErrorCatalogue.idempotenceMismatch, ErrorCatalogue.connectionNotFound,
        ErrorCatalogue.connectionFinancialLocked, ErrorCatalogue.connectionConfiguring, ErrorCatalogue.taskConflict,
        ErrorCatalogue.applianceConfiguring,
    ]

    /// The publish checks of §5.8.
    static let vpcTable: [CatalogueEntry] = [
        ErrorCatalogue.vpcStatus, ErrorCatalogue.invalidCidrBlock, ErrorCatalogue.vpcRouteConflictOtherVPN,
        ErrorCatalogue.vpcRouteConflictNonVPN, ErrorCatalogue.vpcQuota,
    ]
}
