import StocktakeModel

/// The labour columns, each declared once as a typed field: one `parse(text) → value | skip | problem`, called
/// once per distinct byte string of the column (`LabourFieldCache`), by `run`, `validate` and `inspect` alike.
///
/// | field | value | skips | problems |
/// |---|---|---|---|
/// | country (`country`, `geo`, `ref_area`) | ISO alpha-2 | `aggregate-area`, `other-country` | `required-value`, `unknown-country` |
/// | sex | the total | `breakdown` | |
/// | series (`indicator`, `dataflow`, ILOSTAT `indicator`) | indicator | `unused-indicator` | `required-value`, `constraint-error` |
/// | classification (ILOSTAT `classif1`–`classif3`) | sector code or other breakdown | `unclassified-activity`, `unsupported-classification` | `unknown-classification` |
/// | period (`period`, `TIME_PERIOD`, `time`) | the period | | `required-value`, `constraint-error` |
/// | value | a number (not cached: parsed from the bytes, `LabourNumber`) | `missing-value` | `type-error`, `constraint-error` (with the unit) |
/// | flag, unit, source, other dimensions | the text | | |
///
/// A cell whose bytes do not decode in the file's encoding is an `encoding-error` (the row's structural check).
enum LabourCell {
    case value(LabourValue)
    /// The row is valid but not used, for this reason (`breakdown`, `aggregate-area`, ...).
    case skip(String)
    /// The row is rejected at this cell.
    case problem(ErrorCode, String)
}

/// What a labour cell holds once parsed.
enum LabourValue {
    /// Trimmed text (for Eurostat SDMX the code of a `code:label` cell).
    case text(String)
    /// ISO 3166-1 alpha-2 code.
    case country(String)
    /// The indicator a series code names.
    case series(LabourIndicator)
    case classification(LabourClassification)
    /// A total (sex), or a value with nothing to keep.
    case none

    var text: String {
        switch self {
        case .text(let text), .country(let text): return text
        case .classification(let classification): return classification.code
        default: return ""
        }
    }
}

/// An ILOSTAT `classif` cell: the economic activity a row is broken down by, or another breakdown.
struct LabourClassification {
    var code: String
    /// Economic activity (`ECO_*`, or a label `Economic activity (...): ...`): the row's sector.
    var isEconomic: Bool
    /// Set for an economic code the normalize stage cannot use (`ECO_ISIC4_X`, ISIC Rev. 3, `ECO2_*`): the row
    /// is skipped for this reason.
    var skip: String?
}

/// A row's series as the readers keep it, once per combination of the cells it is made of: its unit (with the other
/// dimensions appended as `name=value`), that unit parsed for the indicator, and the source.
struct LabourSeriesUnit {
    var unit: String
    var parsed: Result<LabourUnit, LabourUnit.UnitProblem>
    var indicator: LabourIndicator
    var source: String
}

/// The cells of one column, parsed once per distinct byte string (memory grows with distinct values, not rows).
struct LabourFieldCache {
    private let table = ByteTable<Bool>(capacity: 64)
    /// Parsed cells by table index.
    private(set) var cells: [LabourCell] = []
    /// The decoded cells by table index, as written (untrimmed).
    private(set) var texts: [String] = []
    let encoding: TextEncoding
    let parse: (String) -> LabourCell

    init(encoding: TextEncoding, parse: @escaping (String) -> LabourCell) {
        self.encoding = encoding
        self.parse = parse
    }

    /// The index of the cell's parsed outcome in `cells`, or -1 when its bytes do not decode in the encoding.
    @inline(__always)
    mutating func index(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let found = table.find(bytes)
        if found >= 0 { return table[found] ? found : -1 }
        let text = TextDecoder.decode(UnsafeRawBufferPointer(bytes), encoding: encoding)
        cells.append(text.map(parse) ?? .value(.none))
        texts.append(text ?? "")
        _ = table.insert(bytes, text != nil)
        return text == nil ? -1 : cells.count - 1
    }

    func release() { table.release() }
}

enum LabourFields {
    /// The code part of an SDMX "code:label" cell (`DE:Germany` → `DE`) when `sdmx`, else the trimmed cell.
    static func code(_ cell: String, sdmx: Bool) -> String {
        let trimmed = String(cell.trimmedCell)
        guard sdmx, let colon = trimmed.firstIndex(of: ":") else { return trimmed }
        let head = trimmed[..<colon]
        if !head.isEmpty, !head.contains(" "), head.count <= 24 { return String(head) }
        return trimmed
    }

