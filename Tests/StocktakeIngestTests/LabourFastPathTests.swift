import CZlib
import Foundation
import Logging
import Testing
@testable import StocktakeCore
@testable import StocktakeIngest
@testable import StocktakeModel

/// The labour readers' byte path (typed fields cached per distinct value, numbers read from bytes) against what
/// each row must give, written down while the file is generated: every accepted record's values and every
/// reject's line, column and code, over files that cross libcsv's chunk boundary several times.
struct LabourFastPathTests {
    /// What one data row must give.
    enum Expected: Equatable {
        case record(country: String, sector: String, period: String, value: Double, flag: String)
        case records(Int)
        case skip(String)
        case reject(ErrorCode, column: Int)
    }

    static let ilostatHeader = "ref_area,source,indicator,sex,classif1,time,obs_value,obs_status,note_classif,note_indicator,note_source"

    /// An ILOSTAT code-form file of `rows` rows, every kind of row in turn, with the outcome of each by line.
    static func ilostatFile(rows: Int, crlf: Bool, bom: Bool) -> (bytes: [UInt8], expected: [Int: Expected]) {
        var bytes: [UInt8] = bom ? [0xEF, 0xBB, 0xBF] : []
        let eol = crlf ? "\r\n" : "\n"
        bytes += Array((ilostatHeader + eol).utf8)
        var expected: [Int: Expected] = [:]
        var line = 2
        var random = SampleRandom(seed: 7)
        func add(_ text: String, _ outcome: Expected, extraLines: Int = 0) {
            bytes += Array((text + eol).utf8)
            expected[line] = outcome
            line += 1 + extraLines
        }
        let sections = Array("ABCDEFGHIJKLMNOPQRSTU").map(String.init)
        for i in 0..<rows {
            let year = 2000 + i % 25
            let section = sections[i % sections.count]
            let whole = random.int(below: 100_000), fraction = random.int(below: 1000)
            let text = "\(whole).\(String(format: "%03d", fraction))"
            switch i % 17 {
            case 0:
                add("DEU,BA:1,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_ISIC4_\(section),\(year),\(text),,,,",
                    .record(country: "DE", sector: "ECO_ISIC4_\(section)", period: String(year), value: Double(text)!, flag: ""))
            case 1:
                // A quoted note holding the delimiter and a line break.
                add("NOR,BA:2,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_SECTOR_IND,\(year),\(whole),B,\"T2:84, see\nnote\",,",
                    .record(country: "NO", sector: "ECO_SECTOR_IND", period: String(year), value: Double(whole), flag: "B"),
                    extraLines: 1)
            case 2:
                add("MKD,BA:3,EMP_TEMP_SEX_ECO_NB,SEX_M,ECO_ISIC4_C,\(year),\(text),,,,", .skip("breakdown"))
            case 3:
                add("MKD,BA:3,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_ISIC4_Q9,\(year),\(text),,,,", .reject(.unknownClassification, column: 5))
            case 4:
                add("MKD,BA:3,EMP_TEMP_SEX_ECO_NB,SEX_T,XYZ,\(year),\(text),,,,", .reject(.unknownClassification, column: 5))
            case 5:
                bytes += Array("SRB,BA:4,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_ISIC4_".utf8) + [0xFF, 0xFE]
                    + Array(",\(year),\(text),,,,\(eol)".utf8)
                expected[line] = .reject(.encodingError, column: 5)
                line += 1
            case 6:
                add("SRB,BA:4,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_ISIC4_X,\(year),\(text),,,,", .skip("unclassified-activity"))
            case 7:
                add("X01,BA:4,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_ISIC4_C,\(year),\(text),,,,", .skip("aggregate-area"))
            case 8:
                add("MNE,BA:5,UNE_DEAP_SEX_ECO_RT,SEX_T,ECO_AGGREGATE_MAN,\(year),\(whole % 100).5,,,,",
                    .record(country: "ME", sector: "ECO_AGGREGATE_MAN", period: String(year), value: Double("\(whole % 100).5")!, flag: ""))
            case 9:
                add("MNE,BA:5,UNE_DEAP_SEX_ECO_RT,SEX_T,ECO_ISIC4_\(section),\(year),101.5,,,,", .reject(.constraintError, column: 7))
            case 10:
                add("ARM,BA:6,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_ISIC4_F,\(year),-\(text),,,,", .reject(.constraintError, column: 7))
            case 11:
                add("ARM,BA:6,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_ISIC4_F,20\(i % 10)X,\(text),,,,", .reject(.constraintError, column: 6))
            case 12:
                add("GEO,BA:7,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_ISIC4_\(section),\(year),,,,,", .skip("missing-value"))
            case 13:
                add("UKR,BA:8,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_ISIC4_\(section),\(year),1.5e3,E,,,",
                    .record(country: "UA", sector: "ECO_ISIC4_\(section)", period: String(year), value: 1500, flag: "E"))
            case 14:
                add("UKR,BA:8,EMP_TEMP_SEX_ECO_NB,SEX_T,\"ECO_ISIC4_\(section)\",\(year),\"\(text)\",,,,",
                    .record(country: "UA", sector: "ECO_ISIC4_\(section)", period: String(year), value: Double(text)!, flag: ""))
            case 15:
                add("UKR,BA:8,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_ISIC4_\(section),\(year),\(text)", .reject(.missingCell, column: 8))
            default:
                add("QQQ,BA:9,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_ISIC4_\(section),\(year),abc,,,,", .reject(.unknownCountry, column: 1))
            }
        }
        return (bytes, expected)
    }

