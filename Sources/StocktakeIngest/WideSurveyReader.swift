import StocktakeModel

/// Reads a wide survey export (LimeSurvey, Kobo, or any one-row-per-respondent CSV) through a `SurveyMapping`:
/// one row gives one record per answered skill block.
///
/// A row whose `require_column` is empty is accepted and skipped (`incomplete-response`) before anything else is
/// read. A skill block with both importance and proficiency empty is unanswered (skip logic) and gives no record; a
/// row with no answered block is accepted and skipped (`no-answers`). A row with any invalid
/// cell is rejected whole at its first bad cell.
final class WideSurveyReader {
    struct Block {
        var skill: String
        var importance: Int
        var proficiency: Int
        var hardToFill: Int?
        var demand: Int?
    }

    let input: PreparedInput
    let mapping: SurveyMapping
    var tally: RowTally
    let respondent: Int
    /// The column that is empty in an incomplete response (`require_column`, e.g. LimeSurvey's `submitdate`).
    let completion: Int?
    let country: Int?
    let sector: Int?
    let organisation: Int?
    let blocks: [Block]
    let mode: Int?
    let modeColumns: [(LearningMode, Int)]
    let groups: Int?
    let groupColumns: [(TargetGroup, Int)]
    let selected: Set<String>
    var seen: Set<String> = []

    init(input: PreparedInput, mapping: SurveyMapping) throws {
        self.input = input
        self.mapping = mapping
        tally = RowTally(report: input.makeReport())
        let header = input.header
        func column(_ name: String, _ key: String) throws -> Int {
            let matches = LimeSurveyHeader.matches(name, in: header)
            guard let i = matches.first else {
                throw IngestError(file: input.file, line: input.headerRow, code: .missingColumn,
                                  "mapping `\(key)` names column `\(name)`, which is not in the header", columnName: name)
            }
            if matches.count > 1 { throw input.duplicateHeader(matches) }
            return i
        }
        respondent = try column(mapping.respondentID, "respondent_id")
        completion = try mapping.requireColumn.map { try column($0, "require_column") }
        country = try mapping.country.map { try column($0, "country") }
        if country == nil, input.country == nil {
            throw IngestError(file: input.file, line: input.headerRow, code: .missingColumn,
                              "the mapping names no country column and the input sets no `country:`")
        }
        sector = try mapping.sector.map { try column($0, "sector") }
        if sector == nil, mapping.sectorValue == nil {
            throw IngestError(file: input.file, line: input.headerRow, code: .missingColumn,
                              "the mapping needs `sector:` (a column) or `sector_value:`")
        }
        organisation = try mapping.organisationType.map { try column($0, "organisation_type") }
        if mapping.skills.isEmpty {
            throw IngestError(file: input.file, line: input.headerRow, code: .missingColumn, "the mapping lists no `skills:`")
        }
        blocks = try mapping.skills.map { s in
            Block(skill: s.skill, importance: try column(s.importance, "skills.importance"),
                  proficiency: try column(s.proficiency, "skills.proficiency"),
                  hardToFill: try s.hardToFill.map { try column($0, "skills.hard_to_fill") },
                  demand: try s.demandChange.map { try column($0, "skills.demand_change") })
        }
        mode = try mapping.learningMode.map { try column($0, "learning_mode") }
        modeColumns = try (mapping.learningModeColumns ?? [:]).map { key, name in
            guard let m = LearningMode(rawValue: key) else {
                throw IngestError(file: input.file, code: .formatError, "learning_mode_columns key `\(key)` is not online, blended or on-site")
            }
            return (m, try column(name, "learning_mode_columns"))
        }.sorted { $0.0 < $1.0 }
        groups = try mapping.targetGroups.map { try column($0, "target_groups") }
        groupColumns = try (mapping.targetGroupColumns ?? [:]).map { key, name in
            guard let g = TargetGroup(rawValue: key) else {
                throw IngestError(file: input.file, code: .formatError, "target_group_columns key `\(key)` is not a target group")
            }
            return (g, try column(name, "target_group_columns"))
        }.sorted { $0.0 < $1.0 }
        selected = Set((mapping.selectedValues ?? ["Y", "1", "yes", "true", "x"]).map { $0.lowercased() })
    }

    enum Outcome {
        case records([SurveyRecord])
        case skip(String)
        case reject(Reject)
    }

    func run(onRecord: (SurveyRecord) throws -> Void, onReject: (Reject) throws -> Void) throws -> IngestReport {
        let summary = try input.forEachRow { record in
            if let problem = input.structural(record) {
                try tally.reject(problem, onReject)
                return
            }
            switch parse(record) {
            case .records(let records):
                tally.accept(records: records.count)
                for r in records { try onRecord(r) }
            case .skip(let reason):
                tally.skip(reason)
            case .reject(let reject):
                try tally.reject(reject, onReject)
            }
        }
        var report = tally.report
        input.finish(&report, summary: summary)
        return report
    }

    // MARK: - Private

