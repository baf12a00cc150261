import Foundation
import Testing
import StocktakeIngest

/// The bundled run on the real ILOSTAT files (`inputs/ilostat/`, Gapminder DDF): its labour figures are ILOSTAT's,
/// and the consistency checks find the anomalies the data's SOURCES.md describes.
@Suite struct RealLabourDataTests {
    /// One bundled run shared by the tests (a run takes a second; the binary is built once).
    static let run: (BinaryRunner.Output, URL) = {
        (try? ExamplePipelinesTests.run("pipelines/bem.yaml", ["--force"]))!
    }()

    static func latest(_ name: String) throws -> [[String]] {
        var rows: [[String]] = []
        try CSVReader.forEachRecord(path: run.1.appendingPathComponent("latest/\(name)").path) { rows.append($0.fields) }
        return rows
    }

    static func table(_ name: String) throws -> [[String: String]] {
        let rows = try latest(name)
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(rows[0], $0)) }
    }

    /// The value of `classif1` in the latest year of the shared DDF file (ILOSTAT employment, thousands).
    static func ilostat(_ indicator: String, _ iso3: String, _ classif: String) throws -> (year: Int, value: Double) {
        let path = BinaryRunner.packageRoot.appendingPathComponent(
            "inputs/ilostat/datapoints/ddf--datapoints--\(indicator)--by--ref_area--sex--classif1--time/ddf--datapoints--\(indicator)--by--ref_area-\(iso3)--sex--classif1--time.csv").path
        var best: (Int, Double)?
        try CSVReader.forEachRecord(path: path) { record in
            guard record.fields[2] == classif, let year = Int(record.fields[3]), let value = Double(record.fields[4]) else { return }
            if best == nil || year > best!.0 { best = (year, value) }
        }
        return try #require(best)
    }

    @Test func employmentSharesAreILOSTATsLatestYear() throws {
        #expect(Self.run.0.status == 0, "\(Self.run.0.stderr)")
        let sectors = try Self.table("sectors.csv")
        let j = try Self.ilostat("emp_temp_sex_eco_nb", "deu", "eco_isic4_j")
        let total = try Self.ilostat("emp_temp_sex_eco_nb", "deu", "eco_isic4_total")
        #expect(j.year == total.year)
        let row = try #require(sectors.first { $0["country"] == "DE" && $0["sector_code"] == "J" })
        let share = try #require(Double(row["employment_share"] ?? ""))
        #expect(abs(share - j.value / total.value) < 0.00005, "DE J share \(share) vs \(j.value)/\(total.value)")
        // Growth is over the five years up to the latest, and the window is published.
        #expect(row["periods_employment"] == "\(j.year - 5)–\(j.year)")
        let provenance = try String(contentsOf: Self.run.1.appendingPathComponent("latest/DE.en.md"), encoding: .utf8)
        #expect(provenance.contains("Gapminder DDF (open-numbers/ddf--ilo--ilostat)") && provenance.contains("CC BY 4.0 (ILO)"))
    }

    @Test func checksFindTheSerbianAndUkrainianAnomalies() throws {
        let checks = try Self.table("labour_checks.csv")
        func find(_ country: String, _ indicator: String, _ check: String) -> [String: String]? {
            checks.first { $0["country"] == country && $0["indicator"] == indicator && $0["check"] == check }
        }
        // Serbian unemployment 2021–24: only A, B, C (broad sectors under section codes) — left out; 2020: 74 %
        // not classified — left out; what remains ends in 2019.
        let rs = try #require(find("RS", "unemployment", "incomplete-breakdown"))
        #expect(rs["periods"] == "2021 2022 2023 2024" && rs["action"] == "periods-left-out")
        let rs2020 = try #require(find("RS", "unemployment", "unclassified-share"))
        #expect(rs2020["periods"] == "2020" && rs2020["action"] == "periods-left-out")
        let sectors = try Self.table("sectors.csv")
        #expect(sectors.first { $0["country"] == "RS" && $0["sector_code"] == "C" }?["periods_unemployment"] == "2019")
        // Ukraine: employment ends 2021 (flagged, used), unemployment 2015 (left out).
        let uaEmployment = try #require(find("UA", "employment", "stale-series"))
        #expect(uaEmployment["periods"] == "2021" && uaEmployment["action"] == "flagged")
        let uaUnemployment = try #require(find("UA", "unemployment", "stale-series"))
        #expect(uaUnemployment["periods"] == "2015" && uaUnemployment["action"] == "series-left-out")
        #expect(sectors.filter { $0["country"] == "UA" }.allSatisfy { ($0["z_unemployment"] ?? "").isEmpty })
        // Germany's employment adds up: no period-level finding.
        #expect(!checks.contains { $0["country"] == "DE" && $0["indicator"] == "employment" && $0["action"] != "flagged" })
    }

    @Test func everyCountryReportSaysWhichSubIndicesItsDataSupports() throws {
        let expected = ["DE": 3, "NO": 3, "MK": 3, "RS": 3, "ME": 3, "AM": 1, "GE": 3, "UA": 2]
        for (code, count) in expected {
            let text = try String(contentsOf: Self.run.1.appendingPathComponent("latest/\(code).en.md"), encoding: .utf8)
            #expect(text.contains("\(count) of 5 sub-indices have data"), "\(code)")
            let missing = code == "AM" ? "Vacancy rate, Unemployment (reversed), Wage growth" : "Vacancy rate, Wage growth"
            #expect(text.contains("No data: \(missing)."), "\(code)")
        }
        let armenia = try String(contentsOf: Self.run.1.appendingPathComponent("latest/AM.en.md"), encoding: .utf8)
        #expect(armenia.contains("Left out by the consistency checks: Hours growth"))
    }
}