    /// Country: an ISO code or name; aggregates of countries are skipped, and so are other countries than the
    /// input's (`expected`).
    static func country(sdmx: Bool, expected: String?) -> (String) -> LabourCell {
        { text in
            let cell = code(text, sdmx: sdmx)
            if cell.isEmpty { return .problem(.requiredValue, "the country cell is empty") }
            guard let resolved = Countries.resolve(cell) else {
                if LabourReader.isAggregateArea(cell) { return .skip("aggregate-area") }
                return .problem(.unknownCountry, "`\(cell.prefix(40))` is not an ISO 3166 code or a known country name")
            }
            if let expected, expected != resolved { return .skip("other-country") }
            return .value(.country(resolved))
        }
    }

    /// Sex: only the total is used.
    static func sex(sdmx: Bool) -> (String) -> LabourCell {
        { text in
            let sex = code(text, sdmx: sdmx).uppercased()
            if sex == "T" || sex == "SEX_T" || sex == "TOTAL" || sex.hasSuffix(": TOTAL") || sex.isEmpty { return .value(.none) }
            return .skip("breakdown")
        }
    }

    /// A `stocktake-labour` indicator: one of the five names.
    static func nativeIndicator(_ cell: String) -> LabourCell {
        let text = String(cell.trimmedCell).lowercased()
        if text.isEmpty { return .problem(.requiredValue, "indicator is empty") }
        guard let parsed = LabourIndicator(rawValue: text) else {
            return .problem(.constraintError, "indicator `\(text.prefix(40))` is not one of employment, vacancies, unemployment, wages, hours")
        }
        return .value(.series(parsed))
    }

    /// An ILOSTAT indicator code or label: the indicator, the unit the code implies and the source note.
    static func ilostatSeries(_ cell: String) -> LabourCell {
        let text = String(cell.trimmedCell)
        switch LabourIndicatorTable.ilostat(text) {
        case .indicator(let indicator):
            return .value(.series(indicator))
        case .unused:
            return .skip("unused-indicator")
        case .unknown:
            // An ILOSTAT series code names a real series, one the scoring does not use (informal employment rate,
            // ...): its rows are skipped, not errors. A label cannot be told apart from a mistake.
            if LabourReader.isSeriesCode(text) { return .skip("unused-indicator") }
            return .problem(.constraintError, unmapped(text))
        }
    }

    /// A Eurostat dataset cell (`ESTAT:LFSA_EGAN2(1.0)`), falling back to the file name's dataset.
    static func eurostatSeries(fileName: LabourIndicatorTable.Match, fileCode: String) -> (String) -> LabourCell {
        { cell in
            let text = String(cell.trimmedCell)
            let match = LabourIndicatorTable.eurostat(dataset: text)
            switch match == .unknown ? fileName : match {
            case .indicator(let indicator): return .value(.series(indicator))
            case .unused: return .skip("unused-indicator")
            case .unknown: return .problem(.constraintError, unmapped(match == .unknown ? fileCode : text))
            }
        }
    }

    static func unmapped(_ text: String) -> String {
        "series `\(text.prefix(60))` is not mapped to an indicator: set `indicator:` in the pipeline input"
    }

    /// A period: `2023`, `2023-Q1`, `2023Q1`, `2023-07`, `2023M07`, `2023-S1`.
    static func period(sdmx: Bool) -> (String) -> LabourCell {
        { text in
            let period = code(text, sdmx: sdmx)
            if period.isEmpty { return .problem(.requiredValue, "the period is empty") }
            if !LabourReader.isPeriod(period) { return .problem(.constraintError, LabourReader.periodMessage(period)) }
            return .value(.text(period))
        }
    }

    /// A flag: ILOSTAT status labels as their letters, SDMX codes, else the text.
    static func flag(format: InputFormat) -> (String) -> LabourCell {
        { text in
            var flag = String(text.trimmedCell)
            if format == .ilostat, !flag.isEmpty, flag.count > 2 {
                flag = LabourIndicatorTable.ilostatStatus[flag.lowercased()] ?? flag
            } else if format == .eurostatSDMX {
                flag = code(flag, sdmx: true)
            }
            return .value(.text(flag))
        }
    }