    /// What the reader gave, by line.
    static func outcomes(_ read: LabourRead) -> [Int: Expected] {
        var byLine: [Int: Expected] = [:]
        for record in read.records {
            byLine[record.line] = .record(country: record.country, sector: record.sector, period: record.period,
                                          value: record.value, flag: record.flag)
        }
        for reject in read.rejects { byLine[reject.location.line] = .reject(reject.code, column: reject.location.column) }
        return byLine
    }

    @Test(arguments: [(false, false), (true, true)])
    func ilostatByteReaderMatchesEveryRow(crlf: Bool, bom: Bool) throws {
        let (bytes, expected) = Self.ilostatFile(rows: 14_000, crlf: crlf, bom: bom)
        #expect(bytes.count > 3 * CSVReader.chunkSize)
        try withTemporaryFile(bytes) { url in
            let read = try readLabour(InputSpec(path: url.path, kind: .labour, format: .ilostat))
            let got = Self.outcomes(read)
            let wantRecordsAndRejects = expected.filter { if case .skip = $0.value { return false } else { return true } }
            #expect(got.count == wantRecordsAndRejects.count)
            for (line, want) in wantRecordsAndRejects.sorted(by: { $0.key < $1.key }) where got[line] != want {
                Issue.record("line \(line): got \(String(describing: got[line])), want \(want)")
                break
            }
            var skips: [String: Int] = [:]
            for case .skip(let reason) in expected.values { skips[reason, default: 0] += 1 }
            #expect(read.report.skippedByReason == skips)
            #expect(read.report.rowsRead == expected.count)
            #expect(read.report.countsAddUp)
            #expect(read.report.bom == bom)
        }
    }

    @Test func unknownClassificationIsARejectWithItsLocation() throws {
        let text = Self.ilostatHeader + "\n"
            + "DEU,BA:1,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_ISIC4_C,2023,10,,,,\n"
            + "DEU,BA:1,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_ISIC4_Q9,2023,10,,,,\n"
            + "DEU,BA:1,EMP_TEMP_SEX_ECO_NB,SEX_T,XYZ,2023,10,,,,\n"
            + "DEU,BA:1,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_FOO_A,2023,10,,,,\n"
            + "DEU,BA:1,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_AGGREGATE_MAN,2023,10,,,,\n"
        try withTemporaryFile(Array(text.utf8)) { url in
            let read = try readLabour(InputSpec(path: url.path, kind: .labour, format: .ilostat))
            #expect(read.records.map(\.sector) == ["ECO_ISIC4_C", "ECO_AGGREGATE_MAN"])
            #expect(read.rejects.map(\.code) == [.unknownClassification, .unknownClassification, .unknownClassification])
            #expect(read.rejects.map(\.location.line) == [3, 4, 5])
            #expect(read.rejects.allSatisfy { $0.location.column == 5 && $0.columnName == "classif1" })
            #expect(read.report.rowsRejected == 3)
            #expect(read.report.rejectsByCode == ["unknown-classification": 3])
            #expect(read.report.countsAddUp)
            // The same file through `inspect`: the same ledger and rejects.
            let inspected = try Inspector.inspect(path: url.path)
            #expect(inspected.rowsRead == 5 && inspected.rowsRejected == 3 && inspected.rejectsByCode == read.report.rejectsByCode)
            #expect(inspected.rejects.map(\.line) == [3, 4, 5])
        }
    }

