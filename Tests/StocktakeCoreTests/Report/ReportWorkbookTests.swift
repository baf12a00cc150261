import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

/// `stocktake.xlsx`: reproducible bytes, and, read back with openpyxl (scripts/check-exports.py in `.build/venv`,
/// made by scripts/ensure-venv.sh), numbers as numbers, non-Latin text intact, suppressed cells as `C`, frozen
/// headers; the same script validates `datapackage.json` with frictionless.
@Suite struct ReportWorkbookTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let python = root.appendingPathComponent(".build/venv/bin/python")
    static let hasPythonTools = FileManager.default.isExecutableFile(atPath: python.path)
    static let georgian = "მშენებლობა და რემონტი"
    static let armenian = "Շինարարություն"

    /// The fixture with Georgian and Armenian unmapped names beside its Cyrillic one, and one that looks like an
    /// OOXML character escape.
    static func model(runID: String = "20261129T080000Z", startTime: String = "2026-11-29T08:00:00Z") -> ReportModel {
        var model = ReportFixture.model(runID: runID, startTime: startTime)
        model.countries[0].unmapped += [UnmappedName(text: georgian, count: 6), UnmappedName(text: "Bau_x0041_", count: 5),
                                        UnmappedName(text: armenian, count: 5, bestCandidate: SectorKey(section: "F"), confidence: 0.5)]
        return model
    }

    static func workbook(_ model: ReportModel) throws -> Data {
        try ReportRenderer(catalog: ReportFixture.catalog()).workbook(model).contents
    }

    /// Two runs on the same inputs (other run id, other start time, another second) give the same bytes: the
    /// document's creation date comes from the inputs.
    @Test func isByteIdenticalForTheSameInputs() throws {
        let first = try Self.workbook(Self.model(runID: "run-a", startTime: "2026-11-29T08:00:00Z"))
        Thread.sleep(forTimeInterval: 1.1)
        let second = try Self.workbook(Self.model(runID: "run-b", startTime: "2026-11-30T09:30:00Z"))
        #expect(first.starts(with: Array("PK".utf8)), "a zip container")
        #expect(first == second)
        var changed = Self.model()
        changed.countries[0].unmapped[0].count += 1
        #expect(try Self.workbook(changed) != first, "the bytes follow the data")
    }

    /// The creation date is the latest input `last_update` (the fixture's labour file: 2026-03-15), else 1980-01-01.
    @Test func creationDateComesFromTheInputs() {
        var model = ReportFixture.model()
        #expect(Timestamp.iso8601(ReportWorkbook.created(model)) == "2026-03-15T00:00:00Z")
        for c in model.countries.indices {
            for i in model.countries[c].inputs.indices { model.countries[c].inputs[i].lastUpdate = nil }
        }
        #expect(ReportWorkbook.created(model) == ReportWorkbook.defaultCreated)
    }

    @Test func textIsPassedToLibxlsxwriterSafely() {
        #expect(ReportWorkbook.ooxmlText("Bau_x0041_ und _x00e9_") == "Bau_x005F_x0041_ und _x005F_x00e9_")
        #expect(ReportWorkbook.ooxmlText("a\u{0}b") == "ab")
        #expect(ReportWorkbook.ooxmlText("_x12_ Будівництво") == "_x12_ Будівництво")
    }

    @Test func displayFormatsFollowTheColumnKind() {
        #expect(ReportWorkbook.numberFormat(.integer) == "0")
        #expect(ReportWorkbook.numberFormat(.decimal(2)) == "0.00")
        #expect(ReportWorkbook.numberFormat(.decimal(4)) == "0.0000")
        #expect(ReportWorkbook.numberFormat(.share(4)) == "0.00%")
        #expect(ReportWorkbook.numberFormat(.text) == nil)
    }

    /// Publishes the fixture run (both CSV variants) and checks it with scripts/check-exports.py: the data package
    /// validates, every workbook cell equals its CSV field (numbers as numbers), and the details below hold.
    @Test(.enabled(if: hasPythonTools, "skipped: no .build/venv with openpyxl and frictionless (run scripts/ensure-venv.sh; needs PyPI)"),
          arguments: ReportOptions.CSVVariant.allCases)
    func readsBackWithOpenpyxlAndValidatesWithFrictionless(variant: ReportOptions.CSVVariant) throws {
        let directory = try ReportInjectionTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = try ReportPublisher.publish(model: Self.model(), root: directory, runID: "run-a",
                                                 options: ReportOptions(csvVariant: variant), catalog: ReportFixture.catalog())
        let (status, result) = try Self.check(folder)
        #expect(result["problems"] as? [String] == [], "\(result["problems"] ?? "")")
        #expect(result["datapackage_valid"] as? Bool == true, "\(result["datapackage_errors"] ?? "")")
        #expect(status == 0)
        let workbook = try #require(result["workbook"] as? [String: Any])
        #expect(workbook["sheets"] as? [String] == ReportColumns.tables.map(\.name) + ["dictionary"])
        #expect(workbook["created"] as? String == "2026-03-15T00:00:00+00:00")
        #expect(workbook["title"] as? String == "stocktake: bem-fixture")
        let gapsInfo = try #require(workbook["gaps"] as? [String: Any])
        #expect(gapsInfo["freeze_panes"] as? String == "A2")
        #expect((gapsInfo["number_formats"] as? [String: String])?["hard_to_fill_share"] == "0.00%")
        let widths = try #require(gapsInfo["widths"] as? [Double])
        #expect(widths.allSatisfy { $0 >= 6 && $0 <= 61 } && Set(widths).count > 3, "widths fitted to content: \(widths)")

        let cells = try #require(result["cells"] as? [String: [[Any]]])
        func column(_ sheet: String, _ name: String) throws -> [[Any]?] {
            let rows = try #require(cells[sheet])
            let header = rows[0].map { ($0 as? [Any])?[1] as? String }
            let index = try #require(header.firstIndex(of: name))
            return rows.dropFirst().map { $0[index] as? [Any] }
        }
        // Non-Latin text round-trips.
        let names = try column("unmapped", "text").compactMap { $0?[1] as? String }
        for name in [Self.georgian, Self.armenian, "Будівельна галузь (ремонт)", "Bau_x0041_"] {
            #expect(names.contains(name), "\(name) in \(names)")
        }
        // Suppressed cells hold the flag as text; published ones numbers.
        let flags = try column("gaps", "flags").map { $0?[1] as? String }
        let n = try column("gaps", "n")
        let gapScores = try column("gaps", "gap_score")
        #expect(flags.contains { $0 == "C" })
        for (index, flag) in flags.enumerated() {
            if flag?.split(separator: " ").contains("C") == true {
                #expect(n[index]?[0] as? String == "s" && n[index]?[1] as? String == "C")
                #expect(gapScores[index]?[1] as? String == "C")
            } else {
                #expect(n[index]?[0] as? String == "n")
                #expect(gapScores[index]?[0] as? String == "n")
            }
        }
        // A text that looks like a formula stays text, without the CSV's `'` prefix.
        #expect(names.contains("-Handwerk"))
    }

    /// The check is not vacuous: a CSV field that breaks its schema fails frictionless and the comparison.
    @Test(.enabled(if: hasPythonTools, "skipped: no .build/venv with openpyxl and frictionless (run scripts/ensure-venv.sh; needs PyPI)"))
    func checkFailsWhenACSVBreaksItsSchema() throws {
        let directory = try ReportInjectionTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = try ReportPublisher.publish(model: Self.model(), root: directory, runID: "run-a",
                                                 catalog: ReportFixture.catalog())
        let gaps = folder.appendingPathComponent("gaps.csv")
        let text = try String(contentsOf: gaps, encoding: .utf8)
        // The first data row's `n` (42) becomes text.
        try text.replacingOccurrences(of: ",S6,42,", with: ",S6,many,").write(to: gaps, atomically: true, encoding: .utf8)
        let (status, result) = try Self.check(folder)
        #expect(status == 1)
        #expect(result["datapackage_valid"] as? Bool == false)
        #expect((result["problems"] as? [String])?.contains { $0.contains("gaps!H2") } == true)
    }

    static func check(_ folder: URL) throws -> (Int32, [String: Any]) {
        let process = Process()
        process.executableURL = python
        process.arguments = [root.appendingPathComponent("scripts/check-exports.py").path, folder.path, "--dump"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (process.terminationStatus, json)
    }
}
