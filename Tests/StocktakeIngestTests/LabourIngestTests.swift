import Foundation
import Testing
@testable import StocktakeIngest
@testable import StocktakeModel

@Suite struct LabourIngestTests {
    @Test func nativeLabourSkipsMissingValuesAndKeepsFlags() throws {
        let read = try readLabour(InputSpec(path: ingestFixture("labour_ok.csv"), kind: .labour))
        #expect(read.report.format == .stocktakeLabour)
        #expect(read.report.rowsRead == 5 && read.report.rowsAccepted == 5)
        #expect(read.report.skippedByReason == ["missing-value": 2])
        #expect(read.report.countsAddUp)
        #expect(read.records.map(\.indicator) == [.employment, .employment, .wages])
        #expect(read.records[1].flag == "p")
        #expect(read.records[1].value == 7650.1)
        #expect(read.records[2].country == "NA")  // Namibia, not "not available"
    }

    @Test func otherCountriesAreSkippedForACountryInput() throws {
        let read = try readLabour(InputSpec(path: ingestFixture("labour_ok.csv"), kind: .labour), country: "DE")
        #expect(read.report.skippedByReason["other-country"] == 1)
        #expect(read.records.allSatisfy { $0.country == "DE" })
    }

    @Test func decimalCommaAndThousandsSeparators() throws {
        let dialect = InputDialect(delimiter: ";", decimal: ",", thousands: ".")
        let read = try readLabour(InputSpec(path: ingestFixture("labour_decimal_comma.csv"), kind: .labour, dialect: dialect))
        #expect(read.rejects.isEmpty)
        #expect(read.records.map(\.value) == [1234.5, 1234.5, 1234.5, 9.4])
        #expect(read.records[3].flag == "e")
    }

    @Test func decimalCommaWithoutDialectIsTypeError() throws {
        let read = try readLabour(InputSpec(path: ingestFixture("labour_decimal_comma.csv"), kind: .labour))
        #expect(read.report.rejectsByCode == ["type-error": 4])
        #expect(read.rejects.allSatisfy { $0.location.column == 5 })
    }

    @Test func eurostatSDMXCodes() throws {
        let read = try readLabour(InputSpec(path: ingestFixture("eurostat_sdmx.csv"), kind: .labour))
        #expect(read.report.format == .eurostatSDMX)
        #expect(read.report.countsAddUp)
        #expect(read.report.skippedByReason == ["aggregate-area": 1, "missing-value": 1])
        #expect(read.records.map(\.country) == ["DE", "DE", "NO"])
        #expect(read.records.map(\.flag) == ["", "p", "b"])
        #expect(read.records.allSatisfy { $0.indicator == .employment && $0.unit == "THS_PER" })
        #expect(read.report.lastUpdate == "16/04/24 11:00:00")
        #expect(read.report.datasets == ["ESTAT:LFSA_EGAN2(1.0)"])
    }

    @Test func eurostatSDMXLabels() throws {
        let read = try readLabour(InputSpec(path: ingestFixture("eurostat_sdmx_labels.csv"), kind: .labour))
        #expect(read.report.format == .eurostatSDMX)
        #expect(read.records.map(\.country) == ["DE", "MK"])
        #expect(read.records.map(\.sector) == ["Manufacturing", "Construction"])
        #expect(read.records.allSatisfy { $0.indicator == .vacancies })
        #expect(read.records[1].flag == "e")
        #expect(read.report.skippedByReason == ["aggregate-area": 1])
    }

    @Test func eurostatTSVWithFlags() throws {
        let read = try readLabour(InputSpec(path: ingestFixture("estat_lfsa_egan2.tsv"), kind: .labour))
        #expect(read.report.format == .eurostatTSV)
        #expect(read.report.delimiter == "tab")
        #expect(read.report.rowsRead == 5)
        #expect(read.report.countsAddUp)
        #expect(read.report.skippedByReason == ["aggregate-area": 1, "breakdown": 1, "missing-value": 1])
        #expect(read.records.map(\.period) == ["2021", "2022", "2023"])
        #expect(read.records.map(\.flag) == ["", "b", "p"])
        #expect(read.records.map(\.value) == [7789.2, 7702.3, 7650.1])
        #expect(read.records[0].unit == "THS_PER;age=Y15-64")
        #expect(read.rejects.map(\.code) == [.typeError])
        #expect(read.rejects.first?.location.line == 6)
        #expect(read.rejects.first?.location.column == 3)
    }

    @Test func eurostatTSVGzipVacancies() throws {
        let read = try readLabour(InputSpec(path: ingestFixture("estat_jvs_q_nace2.tsv.gz"), kind: .labour))
        #expect(read.report.gzip)
        #expect(read.records.count == 3)
        #expect(read.records.allSatisfy { $0.indicator == .vacancies })
        #expect(read.records[1].flag == "p" && read.records[1].period == "2023-Q2")
    }

    @Test func ilostatCodeColumns() throws {
        let read = try readLabour(InputSpec(path: ingestFixture("ilostat_codes.csv"), kind: .labour))
        #expect(read.report.format == .ilostat)
        #expect(read.report.countsAddUp)
        #expect(read.records.map(\.country) == ["MK", "AM"])
        #expect(read.records.map(\.indicator) == [.employment, .employment])
        #expect(read.records.map(\.sector) == ["ECO_ISIC4_C", "ECO_ISIC4_F"])
        #expect(read.records[1].flag == "B")
        // The unemployment rate by age has no economic activity: nothing the normalize stage can place in a sector.
        #expect(read.report.skippedByReason == ["aggregate-area": 1, "breakdown": 1, "no-economic-activity": 1, "unused-indicator": 1])
        #expect(read.rejects.map(\.code) == [.unknownCountry])
        #expect(read.rejects.first?.location.line == 8)
    }