    @Test func undecodableClassificationBytesAreRejected() throws {
        var bytes = Array((Self.ilostatHeader + "\nDEU,BA:1,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_ISIC4_").utf8)
        bytes += [0xC3, 0x28] + Array(",2023,10,,,,\nDEU,BA:1,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_ISIC4_C,2023,10,,,,\n".utf8)
        try withTemporaryFile(bytes) { url in
            let read = try readLabour(InputSpec(path: url.path, kind: .labour, format: .ilostat))
            #expect(read.rejects.map(\.code) == [.encodingError])
            #expect(read.rejects.first?.location.line == 2)
            #expect(read.rejects.first?.location.column == 5)
            #expect(read.records.count == 1)
            #expect(read.report.countsAddUp)
        }
    }

    @Test func ledgerIsTheSameInInspectAndTheReader() throws {
        let (bytes, _) = Self.ilostatFile(rows: 2_000, crlf: false, bom: false)
        try withTemporaryFile(bytes) { url in
            // What `run` reads (`collectLabour`: the reader plus repeated (series, period) values as `unique-error`).
            let read = try Ingestor.collectLabour(InputSpec(path: url.path, kind: .labour, format: .ilostat),
                                                  defaultCountry: nil, countries: nil, onReject: { _ in })
            // Declared UTF-8, as the pipeline input reads it (without it, inspect would sniff windows-1252 here).
            let inspected = try Inspector.inspect(path: url.path, encoding: .utf8)
            let skipped = read.report.skippedByReason.values.reduce(0, +)
            let used = read.report.rowsAccepted - skipped
            #expect(read.report.rowsRead == used + skipped + read.report.rowsRejected)
            #expect(used == read.collector.records)
            #expect((read.report.rejectsByCode["unique-error"] ?? 0) > 0, "the generated file repeats series periods")
            #expect(inspected.rowsRead == read.report.rowsRead)
            #expect(inspected.rowsAccepted == read.report.rowsAccepted)
            #expect(inspected.rowsRejected == read.report.rowsRejected)
            #expect(inspected.skippedByReason == read.report.skippedByReason)
            #expect(inspected.rejectsByCode == read.report.rejectsByCode)
        }
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `inspect` and `run` count one ILOSTAT file alike: read = used + skipped + rejected, each the same.
    @Test func ledgerIsTheSameInInspectAndRun() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("labour-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let rows = [
            "DEU,BA:1,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_ISIC4_C,2022,120.5,,,,",
            "DEU,BA:1,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_ISIC4_C,2023,121.5,,,,",
            "DEU,BA:1,EMP_TEMP_SEX_ECO_NB,SEX_M,ECO_ISIC4_C,2023,70.1,,,,",
            "NOR,BA:2,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_ISIC4_Q9,2023,10,,,,",
            "NOR,BA:2,EMP_TEMP_SEX_ECO_NB,SEX_T,XYZ,2023,10,,,,",
            "NOR,BA:2,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_ISIC4_X,2023,10,,,,",
            "NOR,BA:2,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_ISIC4_F,2023,,,,,",
            "FRA,BA:3,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_ISIC4_F,2023,500,,,,",
            "X01,BA:3,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_ISIC4_F,2023,500,,,,",
            "MKD,BA:4,UNE_DEAP_SEX_ECO_RT,SEX_T,ECO_ISIC4_F,2023,101,,,,",
            "MKD,BA:4,EMP_NIFL_SEX_ECO_RT,SEX_T,ECO_ISIC4_F,2023,20,,,,",
        ]
        let file = directory.appendingPathComponent("ilostat.csv")
        try Data((([Self.ilostatHeader] + rows).joined(separator: "\n") + "\n").utf8).write(to: file)
        let pipeline = directory.appendingPathComponent("pipeline.yaml")
        let root = Self.repositoryRoot.path
        try Data("""
            version: 1
            name: labour-ledger
            output: \(directory.path)/reports
            database: \(directory.path)/stocktake.sqlite
            taxonomy: \(root)/inputs/taxonomy
            max_reject_ratio: 0.9
            countries:
              - { code: DE, name: Germany, languages: [en], awarding_bodies: ["A"], partners: ["P"] }
              - { code: "NO", name: Norway, languages: [en], awarding_bodies: ["A"], partners: ["P"] }
              - { code: MK, name: North Macedonia, languages: [en], awarding_bodies: ["A"], partners: ["P"] }
            inputs:
              - { path: ilostat.csv, kind: labour, format: ilostat }

            """.utf8).write(to: pipeline)
        let result = PipelineRunner(options: RunOptions(pipelinePath: pipeline.path), logger: Logger(label: "test")).run()
        let inspected = try Inspector.inspect(path: file.path, encoding: .utf8)
        let skipped = inspected.skippedByReason.values.reduce(0, +)
        #expect(inspected.rowsRead == rows.count)
        #expect(inspected.rowsRejected == 3 && skipped == 5)
        #expect(result.rowsRead == inspected.rowsRead, "\(result.messages)")
        #expect(result.rowsSkipped == skipped)
        #expect(result.rowsRejected == inspected.rowsRejected)
        #expect(result.rowsAccepted == inspected.rowsAccepted)
        #expect(result.rowsRead == (result.rowsAccepted - result.rowsSkipped) + result.rowsSkipped + result.rowsRejected)
    }

