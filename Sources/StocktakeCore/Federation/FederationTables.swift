import Foundation
import StocktakeIngest
import StocktakeModel

/// The publication's tables as rows of text, the form they travel in (libpq text format) and are hashed in
/// (`CountryPublication.fingerprint`). Each table's first column is `country`; the ledgers keep their order in
/// `ordinal`, the keyed tables are sorted after reading (`CountryPublication.sortTables`).
struct FederationTables: Sendable {
    var name: String
    var columns: [String]
    var rows: @Sendable (CountryPublication) -> [[String?]]

    static let all: [FederationTables] = [files, rejects, warnings, cells, respondents, labour, mappings]

    /// The `SurveyCellStats` sums, in column order: each is stored as `<name>_whole bigint` and `<name>_parts
    /// bigint[]` (denominator, numerator pairs by ascending denominator), so fractions survive exactly.
    nonisolated(unsafe) static let sums: [(column: String, value: WritableKeyPath<SurveyCellStats, ExactSum>)] = [
        ("sum_importance", \.sumImportance), ("sum_proficiency", \.sumProficiency),
        ("sum_importance_squared", \.sumImportanceSquared), ("sum_discrepancy", \.sumDiscrepancy),
        ("sum_discrepancy_squared", \.sumDiscrepancySquared),
        ("sum_importance_times_discrepancy", \.sumImportanceTimesDiscrepancy), ("hard_to_fill_yes", \.hardToFillYes),
        ("demand_change_sum", \.demandChangeSum), ("mode_online", \.modeOnline), ("mode_blended", \.modeBlended),
        ("mode_on_site", \.modeOnSite),
    ]

    static let files = FederationTables(
        name: "input_file",
        columns: ["country", "ordinal", "path", "kind", "file_country", "format", "encoding", "delimiter", "sha256",
                  "size_bytes", "rows_read", "rows_accepted", "rows_rejected", "status", "last_update", "source",
                  "licence", "rejects_by_code", "skipped_by_reason"],
        rows: { p in
            p.files.enumerated().map { index, file in
                [p.country, "\(index)", file.path, file.kind.rawValue, file.country, file.format.rawValue,
                 file.encoding.rawValue, file.delimiter, file.sha256, "\(file.sizeBytes)", "\(file.rowsRead)",
                 "\(file.rowsAccepted)", "\(file.rowsRejected)", file.status.rawValue, file.lastUpdate, file.source,
                 file.licence,
                 json(Dictionary(uniqueKeysWithValues: file.rejectsByCode.map { ($0.key.rawValue, $0.value) })),
                 json(file.skippedByReason)]
            }
        })

    static let rejects = FederationTables(
        name: "reject",
        columns: ["country", "ordinal", "file", "line", "col", "code", "message", "column_name"],
        rows: { p in
            p.rejects.enumerated().map { index, r in
                [p.country, "\(index)", r.location.file, "\(r.location.line)", "\(r.location.column)", r.code.rawValue,
                 r.message, r.columnName]
            }
        })

    static let warnings = FederationTables(
        name: "ingest_warning",
        columns: ["country", "ordinal", "file", "line", "col", "code", "message"],
        rows: { p in
            p.warnings.enumerated().map { index, w in
                [p.country, "\(index)", w.location.file, "\(w.location.line)", "\(w.location.column)", w.code.rawValue, w.message]
            }
        })

    static let cells = FederationTables(
        name: "survey_cell",
        columns: ["country", "sector_text", "skill_key", "n", "answers"]
            + sums.flatMap { ["\($0.column)_whole", "\($0.column)_parts"] }
            + ["hard_to_fill_answered", "demand_change_answered", "target_group_counts", "cell_key", "value_key"],
        rows: { p in
            p.cells.map { cell in
                let s = cell.stats
                var row: [String?] = [p.country, cell.sector, cell.skill, "\(s.n)", "\(s.answers)"]
                for sum in sums {
                    let value = s[keyPath: sum.value]
                    row += ["\(value.whole)", array(value.parts.keys.sorted().flatMap { [$0, value.parts[$0]!] })]
                }
                return row + ["\(s.hardToFillAnswered)", "\(s.demandChangeAnswered)", array(s.targetGroupCounts),
                              key(s.cellKey), key(s.valueKey)]
            }
        })

    static let respondents = FederationTables(
        name: "sector_respondents",
        columns: ["country", "sector_text", "respondents", "record_keys"],
        rows: { p in p.respondents.map { [p.country, $0.sector, "\($0.respondents)", key($0.recordKeys)] } })

