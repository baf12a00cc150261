import Foundation
import Testing
@testable import StocktakeIngest
@testable import StocktakeModel

/// Gapminder DDF datapoints of ILOSTAT (`format: ddf`), read through the same typed fields as ILOSTAT's own files.
@Suite struct DDFReaderTests {
    /// A DDF package in a temporary folder: the concept file at its root, one datapoint file two levels down.
    static func package(
        indicator: String, rows: [String], conceptLabel: String? = nil, _ body: (String) throws -> Void
    ) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ddf-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("datapoints/ddf--datapoints--\(indicator)--by--ref_area--sex--classif1--time")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        if let conceptLabel {
            try ("concept,concept_label,concept_type\nother_nb,Something else (thousands),measure\n"
                 + "\(indicator),\"\(conceptLabel)\",measure\n").write(
                to: root.appendingPathComponent("ddf--concepts--continuous.csv"), atomically: true, encoding: .utf8)
        }
        let file = folder.appendingPathComponent("ddf--datapoints--\(indicator)--by--ref_area-srb--sex--classif1--time.csv")
        try (["ref_area,sex,classif1,time,\(indicator)"] + rows).joined(separator: "\n").appending("\n")
            .write(to: file, atomically: true, encoding: .utf8)
        try body(file.path)
    }

    @Test func readsEmploymentWithTheConceptsUnitAndSkipsNotClassified() throws {
        try Self.package(indicator: "emp_temp_sex_eco_nb", rows: [
            "srb,sex_t,eco_isic4_total,2023,2935.3",
            "srb,sex_t,eco_isic4_c,2023,640.1",
            "srb,sex_t,eco_isic4_x,2023,1.2",
            "srb,sex_m,eco_isic4_c,2023,400",
        ], conceptLabel: "Employment by sex and economic activity (thousands)") { path in
            #expect(FormatDetector.detect(header: ["ref_area", "sex", "classif1", "time", "emp_temp_sex_eco_nb"]) == .ddf)
            let read = try readLabour(InputSpec(path: path, kind: .labour))
            #expect(read.report.format == .ddf)
            #expect(read.report.countsAddUp && read.report.rowsRead == 4)
            #expect(read.report.skippedByReason == ["unclassified-activity": 1, "breakdown": 1])
            #expect(read.records.map(\.sector) == ["eco_isic4_total", "eco_isic4_c"])
            #expect(read.records.allSatisfy { $0.country == "RS" && $0.indicator == .employment && $0.unit == "THS" })
            #expect(read.records[0].source == "ILOSTAT emp_temp_sex_eco_nb (Gapminder DDF)")
            #expect(read.report.datasets == ["emp_temp_sex_eco_nb"])
            // The country block's code keeps only its rows; `inspect` gives the same ledger as `run`.
            #expect(try readLabour(InputSpec(path: path, kind: .labour), country: "DE").records.isEmpty)
            let inspected = try Inspector.inspect(path: path)
            #expect(inspected.format == "ddf" && inspected.rowsRead == 4 && inspected.rowsAccepted == 4)
            #expect(inspected.skippedByReason == read.report.skippedByReason)
        }
    }

    @Test func unemploymentCountsAndHoursGetTheirIndicatorAndUnit() throws {
        try Self.package(indicator: "une_tune_sex_eco_nb", rows: ["srb,sex_t,eco_isic4_b,2024,72.055"]) { path in
            // No concept file: the unit comes from the code (`_nb` = thousands for counts).
            let read = try readLabour(InputSpec(path: path, kind: .labour))
            #expect(read.records.first?.indicator == .unemployment && read.records.first?.unit == "THS")
        }
        try Self.package(indicator: "how_temp_sex_eco_nb", rows: ["srb,sex_t,eco_isic4_b,2024,41.2"],
                         conceptLabel: "Mean weekly hours actually worked per employed person by sex and economic activity") { path in
            let read = try readLabour(InputSpec(path: path, kind: .labour))
            #expect(read.records.first?.indicator == .hours && read.records.first?.unit == "HR")
        }
    }

    @Test func badValuesAreRejectedWithTheirLocation() throws {
        try Self.package(indicator: "emp_temp_sex_eco_nb", rows: [
            "srb,sex_t,eco_isic4_c,2023,-55.0",
            "srb,sex_t,eco_isic4_c,20x4,12",
            "srb,sex_t,eco_isic4_q9,2023,12",
            "xyz,sex_t,eco_isic4_c,2023,12",
            "srb,sex_t,eco_isic4_c,2023,abc",
            "srb,sex_t,eco_isic4_c,2022,",
        ]) { path in
            let read = try readLabour(InputSpec(path: path, kind: .labour))
            #expect(read.report.countsAddUp && read.report.rowsRead == 6)
            #expect(read.report.rejectsByCode == ["constraint-error": 2, "unknown-classification": 1, "unknown-country": 1,
                                                  "type-error": 1])
            #expect(read.rejects.map(\.location.line) == [2, 3, 4, 5, 6])
            #expect(read.rejects.map(\.location.column) == [5, 4, 3, 1, 5])
            #expect(read.report.skippedByReason == ["missing-value": 1])
        }
    }

    @Test func anIndicatorTheScoringDoesNotUseIsSkippedNotRejected() throws {
        try Self.package(indicator: "eip_wap_sex_eco_nb", rows: ["srb,sex_t,eco_isic4_c,2023,12"]) { path in
            let read = try readLabour(InputSpec(path: path, kind: .labour))
            #expect(read.rejects.isEmpty && read.report.skippedByReason == ["unused-indicator": 1])
        }
        // A header with two value columns is no DDF datapoint file.
        #expect(FormatDetector.detect(header: ["ref_area", "time", "a_nb", "b_nb"]) != .ddf)
    }
}