    /// The same ILOSTAT rows compressed: the byte reader gives every row the same outcome.
    @Test func gzipILOSTATGivesTheSameOutcomes() throws {
        let (bytes, expected) = Self.ilostatFile(rows: 6_000, crlf: false, bom: true)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ilostat-\(UUID().uuidString).csv.gz").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let gz = try #require(gzopen(path, "wb"))
        let written = bytes.withUnsafeBytes { gzwrite(gz, $0.baseAddress, UInt32($0.count)) }
        #expect(gzclose(gz) == Z_OK && Int(written) == bytes.count)
        let read = try readLabour(InputSpec(path: path, kind: .labour, format: .ilostat))
        #expect(read.report.gzip)
        let got = Self.outcomes(read)
        let want = expected.filter { if case .skip = $0.value { return false } else { return true } }
        #expect(got == want)
        #expect(read.report.rowsRead == expected.count)
        #expect(read.report.countsAddUp)
    }

    /// A Eurostat TSV of `rows` rows with the outcome of each.
    static func eurostatFile(rows: Int, crlf: Bool) -> (bytes: [UInt8], expected: [Int: Expected], values: [Int: [Double]]) {
        let eol = crlf ? "\r\n" : "\n"
        let periods = (0..<40).map { "\(2015 + $0 / 4)-Q\($0 % 4 + 1)" }
        var bytes = Array(("freq,unit,sex,age,nace_r2,geo\\TIME_PERIOD\t" + periods.map { $0 + " " }.joined(separator: "\t") + eol).utf8)
        var expected: [Int: Expected] = [:]
        var values: [Int: [Double]] = [:]
        var random = SampleRandom(seed: 11)
        for i in 0..<rows {
            let line = i + 2
            let geo = ["DE", "NO", "EL", "MK", "EU27_2020", "ZZ"][i % 6]
            let sex = i % 7 == 3 ? "M" : "T"
            var cells: [String] = []
            var kept: [Double] = []
            var reject: (ErrorCode, Int)?
            for p in 0..<periods.count {
                let whole = random.int(below: 10_000), tenth = random.int(below: 10)
                switch random.int(below: 10) {
                case 0: cells.append(": ")
                case 1: cells.append(": c")
                case 2:
                    cells.append("\(whole).\(tenth) p")
                    kept.append(Double("\(whole).\(tenth)")!)
                case 3:
                    cells.append("\(whole).\(tenth)b")
                    kept.append(Double("\(whole).\(tenth)")!)
                default:
                    cells.append("\(whole).\(tenth) ")
                    kept.append(Double("\(whole).\(tenth)")!)
                }
                if i % 13 == 5, p == 17, reject == nil {
                    cells[p] = "-\(whole) "
                    reject = (.constraintError, p + 2)
                }
                if i % 19 == 7, p == 30, reject == nil {
                    cells[p] = "1,2,3"
                    reject = (.typeError, p + 2)
                }
            }
            bytes += Array(("Q,THS_PER,\(sex),Y15-64,C\(10 + i % 20),\(geo)\t" + cells.joined(separator: "\t") + eol).utf8)
            if sex != "T", geo != "ZZ", !geo.hasPrefix("EU") {
                expected[line] = .skip("breakdown")
            } else if geo == "ZZ" {
                expected[line] = .reject(.unknownCountry, column: 1)
            } else if geo.hasPrefix("EU") {
                expected[line] = .skip("aggregate-area")
            } else if sex != "T" {
                expected[line] = .skip("breakdown")
            } else if let reject {
                expected[line] = .reject(reject.0, column: reject.1)
            } else if kept.isEmpty {
                expected[line] = .skip("missing-value")
            } else {
                expected[line] = .records(kept.count)
                values[line] = kept
            }
        }
        return (bytes, expected, values)
    }

