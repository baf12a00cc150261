import Foundation
import Yams
import StocktakeModel

/// The fixed text of reports in one language, with English fallback for missing keys.
///
/// Values may contain `{name}` placeholders filled by `format(_:_:)`. A key missing in both the language and
/// English renders as the key itself (visible, never blank); `ReportStringCatalog.missingKeys` lists gaps.
public struct ReportStrings: Sendable, Hashable {
    public let language: String
    let table: [String: String]
    let fallback: [String: String]

    public init(language: String, table: [String: String], fallback: [String: String]) {
        self.language = language
        self.table = table
        self.fallback = fallback
    }

    /// The text for `key`.
    public subscript(_ key: String) -> String {
        if let value = table[key], !value.isEmpty { return value }
        if let value = fallback[key], !value.isEmpty { return value }
        return key
    }

    /// The text for `key` in this language or English, nil when neither has it.
    public func lookup(_ key: String) -> String? {
        if let value = table[key], !value.isEmpty { return value }
        if let value = fallback[key], !value.isEmpty { return value }
        return nil
    }

    /// The name of a country in this language (`country.<CC>` keys), else `fallback` (the pipeline's name).
    public func countryName(_ code: String, fallback name: String) -> String {
        lookup("country." + code) ?? name
    }

    /// The text for `key` with `{name}` placeholders replaced by `values[name]`.
    public func format(_ key: String, _ values: [String: String]) -> String {
        var text = self[key]
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }
}

/// All string tables (`Strings/<lang>.yaml`, flat `key: "text"` maps).
public struct ReportStringCatalog: Sendable, Hashable {
    /// Report languages with a string table: en (fallback) and the BEM languages.
    public static let supportedLanguages = ["en", "de", "nb", "sr-Latn", "sr-Cyrl", "cnr", "mk", "uk", "ka", "hy"]

    /// Tables by language code.
    public let tables: [String: [String: String]]

    public init(tables: [String: [String: String]]) {
        self.tables = tables
    }

    /// Loads the tables bundled with StocktakeCore.
    ///
    /// Looks for the resource bundle `stocktake_StocktakeCore.resources` next to the executable first, also
    /// when the executable is reached through a symlink, then falls back to `Bundle.module`.
    /// - Warning: `Bundle.module` stops the process when the resource bundle is neither next to the executable
    ///   nor in the build directory; ship `stocktake_StocktakeCore.resources` with the binary, or call
    ///   `load(directory:)` with an explicit path.
    /// - Throws: `StocktakeError` (`.software`) when the bundle lacks the tables or one does not parse.
    public static func bundled() throws -> ReportStringCatalog {
        let executableDirectory = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
        for base in [Bundle.main.bundleURL, executableDirectory].compactMap({ $0 }) {
            let candidate = base.appendingPathComponent("stocktake_StocktakeCore.resources/Strings")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("en.yaml").path) {
                return try load(directory: candidate)
            }
        }
        guard let directory = Bundle.module.url(forResource: "Strings", withExtension: nil) else {
            throw StocktakeError(.software, "report string tables are missing from the StocktakeCore bundle")
        }
        return try load(directory: directory)
    }

    /// Loads every `<lang>.yaml` of `supportedLanguages` found in `directory`.
    public static func load(directory: URL) throws -> ReportStringCatalog {
        var tables: [String: [String: String]] = [:]
        for language in supportedLanguages {
            let url = directory.appendingPathComponent(language + ".yaml")
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            guard let text = String(data: data, encoding: .utf8) else {
                throw StocktakeError(.software, "\(url.path): string table is not UTF-8")
            }
            do {
                // Composed and walked once: decoding `[String: String]` looks each key up in the mapping again
                // (quadratic in the table's size; this is on every run's start-up path).
                guard let mapping = try Yams.compose(yaml: text)?.mapping else {
                    throw StocktakeError(.software, "not a map of key: text")
                }
                var table: [String: String] = [:]
                for (key, value) in mapping {
                    guard let key = key.string, let value = value.string else {
                        throw StocktakeError(.software, "line \(key.mark?.line ?? 0): every entry must be key: text")
                    }
                    table[key] = value
                }
                tables[language] = table
            } catch {
                throw StocktakeError(.software, "\(url.path): invalid string table: \(error)")
            }
        }
        guard tables["en"] != nil else {
            throw StocktakeError(.software, "\(directory.path): en.yaml (the fallback string table) is missing")
        }
        return ReportStringCatalog(tables: tables)
    }

    /// The strings of `language` (English for an unknown language).
    public func strings(_ language: String) -> ReportStrings {
        let english = tables["en"] ?? [:]
        return ReportStrings(language: language, table: tables[language] ?? english, fallback: english)
    }

    /// Keys present in English but missing or empty in `language`, sorted.
    public func missingKeys(_ language: String) -> [String] {
        let english = tables["en"] ?? [:]
        let table = tables[language] ?? [:]
        return english.keys.filter { (table[$0] ?? "").isEmpty }.sorted()
    }
}