    static let labour = FederationTables(
        name: "labour_observation",
        columns: ["country", "sector", "indicator", "unit", "period", "value", "flag", "source"],
        rows: { p in
            p.labour.map { v in
                [p.country, v.sector, v.indicator.rawValue, v.unit, v.observation.period, double(v.observation.value),
                 v.observation.flag, v.observation.source]
            }
        })

    static let mappings = FederationTables(
        name: "mapping_decision",
        columns: ["country", "kind", "text", "code", "method", "confidence", "candidate", "rows", "respondents"],
        rows: { p in
            p.mappings.map { m in
                [p.country, m.kind.rawValue, m.text, m.code, m.method.rawValue, double(m.confidence), m.candidate,
                 "\(m.rows)", m.respondents.map { "\($0)" }]
            }
        })

    // MARK: - Values as text

    /// A double as its shortest round-trip text (PostgreSQL's float8 input reads it exactly; 12+ prints it back
    /// the same way).
    static func double(_ value: Double) -> String { "\(value)" }

    /// A 64-bit key (`SurveyCellStats.cellKey`, a wrapping sum) as the signed `bigint` with the same bits.
    static func key(_ value: UInt64) -> String { "\(Int64(bitPattern: value))" }

    /// A PostgreSQL array literal of integers.
    static func array(_ values: [Int]) -> String { "{" + values.map(String.init).joined(separator: ",") + "}" }

    /// A JSON object with sorted keys.
    static func json(_ values: [String: Int]) -> String {
        "{" + values.keys.sorted().map { "\(jsonString($0)):\(values[$0]!)" }.joined(separator: ",") + "}"
    }