    @Test func ilostatLabelColumns() throws {
        let read = try readLabour(InputSpec(path: ingestFixture("ilostat_labels.csv"), kind: .labour))
        #expect(read.report.bom)
        #expect(read.records.map(\.country) == ["MK", "XK"])
        #expect(read.records[0].sector == "Economic activity (ISIC-Rev.4): C. Manufacturing")
        #expect(read.records[0].unit == "THS")
        #expect(read.records[1].flag == "B")
        #expect(read.report.skippedByReason == ["breakdown": 1, "missing-value": 1])
    }

    @Test func explicitIndicatorOverridesTheTable() throws {
        let spec = InputSpec(path: ingestFixture("ilostat_labels.csv"), kind: .labour, indicator: .hours)
        let read = try readLabour(spec)
        #expect(read.records.allSatisfy { $0.indicator == .hours })
    }

    @Test func indicatorTable() {
        #expect(LabourIndicatorTable.ilostat("EMP_TEMP_SEX_ECO_NB") == .indicator(.employment))
        #expect(LabourIndicatorTable.ilostat("UNE_DEAP_SEX_AGE_RT") == .indicator(.unemployment))
        #expect(LabourIndicatorTable.ilostat("EAR_4MTH_SEX_ECO_CUR_NB") == .indicator(.wages))
        #expect(LabourIndicatorTable.ilostat("HOW_TEMP_SEX_ECO_NB") == .indicator(.hours))
        #expect(LabourIndicatorTable.ilostat("POP_XWAP_SEX_AGE_NB") == .unknown)
        #expect(LabourIndicatorTable.eurostat(dataset: "ESTAT:JVS_Q_NACE2(1.0)") == .indicator(.vacancies))
        #expect(LabourIndicatorTable.eurostat(dataset: "une_rt_a") == .indicator(.unemployment))
        #expect(LabourIndicatorTable.eurostat(dataset: "lfsa_ewhan2") == .indicator(.hours))
    }

    @Test func realILOSTATSampleCountsAddUp() throws {
        let path = "/work/shared/samples/ilostat/EMP_TEMP_SEX_INS_NB_A-20240725T0039.csv"
        guard FileManager.default.fileExists(atPath: path) else { return }
        let read = try readLabour(InputSpec(path: path, kind: .labour))
        #expect(read.report.rowsRead == 15_839)
        #expect(read.report.countsAddUp)
        #expect(read.rejects.isEmpty)
        // Employment by institutional sector (public/private) has no economic-activity breakdown: every valid row is
        // skipped at ingest, where the normalize stage used to leave it unmapped.
        #expect(read.records.isEmpty)
        #expect(read.report.skippedByReason["no-economic-activity"] == 15_839 - (read.report.skippedByReason["breakdown"] ?? 0))
    }
}

/// Sector codes of `stocktake-labour` and Eurostat files are checked at ingest, as ILOSTAT's classifications are:
/// an unknown code is a reject at its cell, never a row accepted here and dropped later by the normalize stage.
@Suite struct NACESectorCodeTests {
    @Test func eurostatCodesAreKnownUnsupportedOrUnknown() {
        for code in ["TOTAL", "C", "C10", "10", "10.1", "C10.11", "B-E", "G-I", "M_N", "C10-C12", "C10-12", "C22_C23",
                     "J58-J60", "R-U", "B-F"] {
            #expect(LabourFields.naceCode(code) == .known, "\(code)")
        }
        for code in ["B-S_X_O", "L68A", "B-N_X_K642"] {
            #expect(LabourFields.naceCode(code) != .known, "\(code)")
        }
        #expect(LabourFields.naceCode("B-S_X_O") == .unsupported && LabourFields.naceCode("L68A") == .unsupported)
        for code in ["XYZ", "V", "C99", "C45", "04", "E-B", "C12-C10", "10.111", "Z-A", "EU27", "C10-G", "1O"] {
            #expect(LabourFields.naceCode(code) == .unknown, "\(code)")
        }
    }

    @Test func unknownCodesAreRejectedAtTheirCellAndLabelsPass() throws {
        let csv = "country,sector,indicator,period,value\nDE,C,employment,2023,1\nDE,C99,employment,2023,2\n"
            + "DE,Manufacturing,employment,2023,3\nDE,B-S_X_O,employment,2023,4\nDE,XYZ,employment,2023,5\n"
        try withTemporaryFile(Array(csv.utf8)) { url in
            let read = try readLabour(InputSpec(path: url.path, kind: .labour))
            #expect(read.report.countsAddUp)
            #expect(read.records.map(\.sector) == ["C", "Manufacturing"])
            #expect(read.report.skippedByReason == ["unsupported-aggregate": 1])
            #expect(read.rejects.map(\.code) == [.unknownClassification, .unknownClassification])
            #expect(read.rejects.map(\.location.line) == [3, 6] && read.rejects.allSatisfy { $0.location.column == 2 })
        }
        let tsv = "freq,unit,nace_r2,geo\\TIME_PERIOD\t2022 \t2023 \nA,THS_PER,C,DE\t1 \t2 \nA,THS_PER,Q9,DE\t1 \t2 \n"
        try withTemporaryFile(Array(tsv.utf8)) { url in
            let path = url.deletingLastPathComponent().appendingPathComponent("estat_lfsa_egan2-\(UUID().uuidString).tsv")
            try FileManager.default.moveItem(at: url, to: path)
            defer { try? FileManager.default.removeItem(at: path) }
            let read = try readLabour(InputSpec(path: path.path, kind: .labour, format: .eurostatTSV, indicator: .employment))
            #expect(read.records.count == 2 && read.rejects.map(\.code) == [.unknownClassification])
            #expect(read.rejects.first?.location.line == 3)
        }
    }
}
