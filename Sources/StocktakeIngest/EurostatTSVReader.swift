import StocktakeModel

/// Reads a Eurostat TSV bulk download: the first cell names the dimensions (`freq,unit,nace_r2,geo\TIME_PERIOD`)
/// and holds their comma-separated codes per row; every other column is one period, its cells `12.3`, `12.3 p`,
/// `:` or `: c`. One row gives one observation per period; a row is rejected whole at its first bad cell.
final class EurostatTSVReader {
    let input: PreparedInput
    var tally: RowTally
    let dimensions: [String]
    let periods: [String]
    let dataset: String
    let match: LabourIndicatorTable.Match

    init(input: PreparedInput) throws {
        self.input = input
        tally = RowTally(report: input.makeReport())
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
        let geo = dimensions.firstIndex(of: "geo")
        let sector = dimensions.firstIndex(of: "nace_r2")
        let unit = dimensions.firstIndex(of: "unit")
        let sex = dimensions.firstIndex(of: "sex")
        let others = dimensions.indices.filter { ![geo, sector, unit, sex].contains($0) && dimensions[$0] != "freq" }
        let summary = try input.forEachRow { record in
            if let problem = input.structural(record) {
                try tally.reject(problem, onReject)
                return
            }
            let line = record.line
            let codes = record.fields[0].split(separator: ",", omittingEmptySubsequences: false).map { String($0.trimmedCellSub) }
            guard codes.count == dimensions.count else {
                try tally.reject(input.reject(line, 1, .missingCell,
                    "the first cell has \(codes.count) codes for \(dimensions.count) dimensions (\(dimensions.joined(separator: ",")))"), onReject)
                return
            }
            var country = input.country ?? ""
            if let geo {
                guard let resolved = Countries.resolve(codes[geo]) else {
                    if LabourReader.isAggregateArea(codes[geo]) { tally.skip("aggregate-area"); return }
                    try tally.reject(input.reject(line, 1, .unknownCountry,
                        "geo `\(codes[geo].prefix(20))` is not an ISO 3166 or Eurostat country code"), onReject)
                    return
                }
                if let expected = input.country, expected != resolved { tally.skip("other-country"); return }
                country = resolved
            }
            if let sex, codes[sex] != "T" { tally.skip("breakdown"); return }
            let indicator: LabourIndicator
            switch match {
            case .indicator(let value): indicator = value
            case .unused: tally.skip("unused-indicator"); return
            case .unknown:
                let indic = codes[dimensions.firstIndex(of: "indic_em")!]
                guard let value = LabourIndicator(rawValue: indic.lowercased()) else {
                    try tally.reject(input.reject(line, 1, .constraintError,
                        "indic_em `\(indic.prefix(20))` is not mapped to an indicator: set `indicator:` in the pipeline input"), onReject)
                    return
                }
                indicator = value
            }
            var unitText = unit.map { codes[$0] } ?? ""
            let qualifiers = others.map { "\(dimensions[$0])=\(codes[$0])" }
            if !qualifiers.isEmpty { unitText = ([unitText] + qualifiers).filter { !$0.isEmpty }.joined(separator: ";") }
            let sectorText = sector.map { codes[$0] } ?? "TOTAL"
            var observations: [LabourRecord] = []
            for (i, cell) in record.fields.dropFirst().enumerated() {
                let text = cell.trimmedCell
                var number = text
                var flag = ""
                if let space = text.firstIndex(of: " ") {
                    number = text[..<space]
                    flag = String(text[text.index(after: space)...].trimmedCellSub)
                } else if let last = text.last, last.isLetter, text.count > 1, !text.hasPrefix(":") {
                    // `12.3p` (no space) is seen in older extractions.
                    var digits = text
                    while let l = digits.last, l.isLetter { digits = digits.dropLast() }
                    flag = String(text[digits.endIndex...])
                    number = digits
                }
                if input.missingTokens.contains(String(number)) { continue }
                guard let value = input.numbers.double(number) else {
                    try tally.reject(input.reject(line, i + 2, .typeError,
                        "the value for \(periods[i].prefix(10)) is not a number or `:`"), onReject)
                    return
                }
                if !LabourReader.isPeriod(periods[i]) {
                    try tally.reject(input.reject(line, i + 2, .constraintError, LabourReader.periodMessage(periods[i])), onReject)
                    return
                }
                if let problem = LabourReader.check(value: value, unit: unitText, indicator: indicator) {
                    try tally.reject(input.reject(line, problem.isUnit ? 1 : i + 2, .constraintError, problem.message), onReject)
                    return
                }
                observations.append(LabourRecord(
                    country: country, sector: sectorText, indicator: indicator, period: periods[i], value: value,
                    unit: unitText, flag: flag, source: "Eurostat \(dataset)", line: line))
            }
            if observations.isEmpty { tally.skip("missing-value"); return }
            tally.accept(records: observations.count)
            for observation in observations { try onRecord(observation) }
        }
        var report = tally.report
        input.finish(&report, summary: summary)
        report.datasets = [dataset]
        return report
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
