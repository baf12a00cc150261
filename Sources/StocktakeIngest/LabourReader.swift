import StocktakeModel

/// Reads long-format labour files: `stocktake-labour`, Eurostat SDMX-CSV and ILOSTAT bulk CSV (code or label
/// columns). One row is one observation.
final class LabourReader {
    /// Where one field of the observation comes from.
    struct Columns {
        var country: Int?
        var sector: [Int] = []
        var indicator: Int?
        var dataset: Int?
        var period: Int
        var value: Int
        var unit: Int?
        var flag: Int?
        var source: Int?
        var sex: Int?
        var lastUpdate: Int?
        /// Other dimensions, appended to the unit as `name=value` so distinct series stay distinct.
        var qualifiers: [Int] = []
    }

    let input: PreparedInput
    var tally: RowTally
    var columns: Columns
    var datasets: Set<String> = []
    var lastUpdate: String?
    /// Indicator per distinct code, cached.
    var indicatorCache: [String: LabourIndicatorTable.Match] = [:]
    var countryCache: [String: String?] = [:]

    init(input: PreparedInput) throws {
        self.input = input
        tally = RowTally(report: input.makeReport())
        let folded = input.header.map(HeaderName.fold)
        func find(_ names: String...) -> Int? {
            for name in names { if let i = folded.firstIndex(of: name) { return i } }
            return nil
        }
        switch input.format {
        case .stocktakeLabour:
            columns = Columns(
                country: find("country"), sector: [try input.require(find("sector"), "sector")],
                indicator: try input.require(find("indicator"), "indicator"),
                period: try input.require(find("period"), "period"), value: try input.require(find("value"), "value"),
                unit: find("unit"), flag: find("flag"), source: find("source"))
        case .eurostatSDMX:
            let canonical = folded.map(EurostatColumns.canonical)
            func sdmx(_ name: String) -> Int? { canonical.firstIndex(of: name) }
            var c = Columns(
                country: sdmx("geo"), sector: sdmx("nace_r2").map { [$0] } ?? [], indicator: sdmx("indic_em"),
                dataset: sdmx("dataflow") ?? sdmx("structure_id"),
                period: try input.require(sdmx("time_period"), "TIME_PERIOD"),
                value: try input.require(sdmx("obs_value"), "OBS_VALUE"),
                unit: sdmx("unit"), flag: sdmx("obs_flag"), source: nil, sex: sdmx("sex"), lastUpdate: sdmx("last_update"))
            let known: Set<String> = ["geo", "nace_r2", "indic_em", "dataflow", "structure", "structure_id", "structure_name",
                                      "time_period", "obs_value", "unit", "obs_flag", "sex", "last_update", "freq", "conf_status"]
            c.qualifiers = canonical.indices.filter { !known.contains(canonical[$0]) }
            columns = c
        case .ilostat:
            let classifs = ["classif1", "classif2", "classif3"].compactMap { find($0, $0 + ".label") }
            var c = Columns(
                country: find("ref_area", "ref_area.label"), sector: classifs, indicator: find("indicator", "indicator.label"),
                period: try input.require(find("time", "time.label"), "time"),
                value: try input.require(find("obs_value"), "obs_value"),
                unit: nil, flag: find("obs_status", "obs_status.label"), source: find("source", "source.label"),
                sex: find("sex", "sex.label"))
            c.qualifiers = []
            columns = c
        default:
            fatalError("LabourReader cannot read \(input.format)")
        }
        let c = columns
        try input.checkUnique([c.country, c.indicator, c.dataset, c.period, c.value, c.unit, c.flag, c.source, c.sex, c.lastUpdate]
                              + c.sector + c.qualifiers,
                              key: input.format == .eurostatSDMX ? { EurostatColumns.canonical(HeaderName.fold($0)) } : HeaderName.fold)
        if columns.country == nil, input.country == nil {
            throw IngestError(file: input.file, line: input.headerRow, code: .missingColumn,
                              "the file has no country column and the input sets no `country:`", columnName: "country")
        }
        if input.format == .stocktakeLabour { return }
        if columns.indicator == nil, columns.dataset == nil, input.spec.indicator == nil, datasetFromFileName == .unknown {
            throw IngestError(file: input.file, line: input.headerRow, code: .missingColumn,
                              "nothing in the file says which indicator it holds: set `indicator:` in the pipeline input")
        }
    }

