import Foundation
import RollupBase
import RollupCore
import RollupReading

/// A past round rebuilt from the raw archive: the inputs recorded in the manifest of the newest
/// published run whose as-of date is on or before the one asked for, read back from `<output>/archive`.
public struct ArchiveReplay: Sendable {
    /// The run whose inputs are replayed (its folder name under `runs/`).
    public let run: String
    /// A scratch input folder holding that run's plan files under their original names.
    public let input: String
    /// That run's export files, pointing into the archive, named as they were then.
    public let exports: [Pipeline.ExportFile]

    /// Finds the run to replay and lays out its plan under `scratch`; throws `ConfigurationError`
    /// when no published run is old enough, `SystemError` when an archived file is gone.
    public static func prepare(output: String, asOf: CalendarDay, scratch: String) throws -> ArchiveReplay {
        let runsFolder = output + "/runs"
        let runs = ((try? FileManager.default.contentsOfDirectory(atPath: runsFolder)) ?? []).filter {
            !$0.hasPrefix(".")
        }.sorted()
        var chosen: (run: String, manifest: [String: Any])?
        for run in runs {
            guard let data = FileManager.default.contents(atPath: runsFolder + "/" + run + "/manifest.json"),
                let manifest = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
                let runAsOf = manifest["as_of"] as? String, runAsOf <= asOf.iso
            else { continue }
            if let previous = chosen, (previous.manifest["as_of"] as? String ?? "") > runAsOf { continue }
            chosen = (run, manifest)
        }
        guard let chosen else {
            throw ConfigurationError(
                path: runsFolder, reason: "no published run as of \(asOf.iso) or earlier to replay from the archive")
        }
        let input = scratch + "/input"
        try FileManager.default.createDirectory(atPath: input + "/plan", withIntermediateDirectories: true)
        // The plan and the survey results of that round, under their original names.
        for (key, folder) in [("plan_files", "plan"), ("survey_files", "survey")] {
            for entry in chosen.manifest[key] as? [[String: Any]] ?? [] {
                guard let path = entry["path"] as? String, let archived = entry["archived_as"] as? String,
                    let name = path.split(separator: "/").last.map(String.init), name != ".", name != "..",
                    RegistryPath.isSafeRelative(archived)
                else { continue }
                let source = output + "/" + archived
                guard FileManager.default.fileExists(atPath: source) else {
                    throw SystemError(path: source, operation: "open", errno: ENOENT)
                }
                try FileManager.default.createDirectory(atPath: input + "/" + folder, withIntermediateDirectories: true)
                try FileManager.default.copyItem(atPath: source, toPath: input + "/" + folder + "/" + name)
            }
        }
        var exports: [Pipeline.ExportFile] = []
        for entry in chosen.manifest["inputs"] as? [[String: Any]] ?? [] {
            guard let path = entry["path"] as? String, let archived = entry["archived_as"] as? String,
                !archived.isEmpty,
                RegistryPath.isSafeRelative(archived)
            else { continue }
            exports.append(
                Pipeline.ExportFile(
                    bureau: entry["bureau_folder"] as? String ?? "", path: output + "/" + archived, displayPath: path))
        }
        return ArchiveReplay(run: chosen.run, input: input, exports: exports)
    }
}
