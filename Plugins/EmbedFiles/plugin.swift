import Foundation
import PackagePlugin

/// Embeds the report string tables (`Stages/Report/Strings/*.yaml` of the target) and the method description the
/// reports link to (`docs/methodology.md` of the package, copied into every run folder) into the module as generated
/// Swift sources, `EmbeddedStringTables.files` and `EmbeddedDocuments.files`, so that no resource bundle or source
/// tree is needed at run time.
@main
struct EmbedFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        let folder = target.directoryURL.appending(path: "Stages/Report/Strings")
        let inputs = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedStringTables.swift")
        let documents = [context.package.directoryURL.appending(path: "docs/methodology.md")]
        let documentsOutput = context.pluginWorkDirectoryURL.appending(path: "EmbeddedDocuments.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) report string tables",
                executable: try context.tool(named: "EmbedFilesTool").url,
                arguments: [output.path(percentEncoded: false), "EmbeddedStringTables"] + inputs.map { $0.path(percentEncoded: false) },
                inputFiles: inputs,
                outputFiles: [output]),
            .buildCommand(
                displayName: "Embedding the methodology document",
                executable: try context.tool(named: "EmbedFilesTool").url,
                arguments: [documentsOutput.path(percentEncoded: false), "EmbeddedDocuments"]
                    + documents.map { $0.path(percentEncoded: false) },
                inputFiles: documents,
                outputFiles: [documentsOutput]),
        ]
    }
}
