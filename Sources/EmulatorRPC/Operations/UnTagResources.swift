import EmulatorStore
import VPNCore

/// API.md §13.26: removes the keys named (or, with `All`, every tag) from up to 50 resources of
/// one type. A key a resource does not carry is no error.
struct UnTagResources: RPCOperation {
    let descriptor = OperationDescriptor(
        name: "UnTagResources", kind: .write,
        parameters: [
            .required("RegionId", .string),
            .required("ResourceType", .tagResourceType),
            .required("ResourceId", .stringList(max: 50)),
            .optional("TagKey", .stringList(max: 20)),
            .optional("All", .boolean, default: "false"),
        ],
        throttlePerMinute: 300,
        errors: [
            ErrorCatalogue.subUserDenied, ErrorCatalogue.tagResourceTypeInvalid, ErrorCatalogue.tagResourceNotFound,
            ErrorCatalogue.internalError,
        ],
        faultResourceParameters: OperationDescriptor.resourceIds)

    func execute(_ input: OperationInput, repository: Repository, context: OperationContext) throws -> OperationOutcome {
        let type = try ParameterRules.tagResourceType(input.string("ResourceType")!)
        let ids = input.list("ResourceId")
        for id in ids {
            guard try repository.resourceExists(type, id: id, accountId: context.caller.accountId, regionId: context.regionId)
            else { throw Rules.tagResourceNotFound.error() }
        }
        for id in ids {
            if input.bool("All") == true {
                try repository.removeAllTags(of: type, id: id)
            } else {
                try repository.removeTags(of: type, id: id, keys: input.list("TagKey"))
            }
        }
        return OperationOutcome(body: [])
    }
}