    @Test(arguments: [false, true])
    func eurostatTSVByteReaderMatchesEveryRow(crlf: Bool) throws {
        let (bytes, expected, values) = Self.eurostatFile(rows: 3_000, crlf: crlf)
        #expect(bytes.count > 2 * CSVReader.chunkSize)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tsv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("estat_lfsq_egan22.tsv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let read = try readLabour(InputSpec(path: path, kind: .labour))
        #expect(read.report.format == .eurostatTSV)
        var got: [Int: [Double]] = [:]
        for record in read.records { got[record.line, default: []].append(record.value) }
        #expect(got == values)
        let rejects = Dictionary(uniqueKeysWithValues: read.rejects.map { ($0.location.line, Expected.reject($0.code, column: $0.location.column)) })
        let wantRejects = expected.filter { if case .reject = $0.value { return true } else { return false } }
        #expect(rejects == wantRejects)
        var skips: [String: Int] = [:]
        for case .skip(let reason) in expected.values { skips[reason, default: 0] += 1 }
        #expect(read.report.skippedByReason == skips)
        #expect(read.report.rowsRead == expected.count)
        #expect(read.report.countsAddUp)
        #expect(read.records.allSatisfy { $0.country != "GR" || $0.unit == "THS_PER;age=Y15-64" })
    }

    @Test func numbersFromBytesEqualTheTextParser() {
        let parser = NumberParser(dialect: InputDialect())
        for text in ["0", "-0", "12", "12.5", "7679.474", "0.1", "123456789012.345678", "9007199254740993", "+3.25", "1.", ".5", "1e3", "1 234.5", "12a"] {
            let fast = Array(text.utf8).withUnsafeBufferPointer { LabourNumber.fast($0, decimal: 0x2E) }
            if let fast {
                #expect(fast == parser.double(Substring(text)), "\(text)")
                #expect(fast.sign == parser.double(Substring(text))?.sign)
            }
        }
        // Plain decimals always take the byte path, and give the same Double.
        var random = SampleRandom(seed: 3)
        for _ in 0..<20_000 {
            let text = "\(random.int(below: 10_000_000)).\(random.int(below: 1_000_000))"
            let fast = Array(text.utf8).withUnsafeBufferPointer { LabourNumber.fast($0, decimal: 0x2E) }
            #expect(fast != nil && fast == Double(text), "\(text)")
        }
    }

    @Test func classificationCodes() {
        #expect(LabourFields.classify("ECO_ISIC4_C") == .economic(skip: nil))
        #expect(LabourFields.classify("ECO_ISIC4_62") == .economic(skip: nil))
        #expect(LabourFields.classify("ECO_SECTOR_IND") == .economic(skip: nil))
        #expect(LabourFields.classify("ECO_AGGREGATE_PUB") == .economic(skip: nil))
        #expect(LabourFields.classify("ECO_ISIC4_X") == .economic(skip: "unclassified-activity"))
        #expect(LabourFields.classify("ECO_ISIC3_D") == .economic(skip: "unsupported-classification"))
        #expect(LabourFields.classify("AGE_YTHADULT_YGE15") == .other)
        #expect(LabourFields.classify("Economic activity (ISIC-Rev.4): C. Manufacturing") == .economic(skip: nil))
        #expect(LabourFields.classify("C10") == .economic(skip: nil))
        #expect(LabourFields.classify("Institutional sector: Total") == .other)
        if case .value(.classification(let lower)) = LabourFields.ilostatClassification("eco_isic4_c") {
            #expect(lower.isEconomic && lower.skip == nil && lower.code == "eco_isic4_c")
        } else {
            Issue.record("eco_isic4_c is ECO_ISIC4_C in lower case")
        }
        for unknown in ["ECO_ISIC4_Q9", "XYZ", "ECO_ISIC4_ÿþ", "ECO_FOO_A", "ECO_ISIC4_04", "ECO_AGGREGATE_ZZZ", "FOO_BAR_BAZ"] {
            if case .problem = LabourFields.classify(unknown) {} else { Issue.record("\(unknown) should be unknown") }
        }
    }
}
