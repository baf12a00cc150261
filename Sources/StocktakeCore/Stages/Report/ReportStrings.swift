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

    /// The tables compiled into the binary (`Stages/Report/Strings/*.yaml`, embedded at build time by the
    /// `EmbedFiles` plugin): nothing is looked up on disk, so an installed binary needs no resource folder.
    /// - Throws: `StocktakeError` (`.software`) when a table does not parse or English is missing.
    public static func bundled() throws -> ReportStringCatalog {
        try parse(EmbeddedStringTables.files, origin: "embedded string table")
    }

    /// Loads every `<lang>.yaml` of `supportedLanguages` found in `directory` (to try edited tables without a
    /// rebuild).
    public static func load(directory: URL) throws -> ReportStringCatalog {
        var files: [String: String] = [:]
        for language in supportedLanguages {
            let url = directory.appendingPathComponent(language + ".yaml")
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            guard let text = String(data: data, encoding: .utf8) else {
                throw StocktakeError(.software, "\(url.path): string table is not UTF-8")
            }
            files[url.lastPathComponent] = text
        }
        return try parse(files, origin: directory.path)
    }

    /// Parses the tables of `files` (file name → YAML text) for every supported language found.
    static func parse(_ files: [String: String], origin: String) throws -> ReportStringCatalog {
        var tables: [String: [String: String]] = [:]
        for language in supportedLanguages {
            let name = language + ".yaml"
            guard let text = files[name] else { continue }
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
                throw StocktakeError(.software, "\(origin)/\(name): invalid string table: \(error)")
            }
        }
        guard tables["en"] != nil else {
            throw StocktakeError(.software, "\(origin): en.yaml (the fallback string table) is missing")
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