    var datasetFromFileName: LabourIndicatorTable.Match {
        LabourIndicatorTable.eurostat(dataset: EurostatDataset.code(fileName: input.file))
    }

    func run(onRecord: (LabourRecord) throws -> Void, onReject: (Reject) throws -> Void) throws -> IngestReport {
        let summary = try input.forEachRow { record in
            if let problem = input.structural(record) {
                try tally.reject(problem, onReject)
                return
            }
            switch observation(record) {
            case .record(let labour):
                tally.accept()
                try onRecord(labour)
            case .skip(let reason):
                tally.skip(reason)
            case .reject(let reject):
                try tally.reject(reject, onReject)
            }
        }
        var report = tally.report
        input.finish(&report, summary: summary)
        report.lastUpdate = lastUpdate
        report.datasets = Array(datasets.sorted().prefix(20))
        return report
    }

    enum Outcome {
        case record(LabourRecord)
        case skip(String)
        case reject(Reject)
    }

    // MARK: - Private

    /// The code part of an SDMX "code:label" cell (`DE:Germany` → `DE`), or the cell.
    private func code(_ cell: String) -> String {
        let trimmed = String(cell.trimmedCell)
        guard input.format == .eurostatSDMX, let colon = trimmed.firstIndex(of: ":") else { return trimmed }
        let head = trimmed[..<colon]
        if !head.isEmpty, !head.contains(" "), head.count <= 24 { return String(head) }
        return trimmed
    }

