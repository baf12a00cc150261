import StocktakeModel

/// Writes synthetic labour-statistics bulk downloads in the real formats, for benchmarks: an ILOSTAT bulk CSV in
/// code form (`ref_area,source,indicator,sex,classif1,time,obs_value,obs_status,note_classif,note_indicator,
/// note_source`) and a Eurostat TSV (`freq,unit,sex,age,nace_r2,geo\TIME_PERIOD` and one column per quarter).
///
/// Like the real all-country downloads, the files hold every country (and some aggregates of countries), many
/// sectors, several series (some the scoring does not use), sex breakdowns and missing values, so that a reader
/// does the work it does on real data. Deterministic: the same seed and size give byte-identical files. The
/// number of periods is chosen so that the file comes close to `targetBytes`.
public enum SampleLabourBulk {
    public enum Format: String, Sendable, CaseIterable {
        case ilostat
        case eurostatTSV = "eurostat-tsv"

        /// The file name the format is written under (the Eurostat reader takes the dataset from it).
        public var fileName: String {
            switch self {
            case .ilostat: return "ilostat_bulk.csv"
            case .eurostatTSV: return "estat_lfsq_egan22.tsv"
            }
        }
    }

    /// Header of the ILOSTAT bulk CSV (code form).
    public static let ilostatHeader =
        "ref_area,source,indicator,sex,classif1,time,obs_value,obs_status,note_classif,note_indicator,note_source"

    /// Writes `directory/<format.fileName>` of about `targetBytes` bytes.
    ///
    /// - Throws: `StocktakeError.cantCreate` when the file cannot be written.
    public static func write(_ format: Format, directory: String, seed: UInt64, targetBytes: Int) throws -> SampleSummary.File {
        let path = directory.hasSuffix("/") ? directory + format.fileName : directory + "/" + format.fileName
        switch format {
        case .ilostat: return try writeILOSTAT(path: path, seed: seed, targetBytes: targetBytes)
        case .eurostatTSV: return try writeEurostatTSV(path: path, seed: seed, targetBytes: targetBytes)
        }
    }

    // MARK: - ILOSTAT

    /// Series: code, whether values are rates (0–100), the typical level, the number of decimals.
    private static let series: [(code: String, rate: Bool, level: Double)] = [
        ("EMP_TEMP_SEX_ECO_NB", false, 800),      // employment, thousands (used)
        ("UNE_DEAP_SEX_ECO_RT", true, 7),         // unemployment rate by last activity (used)
        ("EAR_4MTH_SEX_ECO_NB", false, 1500),     // mean monthly earnings (used)
        ("HOW_TEMP_SEX_ECO_NB", false, 38),       // mean weekly hours (used)
        ("EMP_NIFL_SEX_ECO_RT", true, 35),        // informal employment rate (not used by the scoring)
        ("EMP_TEMP_SEX_ECO2_NB", false, 60),      // employment by 2-digit activity, ILOSTAT's ECO2 codes (not usable)
    ]

    /// classif1 codes of the ECO series: ISIC Rev. 4 sections, total, not classified, broad sectors, aggregates.
    private static let ecoClassifs: [String] = {
        var codes = ["ECO_ISIC4_TOTAL"]
        for letter in "ABCDEFGHIJKLMNOPQRSTU" { codes.append("ECO_ISIC4_\(letter)") }
        codes.append("ECO_ISIC4_X")
        codes += ["ECO_SECTOR_TOTAL", "ECO_SECTOR_AGR", "ECO_SECTOR_IND", "ECO_SECTOR_SER", "ECO_SECTOR_X"]
        codes += ["ECO_AGGREGATE_TOTAL", "ECO_AGGREGATE_AGR", "ECO_AGGREGATE_MAN", "ECO_AGGREGATE_CON",
                  "ECO_AGGREGATE_MEL", "ECO_AGGREGATE_MKT", "ECO_AGGREGATE_PUB", "ECO_AGGREGATE_X"]
        return codes
    }()

    /// classif1 codes of the ECO2 series (2-digit ISIC Rev. 4 in ILOSTAT's own notation).
    private static let eco2Classifs: [String] = ["ECO2_ISIC4_TOTAL", "ECO2_ISIC4_A01", "ECO2_ISIC4_C10", "ECO2_ISIC4_C25",
                                                 "ECO2_ISIC4_F41", "ECO2_ISIC4_G47", "ECO2_ISIC4_I56", "ECO2_ISIC4_J62"]

