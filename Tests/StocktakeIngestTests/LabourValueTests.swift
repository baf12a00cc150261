import Foundation
import Testing
@testable import StocktakeIngest
@testable import StocktakeModel

/// Issue 11, defects 2 and 3: every labour value carries a unit of the family its indicator needs, counts are
/// scaled (thousands ↔ persons), and impossible values are rejects with a location.
@Suite struct LabourValueTests {
    @Test func unitsAreReadByFamilyAndScale() throws {
        #expect(try LabourUnit.parse("THS_PER", for: .employment).get() == LabourUnit(family: .persons, scale: 1000))
        #expect(try LabourUnit.parse("NR", for: .vacancies).get() == LabourUnit(family: .persons, scale: 1))
        #expect(try LabourUnit.parse("THS;age=Y15-64", for: .employment).get().scale == 1000)
        #expect(try LabourUnit.parse("", for: .unemployment).get().family == .percent)
        #expect(try LabourUnit.parse("RSD", for: .wages).get().family == .currency)
        #expect(try LabourUnit.parse("HR", for: .hours).get().family == .hours)
        // A rate where a count is needed, money where hours are needed, an unknown code: errors naming the rule.
        #expect(throws: LabourUnit.UnitProblem.self) { try LabourUnit.parse("PC", for: .employment).get() }
        #expect(throws: LabourUnit.UnitProblem.self) { try LabourUnit.parse("EUR", for: .hours).get() }
        // Unemployment is a rate or a count of the unemployed (ILOSTAT UNE_TUNE_SEX_ECO_NB), never money or hours.
        #expect(try LabourUnit.parse("THS_PER", for: .unemployment).get() == LabourUnit(family: .persons, scale: 1000))
        #expect(throws: LabourUnit.UnitProblem.self) { try LabourUnit.parse("EUR", for: .unemployment).get() }
        #expect(throws: LabourUnit.UnitProblem.self) { try LabourUnit.parse("HR", for: .unemployment).get() }
        #expect(throws: LabourUnit.UnitProblem.self) { try LabourUnit.parse("bananas", for: .wages).get() }
        // ILOSTAT's hours series end in _NB but are hours, not thousands.
        #expect(LabourIndicatorTable.ilostatUnit("HOW_TEMP_SEX_ECO_NB") == "HR")
        #expect(LabourIndicatorTable.ilostatUnit("EMP_TEMP_SEX_ECO_NB") == "THS")
    }

    @Test func impossibleLabourValuesAreRejectsWithTheirLocation() throws {
        let text = """
        ref_area,source,indicator,sex,classif1,time,obs_value,obs_status
        SRB,BA:1,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_ISIC4_C,2023,-55.0,
        SRB,BA:1,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_ISIC4_C,20x4,120.5,
        SRB,BA:1,UNE_DEAP_SEX_ECO_RT,SEX_T,ECO_ISIC4_C,2023,130,
        SRB,BA:1,EMP_TEMP_SEX_ECO_NB,SEX_T,ECO_ISIC4_C,2022,120.5,
        SRB,BA:1,EMP_NIFL_SEX_ECO_RT,SEX_T,ECO_ISIC4_C,2022,20.5,
        SRB,BA:1,HOW_TEMP_SEX_ECO_NB,SEX_T,ECO_ISIC4_C,2022,41.5,

        """
        try withTemporaryFile(text.utf8) { url in
            let read = try readLabour(InputSpec(path: url.path, kind: .labour, format: .ilostat))
            #expect(read.rejects.map { "\($0.location.line):\($0.location.column)" } == ["2:7", "3:6", "4:7"])
            #expect(read.rejects.allSatisfy { $0.code == .constraintError })
            #expect(read.rejects[0].message.contains("cannot be negative"))
            #expect(read.rejects[1].message.contains("period"))
            #expect(read.rejects[2].message.contains("0–100"))
            #expect(read.records.map(\.value) == [120.5, 41.5])
            #expect(read.records.last?.unit == "HR")
            // The informal employment rate is a real ILOSTAT series the scoring does not use: skipped, not an error.
            #expect(read.report.skippedByReason == ["unused-indicator": 1])
            #expect(read.report.countsAddUp)
            // One ledger, the same in `inspect --json` as in the read `run` does: read = used + skipped + rejected.
            #expect(read.report.rowsUsed == 2 && read.report.rowsSkipped == 1 && read.report.rowsRejected == 3)
            let json = try Inspector.inspect(path: url.path).jsonString()
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            #expect(object["rows_read"] as? Int == 6)
            #expect(object["rows_used"] as? Int == read.report.rowsUsed)
            #expect(object["rows_skipped"] as? Int == read.report.rowsSkipped)
            #expect(object["rows_rejected"] as? Int == read.report.rowsRejected)
            #expect(object["rows_accepted"] as? Int == read.report.rowsAccepted)
        }
    }
}
