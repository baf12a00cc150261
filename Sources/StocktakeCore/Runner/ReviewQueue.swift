import Foundation

/// The names the last run of a pipeline could not map, grouped by text and kind, as overrides.csv lines.
public struct ReviewQueue: Sendable {
    public struct Entry: Sendable, Hashable {
        public var text: String
        public var kind: String
        public var language: String
        public var countries: [String]
        public var rows: Int
        public var candidate: String?
    }

    public var runID: String
    public var entries: [Entry]

    /// Reads the queue of the newest run recorded in the pipeline's database.
    public static func lastRun(pipelinePath: String, database: String? = nil) -> Result<ReviewQueue, StocktakeError> {
        do {
            let definition = try DefinitionLoader.load(path: pipelinePath)
            let path = database ?? definition.database
            guard FileManager.default.fileExists(atPath: path) else {
                return .failure(StocktakeError.noInput(path, "no database yet: run the pipeline first"))
            }
            let store = try StagingStore(path: path)
            guard let (runID, rows) = try store.unmappedOfLastRun(pipeline: definition.name) else {
                return .failure(StocktakeError(.noInput, "\(path): no finished run of pipeline \(definition.name)"))
            }
            let languages = Dictionary(uniqueKeysWithValues: definition.countries.map { ($0.code, $0.languages.first ?? "en") })
            return .success(ReviewQueue(runID: runID, rows: rows, languages: languages))
        } catch let error as DefinitionError {
            return .failure(StocktakeError(.config, error.description))
        } catch let error as StocktakeError {
            return .failure(error)
        } catch {
            return .failure(StocktakeError(.software, "\(error)"))
        }
    }

    init(runID: String, rows: [MappingRow], languages: [String: String]) {
        self.runID = runID
        struct Key: Hashable { var text: String; var kind: String }
        var grouped: [Key: Entry] = [:]
        for row in rows {
            let key = Key(text: row.text, kind: row.kind == "skill" ? "skill" : "sector")
            var entry = grouped[key] ?? Entry(text: row.text, kind: key.kind, language: languages[row.country] ?? "",
                                              countries: [], rows: 0, candidate: row.candidate)
            entry.countries.append(row.country)
            entry.rows += row.rows
            if entry.language != (languages[row.country] ?? "") { entry.language = "" }
            grouped[key] = entry
        }
        entries = grouped.values.map { entry in
            var entry = entry
            entry.countries = Array(Set(entry.countries)).sorted()
            return entry
        }.sorted { ($1.rows, $0.kind, $0.text) < ($0.rows, $1.kind, $1.text) }
    }

    /// `text,language,kind,code,who,why` lines (RFC 4180 quoting), `code` and `who` left for the reviewer.
    public var csv: String {
        var lines = ["text,language,kind,code,who,why"]
        for entry in entries {
            var why = "unmapped in run \(runID): \(entry.rows) rows in \(entry.countries.joined(separator: " "))"
            if let candidate = entry.candidate { why += "; best candidate \(candidate)" }
            lines.append([entry.text, entry.language, entry.kind, "", "", why].map(Self.quote).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public var summary: String {
        "\(entries.count) unmapped names (\(entries.reduce(0) { $0 + $1.rows }) rows) in run \(runID)"
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
