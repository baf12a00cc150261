import Foundation
import PackagePlugin

/// Embeds the report string tables (`Stages/Report/Strings/*.yaml` of the target) into the module as a generated
/// Swift source, `EmbeddedStringTables.files`, so that no resource bundle is needed at run time.
@main
struct EmbedFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        let folder = target.directoryURL.appending(path: "Stages/Report/Strings")
        let inputs = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedStringTables.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) report string tables",
                executable: try context.tool(named: "EmbedFilesTool").url,
                arguments: [output.path(percentEncoded: false), "EmbeddedStringTables"] + inputs.map { $0.path(percentEncoded: false) },
                inputFiles: inputs,
                outputFiles: [output]),
        ]
    }
}
