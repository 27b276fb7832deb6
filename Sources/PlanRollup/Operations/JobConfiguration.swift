import Foundation
import RollupBase
import RollupCore
import RollupReading

/// What a run needs before it touches anything: the bureau registry and the header aliases, each
/// fault a `ConfigurationError` (exit 78).
public struct JobConfiguration: Sendable {
    public let registry: BureauRegistry
    public let aliases: HeaderAliases

    public init(input: String, aliasesFile: String?) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ConfigurationError(path: input, reason: "the input folder does not exist")
        }
        registry = try BureauRegistry.load(input: input)
        do {
            aliases = try HeaderAliases.load(input: input, extraFile: aliasesFile)
        } catch let error as InputFolderError {
            throw ConfigurationError(path: error.path, reason: error.reason)
        }
    }
}