    /// Any other text column (unit, source, qualifier dimensions, last update).
    static func text(sdmx: Bool) -> (String) -> LabourCell {
        { .value(.text(code($0, sdmx: sdmx))) }
    }

    /// The sector cell of `stocktake-labour`, Eurostat SDMX-CSV (`nace_r2`) and Eurostat TSV: a label (words,
    /// lower case, non-ASCII: the normalize stage matches it by name) passes as written; a code is checked against
    /// NACE Rev. 2 as Eurostat writes it (`naceCode`): a known code passes, a known Eurostat aggregate the normalize
    /// stage cannot use (`B-S_X_O`, `L68A`) is skipped (`unsupported-aggregate`), anything else is rejected
    /// (`unknown-classification`) at its cell.
    static func naceSector(sdmx: Bool) -> (String) -> LabourCell {
        { text in
            let cell = code(text, sdmx: sdmx)
            let isCode = !cell.isEmpty && cell.utf8.allSatisfy {
                ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E
            }
            guard isCode else { return .value(.text(cell)) }
            switch naceCode(cell) {
            case .known: return .value(.text(cell))
            case .unsupported: return .skip("unsupported-aggregate")
            case .unknown:
                return .problem(.unknownClassification,
                                "sector code `\(cell.prefix(40))` is not a NACE Rev. 2 code or Eurostat aggregate (TOTAL, C, C10, 10.1, B-E, G-I, M_N, C10-C12)")
            }
        }
    }

    enum NACECode: Equatable { case known, unsupported, unknown }

    /// NACE Rev. 2 sections with their divisions.
    static let divisionsOfSection: [Character: ClosedRange<Int>] = [
        "A": 1...3, "B": 5...9, "C": 10...33, "D": 35...35, "E": 36...39, "F": 41...43, "G": 45...47, "H": 49...53,
        "I": 55...56, "J": 58...63, "K": 64...66, "L": 68...68, "M": 69...75, "N": 77...82, "O": 84...84, "P": 85...85,
        "Q": 86...88, "R": 90...93, "S": 94...96, "T": 97...98, "U": 99...99,
    ]