    private static let notes = ["", "", "", "", "", "", "T2:84", "T3:16", "T5:1542_T6:2066", "S3:5_S4:13_S6:1"]

    private static func writeILOSTAT(path: String, seed: UInt64, targetBytes: Int) throws -> SampleSummary.File {
        let writer = try BufferedFileWriter(path: path)
        try writer.write(ilostatHeader + "\n")
        // Every country of the table, then a few of ILOSTAT's regional aggregates (skipped by the reader).
        let areas = Countries.all.map(\.iso3) + ["X01", "X02", "X09", "X10", "X11", "X35", "X36", "X84"]
        let sexes = ["SEX_T", "SEX_M", "SEX_F"]
        let seriesPerArea = sexes.count * (4 * ecoClassifs.count + ecoClassifs.count + eco2Classifs.count)
        var rows = 0
        var line: [UInt8] = []
        line.reserveCapacity(256)
        for (a, area) in areas.enumerated() {
            var random = SampleRandom(seed: seed, stream: "ilostat-" + area)
            // Years for this area, from what is left of the target: the file ends close to it.
            let left = max(0, targetBytes - writer.bytesWritten)
            let perRow = rows == 0 ? 78.0 : Double(writer.bytesWritten) / Double(rows)
            let years = max(1, min(60, Int((Double(left) / Double(areas.count - a) / Double(seriesPerArea) / perRow).rounded())))
            let source = "BA:\(100 + random.int(below: 900))"
            for (s, entry) in series.enumerated() {
                let classifs = s == series.count - 1 ? eco2Classifs : ecoClassifs
                for sex in sexes {
                    for classif in classifs {
                        let base = entry.rate ? entry.level : entry.level * (0.2 + random.uniform() * 2)
                        var value = base
                        for year in (2025 - years)..<2025 {
                            value = max(0, value * (1 + 0.03 * random.normal()))
                            if entry.rate { value = min(100, value) }
                            line.removeAll(keepingCapacity: true)
                            append(&line, area); line.append(0x2C)
                            append(&line, source); line.append(0x2C)
                            append(&line, entry.code); line.append(0x2C)
                            append(&line, sex); line.append(0x2C)
                            append(&line, classif); line.append(0x2C)
                            appendInt(&line, year); line.append(0x2C)
                            if !random.chance(0.03) { appendFixed(&line, value, decimals: 3) }
                            line.append(0x2C)
                            if random.chance(0.08) { append(&line, ["B", "U", "E", "P"][random.int(below: 4)]) }
                            line.append(0x2C)
                            append(&line, notes[random.int(below: notes.count)]); line.append(0x2C)
                            append(&line, notes[random.int(below: notes.count)]); line.append(0x2C)
                            append(&line, notes[random.int(below: notes.count)])
                            line.append(0x0A)
                            try writer.write(line)
                            rows += 1
                        }
                    }
                }
            }
        }
        try writer.close()
        return SampleSummary.File(path: path, kind: "labour", rows: rows, bytes: writer.bytesWritten, respondents: 0)
    }

    // MARK: - Eurostat TSV

