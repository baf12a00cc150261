import Foundation
import StocktakeModel

/// Reads a `stocktake-survey` file: resolves the columns, streams the file through `NativeSurveySink` (which does
/// all the per-field work inside libcsv's callbacks), and hands out records or the aggregate.
final class NativeSurveyReader {
    let input: PreparedInput
    /// What each column holds (by index; unknown extra columns are `.ignored`).
    let roles: [NativeSurveySink.Role]
    let respondentColumn: Int
    let skillColumn: Int
    /// Respondents per generation of the respondent ledger (tests set it small to force spilling).
    let respondentWindow: Int
    /// Where the ledger's temporary files go (`$TMPDIR` by default).
    let spillDirectory: String
    /// Which skill labels form one cell (`Ingestor.SkillCell`).
    let skillCell: Ingestor.SkillCell
    /// Computes the respondents' record keys for the cell keys (nil: every key 0).
    let keyer: RecordKeyer?

    init(input: PreparedInput, respondentWindow: Int = RespondentLedger<NativeSurveySink.Row>.defaultWindow,
         spillDirectory: String = FileManager.default.temporaryDirectory.path,
         skillCell: @escaping Ingestor.SkillCell = Ingestor.labelCell, keyer: RecordKeyer? = nil) throws {
        self.input = input
        self.skillCell = skillCell
        self.keyer = keyer
        self.respondentWindow = respondentWindow
        self.spillDirectory = spillDirectory
        var roles = [NativeSurveySink.Role](repeating: .ignored, count: input.header.count)
        func assign(_ role: NativeSurveySink.Role, _ index: Int?) { if let index { roles[index] = role } }
        let country = input.column("country")
        if country == nil, input.country == nil, !input.allowMissingCountry {
            throw IngestError(file: input.file, line: input.headerRow, code: .missingColumn,
                              "column `country` is missing and the input sets no `country:`", columnName: "country")
        }
        assign(.country, country)
        respondentColumn = try input.require(input.column("respondent_id", "respondent"), "respondent_id")
        assign(.respondent, respondentColumn)
        assign(.organisation, try input.require(input.column("organisation_type", "organization_type"), "organisation_type"))
        assign(.sector, try input.require(input.column("sector"), "sector"))
        skillColumn = try input.require(input.column("skill"), "skill")
        assign(.skill, skillColumn)
        assign(.importance, try input.require(input.column("importance"), "importance"))
        assign(.proficiency, try input.require(input.column("proficiency"), "proficiency"))
        assign(.hardToFill, input.column("hard_to_fill"))
        assign(.demand, input.column("demand_change"))
        assign(.mode, input.column("learning_mode"))
        assign(.groups, input.column("target_groups"))
        try input.checkUnique(roles.indices.filter { roles[$0] != .ignored })
        self.roles = roles
    }

    /// Streams the file, handing every accepted row to `onRecord` as a `SurveyRecord`.
    func run(onRecord: (SurveyRecord) throws -> Void, onReject: (Reject) throws -> Void) throws -> IngestReport {
        try stream(collectRecords: true, onRecord: onRecord, onReject: onReject) { _ in () }.report
    }

    /// Reads the file into a raw aggregate instead of handing out records.
    func runAggregating(onReject: (Reject) throws -> Void) throws -> (IngestReport, SurveyRawAggregate) {
        try stream(collectRecords: false, onRecord: { _ in }, onReject: onReject) { sink in
            sink.cells.build(countries: sink.countryCanon.names, sectors: sink.sectorCanon.names, skills: sink.skillCanon.names)
        }
    }

    /// Streams the file through the sink (libcsv reads on a thread of its own, the sink works on this one); after
    /// every chunk, delivers the chunk's records (record path) and rejects, in file order; rows the respondent ledger
    /// deferred come last, in file order among themselves. Returns the file's report and what `result` makes of the
    /// finished sink.
    private func stream<T>(
        collectRecords: Bool, onRecord: (SurveyRecord) throws -> Void, onReject: (Reject) throws -> Void,
        result: (NativeSurveySink) -> T
    ) throws -> (report: IngestReport, result: T) {
        let sink = UnsafeMutablePointer<NativeSurveySink>.allocate(capacity: 1)
        sink.initialize(to: NativeSurveySink(
            input: input, roles: roles, respondentColumn: respondentColumn, skillColumn: skillColumn,
            collectRecords: collectRecords,
            ledger: RespondentLedger(window: respondentWindow, spillDirectory: spillDirectory),
            skillCell: skillCell, keyer: keyer))
        defer {
            sink.pointee.release()
            sink.deinitialize(count: 1)
            sink.deallocate()
        }
        /// Hands out the records and rejects the sink has gathered since the last call.
        func deliver() throws {
            for record in sink.pointee.records { try onRecord(record) }
            for reject in sink.pointee.rejects { try onReject(reject) }
            sink.pointee.records.removeAll(keepingCapacity: true)
            sink.pointee.rejects.removeAll(keepingCapacity: true)
        }
        let summary: CSVReadSummary
        do {
            summary = try CSVReader.parsePipelined(path: input.file, dialect: input.dialect, sink: sink) {
                try deliver()
                defer { sink.pointee.recordsSinceFlush = 0 }
                if let failure = sink.pointee.ledger.failure { throw failure }
                return sink.pointee.recordsSinceFlush
            }
            // Rows of respondents whose state was spilled, settled now and delivered last.
            try sink.pointee.settleDeferred()
            try deliver()
        } catch let error as CSVReadError {
            throw FileProbe.map(error, path: input.file)
        }
        var report = sink.pointee.tally.report
        input.finish(&report, summary: summary)
        return (report, result(sink.pointee))
    }
}
