import StocktakeModel

/// Reads a Eurostat TSV bulk download: the first cell names the dimensions (`freq,unit,nace_r2,geo\TIME_PERIOD`)
/// and holds their comma-separated codes per row; every other column is one period, its cells `12.3`, `12.3 p`,
/// `:` or `: c`. One row gives one observation per period; a row is rejected whole at its first bad cell.
///
/// Rows are read as raw bytes: each dimension's codes go through a typed field parsed once per distinct code
/// (`LabourFieldCache`), each period is checked once (from the header), and the cells are parsed from their bytes.
final class EurostatTSVReader {
    let input: PreparedInput
    let dimensions: [String]
    let periods: [String]
    let dataset: String
    let match: LabourIndicatorTable.Match

    init(input: PreparedInput) throws {
        self.input = input
        let first = input.header[0]
        guard let slash = first.firstIndex(of: "\\") else {
            throw IngestError(file: input.file, line: input.headerRow, column: 1, code: .formatError,
                              "the first header cell must be like `freq,unit,nace_r2,geo\\TIME_PERIOD`")
        }
        dimensions = first[..<slash].split(separator: ",").map { $0.trimmedCellSub.lowercased() }
        periods = input.header.dropFirst().map { String($0.trimmedCell) }
        dataset = EurostatDataset.code(fileName: input.file)
        match = input.spec.indicator.map { .indicator($0) } ?? LabourIndicatorTable.eurostat(dataset: dataset)
        if dimensions.firstIndex(of: "geo") == nil, input.country == nil {
            throw IngestError(file: input.file, line: input.headerRow, column: 1, code: .missingColumn,
                              "the dimensions have no `geo` and the input sets no `country:`", columnName: "geo")
        }
        try input.checkUnique(Array(input.header.indices))
        if case .unknown = match, dimensions.firstIndex(of: "indic_em") == nil {
            throw IngestError(file: input.file, line: input.headerRow, code: .missingColumn,
                              "dataset `\(dataset)` is not in the indicator table: set `indicator:` in the pipeline input")
        }
    }

    func run(onRecord: (LabourRecord) throws -> Void, onReject: (Reject) throws -> Void) throws -> IngestReport {
        var rows = EurostatTSVRows(reader: self)
        defer { rows.release() }
        var report = try LabourRowOutcome.stream(input, &rows, onRecord: onRecord, onReject: onReject)
        report.datasets = [dataset]
        return report
    }
}

/// The per-row work of `EurostatTSVReader`, kept in a local variable of `run`.
struct EurostatTSVRows: LabourRowReader {
    let input: PreparedInput
    let dimensions: [String]
    let periods: [String]
    let periodIsValid: [Bool]
    let source: String
    let match: LabourIndicatorTable.Match
    let geo: Int?, sector: Int?, unit: Int?, sex: Int?, indic: Int?
    let others: [Int]
    /// Per dimension, the typed field's cache of its codes.
    var caches: [LabourFieldCache]
    /// The row's cache index per dimension (-1: undecodable bytes).
    let indexes: UnsafeMutablePointer<Int>
    let unitTable = ByteTable<Bool>(capacity: 64)
    var units: [Result<LabourSeriesUnit, LabourUnit.UnitProblem>] = []
    let unitKey: UnsafeMutablePointer<Int32>
    let unitColumns: [Int]
    var flags: LabourFieldCache
    let missing: [[UInt8]]
    let decimal: UInt8
    /// The observations of the last row that gave `.records`.
    var observations: [LabourRecord] = []

    init(reader: EurostatTSVReader) {
        input = reader.input
        dimensions = reader.dimensions
        periods = reader.periods
        periodIsValid = periods.map(LabourReader.isPeriod)
        source = "Eurostat \(reader.dataset)"
        match = reader.match
        geo = dimensions.firstIndex(of: "geo")
        sector = dimensions.firstIndex(of: "nace_r2")
        unit = dimensions.firstIndex(of: "unit")
        sex = dimensions.firstIndex(of: "sex")
        indic = dimensions.firstIndex(of: "indic_em")
        let named = [geo, sector, unit, sex], dimensions = dimensions
        others = dimensions.indices.filter { !named.contains($0) && dimensions[$0] != "freq" }
        let encoding = input.dialect.encoding
        let expected = input.country
        caches = dimensions.indices.map { d in
            if d == reader.dimensions.firstIndex(of: "geo") {
                return LabourFieldCache(encoding: encoding) { text in
                    let code = String(text.trimmedCell)
                    guard let resolved = Countries.resolve(code) else {
                        if LabourReader.isAggregateArea(code) { return .skip("aggregate-area") }
                        return .problem(.unknownCountry, "geo `\(code.prefix(20))` is not an ISO 3166 or Eurostat country code")
                    }
                    if let expected, expected != resolved { return .skip("other-country") }
                    return .value(.country(resolved))
                }
            }
            if d == reader.dimensions.firstIndex(of: "nace_r2") {
                return LabourFieldCache(encoding: encoding, parse: LabourFields.naceSector(sdmx: false))
            }
            if d == reader.dimensions.firstIndex(of: "sex") {
                return LabourFieldCache(encoding: encoding) { $0.trimmedCell == "T" ? .value(.none) : .skip("breakdown") }
            }
            return LabourFieldCache(encoding: encoding) { .value(.text(String($0.trimmedCell))) }
        }
        indexes = .allocate(capacity: max(1, dimensions.count))
        unitColumns = ([unit, indic].compactMap { $0 } + others)
        unitKey = .allocate(capacity: max(1, unitColumns.count))
        flags = LabourFieldCache(encoding: encoding) { .value(.text($0)) }
        missing = input.missingTokens.map { Array($0.utf8) }.filter { $0.allSatisfy { $0 < 0x80 } }
        decimal = input.numbers.decimal
    }

