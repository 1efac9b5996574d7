import EmulatorStore
import VPNCore

/// API.md §13.27: the tags of the resources named by ResourceId.N and/or carrying every Tag.N,
/// in the order they were added, MaxResults (1–50, default 50) at a time; `NextToken` continues
/// after the last row answered and is `""` on the last page.
struct ListTagResources: RPCOperation {
    let descriptor = OperationDescriptor(
        name: "ListTagResources", kind: .read,
        parameters: [
            .required("RegionId", .string),
            .required("ResourceType", .tagResourceType),
            .optional("ResourceId", .stringList(max: 50)),
            .optional("Tag", .tags),
            .optional("MaxResults", .maxResults),
            .optional("NextToken", .nextToken),
        ],
        throttlePerMinute: 300,
        errors: [ErrorCatalogue.subUserDenied, ErrorCatalogue.tagResourceTypeInvalid, ErrorCatalogue.internalError],
        faultResourceParameters: OperationDescriptor.resourceIds)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        let sentType = input.string("ResourceType")!
        let type = try ParameterRules.tagResourceType(sentType)
        let ids = input.list("ResourceId"), filters = input.tags()
        guard !ids.isEmpty || !filters.isEmpty else { throw Rules.tagNoFilter.error(name: "ResourceId") }          // stage 15
        let limit = input.int("MaxResults") ?? 50
        var rows = try repository.tagRows(of: type, accountId: context.caller.accountId, regionId: context.regionId, ids: ids,
                                          tags: filters.map { (key: $0.key, value: $0.value) },
                                          afterSeq: Int64(input.int("NextToken") ?? 0), limit: limit + 1)
        var next = ""
        if rows.count > limit {
            rows.removeLast(rows.count - limit)
            next = String(rows[rows.count - 1].seq)
        }
        return OperationOutcome(body: [
            ("NextToken", .string(next)),
            ("TagResources", .object([("TagResource", .array(rows.map { row in
                .object([("ResourceId", .string(row.resourceId)), ("ResourceType", .string(sentType)),
                         ("TagKey", .string(row.key)), ("TagValue", .string(row.value))])
            }))])),
        ])
    }
}
