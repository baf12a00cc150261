import Testing
@testable import StocktakeIngest
@testable import StocktakeModel

@Suite struct SkipReasonTests {
    /// The raw values are keys of `skipped_by_reason` in inspect's JSON and of `input_file.skipped_json` in the
    /// store: renaming a case must not change them.
    @Test func rawValuesAreTheDocumentedKeys() {
        #expect(SkipReason.allCases.map(\.rawValue).sorted() == [
            "aggregate-area", "breakdown", "incomplete-response", "missing-value", "no-answers", "no-economic-activity",
            "other-country", "unclassified-activity", "unsupported-aggregate", "unsupported-classification",
            "unused-indicator",
        ])
    }

    @Test func aSkipByEnumOrByRawValueCountsTheSame() {
        var byCase = RowTally(report: IngestReport(file: "f", format: .stocktakeLabour))
        var byString = byCase
        byCase.skip(.missingValue)
        byString.skip("missing-value")
        #expect(byCase.report.skippedByReason == ["missing-value": 1])
        #expect(byString.report.skippedByReason == byCase.report.skippedByReason)
        #expect(byString.report.rowsRead == 1 && byString.report.rowsAccepted == 1)
    }
}