    private func observation(_ record: CSVRecord) -> Outcome {
        let f = record.fields
        let line = record.line
        func bad(_ column: Int, _ code: ErrorCode, _ message: String) -> Outcome {
            .reject(input.reject(line, column + 1, code, message))
        }
        // Provenance columns first: they hold for the rest of the row.
        if let c = columns.lastUpdate {
            let value = String(f[c].trimmedCell)
            if !value.isEmpty, LabourReader.dateKey(value) > LabourReader.dateKey(lastUpdate ?? "") { lastUpdate = value }
        }
        // Country.
        var country = input.country ?? ""
        if let c = columns.country {
            let cell = code(f[c])
            if cell.isEmpty { return bad(c, .requiredValue, "the country cell is empty") }
            let resolved: String?
            if let cached = countryCache[cell] {
                resolved = cached
            } else {
                resolved = Countries.resolve(cell)
                countryCache[cell] = resolved
            }
            guard let resolved else {
                if LabourReader.isAggregateArea(cell) { return .skip("aggregate-area") }
                return bad(c, .unknownCountry, "`\(cell.prefix(40))` is not an ISO 3166 code or a known country name")
            }
            if let expected = input.country, expected != resolved { return .skip("other-country") }
            country = resolved
        }
        // Breakdown by sex: only the total is used.
        if let c = columns.sex {
            let sex = code(f[c]).uppercased()
            if !(sex == "T" || sex == "SEX_T" || sex == "TOTAL" || sex.hasSuffix(": TOTAL") || sex.isEmpty) { return .skip("breakdown") }
        }
        // Indicator.
        let indicator: LabourIndicator
        if let explicit = input.spec.indicator {
            indicator = explicit
        } else if input.format == .stocktakeLabour {
            let c = columns.indicator!
            let text = String(f[c].trimmedCell).lowercased()
            if text.isEmpty { return bad(c, .requiredValue, "indicator is empty") }
            guard let parsed = LabourIndicator(rawValue: text) else {
                return bad(c, .constraintError, "indicator `\(text.prefix(40))` is not one of employment, vacancies, unemployment, wages, hours")
            }
            indicator = parsed
        } else {
            let (match, column, text) = classify(f)
            switch match {
            case .indicator(let value): indicator = value
            case .unused: return .skip("unused-indicator")
            case .unknown:
                // An ILOSTAT series code names a real series, one the scoring does not use (informal employment
                // rate, ...): its rows are skipped, not errors. Elsewhere the series cannot be told apart.
                if input.format == .ilostat, column == columns.indicator, LabourReader.isSeriesCode(text) {
                    return .skip("unused-indicator")
                }
                return bad(column, .constraintError,
                           "series `\(text.prefix(60))` is not mapped to an indicator: set `indicator:` in the pipeline input")
            }
        }
        // Sector.
        var sector = "TOTAL"
        var qualifiers: [String] = []
        if input.format == .ilostat, !columns.sector.isEmpty {
            let values = columns.sector.map { String(f[$0].trimmedCell) }
            let economic = values.firstIndex { $0.uppercased().hasPrefix("ECO_") || $0.lowercased().hasPrefix("economic activity") }
            let chosen = economic ?? 0
            sector = values[chosen]
            for (i, value) in values.enumerated() where i != chosen && !value.isEmpty {
                qualifiers.append(value)
            }
        } else if let c = columns.sector.first {
            sector = code(f[c])
        }
        if sector.isEmpty, let c = columns.sector.first { return bad(c, .requiredValue, "the sector cell is empty") }
        // Period.
        let period = code(f[columns.period])
        if period.isEmpty { return bad(columns.period, .requiredValue, "the period is empty") }
        if !LabourReader.isPeriod(period) {
            return bad(columns.period, .constraintError, LabourReader.periodMessage(period))
        }
        // Value and flag.
        var flag = columns.flag.map { String(f[$0].trimmedCell) } ?? ""
        if input.format == .ilostat, !flag.isEmpty, flag.count > 2 {
            flag = LabourIndicatorTable.ilostatStatus[flag.lowercased()] ?? flag
        } else if input.format == .eurostatSDMX {
            flag = code(flag)
        }
        let rawValue = f[columns.value].trimmedCell
        if input.missingTokens.contains(String(rawValue)) { return .skip("missing-value") }
        var numberText = rawValue
        if input.format != .stocktakeLabour || columns.flag == nil,
           let space = rawValue.lastIndex(of: " "), rawValue[rawValue.index(after: space)...].allSatisfy({ $0.isLetter }) {
            // `12.3 p`: a value with its flag in the same cell.
            let cellFlag = String(rawValue[rawValue.index(after: space)...])
            flag = flag.isEmpty ? cellFlag : flag
            numberText = rawValue[..<space].trimmedCellSub
            if input.missingTokens.contains(String(numberText)) { return .skip("missing-value") }
        }
        guard let value = input.numbers.double(numberText) else {
            return bad(columns.value, .typeError, "the value is not a number (decimal separator `\(input.numbers.decimal == 0x2C ? "," : ".")`): fix it or set `dialect: { decimal: ... }`")
        }
        // Unit and source.
        var unit = columns.unit.map { code(f[$0]) } ?? ""
        if input.format == .ilostat, let c = columns.indicator { unit = LabourIndicatorTable.ilostatUnit(f[c]) }
        if let c = columns.indicator, input.format == .eurostatSDMX {
            qualifiers.insert("indic_em=\(code(f[c]))", at: 0)
        }
        for c in columns.qualifiers {
            let value = code(f[c])
            if !value.isEmpty { qualifiers.append("\(HeaderName.fold(input.header[c]).split(separator: ":").first ?? "")=\(value)") }
        }
        if !qualifiers.isEmpty { unit = ([unit] + qualifiers).filter { !$0.isEmpty }.joined(separator: ";") }
        if let problem = LabourReader.check(value: value, unit: unit, indicator: indicator) {
            return bad(problem.isUnit ? (columns.unit ?? columns.indicator ?? columns.value) : columns.value,
                       .constraintError, problem.message)
        }
        var source = columns.source.map { String(f[$0].trimmedCell) } ?? ""
        if input.format == .ilostat, let c = columns.indicator {
            let series = String(f[c].trimmedCell)
            source = source.isEmpty ? "ILOSTAT \(series)" : "ILOSTAT \(series); \(source)"
        } else if input.format == .eurostatSDMX, let c = columns.dataset {
            source = "Eurostat \(f[c].trimmedCell)"
        }
        if source.isEmpty, let note = input.spec.source { source = note }
        return .record(LabourRecord(
            country: country, sector: sector, indicator: indicator, period: period, value: value, unit: unit,
            flag: flag, source: source, line: line))
    }

