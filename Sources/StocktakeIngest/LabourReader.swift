import StocktakeModel

/// Reads long-format labour files: `stocktake-labour`, Eurostat SDMX-CSV and ILOSTAT bulk CSV (code or label
/// columns). One row is one observation.
///
/// Fields are handled inside libcsv's callbacks (`LabourSink`): each column's cells go through its typed field
/// (`LabourFields`), parsed once per distinct byte string, and the value is parsed from its bytes
/// (`LabourNumber`), so a row costs a few table look-ups, not a `String` per cell.
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
    let columns: Columns
    /// The indicator column's concept, for `ddf`.
    private(set) var concept: DDFConcept?

    init(input: PreparedInput) throws {
        self.input = input
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
            columns = Columns(
                country: find("ref_area", "ref_area.label"), sector: classifs, indicator: find("indicator", "indicator.label"),
                period: try input.require(find("time", "time.label"), "time"),
                value: try input.require(find("obs_value"), "obs_value"),
                unit: nil, flag: find("obs_status", "obs_status.label"), source: find("source", "source.label"),
                sex: find("sex", "sex.label"))
        case .ddf:
            // `inspect` and `auto` detect the format by this column; a declared `format: ddf` may still lack it.
            guard let valueColumn = DDFConcept.valueColumn(folded: folded) else {
                throw IngestError(file: input.file, line: input.headerRow, code: .missingColumn,
                                  "a DDF datapoint file has the columns ref_area, time and exactly one indicator column (e.g. emp_temp_sex_eco_nb)",
                                  columnName: "ref_area")
            }
            columns = Columns(
                country: find("ref_area"), sector: ["classif1", "classif2", "classif3"].compactMap { find($0) },
                indicator: nil, period: try input.require(find("time"), "time"), value: valueColumn,
                unit: nil, flag: nil, source: nil, sex: find("sex"))
            concept = DDFConcept.find(code: String(input.header[valueColumn].trimmedCell), dataFile: input.file)
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
        if input.format == .stocktakeLabour || input.format == .ddf { return }
        if columns.indicator == nil, columns.dataset == nil, input.spec.indicator == nil, datasetFromFileName == .unknown {
            throw IngestError(file: input.file, line: input.headerRow, code: .missingColumn,
                              "nothing in the file says which indicator it holds: set `indicator:` in the pipeline input")
        }
    }

    var datasetFromFileName: LabourIndicatorTable.Match {
        LabourIndicatorTable.eurostat(dataset: EurostatDataset.code(fileName: input.file))
    }

    /// Streams the file through `LabourSink` (every field handled in libcsv's callback); after each chunk, hands
    /// out the chunk's records, then its rejects, in file order.
    func run(onRecord: (LabourRecord) throws -> Void, onReject: (Reject) throws -> Void) throws -> IngestReport {
        let context = UnsafeMutablePointer<CSVParseContext<LabourSink>>.allocate(capacity: 1)
        context.initialize(to: CSVParseContext(sink: LabourSink(rows: LabourRows(reader: self), tally: RowTally(report: input.makeReport()))))
        defer {
            context.pointee.sink.rows.release()
            context.deinitialize(count: 1)
            context.deallocate()
        }
        let summary: CSVReadSummary
        do {
            summary = try CSVReader.parse(path: input.file, dialect: input.dialect, context: context) {
                for record in context.pointee.sink.records { try onRecord(record) }
                for reject in context.pointee.sink.rejects { try onReject(reject) }
                context.pointee.sink.records.removeAll(keepingCapacity: true)
                context.pointee.sink.rejects.removeAll(keepingCapacity: true)
                defer { context.pointee.sink.rowsSinceFlush = 0 }
                return context.pointee.sink.rowsSinceFlush
            }
        } catch let error as CSVReadError {
            throw FileProbe.map(error, path: input.file)
        }
        context.pointee.sink.flushSkips()
        var report = context.pointee.sink.tally.report
        input.finish(&report, summary: summary)
        report.lastUpdate = context.pointee.sink.rows.lastUpdate
        report.datasets = concept.map { [$0.code] } ?? Array(context.pointee.sink.rows.datasets.sorted().prefix(20))
        return report
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
        check(value: value, unit: LabourUnit.parse(unit, for: indicator), indicator: indicator)
    }

    /// `check` with the unit already parsed (readers parse each distinct unit once).
    @inline(__always)
    static func check(value: Double, unit: Result<LabourUnit, LabourUnit.UnitProblem>, indicator: LabourIndicator)
        -> (message: String, isUnit: Bool)? {
        switch unit {
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

/// The per-row work of `LabourReader`: a value type with the column caches, held by `LabourSink` behind libcsv's
/// context pointer (no class field access, no reference counting per cell).
struct LabourRows {
    let input: PreparedInput
    let columns: LabourReader.Columns
    let format: InputFormat
    let sdmx: Bool
    /// ILOSTAT's classifications (`ECO_ISIC4_C`, any case): ILOSTAT bulk files and their DDF repackaging.
    let ilostatCodes: Bool
    /// The DDF file's concept (indicator, unit and source come from it).
    let concept: DDFConcept?
    /// Per column (by index), the typed field's cache; nil for columns the reader does not use.
    /// (A pointer, not an array of optionals: reading a cell must not copy the cache.)
    let caches: UnsafeMutablePointer<LabourFieldCache>
    /// Whether column `c` has a typed field (the others are only checked for their encoding).
    let isCached: UnsafeMutablePointer<Bool>
    let columnCount: Int
    /// The row's cache index per column (-1: undecodable bytes).
    let indexes: UnsafeMutablePointer<Int>
    /// Unit and source per combination of series, unit, source, dataset and qualifier cells (keyed by their
    /// cache indexes as bytes).
    /// The unit (and its check) per combination of the cells it is made of: series, unit, other dimensions and,
    /// for ILOSTAT, the classifications that are not the sector.
    var units: LabourCombinations<LabourSeriesUnit>
    /// The source per combination of series, dataset and source cells.
    var sources: LabourCombinations<String>
    /// Missing-value tokens as bytes (ASCII ones; a cell with other bytes takes the `String` path).
    let missing: [[UInt8]]
    let decimal: UInt8
    /// The indicator when the input gives it, or when nothing in the file can.
    let fixedSeries: LabourCell?
    /// Which cells of the series column rows reached the indicator step with (the report's datasets).
    var seenSeries: [Bool] = []
    var lastUpdate: String?
    /// The column the indicator comes from, when the file says it.
    let seriesColumn: Int

    init(reader: LabourReader) {
        input = reader.input
        columns = reader.columns
        format = input.format
        sdmx = format == .eurostatSDMX
        ilostatCodes = format == .ilostat || format == .ddf
        concept = reader.concept
        let encoding = input.dialect.encoding
        let c = columns
        var caches = [LabourFieldCache?](repeating: nil, count: input.header.count)
        func declare(_ column: Int?, _ parse: @escaping (String) -> LabourCell) {
            if let column { caches[column] = LabourFieldCache(encoding: encoding, parse: parse) }
        }
        let sdmx = sdmx
        for column in c.qualifiers + [c.unit, c.dataset, c.indicator].compactMap({ $0 }) {
            declare(column, LabourFields.text(sdmx: sdmx))
        }
        declare(c.source, LabourFields.text(sdmx: false))
        declare(c.lastUpdate, LabourFields.text(sdmx: false))
        declare(c.country, LabourFields.country(sdmx: sdmx, expected: input.country))
        declare(c.sex, LabourFields.sex(sdmx: sdmx))
        declare(c.period, LabourFields.period(sdmx: sdmx))
        declare(c.flag, LabourFields.flag(format: format))
        for column in c.sector {
            declare(column, ilostatCodes ? LabourFields.ilostatClassification : LabourFields.naceSector(sdmx: sdmx))
        }
        let fileCode = EurostatDataset.code(fileName: input.file)
        let byName = reader.datasetFromFileName
        if let concept {
            switch concept.indicator(explicit: input.spec.indicator) {
            case .indicator(let indicator): fixedSeries = .value(.series(indicator))
            case .unused: fixedSeries = .skip("unused-indicator")
            case .unknown: fixedSeries = .problem(.constraintError, LabourFields.unmapped(concept.code))
            }
        } else if let explicit = input.spec.indicator {
            fixedSeries = .value(.series(explicit))
        } else if format == .stocktakeLabour {
            fixedSeries = nil
            declare(c.indicator, LabourFields.nativeIndicator)
        } else if format == .ilostat, c.indicator != nil {
            fixedSeries = nil
            declare(c.indicator, LabourFields.ilostatSeries)
        } else if c.dataset != nil {
            fixedSeries = nil
            declare(c.dataset, LabourFields.eurostatSeries(fileName: byName, fileCode: fileCode))
        } else {
            switch byName {
            case .indicator(let indicator): fixedSeries = .value(.series(indicator))
            case .unused: fixedSeries = .skip("unused-indicator")
            case .unknown: fixedSeries = .problem(.constraintError, LabourFields.unmapped(fileCode))
            }
        }
        columnCount = caches.count
        self.caches = .allocate(capacity: max(1, columnCount))
        isCached = .allocate(capacity: max(1, columnCount))
        for (i, cache) in caches.enumerated() {
            (self.caches + i).initialize(to: cache ?? LabourFieldCache(encoding: encoding) { _ in .value(.none) })
            isCached[i] = cache != nil
        }
        seriesColumn = format == .eurostatSDMX ? (c.dataset ?? c.indicator ?? 0) : (c.indicator ?? c.dataset ?? 0)
        indexes = .allocate(capacity: max(1, columnCount))
        let cachedColumns = caches.indices.filter { caches[$0] != nil }
        units = LabourCombinations(columns: ([c.indicator, c.dataset, c.unit].compactMap { $0 } + c.qualifiers
                                             + (ilostatCodes ? c.sector : [])).filter(cachedColumns.contains))
        sources = LabourCombinations(columns: [c.indicator, c.dataset, c.source].compactMap { $0 }.filter(cachedColumns.contains))
        value = .allocate(capacity: valueCapacity)
        valueColumn = c.value
        self.encoding = encoding
        missing = input.missingTokens.map { Array($0.utf8) }.filter { $0.allSatisfy { $0 < 0x80 } }
        decimal = input.numbers.decimal
    }

    /// The series texts of the rows that reached the indicator step.
    var datasets: Set<String> {
        guard seriesColumn < columnCount, isCached[seriesColumn] else { return [] }
        let cache = caches[seriesColumn]
        return Set(seenSeries.indices.filter { seenSeries[$0] }.map { String(cache.texts[$0].trimmedCell) })
    }

    func release() {
        for i in 0..<columnCount { caches[i].release() }
        caches.deinitialize(count: columnCount)
        caches.deallocate()
        isCached.deallocate()
        units.release()
        sources.release()
        indexes.deallocate()
        value.deallocate()
    }

    // The row in progress, field by field.
    /// 0-based index of the first field whose bytes do not decode, -1 when none.
    var invalid = -1
    var anyValue = false
    /// 0-based index of the first non-empty cell past the header's columns, -1 when none.
    var trailingValue = -1
    /// The value cell's bytes (libcsv's buffer holds a field only during its callback).
    var value: UnsafeMutablePointer<UInt8>
    var valueCapacity = 64
    var valueLength = 0
    let valueColumn: Int
    let encoding: TextEncoding

    /// One field of the row in progress: its typed field's cache index, or an encoding check.
    @inline(__always)
    mutating func field(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) {
        if index < columnCount, isCached[index] {
            let found = caches[index].index(bytes)
            indexes[index] = found
            if found < 0, invalid < 0 { invalid = index }
        } else if invalid < 0, !LabourNumber.isASCII(bytes),
                  TextDecoder.decode(UnsafeRawBufferPointer(bytes), encoding: encoding) == nil {
            invalid = index
        }
        if index == valueColumn {
            if bytes.count > valueCapacity {
                value.deallocate()
                valueCapacity = bytes.count * 2
                value = .allocate(capacity: valueCapacity)
            }
            if let base = bytes.baseAddress { value.update(from: base, count: bytes.count) }
            valueLength = bytes.count
        }
        if !anyValue, !LabourNumber.isBlank(bytes, encoding: encoding) { anyValue = true }
        if index >= columnCount, trailingValue < 0, !bytes.isEmpty { trailingValue = index }
    }

    /// The outcome of the row that just ended: its structural problem, else its observation.
    mutating func endRow(_ end: CSVLineTracker.RecordEnd) -> LabourRowOutcome {
        defer {
            invalid = -1
            anyValue = false
            trailingValue = -1
            valueLength = 0
        }
        if end.unclosed { return .reject(input.unclosedQuote(end.line, column: max(end.firstBreakField, 0) + 1)) }
        if end.malformedQuoteField >= 0 { return .reject(input.malformedQuote(end.line, column: end.malformedQuoteField + 1)) }
        if invalid >= 0 { return .reject(input.invalidBytes(end.line, column: invalid + 1)) }
        if !anyValue { return .reject(input.blankRow(end.line)) }
        if end.count != columnCount,
           let problem = input.cellCount(end.line, end.count, trailingValue: trailingValue < 0 ? nil : trailingValue) {
            return .reject(problem)
        }
        return observation(line: end.line)
    }

    /// The cell of column `c` in the row (its cache index was set by `field`).
    @inline(__always)
    private func cell(_ c: Int) -> LabourCell { caches[c].cells[indexes[c]] }

    private func bad(_ line: Int, _ column: Int, _ code: ErrorCode, _ message: String) -> LabourRowOutcome {
        .reject(input.reject(line, column + 1, code, message))
    }

    private mutating func observation(line: Int) -> LabourRowOutcome {
        // Provenance columns first: they hold for the rest of the row.
        if let c = columns.lastUpdate {
            let value = cell(c).value.text
            if !value.isEmpty, LabourReader.dateKey(value) > LabourReader.dateKey(lastUpdate ?? "") { lastUpdate = value }
        }
        var country = input.country ?? ""
        if let c = columns.country {
            switch cell(c) {
            case .value(let value): country = value.text
            case .skip(let reason): return .skip(reason)
            case .problem(let code, let message): return bad(line, c, code, message)
            }
        }
        if let c = columns.sex, case .skip(let reason) = cell(c) { return .skip(reason) }
        // Indicator.
        let indicatorCell = fixedSeries ?? cell(seriesColumn)
        if fixedSeries == nil, format != .stocktakeLabour {
            let index = indexes[seriesColumn]
            while seenSeries.count <= index { seenSeries.append(false) }
            seenSeries[index] = true
        }
        let indicator: LabourIndicator
        switch indicatorCell {
        case .value(.series(let value)): indicator = value
        case .value: return bad(line, seriesColumn, .constraintError, LabourFields.unmapped(text(seriesColumn)))
        case .skip(let reason): return .skip(reason)
        case .problem(let code, let message): return bad(line, seriesColumn, code, message)
        }
        // Sector: ILOSTAT's economic-activity classification, else the sector column.
        var sector = "TOTAL"
        var chosenColumn: Int?
        if ilostatCodes, !columns.sector.isEmpty {
            var chosen: (column: Int, classification: LabourClassification)?
            for c in columns.sector {
                switch cell(c) {
                case .problem(let code, let message): return bad(line, c, code, message)
                case .value(.classification(let classification)):
                    if chosen == nil, classification.isEconomic { chosen = (c, classification) }
                default: break
                }
            }
            if let chosen {
                if let skip = chosen.classification.skip { return .skip(skip) }
                sector = chosen.classification.code
                chosenColumn = chosen.column
            } else {
                let first = cell(columns.sector[0]).value.text
                if first.isEmpty { return bad(line, columns.sector[0], .requiredValue, "the sector cell is empty") }
                return .skip("no-economic-activity")
            }
        } else if let c = columns.sector.first {
            switch cell(c) {
            case .skip(let reason): return .skip(reason)
            case .problem(let code, let message): return bad(line, c, code, message)
            case .value(let value): sector = value.text
            }
            if sector.isEmpty { return bad(line, c, .requiredValue, "the sector cell is empty") }
        }
        // Period.
        let period: String
        switch cell(columns.period) {
        case .problem(let code, let message): return bad(line, columns.period, code, message)
        case let other: period = other.value.text
        }
        // Value and flag.
        var flag = columns.flag.map { cell($0).value.text } ?? ""
        let number: Double
        switch self.number(UnsafeBufferPointer(start: value, count: valueLength), flagInCell: format != .stocktakeLabour || columns.flag == nil) {
        case .missing: return .skip("missing-value")
        case .invalid:
            return bad(line, columns.value, .typeError, "the value is not a number (decimal separator `\(input.numbers.decimal == 0x2C ? "," : ".")`): fix it or set `dialect: { decimal: ... }`")
        case .number(let parsed, let cellFlag):
            number = parsed
            if flag.isEmpty, let cellFlag { flag = cellFlag }
        }
        // Unit and source, per combination of the cells they are made of.
        let meta = series(indicator: indicator, chosenColumn: chosenColumn)
        if let problem = LabourReader.check(value: number, unit: meta.unit.parsed, indicator: indicator) {
            return bad(line, problem.isUnit ? (columns.unit ?? columns.indicator ?? columns.value) : columns.value,
                       .constraintError, problem.message)
        }
        return .record(LabourRecord(
            country: country, sector: sector, indicator: indicator, period: period, value: number, unit: meta.unit.unit,
            flag: flag, source: meta.source, line: line))
    }

    enum Number {
        case missing
        case invalid
        /// The value, and the flag written in the same cell (`12.3 p`) when there is one.
        case number(Double, String?)
    }

    /// The value cell: a missing-value token, a number, or a number and its flag (`12.3 p`) where `flagInCell`.
    /// ASCII cells are read from their bytes; others decode and take `number(text:)`, the same rules on a `String`.
    private func number(_ raw: UnsafeBufferPointer<UInt8>, flagInCell: Bool) -> Number {
        guard LabourNumber.isASCII(raw) else {
            guard let text = TextDecoder.decode(UnsafeRawBufferPointer(raw), encoding: input.dialect.encoding) else { return .invalid }
            return number(text: text, flagInCell: flagInCell)
        }
        let bytes = LabourNumber.trimmed(raw)
        if LabourNumber.isOneOf(bytes, missing) { return .missing }
        if let value = LabourNumber.fast(bytes, decimal: decimal) { return .number(value, nil) }
        return number(text: String(decoding: bytes, as: UTF8.self), flagInCell: flagInCell)
    }

    /// `number` on decoded text (thousands separators, exponents, non-ASCII spaces and flags).
    private func number(text: String, flagInCell: Bool) -> Number {
        let rawValue = text.trimmedCell
        if input.missingTokens.contains(String(rawValue)) { return .missing }
        var numberText = rawValue
        var cellFlag: String?
        if flagInCell, let space = rawValue.lastIndex(of: " "),
           rawValue[rawValue.index(after: space)...].allSatisfy({ $0.isLetter }) {
            // `12.3 p`: a value with its flag in the same cell.
            cellFlag = String(rawValue[rawValue.index(after: space)...])
            numberText = rawValue[..<space].trimmedCellSub
            if input.missingTokens.contains(String(numberText)) { return .missing }
        }
        guard let value = input.numbers.double(numberText) else { return .invalid }
        return .number(value, cellFlag)
    }

    /// The unit and source of the row: the unit column or the unit the ILOSTAT code implies, with the other
    /// dimensions appended as `name=value`; the source column or the series' source note.
    private mutating func series(indicator: LabourIndicator, chosenColumn: Int?) -> (unit: LabourSeriesUnit, source: String) {
        var unit: LabourSeriesUnit! = units.find(indexes, chosen: chosenColumn)
        if unit == nil {
            unit = makeUnit(indicator: indicator, chosenColumn: chosenColumn)
            units.insert(unit, indexes, chosen: chosenColumn)
        }
        var source: String! = sources.find(indexes, chosen: nil)
        if source == nil {
            source = makeSource()
            sources.insert(source, indexes, chosen: nil)
        }
        return (unit, source)
    }

    private func makeUnit(indicator: LabourIndicator, chosenColumn: Int?) -> LabourSeriesUnit {
        var unit = columns.unit.map { cell($0).value.text } ?? concept?.unit ?? ""
        var qualifiers: [String] = []
        if ilostatCodes {
            if let c = columns.indicator { unit = LabourIndicatorTable.ilostatUnit(text(c)) }
            for c in columns.sector where c != chosenColumn {
                let code = cell(c).value.text
                if !code.isEmpty { qualifiers.append(code) }
            }
        }
        if let c = columns.indicator, sdmx { qualifiers.insert("indic_em=\(cell(c).value.text)", at: 0) }
        for c in columns.qualifiers {
            let value = cell(c).value.text
            if !value.isEmpty { qualifiers.append("\(HeaderName.fold(input.header[c]).split(separator: ":").first ?? "")=\(value)") }
        }
        if !qualifiers.isEmpty { unit = ([unit] + qualifiers).filter { !$0.isEmpty }.joined(separator: ";") }
        return LabourSeriesUnit(unit: unit, parsed: LabourUnit.parse(unit, for: indicator), indicator: indicator, source: "")
    }

    private func makeSource() -> String {
        var source = columns.source.map { cell($0).value.text } ?? concept?.source ?? ""
        if format == .ilostat, let c = columns.indicator {
            let series = text(c).trimmedCell
            source = source.isEmpty ? "ILOSTAT \(series)" : "ILOSTAT \(series); \(source)"
        } else if sdmx, let c = columns.dataset {
            source = "Eurostat \(text(c).trimmedCell)"
        }
        if source.isEmpty, let note = input.spec.source { source = note }
        return source
    }

    /// The decoded text of column `c` in the row, as written.
    private func text(_ c: Int) -> String { caches[c].texts[indexes[c]] }
}

/// Values built once per combination of some columns' cells, keyed by their cache indexes.
struct LabourCombinations<Value> {
    let columns: [Int]
    private let key: UnsafeMutablePointer<Int32>
    private let table = ByteTable<Bool>(capacity: 64)
    private var values: [Value] = []

    init(columns: [Int]) {
        self.columns = columns
        key = .allocate(capacity: max(1, columns.count))
    }

    func release() {
        table.release()
        key.deallocate()
    }

    /// The value stored for the row's cells (`indexes`, by column); the `chosen` column counts as one marker
    /// whatever its cell (the ILOSTAT sector, which is not part of the unit).
    @inline(__always)
    func find(_ indexes: UnsafeMutablePointer<Int>, chosen: Int?) -> Value? {
        let found = table.find(key(indexes, chosen: chosen))
        return found >= 0 ? values[found] : nil
    }

    /// Stores `value` for the row's cells (which `find` did not find).
    mutating func insert(_ value: Value, _ indexes: UnsafeMutablePointer<Int>, chosen: Int?) {
        _ = table.insert(key(indexes, chosen: chosen), true)
        values.append(value)
    }

    @inline(__always)
    private func key(_ indexes: UnsafeMutablePointer<Int>, chosen: Int?) -> UnsafeBufferPointer<UInt8> {
        for (k, c) in columns.enumerated() { key[k] = c == chosen ? -2 : Int32(truncatingIfNeeded: indexes[c]) }
        return UnsafeBufferPointer(start: UnsafeRawPointer(key).assumingMemoryBound(to: UInt8.self), count: columns.count * 4)
    }
}

/// `LabourRows` inside libcsv's callbacks: each field goes to its typed field as libcsv delivers it (no copy of the
/// row), and a row is settled when libcsv ends it; records and rejects wait in `records` and `rejects` for the
/// end of the chunk (the callbacks cannot throw).
struct LabourSink: CSVFieldSink {
    var rows: LabourRows
    var tally: RowTally
    var records: [LabourRecord] = []
    var rejects: [Reject] = []
    var rowsSinceFlush = 0
    var seenHeader = false
    /// Skipped rows come in runs of one reason (a series' breakdowns, an aggregate's rows): counted per run, not
    /// hashed per row.
    var skipReason = ""
    var skipRun = 0

    static let fieldCallback: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = {
        data, length, context in
        let c = context!.assumingMemoryBound(to: CSVParseContext<LabourSink>.self)
        let n = data == nil ? 0 : length
        let index = c.pointee.lines.field(data, n)
        guard c.pointee.sink.seenHeader else { return }
        c.pointee.sink.rows.field(UnsafeBufferPointer(start: data?.assumingMemoryBound(to: UInt8.self), count: n), index)
    }

    static let rowCallback: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { terminator, context in
        let c = context!.assumingMemoryBound(to: CSVParseContext<LabourSink>.self)
        guard let end = c.pointee.lines.endRow(terminator) else { return }
        c.pointee.sink.endRecord(end)
    }

    mutating func endRecord(_ end: CSVLineTracker.RecordEnd) {
        rowsSinceFlush += 1
        guard seenHeader else {
            // Lines before the header row, then the header itself.
            if end.line >= rows.input.headerRow { seenHeader = true }
            return
        }
        let outcome = rows.endRow(end)
        if case .skip(let reason) = outcome, reason == skipReason {
            skipRun += 1
            return
        }
        flushSkips()
        switch outcome {
        case .record(let labour):
            tally.accept()
            records.append(labour)
        case .records: break  // (one record per row here: `.record`)
        case .skip(let reason): (skipReason, skipRun) = (reason, 1)
        case .reject(let reject):
            tally.count(reject)
            rejects.append(reject)
        }
    }

    mutating func flushSkips() {
        if skipRun > 0 { tally.skip(skipReason, rows: skipRun) }
        skipRun = 0
    }
}

/// What one row of a labour file gives.
enum LabourRowOutcome {
    case record(LabourRecord)
    /// The row's records are the reader's `observations`.
    case records
    case skip(String)
    case reject(Reject)

    /// Streams `input`'s rows through `rows`, counting each in the file's ledger and handing out its records and
    /// rejects in file order.
    static func stream<Rows: LabourRowReader>(
        _ input: PreparedInput, _ rows: inout Rows, onRecord: (LabourRecord) throws -> Void, onReject: (Reject) throws -> Void
    ) throws -> IngestReport {
        var tally = RowTally(report: input.makeReport())
        let summary = try input.forEachRawRow { record in
            switch rows.row(record) {
            case .record(let labour): tally.accept(); try onRecord(labour)
            case .records: tally.accept(records: rows.observations.count); for labour in rows.observations { try onRecord(labour) }
            case .skip(let reason): tally.skip(reason)
            case .reject(let reject): try tally.reject(reject, onReject)
            }
        }
        var report = tally.report
        input.finish(&report, summary: summary)
        return report
    }
}

/// The per-row work of a labour reader, on raw records.
protocol LabourRowReader {
    mutating func row(_ record: RawCSVRecord) -> LabourRowOutcome
    /// The records of the last row that gave `.records`.
    var observations: [LabourRecord] { get }
}

private extension LabourCell {
    /// The parsed value (`.none` for skips and problems).
    var value: LabourValue {
        if case .value(let value) = self { return value }
        return .none
    }
}