    private func parse(_ record: CSVRecord) -> Outcome {
        let f = record.fields
        let line = record.line
        func bad(_ column: Int, _ code: ErrorCode, _ message: String) -> Outcome {
            .reject(input.reject(line, column + 1, code, message))
        }
        func cell(_ i: Int) -> String { String(f[i].trimmedCell) }
        // An incomplete response is skipped whole, its answers unread (they may stop anywhere).
        if let c = completion, cell(c).isEmpty { return .skip("incomplete-response") }
        // Skill blocks first: an incomplete response with no answers is skipped, not rejected.
        var answers: [(skill: String, importance: Int, proficiency: Int, htf: Bool?, demand: Int?)] = []
        for block in blocks {
            let imp = cell(block.importance)
            let prof = cell(block.proficiency)
            if imp.isEmpty && prof.isEmpty { continue }
            if imp.isEmpty { return bad(block.importance, .requiredValue, "importance of `\(block.skill)` is empty while proficiency is answered") }
            if prof.isEmpty { return bad(block.proficiency, .requiredValue, "proficiency of `\(block.skill)` is empty while importance is answered") }
            guard let i = scale(imp, mapping.importanceValues) else { return bad(block.importance, .typeError, "importance of `\(block.skill)` is not an answer code of the scale (1–5)") }
            guard (1...5).contains(i) else { return bad(block.importance, .constraintError, "importance of `\(block.skill)` is out of range 1–5") }
            guard let p = scale(prof, mapping.proficiencyValues) else { return bad(block.proficiency, .typeError, "proficiency of `\(block.skill)` is not an answer code of the scale (1–5)") }
            guard (1...5).contains(p) else { return bad(block.proficiency, .constraintError, "proficiency of `\(block.skill)` is out of range 1–5") }
            var htf: Bool? = nil
            if let c = block.hardToFill {
                let text = cell(c)
                if let mapped = mapping.hardToFillValues?[text] {
                    htf = mapped  // also an empty cell, when the map has a "" key (a Y/blank tick column)
                } else if !text.isEmpty {
                    switch text.lowercased() {
                    case "y", "yes", "1", "true": htf = true
                    case "n", "no", "0", "false": htf = false
                    default: return bad(c, .typeError, "hard-to-fill of `\(block.skill)` must be yes/no (Y/N, 1/0)")
                    }
                }
            }
            var demand: Int? = nil
            if let c = block.demand {
                let text = cell(c)
                if !text.isEmpty {
                    guard let d = mapping.demandChangeValues?[text] ?? Int(text.replacingOccurrences(of: "+", with: "")) else {
                        return bad(c, .typeError, "demand change of `\(block.skill)` is not an answer code or an integer")
                    }
                    guard (-2...2).contains(d) else { return bad(c, .constraintError, "demand change of `\(block.skill)` is out of range −2…+2") }
                    demand = d
                }
            }
            answers.append((block.skill, i, p, htf, demand))
        }
        if answers.isEmpty { return .skip("no-answers") }
        let id = cell(respondent)
        if id.isEmpty { return bad(respondent, .requiredValue, "the response id is empty") }
        var countryCode = input.country ?? ""
        if let c = country {
            let text = cell(c)
            if text.isEmpty {
                if input.country == nil { return bad(c, .requiredValue, "the country answer is empty") }
            } else {
                guard let resolved = Countries.resolve(text) else {
                    return bad(c, .unknownCountry, "the country answer is not an ISO 3166 code or a known country name")
                }
                if let expected = input.country, expected != resolved {
                    return bad(c, .constraintError, "country \(resolved) differs from the input's country \(expected)")
                }
                countryCode = resolved
            }
        }
        var sectorText = mapping.sectorValue ?? ""
        if let c = sector {
            sectorText = cell(c)
            if sectorText.isEmpty { return bad(c, .requiredValue, "the sector answer is empty") }
        }
        var organisationText = mapping.organisationTypeValue ?? "other"
        if let c = organisation {
            let text = cell(c)
            if !text.isEmpty { organisationText = mapping.organisationTypeValues?[text] ?? text.lowercased() }
        }
        var learning: LearningMode? = nil
        if let c = mode {
            let text = cell(c)
            if !text.isEmpty {
                guard let m = mapping.learningModeValues?[text] ?? LearningMode(rawValue: text.lowercased()) else {
                    return bad(c, .constraintError, "the learning-mode answer is not mapped: add it to `learning_mode_values`")
                }
                learning = m
            }
        }
        if learning == nil, let ticked = modeColumns.first(where: { selected.contains(cell($0.1).lowercased()) }) {
            learning = ticked.0
        }
        var targets: Set<TargetGroup> = []
        if let c = groups {
            let parts = cell(c).split(whereSeparator: { $0 == " " || $0 == "|" || $0 == "," || $0 == ";" })
            for part in parts {
                guard let g = mapping.targetGroupValues?[String(part)] ?? TargetGroup(rawValue: part.lowercased()) else {
                    return bad(c, .constraintError, "a target-group answer is not mapped: add it to `target_group_values`")
                }
                targets.insert(g)
            }
        }
        for (group, c) in groupColumns where selected.contains(cell(c).lowercased()) { targets.insert(group) }
        // One response per respondent id and country; the first wins.
        let key = countryCode + "\u{1F}" + id
        if seen.contains(key) { return bad(respondent, .uniqueError, "this response id appeared on an earlier row (the first is kept)") }
        seen.insert(key)
        return .records(answers.map { a in
            SurveyRecord(country: countryCode, respondentID: id, organisationType: organisationText, sector: sectorText,
                         skill: a.skill, importance: a.importance, proficiency: a.proficiency, hardToFill: a.htf,
                         demandChange: a.demand, learningMode: learning, targetGroups: targets, line: line)
        })
    }

    private func scale(_ text: String, _ specific: [String: Int]?) -> Int? {
        if let v = specific?[text] ?? mapping.scaleValues?[text] { return v }
        return Int(text)
    }
}