    /// A code as Eurostat writes NACE Rev. 2: `TOTAL`; a section (`C`); a division with or without its section
    /// (`10`, `C10`), a group or class (`10.1`, `C10.11`); items and ranges joined by `_` (`B-E`, `C10-C12`, `C10-12`,
    /// `M_N`, `C22_C23`). `_X_` (all but: `B-S_X_O`) and the imputed-rent split `L68A`/`L68B` are Eurostat codes the
    /// normalize stage does not map (`unsupported`).
    static func naceCode(_ code: String) -> NACECode {
        if code == "TOTAL" || code == "TOT" { return .known }
        if code == "L68A" || code == "L68B" { return .unsupported }
        let parts = code.components(separatedBy: "_X_")
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.split(separator: "_", omittingEmptySubsequences: false).allSatisfy(isNACEItem) })
        else { return .unknown }
        return parts.count == 2 ? .unsupported : .known
    }

    /// `C`, `C10`, `10`, `10.1`, `C10.11`, or a range of sections or divisions of one kind (`B-E`, `C10-C12`, `C10-12`).
    static func isNACEItem<S: StringProtocol>(_ item: S) -> Bool {
        let ends = item.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(ends.count) else { return false }
        var parsed: [(section: Character?, division: Int?)] = []
        for end in ends {
            var rest = Substring(end)
            var section: Character?
            if let first = rest.first, first.isLetter {
                guard divisionsOfSection[first] != nil else { return false }
                section = first
                rest = rest.dropFirst()
            }
            if rest.isEmpty {
                guard section != nil else { return false }
                parsed.append((section, nil))
                continue
            }
            // A division, optionally with a group and class: 10, 10.1, 10.11 (and 10.1.1 is no NACE code).
            let pieces = rest.split(separator: ".", omittingEmptySubsequences: false)
            guard pieces.count <= 3, pieces[0].count == 2, let division = Int(pieces[0]),
                  pieces.dropFirst().allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isNumber) }),
                  pieces.count < 3 || pieces[1].count == 1 else { return false }
            let owner = divisionsOfSection.first { $0.value.contains(division) }?.key
            guard let owner, section == nil || section == owner else { return false }
            parsed.append((section ?? owner, division))
        }
        if parsed.count == 2 {
            let (a, b) = (parsed[0], parsed[1])
            switch (a.division, b.division) {
            case (nil, nil): return a.section! <= b.section!
            case let (x?, y?): return x <= y
            default: return false
            }
        }
        return true
    }

    /// An ILOSTAT `classif` cell: see `classify`.
    static func ilostatClassification(_ text: String) -> LabourCell {
        let code = String(text.trimmedCell)
        // Codes in any case, as the normalize stage reads them.
        switch classify(code.contains(" ") ? code : code.uppercased()) {
        case .problem(let message): return .problem(.unknownClassification, message)
        case .economic(let skip): return .value(.classification(LabourClassification(code: code, isEconomic: true, skip: skip)))
        case .other: return .value(.classification(LabourClassification(code: code, isEconomic: false, skip: nil)))
        }
    }

    enum ClassificationKind: Equatable {
        /// Economic activity; `skip` set when the normalize stage cannot use the item.
        case economic(skip: String?)
        /// A known breakdown by something else (age, education, occupation, ...), or empty.
        case other
        case problem(String)
    }

    /// ILOSTAT classification families other than economic activity (`AGE_YTHADULT_Y15-24` ...), by prefix.
    static let otherFamilies: Set<String> = [
        "AGE", "EDU", "OCU", "STE", "INS", "GEO", "SEX", "DSB", "CUR", "MTS", "HHT", "NOC", "CAT", "POP", "LMS", "MJH",
        "SKL", "TRU", "DUR", "MAR", "CHL", "NAT", "ORI", "MIG", "HOW", "JOB", "TEN", "ESC", "PAY", "BEN", "OCC", "ISCO",
    ]

    /// ILOSTAT ISIC Rev. 4 items the normalize stage maps (`TaxonomyStorage.parseILOSTAT`): the total, sections A–U
    /// and the NACE Rev. 2 divisions (ISIC Rev. 4 divisions are the same codes).
    static let naceDivisions: Set<String> = {
        let numbers = [1, 2, 3, 5, 6, 7, 8, 9] + Array(10...33) + [35, 36, 37, 38, 39, 41, 42, 43, 45, 46, 47, 49, 50, 51,
            52, 53, 55, 56, 58, 59, 60, 61, 62, 63, 64, 65, 66, 68, 69, 70, 71, 72, 73, 74, 75, 77, 78, 79, 80, 81, 82,
            84, 85, 86, 87, 88, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99]
        return Set(numbers.map { $0 < 10 ? "0\($0)" : String($0) })
    }()

    /// A plain NACE Rev. 2 code: `TOTAL`, a section (`C`), a division (`10`) or both (`C10`).
    static func isNACE(_ code: String) -> Bool {
        if code == "TOTAL" || code == "TOT" { return true }
        let bytes = Array(code.utf8)
        let isSection = { (b: UInt8) in b >= 0x41 && b <= 0x55 }
        if bytes.count == 1 { return isSection(bytes[0]) }
        if bytes.count == 2 { return naceDivisions.contains(code) }
        if bytes.count == 3, isSection(bytes[0]) { return naceDivisions.contains(String(code.dropFirst())) }
        return false
    }

    /// ILOSTAT broad-sector and aggregate items the normalize stage maps.
    static let ilostatAggregates: Set<String> = [
        "SECTOR_AGR", "SECTOR_IND", "SECTOR_SER", "SECTOR_NAG",
        "AGGREGATE_AGR", "AGGREGATE_MAN", "AGGREGATE_CON", "AGGREGATE_MEL", "AGGREGATE_MKT", "AGGREGATE_PUB",
    ]

    /// What an ILOSTAT classification cell is. Codes (upper-case words joined by `_`) are checked against the
    /// known ones: `ECO_ISIC4_*`, `ECO_SECTOR_*`, `ECO_AGGREGATE_*` items the normalize stage maps are economic;
    /// their `_X` (not classified), ISIC Rev. 2/3 and the 2-digit `ECO2_*` codes are economic but skipped; the
    /// other families (`AGE_*`, `EDU_*`, ...) are other breakdowns; plain NACE codes (`C`, `C10`, `TOTAL`) are
    /// economic; anything else without a space is a problem (`XYZ`, `ECO_ISIC4_Q9`, `ECO_ISIC4_ÿþ`). Labels (text with
    /// spaces) are not codes: `Economic activity (...): ...` is economic, any other label another breakdown.
    static func classify(_ code: String) -> ClassificationKind {
        if code.isEmpty { return .other }
        let unknown = ClassificationKind.problem(
            "classification `\(code.prefix(40))` is not a known ILOSTAT or NACE code (ECO_ISIC4_C, ECO_SECTOR_IND, ECO_AGGREGATE_MAN, AGE_..., C, C10, TOTAL)")
        guard LabourReader.isSeriesCode(code) else {
            if isNACE(code) { return .economic(skip: nil) }
            // A label (ILOSTAT's `.label` columns, words with spaces): not a code to check.
            if code.contains(" ") { return code.lowercased().hasPrefix("economic activity") ? .economic(skip: nil) : .other }
            return unknown
        }
        let parts = code.split(separator: "_", omittingEmptySubsequences: false)
        if parts[0] == "ECO2" { return parts.count >= 3 ? .economic(skip: "unsupported-classification") : unknown }
        guard parts[0] == "ECO" else {
            return parts.count >= 3 && otherFamilies.contains(String(parts[0])) ? .other : unknown
        }
        guard parts.count >= 3 else { return unknown }
        let family = parts[1]
        let item = parts[2...].joined(separator: "_")
        switch family {
        case "ISIC4", "SECTOR", "AGGREGATE":
            if item == "TOTAL" { return .economic(skip: nil) }
            if item == "X" { return .economic(skip: "unclassified-activity") }
            if family == "ISIC4" {
                if item.count == 1, let letter = item.unicodeScalars.first, letter.value >= 0x41, letter.value <= 0x55 {
                    return .economic(skip: nil)
                }
                return naceDivisions.contains(item) ? .economic(skip: nil) : unknown
            }
            return ilostatAggregates.contains(family + "_" + item) ? .economic(skip: nil) : unknown
        case "ISIC3", "ISIC2":
            return .economic(skip: "unsupported-classification")
        default:
            return unknown
        }
    }
}