    func release() {
        for cache in caches { cache.release() }
        flags.release()
        unitTable.release()
        indexes.deallocate()
        unitKey.deallocate()
    }

    /// The row's outcome; its observations go to `observations`.
    mutating func row(_ record: RawCSVRecord) -> LabourRowOutcome {
        observations.removeAll(keepingCapacity: true)
        // The codes of the first cell, each through its dimension's field.
        let first = record[0]
        var codes = 0
        var start = 0
        var invalid: Int?
        for i in 0...first.count where i == first.count || first[i] == 0x2C {
            if codes < dimensions.count {
                let index = caches[codes].index(UnsafeBufferPointer(rebasing: first[start..<i]))
                indexes[codes] = index
                if index < 0 { invalid = 0 }
            } else if invalid == nil, !LabourNumber.isASCII(UnsafeBufferPointer(rebasing: first[start..<i])),
                      TextDecoder.decode(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(first)[start..<i]),
                                         encoding: input.dialect.encoding) == nil {
                invalid = 0
            }
            codes += 1
            start = i + 1
        }
        if invalid == nil {
            for i in 1..<max(1, record.count) where !LabourNumber.isASCII(record[i])
                && TextDecoder.decode(UnsafeRawBufferPointer(record[i]), encoding: input.dialect.encoding) == nil {
                invalid = i
                break
            }
        }
        if let problem = input.structural(record, invalidField: invalid) { return .reject(problem) }
        let line = record.line
        guard codes == dimensions.count else {
            return .reject(input.reject(line, 1, .missingCell,
                "the first cell has \(codes) codes for \(dimensions.count) dimensions (\(dimensions.joined(separator: ",")))"))
        }
        var country = input.country ?? ""
        if let geo {
            switch cell(geo) {
            case .value(let value): country = value.text
            case .skip(let reason): return .skip(reason)
            case .problem(let code, let message): return .reject(input.reject(line, 1, code, message))
            }
        }
        if let sex, case .skip(let reason) = cell(sex) { return .skip(reason) }
        if case .unused = match { return .skip("unused-indicator") }
        let meta: LabourSeriesUnit
        switch unitOfRow() {
        case .success(let found): meta = found
        case .failure(let problem): return .reject(input.reject(line, 1, .constraintError, problem.message))
        }
        var sectorText = "TOTAL"
        if let sector {
            switch cell(sector) {
            case .skip(let reason): return .skip(reason)
            case .problem(let code, let message): return .reject(input.reject(line, 1, code, message))
            case .value(let value): sectorText = value.text
            }
        }
        for i in 1..<record.count {
            let value: Double
            var flag = ""
            switch observation(record[i]) {
            case .missing: continue
            case .invalid:
                return .reject(input.reject(line, i + 1, .typeError, "the value for \(periods[i - 1].prefix(10)) is not a number or `:`"))
            case .number(let parsed, let flagBytes):
                value = parsed
                if let flagBytes {
                    let index = flags.index(flagBytes)
                    flag = flags.texts[index]
                }
            case .numberWithFlag(let parsed, let text):
                value = parsed
                flag = text
            }
            if !periodIsValid[i - 1] {
                return .reject(input.reject(line, i + 1, .constraintError, LabourReader.periodMessage(periods[i - 1])))
            }
            if let problem = LabourReader.check(value: value, unit: meta.parsed, indicator: meta.indicator) {
                return .reject(input.reject(line, problem.isUnit ? 1 : i + 1, .constraintError, problem.message))
            }
            observations.append(LabourRecord(
                country: country, sector: sectorText, indicator: meta.indicator, period: periods[i - 1], value: value,
                unit: meta.unit, flag: flag, source: source, line: line))
        }
        return observations.isEmpty ? .skip("missing-value") : .records
    }

    @inline(__always)
    private func cell(_ dimension: Int) -> LabourCell { caches[dimension].cells[indexes[dimension]] }

    private func text(_ cell: LabourCell) -> String {
        if case .value(let value) = cell { return value.text }
        return ""
    }

    /// The unit of the row (its unit code and the other dimensions as `name=code`) and its indicator, once per
    /// combination of codes; a failure when `indic_em` names no indicator.
    private mutating func unitOfRow() -> Result<LabourSeriesUnit, LabourUnit.UnitProblem> {
        for (k, d) in unitColumns.enumerated() { unitKey[k] = Int32(truncatingIfNeeded: indexes[d]) }
        let key = UnsafeBufferPointer(start: UnsafeRawPointer(unitKey).assumingMemoryBound(to: UInt8.self),
                                      count: unitColumns.count * 4)
        let found = unitTable.find(key)
        if found >= 0 { return units[found] }
        let entry = makeUnit()
        _ = unitTable.insert(key, true)
        units.append(entry)
        return entry
    }

    private func makeUnit() -> Result<LabourSeriesUnit, LabourUnit.UnitProblem> {
        let indicator: LabourIndicator
        switch match {
        case .indicator(let value): indicator = value
        default:
            let code = text(cell(indic!))
            guard let value = LabourIndicator(rawValue: code.lowercased()) else {
                return .failure(LabourUnit.UnitProblem(
                    message: "indic_em `\(code.prefix(20))` is not mapped to an indicator: set `indicator:` in the pipeline input"))
            }
            indicator = value
        }
        var unitText = unit.map { text(cell($0)) } ?? ""
        let qualifiers = others.map { "\(dimensions[$0])=\(text(cell($0)))" }
        if !qualifiers.isEmpty { unitText = ([unitText] + qualifiers).filter { !$0.isEmpty }.joined(separator: ";") }
        return .success(LabourSeriesUnit(unit: unitText, parsed: LabourUnit.parse(unitText, for: indicator), indicator: indicator,
                                        source: source))
    }

    enum Cell {
        case missing
        case invalid
        /// A value, with the bytes of its flag when it has one.
        case number(Double, UnsafeBufferPointer<UInt8>?)
        /// A value and its flag read from decoded text.
        case numberWithFlag(Double, String)
    }

    /// A period cell: `12.3`, `12.3 p`, `12.3p`, `:`, `: c`. ASCII cells are read from their bytes; others (and
    /// numbers the byte reader does not take) go through `observation(text:)`, the same rules on a `String`.
    private func observation(_ raw: UnsafeBufferPointer<UInt8>) -> Cell {
        guard LabourNumber.isASCII(raw) else {
            return observation(text: TextDecoder.decode(UnsafeRawBufferPointer(raw), encoding: input.dialect.encoding) ?? "")
        }
        let text = LabourNumber.trimmed(raw)
        var number = text
        var flag: UnsafeBufferPointer<UInt8>?
        if let space = text.firstIndex(of: 0x20) {
            number = UnsafeBufferPointer(rebasing: text[..<space])
            flag = LabourNumber.trimmed(UnsafeBufferPointer(rebasing: text[(space + 1)...]))
        } else if let last = text.last, isASCIILetter(last), text.count > 1, text[0] != 0x3A {
            // `12.3p` (no space) is seen in older extractions.
            var end = text.count
            while end > 0, isASCIILetter(text[end - 1]) { end -= 1 }
            flag = UnsafeBufferPointer(rebasing: text[end...])
            number = UnsafeBufferPointer(rebasing: text[..<end])
        }
        if LabourNumber.isOneOf(number, missing) { return .missing }
        if let value = LabourNumber.fast(number, decimal: decimal) { return .number(value, flag) }
        return observation(text: String(decoding: text, as: UTF8.self))
    }

    @inline(__always)
    private func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    private func observation(text cell: String) -> Cell {
        let text = cell.trimmedCell
        var number = text
        var flag = ""
        if let space = text.firstIndex(of: " ") {
            number = text[..<space]
            flag = String(text[text.index(after: space)...].trimmedCellSub)
        } else if let last = text.last, last.isLetter, text.count > 1, !text.hasPrefix(":") {
            var digits = text
            while let l = digits.last, l.isLetter { digits = digits.dropLast() }
            flag = String(text[digits.endIndex...])
            number = digits
        }
        if input.missingTokens.contains(String(number)) { return .missing }
        guard let value = input.numbers.double(number) else { return .invalid }
        return .numberWithFlag(value, flag)
    }
}


/// Eurostat dataset codes from file names.
enum EurostatDataset {
    /// The dataset code of a downloaded file: the last path component without `.gz`, then `.tsv`, `.csv` or `.txt`,
    /// and without the `estat_` prefix (`estat_lfsa_egan2.tsv.gz` → `lfsa_egan2`, `ilc_di03.csv` → `ilc_di03`).
    static func code(fileName path: String) -> String {
        var base = path.split(separator: "/").last.map(String.init) ?? path
        for suffix in [".gz", ".tsv", ".csv", ".txt"] where base.lowercased().hasSuffix(suffix) {
            base = String(base.dropLast(suffix.count))
        }
        return base.hasPrefix("estat_") ? String(base.dropFirst(6)) : base
    }
}