    /// The indicator of a Eurostat or ILOSTAT row: dataset column, indicator column, file name.
    private func classify(_ f: [String]) -> (LabourIndicatorTable.Match, Int, String) {
        if input.format == .ilostat, let c = columns.indicator {
            let text = String(f[c].trimmedCell)
            datasets.insert(text)
            if let cached = indicatorCache[text] { return (cached, c, text) }
            let match = LabourIndicatorTable.ilostat(text)
            indicatorCache[text] = match
            return (match, c, text)
        }
        if let c = columns.dataset {
            let text = String(f[c].trimmedCell)
            datasets.insert(text)
            if let cached = indicatorCache[text] { return (cached, c, text) }
            let match = LabourIndicatorTable.eurostat(dataset: text)
            indicatorCache[text] = match
            if match != .unknown { return (match, c, text) }
        }
        let byName = datasetFromFileName
        return (byName, columns.dataset ?? columns.indicator ?? 0, EurostatDataset.code(fileName: input.file))
    }

    /// Eurostat and ILOSTAT aggregates of countries (`EU27_2020`, `EA20`, `X01`...), skipped rather than rejected.
    static func isAggregateArea(_ code: String) -> Bool {
        let upper = code.uppercased()
        // EU, EU27_2020, EA, EA20 too: the two-letter codes are no ISO country (`resolve` came first).
        if upper.hasPrefix("EU") || upper.hasPrefix("EA") || upper.hasPrefix("EEA") || upper.hasPrefix("EFTA") { return true }
        if upper.hasPrefix("X"), upper.count == 3, upper.dropFirst().allSatisfy(\.isNumber) { return true }
        return ["WORLD", "TOTAL"].contains(upper)
    }

    /// A sortable key for Eurostat's `LAST UPDATE` (`15/04/24 23:00:00`, or ISO dates as they are).
    static func dateKey(_ text: String) -> String {
        let parts = text.split(separator: " ", maxSplits: 1)
        let date = parts.first.map { $0.split(separator: "/") } ?? []
        guard date.count == 3 else { return text }
        return "\(date[2])-\(date[1])-\(date[0]) \(parts.count > 1 ? parts[1] : "")"
    }

    /// Whether a value can be used for `indicator` in `unit` (`LabourUnit`): nil when it can, else the problem and
    /// whether it lies in the unit (the series is unusable) or in the value (a count below 0, a rate above 100).
    static func check(value: Double, unit: String, indicator: LabourIndicator) -> (message: String, isUnit: Bool)? {
        switch LabourUnit.parse(unit, for: indicator) {
        case .failure(let problem): return (problem.message, true)
        case .success(let parsed): return parsed.problem(with: value, for: indicator).map { ($0, false) }
        }
    }

    /// An ILOSTAT indicator code such as `EMP_NIFL_SEX_ECO_RT`: upper-case words joined by `_`.
    static func isSeriesCode(_ text: String) -> Bool {
        text.contains("_") && text.unicodeScalars.allSatisfy { ($0.value >= 0x41 && $0.value <= 0x5A) || ($0.value >= 0x30 && $0.value <= 0x39) || $0 == "_" }
    }

    static func periodMessage(_ period: String) -> String {
        "period `\(period.prefix(20))` is not a year (2023), quarter (2023-Q1, 2023Q1) or month (2023-07, 2023M07)"
    }

    /// `2023`, `2023-Q1`, `2023Q1`, `2023-07`, `2023M07`, `2023-S1`.
    static func isPeriod(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 4, bytes[0..<4].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        if bytes.count == 4 { return true }
        var rest = String(decoding: bytes[4...], as: UTF8.self)
        if rest.hasPrefix("-") { rest.removeFirst() }
        if let q = rest.first, q == "Q" || q == "S" || q == "M" { rest.removeFirst() }
        guard let n = Int(rest), rest.count <= 2 else { return false }
        return n >= 1 && n <= 12
    }
}