/// Numbers and missing-value tokens read from a cell's bytes, without making a `String`.
enum LabourNumber {
    /// 10^0 … 10^22, exact in a `Double`.
    private static let powers: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The value of `[+-]digits[<decimal>digits]` (ASCII, at most 19 digits whose mantissa is below 2^53, at most
    /// 22 after the mark), or nil for anything else (the caller then asks `NumberParser`). Exactly the `Double`
    /// `NumberParser` gives: an integer mantissa and a power of ten both exact, one correctly rounded division.
    @inline(__always)
    static func fast(_ bytes: UnsafeBufferPointer<UInt8>, decimal: UInt8) -> Double? {
        let n = bytes.count
        var i = 0
        var negative = false
        if n > 0, bytes[0] == 0x2D || bytes[0] == 0x2B {
            negative = bytes[0] == 0x2D
            i = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fraction = -1
        while i < n {
            let b = bytes[i]
            if b >= 0x30, b <= 0x39 {
                mantissa = mantissa &* 10 &+ UInt64(b - 0x30)
                digits += 1
                if fraction >= 0 { fraction += 1 }
            } else if b == decimal, fraction < 0, digits > 0 {
                fraction = 0
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0, digits <= 19, fraction != 0, mantissa < (1 << 53), fraction <= 22 else { return nil }
        let value = Double(mantissa) / powers[max(fraction, 0)]
        return negative ? -value : value
    }

    /// Whether `bytes` is all ASCII.
    @inline(__always)
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        if n >= 8 {
            let p = UnsafeRawPointer(bytes.baseAddress!)
            while i + 8 <= n {
                if p.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
                i += 8
            }
        }
        while i < n {
            if bytes[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    /// Whether a (decodable) field is empty once trimmed of spaces, tabs and no-break spaces.
    @inline(__always)
    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>, encoding: TextEncoding) -> Bool {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return true }
        if isASCII(bytes) { return false }
        return TextDecoder.decode(UnsafeRawBufferPointer(bytes), encoding: encoding)?.trimmedCell.isEmpty ?? false
    }

    /// `bytes` without leading and trailing ASCII spaces and tabs.
    @inline(__always)
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// Whether `bytes` equals one of `tokens`.
    @inline(__always)
    static func isOneOf(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [[UInt8]]) -> Bool {
        for token in tokens where token.count == bytes.count {
            if bytes.count == 0 || token.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }) {
                return true
            }
        }
        return false
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