    static func jsonString(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// Reads the text rows of `FederationTables` back into a publication, checking every value.
struct FederationRowDecoder {
    var country: String
    var table = ""

    func fail(_ message: String) -> StocktakeError {
        StocktakeError(.dataError, "federation database: \(country): table \(table): \(message)")
    }

    func text(_ value: String?, _ column: String) throws -> String {
        guard let value else { throw fail("\(column) is NULL") }
        return value
    }

    func int(_ value: String?, _ column: String) throws -> Int {
        guard let number = Int(try text(value, column)) else { throw fail("\(column) `\(value ?? "")` is not an integer") }
        return number
    }

    func double(_ value: String?, _ column: String) throws -> Double {
        guard let number = Double(try text(value, column)) else { throw fail("\(column) `\(value ?? "")` is not a number") }
        return number
    }

    func value<T: RawRepresentable>(_ type: T.Type, _ raw: String?, _ column: String) throws -> T where T.RawValue == String {
        let name = try text(raw, column)
        guard let value = T(rawValue: name) else { throw fail("\(column) `\(name)` is not a known value") }
        return value
    }

    func key(_ value: String?, _ column: String) throws -> UInt64 {
        guard let number = Int64(try text(value, column)) else { throw fail("\(column) `\(value ?? "")` is not a bigint") }
        return UInt64(bitPattern: number)
    }

    func array(_ value: String?, _ column: String) throws -> [Int] {
        let literal = try text(value, column)
        guard literal.hasPrefix("{"), literal.hasSuffix("}") else { throw fail("\(column) `\(literal)` is not an array") }
        let body = literal.dropFirst().dropLast()
        if body.isEmpty { return [] }
        return try body.split(separator: ",").map {
            guard let number = Int($0) else { throw fail("\(column) `\(literal)` holds a non-integer") }
            return number
        }
    }

    func json(_ value: String?, _ column: String) throws -> [String: Int] {
        let textValue = try text(value, column)
        guard let decoded = try? JSONDecoder().decode([String: Int].self, from: Data(textValue.utf8)) else {
            throw fail("\(column) is not an object of counts")
        }
        return decoded
    }

    func exactSum(whole: String?, parts: String?, _ column: String) throws -> ExactSum {
        let flat = try array(parts, "\(column)_parts")
        guard flat.count % 2 == 0 else { throw fail("\(column)_parts has an odd length") }
        var map: [Int: Int] = [:]
        for i in stride(from: 0, to: flat.count, by: 2) {
            guard flat[i] >= 2, map[flat[i]] == nil else { throw fail("\(column)_parts has a bad denominator \(flat[i])") }
            map[flat[i]] = flat[i + 1]
        }
        return ExactSum(whole: try int(whole, "\(column)_whole"), parts: map)
    }

    /// Fills `publication`'s tables from the rows of each table (columns as `FederationTables` lists them).
    mutating func decode(into publication: inout CountryPublication, rows: [String: [[String?]]]) throws {
        table = "input_file"
        publication.files = try (rows[table] ?? []).map { r in
            var file = InputFileRow(
                path: try text(r[2], "path"), kind: try value(InputKind.self, r[3], "kind"), country: r[4],
                format: try value(InputFormat.self, r[5], "format"), encoding: try value(TextEncoding.self, r[6], "encoding"),
                delimiter: try text(r[7], "delimiter"), sha256: try text(r[8], "sha256"), sizeBytes: try int(r[9], "size_bytes"),
                rowsRead: try int(r[10], "rows_read"), rowsAccepted: try int(r[11], "rows_accepted"),
                rowsRejected: try int(r[12], "rows_rejected"), status: try value(InputStatus.self, r[13], "status"),
                lastUpdate: r[14], source: r[15], licence: r[16])
            var byCode: [ErrorCode: Int] = [:]
            for (code, count) in try json(r[17], "rejects_by_code") {
                byCode[try value(ErrorCode.self, code, "rejects_by_code")] = count
            }
            file.rejectsByCode = byCode
            file.skippedByReason = try json(r[18], "skipped_by_reason")
            return file
        }
        table = "reject"
        publication.rejects = try (rows[table] ?? []).map { r in
            Reject(location: SourceLocation(file: try text(r[2], "file"), line: try int(r[3], "line"), column: try int(r[4], "col")),
                   code: try value(ErrorCode.self, r[5], "code"), message: try text(r[6], "message"), columnName: r[7])
        }
        table = "ingest_warning"
        publication.warnings = try (rows[table] ?? []).map { r in
            IngestWarning(location: SourceLocation(file: try text(r[2], "file"), line: try int(r[3], "line"), column: try int(r[4], "col")),
                          code: try value(WarningCode.self, r[5], "code"), message: try text(r[6], "message"))
        }
        table = "survey_cell"
        let groups = TargetGroup.allCases.count
        publication.cells = try (rows[table] ?? []).map { r in
            var stats = SurveyCellStats()
            stats.n = try int(r[3], "n")
            stats.answers = try int(r[4], "answers")
            var column = 5
            for sum in FederationTables.sums {
                stats[keyPath: sum.value] = try exactSum(whole: r[column], parts: r[column + 1], sum.column)
                column += 2
            }
            stats.hardToFillAnswered = try int(r[column], "hard_to_fill_answered")
            stats.demandChangeAnswered = try int(r[column + 1], "demand_change_answered")
            let counts = try array(r[column + 2], "target_group_counts")
            guard counts.count == groups else { throw fail("target_group_counts has \(counts.count) entries, not \(groups)") }
            stats.targetGroupCounts = counts
            stats.cellKey = try key(r[column + 3], "cell_key")
            stats.valueKey = try key(r[column + 4], "value_key")
            return CountryPublication.Cell(sector: try text(r[1], "sector_text"), skill: try text(r[2], "skill_key"), stats: stats)
        }
        table = "sector_respondents"
        publication.respondents = try (rows[table] ?? []).map { r in
            CountryPublication.Respondents(sector: try text(r[1], "sector_text"), respondents: try int(r[2], "respondents"),
                                           recordKeys: try key(r[3], "record_keys"))
        }
        table = "labour_observation"
        publication.labour = try (rows[table] ?? []).map { r in
            CountryPublication.LabourValue(
                sector: try text(r[1], "sector"), indicator: try value(LabourIndicator.self, r[2], "indicator"),
                unit: try text(r[3], "unit"),
                observation: LabourObservation(period: try text(r[4], "period"), value: try double(r[5], "value"),
                                               flag: try text(r[6], "flag"), source: try text(r[7], "source")))
        }
        table = "mapping_decision"
        publication.mappings = try (rows[table] ?? []).map { r in
            MappingDecision(country: publication.country, kind: try value(NameKind.self, r[1], "kind"), text: try text(r[2], "text"),
                            code: r[3], method: try value(MatchMethod.self, r[4], "method"),
                            confidence: try double(r[5], "confidence"), candidate: r[6], rows: try int(r[7], "rows"),
                            respondents: try r[8].map { try int($0, "respondents") })
        }
    }
}
