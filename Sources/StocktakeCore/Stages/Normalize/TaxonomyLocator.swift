import Foundation
import Yams
import StocktakeModel

/// Finds the taxonomy directory for commands run without a pipeline.
public enum TaxonomyLocator {
    /// `inputs/taxonomy` under `currentDirectory` when it exists, else the `taxonomy:` of
    /// `pipelines/bem.yaml` (resolved relative to the YAML file), else `inputs/taxonomy`.
    public static func defaultDirectory(currentDirectory: String) -> String {
        let base = currentDirectory.hasSuffix("/") ? String(currentDirectory.dropLast()) : currentDirectory
        let direct = base + "/inputs/taxonomy"
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: direct, isDirectory: &isDirectory), isDirectory.boolValue {
            return direct
        }
        let yamlPath = base + "/pipelines/bem.yaml"
        if let text = try? String(contentsOfFile: yamlPath, encoding: .utf8),
           let root = (try? Yams.load(yaml: text)) as? [String: Any],
           let relative = root["taxonomy"] as? String {
            if relative.hasPrefix("/") { return relative }
            return URL(fileURLWithPath: base + "/pipelines/" + relative).standardizedFileURL.path
        }
        return direct
    }
}
