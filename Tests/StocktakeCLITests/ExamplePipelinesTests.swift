import Foundation
import Testing

/// Every shipped pipeline runs end to end with the built binary (reports and database in a temporary folder).
@Suite struct ExamplePipelinesTests {
    static func run(_ pipeline: String, _ extra: [String] = []) throws -> (BinaryRunner.Output, URL) {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-example-\(UUID().uuidString)")
        let result = try BinaryRunner.run(
            ["run", pipeline, "--quiet", "--out", out.path, "--db", out.appendingPathComponent("db.sqlite").path] + extra,
            in: BinaryRunner.packageRoot)
        return (result, out)
    }

    @Test func bundledPipelineReportsAllEightCountries() throws {
        let (result, out) = try Self.run("pipelines/bem.yaml")
        #expect(result.status == 0, "\(result.stderr)")
        let latest = out.appendingPathComponent("latest")
        for code in ["DE", "NO", "MK", "RS", "ME", "AM", "GE", "UA"] {
            #expect(FileManager.default.fileExists(atPath: latest.appendingPathComponent("\(code).md").path), "\(code)")
        }
        let proposals = try String(contentsOf: latest.appendingPathComponent("proposals.csv"), encoding: .utf8)
        for code in ["DE", "NO", "MK", "RS", "ME", "AM", "GE", "UA"] {
            #expect(proposals.contains("\r\n\(code),"), "no proposal for \(code)")
        }
    }

    @Test func excelVariantIsSelectableByFlag() throws {
        let (result, out) = try Self.run("pipelines/examples/real-formats/pipeline.yaml", ["--csv-variant", "excel"])
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = try Data(contentsOf: out.appendingPathComponent("latest/gaps.csv"))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: bytes, as: UTF8.self).contains("country;sector_code;"))
    }

    @Test func realFormatsExampleRunsEndToEnd() throws {
        let (result, out) = try Self.run("pipelines/examples/real-formats/pipeline.yaml")
        #expect(result.status == 0, "\(result.stderr)")
        let latest = out.appendingPathComponent("latest")
        let sectors = try String(contentsOf: latest.appendingPathComponent("sectors.csv"), encoding: .utf8)
        #expect(sectors.contains("\r\nRS,"), "Eurostat/ILOSTAT labour data reached Serbia's sector table")
        let gaps = try String(contentsOf: latest.appendingPathComponent("gaps.csv"), encoding: .utf8)
        #expect(gaps.contains("\r\nRS,") && gaps.contains("\r\nGE,"), "LimeSurvey and Kobo answers were scored")
        // Serbia's LimeSurvey items name their ESCO groups (skill_codes / esco:): its skills are scored under
        // those groups and its report counts them under method `code` (Serbian: `šifra`).
        let rsGaps = gaps.split(separator: "\r\n").filter { $0.hasPrefix("RS,") }
        #expect(!rsGaps.isEmpty && rsGaps.allSatisfy { line in ["S7.1.6", "S5", "S3.3.1", "S1.8"].contains { line.contains(",\($0),") } })
        let report = try String(contentsOf: latest.appendingPathComponent("RS.md"), encoding: .utf8)
        #expect(report.contains("| šifra | ") && !report.contains("Zavarivanje"))
    }
}
