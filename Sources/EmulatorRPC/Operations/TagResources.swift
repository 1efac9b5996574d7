import EmulatorStore
import VPNCore

/// API.md §13.25: adds or overwrites tags on up to 50 resources of one type, all-or-nothing.
/// Synchronous; the API has no ClientToken for it.
struct TagResources: RPCOperation {
    let descriptor = OperationDescriptor(
        name: "TagResources", kind: .write,
        parameters: [
            .required("RegionId", .string),
            .required("ResourceType", .tagResourceType),
            .required("ResourceId", .stringList(max: 50)),
            .required("Tag", .tagPairs(maxKey: 128)),
        ],
        throttlePerMinute: 300,
        errors: [
            ErrorCatalogue.subUserDenied, ErrorCatalogue.tagResourceTypeInvalid, ErrorCatalogue.tagResourceNotFound, ErrorCatalogue.tagQuota,
            ErrorCatalogue.internalError,
        ],
        faultResourceParameters: OperationDescriptor.resourceIds)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        let type = try ParameterRules.tagResourceType(input.string("ResourceType")!)
        let tags = input.tagPairs("Tag")
        let ids = input.list("ResourceId")
        for id in ids {                                                                                               // stage 13
            guard try repository.resourceExists(type, id: id, accountId: context.caller.accountId, regionId: context.regionId)
            else { throw Rules.tagResourceNotFound.error() }
        }
        for id in ids { try ResourceRules.checkTagCount(existing: try repository.tags(of: type, id: id), adding: tags.map(\.key)) }  // 15
        for id in ids { try repository.setTags(of: type, id: id, tags) }                                               // stage 17
        return OperationOutcome(body: [])
    }
}