    private static func writeEurostatTSV(path: String, seed: UInt64, targetBytes: Int) throws -> SampleSummary.File {
        let writer = try BufferedFileWriter(path: path)
        // Eurostat's geo codes (EL, UK) for the European countries, and the EU and euro-area aggregates.
        let european = ["AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE",
                        "IS", "IT", "LT", "LU", "LV", "ME", "MK", "MT", "NL", "NO", "PL", "PT", "RO", "RS", "SE", "SI",
                        "SK", "TR", "UK", "BA", "AL", "XK", "UA", "GE", "AM", "MD"]
        let geos = (["EA20", "EU27_2020"] + european).sorted()
        var sectors = ["TOTAL"]
        for letter in "ABCDEFGHIJKLMNOPQRSTU" { sectors.append(String(letter)) }
        let divisions = [1, 2, 3, 5, 6, 7, 8, 9] + Array(10...33) + [35, 36, 37, 38, 39, 41, 42, 43, 45, 46, 47, 49, 50,
            51, 52, 53, 55, 56, 58, 59, 60, 61, 62, 63, 64, 65, 66, 68, 69, 70, 71, 72, 73, 74, 75, 77, 78, 79, 80, 81, 82,
            84, 85, 86, 87, 88, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99]
        for division in divisions { sectors.append(sectionLetter(division) + (division < 10 ? "0" : "") + String(division)) }
        let sexes = ["F", "M", "T"]
        let ages = ["Y15-24", "Y15-64", "Y15-74", "Y20-64", "Y25-54", "Y55-64", "Y_GE15"]
        let rowsTotal = sexes.count * ages.count * sectors.count * geos.count
        // Quarters back from 2024-Q4, as many as the target allows (about 5.4 bytes a cell, `:` ones included).
        let perRowFixed = 36.0
        let quarters = max(1, min(240, Int(((Double(targetBytes) / Double(rowsTotal)) - perRowFixed) / 5.45)))
        var header = "freq,unit,sex,age,nace_r2,geo\\TIME_PERIOD"
        var periods: [String] = []
        for q in 0..<quarters {
            let index = 2024 * 4 + 3 - (quarters - 1 - q)
            periods.append("\(index / 4)-Q\(index % 4 + 1)")
        }
        for period in periods { header += "\t" + period + " " }
        try writer.write(header + "\n")
        var rows = 0
        var line: [UInt8] = []
        line.reserveCapacity(4096)
        for sex in sexes {
            for age in ages {
                for sector in sectors {
                    for geo in geos {
                        var random = SampleRandom(seed: seed, stream: "estat-\(sex)-\(age)-\(sector)-\(geo)")
                        line.removeAll(keepingCapacity: true)
                        append(&line, "Q,THS_PER,\(sex),\(age),\(sector),\(geo)")
                        // Small countries and fine sectors start later and have gaps (`:`, `: c` confidential).
                        let start = random.int(below: max(1, quarters / 2))
                        var value = (sector.count == 1 ? 400.0 : 40.0) * (0.1 + random.uniform() * 3)
                        for q in 0..<quarters {
                            line.append(0x09)
                            value = max(0, value * (1 + 0.02 * random.normal()))
                            if q < start || random.chance(0.05) {
                                append(&line, random.chance(0.2) ? ": c" : ": ")
                                continue
                            }
                            appendFixed(&line, value, decimals: 1)
                            line.append(0x20)
                            if random.chance(0.1) { append(&line, ["b", "p", "u", "bu", "e"][random.int(below: 5)]) }
                        }
                        line.append(0x0A)
                        try writer.write(line)
                        rows += 1
                    }
                }
            }
        }
        try writer.close()
        return SampleSummary.File(path: path, kind: "labour", rows: rows, bytes: writer.bytesWritten, respondents: 0)
    }

    /// The NACE Rev. 2 section of a division.
    private static func sectionLetter(_ division: Int) -> String {
        let bounds: [(Int, String)] = [(3, "A"), (9, "B"), (33, "C"), (35, "D"), (39, "E"), (43, "F"), (47, "G"), (53, "H"),
                                       (56, "I"), (63, "J"), (66, "K"), (68, "L"), (75, "M"), (82, "N"), (84, "O"), (85, "P"),
                                       (88, "Q"), (93, "R"), (96, "S"), (98, "T"), (99, "U")]
        return bounds.first { division <= $0.0 }!.1
    }

    // MARK: - Bytes

    private static func append(_ line: inout [UInt8], _ text: String) {
        line.append(contentsOf: text.utf8)
    }

    private static func appendInt(_ line: inout [UInt8], _ value: Int) {
        if value >= 10 { appendInt(&line, value / 10) }
        line.append(UInt8(48 + value % 10))
    }

    /// `value` with `decimals` digits after the point (rounded half up; non-negative values).
    private static func appendFixed(_ line: inout [UInt8], _ value: Double, decimals: Int) {
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((value * Double(scale)).rounded())
        appendInt(&line, scaled / scale)
        line.append(0x2E)
        var fraction = scaled % scale
        var digits = [UInt8](repeating: 48, count: decimals)
        for i in stride(from: decimals - 1, through: 0, by: -1) {
            digits[i] = UInt8(48 + fraction % 10)
            fraction /= 10
        }
        line.append(contentsOf: digits)
    }
}
