import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel
@testable import StocktakeIngest

@Suite struct SampleGeneratorTests {
    @Test func sameSeedGivesByteIdenticalFiles() throws {
        let a = try SampleTemporaryDirectory(), b = try SampleTemporaryDirectory()
        defer { a.cleanUp(); b.cleanUp() }
        let first = try SampleGenerator.generate(SampleOptions(outputDirectory: a.path, seed: 7, respondents: 25))
        let second = try SampleGenerator.generate(SampleOptions(outputDirectory: b.path, seed: 7, respondents: 25))
        #expect(first.files.count == second.files.count)
        for code in SampleVocabulary.countryCodes {
            for name in ["survey.csv", "labour.csv"] {
                #expect(try a.contents("\(code)/\(name)") == b.contents("\(code)/\(name)"), "\(code)/\(name)")
            }
        }
        #expect(try a.contents("provision.csv") == b.contents("provision.csv"))
        // No temporary files are left behind.
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: a.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func differentSeedGivesDifferentData() throws {
        let a = try SampleTemporaryDirectory(), b = try SampleTemporaryDirectory()
        defer { a.cleanUp(); b.cleanUp() }
        try SampleGenerator.generate(SampleOptions(outputDirectory: a.path, seed: 1, respondents: 25, countries: ["UA"]))
        try SampleGenerator.generate(SampleOptions(outputDirectory: b.path, seed: 2, respondents: 25, countries: ["UA"]))
        #expect(try a.contents("UA/survey.csv") != b.contents("UA/survey.csv"))
        #expect(try a.contents("UA/labour.csv") != b.contents("UA/labour.csv"))
    }

    @Test func countryFileDoesNotDependOnOtherCountries() throws {
        let a = try SampleTemporaryDirectory(), b = try SampleTemporaryDirectory()
        defer { a.cleanUp(); b.cleanUp() }
        try SampleGenerator.generate(SampleOptions(outputDirectory: a.path, respondents: 30))
        try SampleGenerator.generate(SampleOptions(outputDirectory: b.path, respondents: 30, countries: ["GE"]))
        #expect(try a.contents("GE/survey.csv") == b.contents("GE/survey.csv"))
        #expect(try a.contents("GE/labour.csv") == b.contents("GE/labour.csv"))
    }

    @Test func surveyFilesAreValidNativeFormat() throws {
        let dir = try SampleTemporaryDirectory()
        defer { dir.cleanUp() }
        let summary = try SampleGenerator.generate(SampleOptions(outputDirectory: dir.path, respondents: 60))
        let organisations: Set = ["employer", "vet-provider", "public-employment-service", "chamber", "ngo", "other"]
        let groups = Set(TargetGroup.allCases.map(\.rawValue))
        for code in SampleVocabulary.countryCodes {
            var records: [CSVRecord] = []
            try CSVReader.forEachRecord(path: dir.file("\(code)/survey.csv")) { records.append($0) }
            #expect(records.first?.fields.joined(separator: ",") == SampleGenerator.surveyHeader)
            let rows = records.dropFirst()
            let file = try #require(summary.files.first { $0.path.hasSuffix("\(code)/survey.csv") })
            #expect(rows.count == file.rows)
            #expect(file.respondents == 60)
            var respondents = Set<String>()
            for record in rows {
                let f = record.fields
                try #require(f.count == 11, "line \(record.line) of \(code)")
                #expect(f[0] == code)
                #expect(f[1].hasPrefix("R-\(code)-"))
                respondents.insert(f[1])
                #expect(organisations.contains(f[2]))
                #expect(!f[3].isEmpty && !f[4].isEmpty)
                #expect((1...5).contains(Int(f[5]) ?? 0), "importance \(f[5])")
                #expect((1...5).contains(Int(f[6]) ?? 0), "proficiency \(f[6])")
                #expect(["yes", "no", ""].contains(f[7]))
                #expect(f[8].isEmpty || (-2...2).contains(Int(f[8]) ?? 99), "demand_change \(f[8])")
                #expect(["online", "blended", "on-site", ""].contains(f[9]))
                #expect(f[10].isEmpty || f[10].split(separator: "|").allSatisfy { groups.contains(String($0)) })
            }
            #expect(respondents.count == 60)
        }
    }

    @Test func labourFilesAreValidNativeFormatWithDifferentCoverage() throws {
        let dir = try SampleTemporaryDirectory()
        defer { dir.cleanUp() }
        try SampleGenerator.generate(SampleOptions(outputDirectory: dir.path, respondents: 5))
        var indicatorsByCountry: [String: Set<String>] = [:]
        for code in SampleVocabulary.countryCodes {
            var records: [CSVRecord] = []
            try CSVReader.forEachRecord(path: dir.file("\(code)/labour.csv")) { records.append($0) }
            #expect(records.first?.fields.joined(separator: ",") == SampleGenerator.labourHeader)
            var sectors = Set<String>()
            for record in records.dropFirst() {
                let f = record.fields
                try #require(f.count == 8)
                #expect(f[0] == code)
                sectors.insert(f[1])
                #expect(LabourIndicator(rawValue: f[2]) != nil)
                #expect(SampleLabourTable.periods.contains(f[3]))
                if f[4] == ":" {
                    #expect(f[6] == "c")
                } else {
                    let value = try #require(Double(f[4]))
                    #expect(value > 0)
                    if f[2] == "unemployment" { #expect(value < 60) }
                    if f[2] == "hours" { #expect((20...60).contains(value)) }
                }
                #expect(["", "p", "e", "b", "u", "c"].contains(f[6]))
                #expect(!f[7].isEmpty)
                indicatorsByCountry[code, default: []].insert(f[2])
            }
            #expect(sectors.contains("TOTAL"))
            #expect(sectors.count >= 6)
        }
        #expect(indicatorsByCountry["DE"]?.count == 5)
        #expect(indicatorsByCountry["AM"] == ["employment", "unemployment", "wages"])
        #expect(indicatorsByCountry["GE"]?.contains("vacancies") == false)
        #expect(indicatorsByCountry["UA"]?.contains("hours") == false)
    }

    @Test func singleFileHoldsEveryCountryAndHonoursTargetBytes() throws {
        let dir = try SampleTemporaryDirectory()
        defer { dir.cleanUp() }
        let target = 300_000
        let summary = try SampleGenerator.generate(
            SampleOptions(outputDirectory: dir.path, targetSurveyBytes: target, singleFile: true, writesProvision: false))
        let survey = try #require(summary.files.first { $0.kind == "survey" })
        let size = try FileManager.default.attributesOfItem(atPath: dir.file("survey.csv"))[.size] as? Int
        #expect(size == survey.bytes)
        #expect(survey.bytes >= target)
        #expect(survey.bytes < target + 5_000, "overshoot is at most one respondent")
        var countries = Set<String>()
        var labourCountries = Set<String>()
        try CSVReader.forEachRecord(path: dir.file("survey.csv")) { countries.insert($0.fields[0]) }
        try CSVReader.forEachRecord(path: dir.file("labour.csv")) { labourCountries.insert($0.fields[0]) }
        #expect(countries == Set(SampleVocabulary.countryCodes + ["country"]))
        #expect(labourCountries == Set(SampleVocabulary.countryCodes + ["country"]))
        #expect(!FileManager.default.fileExists(atPath: dir.file("provision.csv")))
    }

    @Test func perCountryTargetSplitsTheBytes() throws {
        let dir = try SampleTemporaryDirectory()
        defer { dir.cleanUp() }
        let summary = try SampleGenerator.generate(
            SampleOptions(outputDirectory: dir.path, countries: ["NO", "ME"], targetSurveyBytes: 100_000))
        let surveys = summary.files.filter { $0.kind == "survey" }
        #expect(surveys.count == 2)
        for file in surveys { #expect((50_000..<55_000).contains(file.bytes)) }
        #expect(summary.surveyBytes >= 100_000)
    }

    @Test func rejectsInvalidOptions() throws {
        let dir = try SampleTemporaryDirectory()
        defer { dir.cleanUp() }
        #expect(throws: SampleError.unknownCountry("FR")) {
            try SampleGenerator.generate(SampleOptions(outputDirectory: dir.path, countries: ["DE", "FR"]))
        }
        #expect(throws: SampleError.invalidRespondents(0)) {
            try SampleGenerator.generate(SampleOptions(outputDirectory: dir.path, respondents: 0))
        }
        #expect(throws: SampleError.noCountries) {
            try SampleGenerator.generate(SampleOptions(outputDirectory: dir.path, countries: []))
        }
    }

    @Test(arguments: [
        ("1G", 1_000_000_000), ("100M", 100_000_000), ("500k", 500_000), ("1GiB", 1 << 30), ("12345", 12_345),
        ("1.5M", 1_500_000), ("2MB", 2_000_000),
    ])
    func parsesByteSizes(text: String, bytes: Int) {
        #expect(SampleGenerator.parseByteSize(text) == bytes)
    }

    @Test(arguments: ["", "M", "-1M", "0", "ten", "1T"])
    func rejectsBadByteSizes(text: String) {
        #expect(SampleGenerator.parseByteSize(text) == nil)
    }
}
