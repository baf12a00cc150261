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
    /// The columns' declarations with the mapping's answer-code tables (`SurveyFields.wide`).
    let fields: SurveyFields

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
            // An item with an ESCO code is recorded under the code: the normalize stage maps it by method `code`.
            Block(skill: mapping.escoCode(for: s) ?? s.skill, importance: try column(s.importance, "skills.importance"),
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
        fields = SurveyFields.wide(mapping, country: input.country)
        selected = Set((mapping.selectedValues ?? ["Y", "1", "yes", "true", "x"]).map { $0.lowercased() })
    }

    enum Outcome {
        case records([SurveyRecord])
        case skip(SkipReason)
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

    /// A cell's problem and where it is.
    private struct BadCell: Error {
        var column: Int
        var problem: FieldProblem
    }

    private func parse(_ record: CSVRecord) -> Outcome {
        do {
            return try parseCells(record)
        } catch {
            return .reject(input.reject(record.line, error.column + 1, error.problem.code, error.problem.message))
        }
    }

    private func parseCells(_ record: CSVRecord) throws(BadCell) -> Outcome {
        let f = record.fields
        func cell(_ i: Int) -> Substring { f[i].trimmedCell }
        /// The value of column `c` through `field`.
        func read<T>(_ field: SurveyField<T>, _ c: Int) throws(BadCell) -> T {
            switch field.parse(f[c]) {
            case .success(let value): return value
            case .failure(let problem): throw BadCell(column: c, problem: problem)
            }
        }
        // An incomplete response is skipped whole, its answers unread (they may stop anywhere).
        if let c = completion, cell(c).isEmpty { return .skip(.incompleteResponse) }
        // Skill blocks first: an incomplete response with no answers is skipped, not rejected.
        var answers: [(skill: String, importance: Int, proficiency: Int, htf: Bool?, demand: Int?)] = []
        for block in blocks {
            // Both scale answers empty: the block was not asked (skip logic).
            if cell(block.importance).isEmpty && cell(block.proficiency).isEmpty { continue }
            let importance = try read(fields.importance, block.importance)
            let proficiency = try read(fields.proficiency, block.proficiency)
            let htf = try block.hardToFill.flatMap { c throws(BadCell) in try read(fields.hardToFill, c) }
            let demand = try block.demand.flatMap { c throws(BadCell) in try read(fields.demand, c) }
            answers.append((block.skill, importance, proficiency, htf, demand))
        }
        if answers.isEmpty { return .skip(.noAnswers) }
        let id = try read(fields.respondent, respondent)
        let countryCode = try country.map { c throws(BadCell) in try read(fields.country, c) } ?? input.country ?? ""
        let sectorText = try sector.map { c throws(BadCell) in try read(fields.sector, c) } ?? mapping.sectorValue ?? ""
        let organisationText = try organisation.map { c throws(BadCell) in try read(fields.organisation, c) }
            ?? mapping.organisationTypeValue ?? "other"
        var learning = try mode.flatMap { c throws(BadCell) in try read(fields.mode, c) }
        if learning == nil, let ticked = modeColumns.first(where: { selected.contains(cell($0.1).lowercased()) }) {
            learning = ticked.0
        }
        var targets = try groups.map { c throws(BadCell) in try read(fields.groups, c) } ?? []
        for (group, c) in groupColumns where selected.contains(cell(c).lowercased()) { targets.insert(group) }
        // One response per respondent id and country; the first wins.
        let key = countryCode + "\u{1F}" + id
        if seen.contains(key) {
            throw BadCell(column: respondent, problem: FieldProblem(.uniqueError, "this response id appeared on an earlier row (the first is kept)"))
        }
        seen.insert(key)
        return .records(answers.map { a in
            SurveyRecord(country: countryCode, respondentID: id, organisationType: organisationText, sector: sectorText,
                         skill: a.skill, importance: a.importance, proficiency: a.proficiency, hardToFill: a.htf,
                         demandChange: a.demand, learningMode: learning, targetGroups: targets, line: record.line)
        })
    }
}
