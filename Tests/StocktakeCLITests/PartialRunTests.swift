import Foundation
import Testing
@testable import StocktakeCore
import StocktakeModel

/// Issue 11, defect 4: a run with an input it cannot use is *partial* everywhere it is described — summary line,
/// run record, `reports/index.md` and the country report header — and names the file with its reason.
@Suite(.serialized) struct PartialRunTests {
    @Test func aSurveyFileThatCannotBeUsedMakesThePartialRunSaySo() throws {
        let dir = try BinaryRunner.fixture("mini")
        // Drop the `skill` column from Serbia's survey: the whole file is unusable (missing-column).
        let survey = dir.appendingPathComponent("inputs/survey-rs.csv")
        let lines = try String(contentsOf: survey, encoding: .utf8).split(separator: "\n").map { line in
            line.replacingOccurrences(of: ",skill,", with: ",skill_text,")
        }
        try (lines.joined(separator: "\n") + "\n").write(to: survey, atomically: true, encoding: .utf8)

        let result = try BinaryRunner.run(["run", "pipeline.yaml", "--quiet"], in: dir)
        #expect(result.status == 65, "\(result.stderr)")
        let summary = try #require(result.stderr.split(separator: "\n").last.map(String.init))
        #expect(summary.contains("partial: 1 input not used (inputs/survey-rs.csv (unreadable))"), "\(summary)")

        let index = try String(contentsOf: dir.appendingPathComponent("reports/index.md"), encoding: .utf8)
        #expect(index.contains("partial"))
        #expect(!index.contains("success"))

        let run = try RunCommandTests.latest(dir)
        for name in ["RS.md", "RS.en.md", "UA.en.md"] {
            let report = try String(contentsOf: run.appendingPathComponent(name), encoding: .utf8)
            #expect(report.contains("inputs/survey-rs.csv (unreadable)"), "\(name) names the unusable file")
        }
        let english = try String(contentsOf: run.appendingPathComponent("RS.en.md"), encoding: .utf8)
        #expect(english.contains("Partial run"))
        #expect(!english.contains("successful"))

        let store = try StagingStore(path: dir.appendingPathComponent("reports/mini.sqlite").path)
        #expect(try store.runListings(pipeline: "mini").map(\.status) == [.partial])
    }
}

/// Issue 11, defect 8: a free-text skill label written by one respondent is not published (free_text: false).
@Suite(.serialized) struct FreeTextSkillTests {
    @Test func aRareFreeTextSkillLabelIsWithheld() throws {
        let dir = try BinaryRunner.fixture("mini")
        let survey = dir.appendingPathComponent("inputs/survey-ua.csv")
        var text = try String(contentsOf: survey, encoding: .utf8)
        let first = try #require(text.split(separator: "\n").dropFirst().first)
        let fields = first.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        // The same respondent and sector, one more skill only they name.
        var row = fields
        row[4] = "Zzyzx private phrase"
        text += row.joined(separator: ",") + "\n"
        try text.write(to: survey, atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(["run", "pipeline.yaml", "--quiet"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let run = try RunCommandTests.latest(dir)
        for name in try FileManager.default.contentsOfDirectory(atPath: run.path) where !name.hasPrefix("charts") {
            let url = run.appendingPathComponent(name)
            let content = name.hasSuffix(".xlsx") ? try Self.unzippedText(url) : try String(contentsOf: url, encoding: .utf8)
            #expect(!content.isEmpty)
            #expect(!content.contains("Zzyzx"), "\(name) publishes a label one respondent wrote")
        }
        let gaps = try String(contentsOf: run.appendingPathComponent("gaps.csv"), encoding: .utf8)
        #expect(gaps.contains(",withheld,"))
        #expect(try Self.unzippedText(run.appendingPathComponent("stocktake.xlsx")).contains(">withheld<"))
    }

    /// Every member of a zip file (the workbook's XML parts), concatenated: read with Python's zipfile, as
    /// Foundation has no zip reader.
    static func unzippedText(_ url: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
            + "sys.stdout.buffer.write(b''.join(z.read(n) for n in z.namelist()))", url.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 zipfile could not read \(url.lastPathComponent)")
        return String(decoding: data, as: UTF8.self)
    }
}
