/// The `stocktake-survey` hot path: raw libcsv bytes, every categorical cell parsed once per distinct value
/// (interned), no per-row allocation beyond what the record callback keeps.
final class NativeSurveyReader {
    /// A cell parsed once: its value, or why it is invalid.
    enum Cell<T> {
        case value(T)
        case invalid(ErrorCode, String)
    }

    /// Per respondent: the skills seen so far (bit per interned skill id; overflow set beyond 64).
    struct Respondent {
        var id: String?
        var skills: UInt64 = 0
        var overflow: Set<Int> = []
        /// Canonical sector ids this respondent answered for (usually one).
        var sectors: [Int32] = []
    }

    /// Distinct texts (after decoding and trimming) numbered densely, so aggregation keys are integers.
    struct Canon {
        var ids: [String: Int] = [:]
        var names: [String] = []
        /// Interner index → canonical id (-1 = not yet known).
        var byEntry: [Int] = []

        mutating func id(entry: Int, text: String) -> Int {
            if entry < byEntry.count, byEntry[entry] >= 0 { return byEntry[entry] }
            let id: Int
            if let known = ids[text] {
                id = known
            } else {
                id = names.count
                ids[text] = id
                names.append(text)
            }
            while byEntry.count <= entry { byEntry.append(-1) }
            byEntry[entry] = id
            return id
        }
    }

    let input: PreparedInput
    let encoding: TextEncoding
    var tally: RowTally

    // Column indexes (nil when the column is absent and optional).
    let cCountry: Int?
    let cRespondent: Int
    let cOrganisation: Int
    let cSector: Int
    let cSkill: Int
    let cImportance: Int
    let cProficiency: Int
    let cHardToFill: Int?
    let cDemand: Int?
    let cMode: Int?
    let cGroups: Int?

    let countries = ByteInterner<Cell<String>>(capacity: 16)
    let organisations = ByteInterner<Cell<String>>(capacity: 16)
    let sectors = ByteInterner<Cell<String>>(capacity: 256)
    let skills = ByteInterner<Cell<String>>(capacity: 256)
    let scale = ByteInterner<Cell<Int>>(capacity: 16)
    let hardToFill = ByteInterner<Cell<Bool?>>(capacity: 8)
    let demand = ByteInterner<Cell<Int?>>(capacity: 8)
    let modes = ByteInterner<Cell<LearningMode?>>(capacity: 8)
    let groups = ByteInterner<Cell<Set<TargetGroup>>>(capacity: 64)
    /// Mutable per-row state behind a `let` pointer (no dynamic exclusivity checks on the hot path).
    struct Hot {
        /// One respondent table per country code, so uniqueness is per country.
        var respondents: [String: ByteInterner<Respondent>] = [:]
        var lastCountry = ""
        var lastTable: ByteInterner<Respondent>?
        var countryCanon = Canon()
        var sectorCanon = Canon()
        var skillCanon = Canon()
        // Ids of the row just parsed (valid after `.ok`).
        var rowCountry = 0
        var rowSector = 0
        var rowSkill = 0
        /// Whether the row's respondent answered for this sector for the first time.
        var rowNewRespondentInSector = false
    }

    let hot: UnsafeMutablePointer<Hot> = {
        let p = UnsafeMutablePointer<Hot>.allocate(capacity: 1)
        p.initialize(to: Hot())
        return p
    }()

    deinit {
        hot.deinitialize(count: 1)
        hot.deallocate()
    }

    static let organisationTypes: Set<String> = ["employer", "vet-provider", "public-employment-service", "chamber", "ngo", "other"]

    init(input: PreparedInput) throws {
        self.input = input
        encoding = input.dialect.encoding
        tally = RowTally(report: input.makeReport())
        cCountry = input.column("country")
        if cCountry == nil, input.country == nil, !input.allowMissingCountry {
            throw IngestError(file: input.file, line: input.headerRow, code: .missingColumn,
                              "column `country` is missing and the input sets no `country:`", columnName: "country")
        }
        cRespondent = try input.require(input.column("respondent_id", "respondent"), "respondent_id")
        cOrganisation = try input.require(input.column("organisation_type", "organization_type"), "organisation_type")
        cSector = try input.require(input.column("sector"), "sector")
        cSkill = try input.require(input.column("skill"), "skill")
        cImportance = try input.require(input.column("importance"), "importance")
        cProficiency = try input.require(input.column("proficiency"), "proficiency")
        cHardToFill = input.column("hard_to_fill")
        cDemand = input.column("demand_change")
        cMode = input.column("learning_mode")
        cGroups = input.column("target_groups")
    }

    func run(onRecord: (SurveyRecord) throws -> Void, onReject: (Reject) throws -> Void) throws -> IngestReport {
        let headerRow = input.headerRow
        let columns = input.header.count
        var seenHeader = false
        var tally = self.tally
        let summary: CSVReadSummary
        do {
            summary = try CSVReader.forEachRawRecord(path: input.file, dialect: input.dialect) { record in
                if record.line < headerRow { return }
                if !seenHeader { seenHeader = true; return }
                if record.count != columns || record.isUnclosedQuote {
                    try tally.reject(input.structural(record.decoded(encoding: encoding))!, onReject)
                    return
                }
                switch parse(record) {
                case .ok(let survey):
                    tally.accept()
                    try onRecord(survey)
                case .bad(let reject):
                    try tally.reject(reject, onReject)
                }
            }
        } catch let error as CSVReadError {
            throw FileProbe.map(error, path: input.file)
        }
        self.tally = tally
        var report = tally.report
        input.finish(&report, summary: summary)
        return report
    }

    /// Reads the file into a raw aggregate instead of handing out records.
    func runAggregating(onReject: (Reject) throws -> Void) throws -> (IngestReport, SurveyRawAggregate) {
        let headerRow = input.headerRow
        let columns = input.header.count
        var seenHeader = false
        var tally = self.tally
        var builder = SurveyAggregateBuilder()
        let summary: CSVReadSummary
        do {
            summary = try CSVReader.forEachRawRecord(path: input.file, dialect: input.dialect) { record in
                if record.line < headerRow { return }
                if !seenHeader { seenHeader = true; return }
                if record.count != columns || record.isUnclosedQuote {
                    try tally.reject(input.structural(record.decoded(encoding: encoding))!, onReject)
                    return
                }
                switch parse(record) {
                case .ok(let survey):
                    tally.accept()
                    builder.add(survey, country: hot.pointee.rowCountry, sector: hot.pointee.rowSector,
                                skill: hot.pointee.rowSkill, newRespondentInSector: hot.pointee.rowNewRespondentInSector)
                case .bad(let reject):
                    try tally.reject(reject, onReject)
                }
            }
        } catch let error as CSVReadError {
            throw FileProbe.map(error, path: input.file)
        }
        self.tally = tally
        var report = tally.report
        input.finish(&report, summary: summary)
        let aggregate = builder.build(
            countries: hot.pointee.countryCanon.names, sectors: hot.pointee.sectorCanon.names,
            skills: hot.pointee.skillCanon.names)
        return (report, aggregate)
    }

    enum Parsed {
        case ok(SurveyRecord)
        case bad(Reject)
    }

    // MARK: - Private

    private func fail(_ line: Int, _ column: Int, _ code: ErrorCode, _ message: String) -> Parsed {
        .bad(input.reject(line, column + 1, code, message))
    }

    private func parse(_ record: RawCSVRecord) -> Parsed {
        let line = record.line
        // A row of empty cells.
        var allEmpty = true
        for i in 0..<record.count where record[i].count > 0 { allEmpty = false; break }
        if allEmpty { return .bad(input.reject(line, 0, .blankRow, "the row has no values: delete it")) }

        var country = input.country ?? ""
        var countryEntry = 0
        if let c = cCountry {
            countryEntry = countries.index(of: record[c], make: { self.makeCountry(record[c]) })
            switch countries[countryEntry] {
            case .value(let code): country = code
            case .invalid(let code, let message): return fail(line, c, code, message)
            }
        }
        let idBytes = record[cRespondent]
        if idBytes.isEmpty { return fail(line, cRespondent, .requiredValue, "respondent_id is empty: every row needs the respondent's id") }
        let organisation: String
        switch organisations[organisations.index(of: record[cOrganisation], make: { self.makeOrganisation(record[self.cOrganisation]) })] {
        case .value(let v): organisation = v
        case .invalid(let code, let message): return fail(line, cOrganisation, code, message)
        }
        let sector: String
        let sectorIndex = sectors.index(of: record[cSector], make: { self.makeText(record[self.cSector], "sector") })
        switch sectors[sectorIndex] {
        case .value(let v): sector = v
        case .invalid(let code, let message): return fail(line, cSector, code, message)
        }
        let skillIndex = skills.index(of: record[cSkill], make: { self.makeText(record[self.cSkill], "skill") })
        let skill: String
        switch skills[skillIndex] {
        case .value(let v): skill = v
        case .invalid(let code, let message): return fail(line, cSkill, code, message)
        }
        var importance = NativeSurveyReader.digit(record[cImportance], 1...5)
        if importance < 0 {
            switch scale[scale.index(of: record[cImportance], make: { self.makeScale(record[self.cImportance], "importance") })] {
            case .value(let v): importance = v
            case .invalid(let code, let message): return fail(line, cImportance, code, message.replacingOccurrences(of: "@", with: "importance"))
            }
        }
        var proficiency = NativeSurveyReader.digit(record[cProficiency], 1...5)
        if proficiency < 0 {
            switch scale[scale.index(of: record[cProficiency], make: { self.makeScale(record[self.cProficiency], "proficiency") })] {
            case .value(let v): proficiency = v
            case .invalid(let code, let message): return fail(line, cProficiency, code, message.replacingOccurrences(of: "@", with: "proficiency"))
            }
        }
        var htf: Bool? = nil
        if let c = cHardToFill {
            switch hardToFill[hardToFill.index(of: record[c], make: { self.makeHardToFill(record[c]) })] {
            case .value(let v): htf = v
            case .invalid(let code, let message): return fail(line, c, code, message)
            }
        }
        var change: Int? = nil
        if let c = cDemand {
            switch demand[demand.index(of: record[c], make: { self.makeDemand(record[c]) })] {
            case .value(let v): change = v
            case .invalid(let code, let message): return fail(line, c, code, message)
            }
        }
        var mode: LearningMode? = nil
        if let c = cMode {
            switch modes[modes.index(of: record[c], make: { self.makeMode(record[c]) })] {
            case .value(let v): mode = v
            case .invalid(let code, let message): return fail(line, c, code, message)
            }
        }
        var targets: Set<TargetGroup> = []
        if let c = cGroups {
            switch groups[groups.index(of: record[c], make: { self.makeGroups(record[c]) })] {
            case .value(let v): targets = v
            case .invalid(let code, let message): return fail(line, c, code, message)
            }
        }
        // Uniqueness of respondent × skill within the country; the first row wins.
        let table: ByteInterner<Respondent>
        if let last = hot.pointee.lastTable, hot.pointee.lastCountry == country {
            table = last
        } else if let existing = hot.pointee.respondents[country] {
            table = existing
            hot.pointee.lastCountry = country
            hot.pointee.lastTable = existing
        } else {
            table = ByteInterner<Respondent>(capacity: 4096)
            hot.pointee.respondents[country] = table
            hot.pointee.lastCountry = country
            hot.pointee.lastTable = table
        }
        let r = table.index(of: idBytes, make: { Respondent() })
        if table[r].id == nil {
            guard let id = TextDecoder.decode(UnsafeRawBufferPointer(idBytes), encoding: encoding) else {
                return fail(line, cRespondent, .encodingError, "respondent_id has bytes that are not valid \(encoding.rawValue)")
            }
            table[r].id = id
        }
        let skillID = hot.pointee.skillCanon.id(entry: skillIndex, text: skill)
        if skillID < 64 {
            let bit = UInt64(1) << UInt64(skillID)
            if table[r].skills & bit != 0 { return duplicate(line) }
            table[r].skills |= bit
        } else {
            if table[r].overflow.contains(skillID) { return duplicate(line) }
            table[r].overflow.insert(skillID)
        }
        let sectorID = hot.pointee.sectorCanon.id(entry: sectorIndex, text: sector)
        hot.pointee.rowSkill = skillID
        hot.pointee.rowSector = sectorID
        hot.pointee.rowCountry = hot.pointee.countryCanon.id(entry: countryEntry, text: country)
        if table[r].sectors.contains(Int32(sectorID)) {
            hot.pointee.rowNewRespondentInSector = false
        } else {
            table[r].sectors.append(Int32(sectorID))
            hot.pointee.rowNewRespondentInSector = true
        }
        return .ok(SurveyRecord(
            country: country, respondentID: table[r].id!, organisationType: organisation, sector: sector, skill: skill,
            importance: importance, proficiency: proficiency, hardToFill: htf, demandChange: change,
            learningMode: mode, targetGroups: targets, line: line))
    }

    private func duplicate(_ line: Int) -> Parsed {
        fail(line, cSkill, .uniqueError, "this respondent already rated this skill on an earlier row (the first answer is kept): remove the duplicate")
    }

    private func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        TextDecoder.decode(UnsafeRawBufferPointer(bytes), encoding: encoding)
    }

    private func makeCountry(_ bytes: UnsafeBufferPointer<UInt8>) -> Cell<String> {
        guard let text = decode(bytes) else { return .invalid(.encodingError, "country has bytes that are not valid \(encoding.rawValue)") }
        if text.trimmedCell.isEmpty {
            if let country = input.country { return .value(country) }
            return .invalid(.requiredValue, "country is empty: give the ISO code (DE, UA, ...)")
        }
        guard let code = Countries.resolve(text) else {
            return .invalid(.unknownCountry, "country `\(text.prefix(40))` is not an ISO 3166 code or a known country name")
        }
        if let expected = input.country, expected != code {
            return .invalid(.constraintError, "country \(code) differs from the input's country \(expected): move the row to that country's file")
        }
        return .value(code)
    }

    private func makeOrganisation(_ bytes: UnsafeBufferPointer<UInt8>) -> Cell<String> {
        guard let text = decode(bytes) else { return .invalid(.encodingError, "organisation_type has bytes that are not valid \(encoding.rawValue)") }
        let folded = text.trimmedCell.lowercased()
        if folded.isEmpty { return .invalid(.requiredValue, "organisation_type is empty") }
        guard NativeSurveyReader.organisationTypes.contains(folded) else {
            return .invalid(.constraintError, "organisation_type must be one of employer, vet-provider, public-employment-service, chamber, ngo, other")
        }
        return .value(folded)
    }

    private func makeText(_ bytes: UnsafeBufferPointer<UInt8>, _ name: String) -> Cell<String> {
        guard let text = decode(bytes) else { return .invalid(.encodingError, "\(name) has bytes that are not valid \(encoding.rawValue)") }
        let trimmed = text.trimmedCell
        if trimmed.isEmpty { return .invalid(.requiredValue, "\(name) is empty") }
        return .value(String(trimmed))
    }

    private func makeScale(_ bytes: UnsafeBufferPointer<UInt8>, _ name: String) -> Cell<Int> {
        // Messages use `@` for the column name so one cached cell serves both scale columns.
        guard let parsed = NativeSurveyReader.integer(bytes) else {
            if bytes.isEmpty { return .invalid(.requiredValue, "@ is empty: give an integer 1–5") }
            return .invalid(.typeError, "@ is not an integer: give 1, 2, 3, 4 or 5")
        }
        guard (1...5).contains(parsed) else { return .invalid(.constraintError, "@ is out of range: give 1, 2, 3, 4 or 5") }
        return .value(parsed)
    }

    private func makeHardToFill(_ bytes: UnsafeBufferPointer<UInt8>) -> Cell<Bool?> {
        let text = String(decoding: bytes, as: UTF8.self).trimmedCell.lowercased()
        switch text {
        case "": return .value(nil)
        case "yes", "y", "true", "1": return .value(true)
        case "no", "n", "false", "0": return .value(false)
        default: return .invalid(.typeError, "hard_to_fill must be yes, no or empty")
        }
    }

    private func makeDemand(_ bytes: UnsafeBufferPointer<UInt8>) -> Cell<Int?> {
        if bytes.isEmpty { return .value(nil) }
        guard let parsed = NativeSurveyReader.integer(bytes) else {
            return .invalid(.typeError, "demand_change is not an integer: give -2, -1, 0, +1, +2 or leave it empty")
        }
        guard (-2...2).contains(parsed) else { return .invalid(.constraintError, "demand_change is out of range: give -2 … +2") }
        return .value(parsed)
    }

    private func makeMode(_ bytes: UnsafeBufferPointer<UInt8>) -> Cell<LearningMode?> {
        let text = String(decoding: bytes, as: UTF8.self).trimmedCell.lowercased()
        if text.isEmpty { return .value(nil) }
        guard let mode = LearningMode(rawValue: text == "onsite" || text == "on site" ? "on-site" : text) else {
            return .invalid(.constraintError, "learning_mode must be online, blended, on-site or empty")
        }
        return .value(mode)
    }

    private func makeGroups(_ bytes: UnsafeBufferPointer<UInt8>) -> Cell<Set<TargetGroup>> {
        let text = String(decoding: bytes, as: UTF8.self)
        var set: Set<TargetGroup> = []
        for part in text.split(separator: "|") {
            let name = part.trimmedCell.lowercased()
            if name.isEmpty { continue }
            guard let group = TargetGroup(rawValue: name) else {
                return .invalid(.constraintError, "target_groups has an unknown group: use unemployed|low-skilled|displaced-returnees|refugees|rural|adults|youth")
            }
            set.insert(group)
        }
        return .value(set)
    }

    /// The value of a one-digit cell within `range`, or -1 (then the general path parses and explains).
    @inline(__always)
    static func digit(_ bytes: UnsafeBufferPointer<UInt8>, _ range: ClosedRange<Int>) -> Int {
        guard bytes.count == 1 else { return -1 }
        let d = Int(bytes[0]) - 0x30
        return range.contains(d) ? d : -1
    }

    /// An optionally signed decimal integer (no spaces, at most 9 digits), or nil.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == 0xE2 {
            // U+2212 MINUS SIGN is E2 88 92 in UTF-8.
            if first == 0xE2 {
                guard bytes.count > 3, bytes[1] == 0x88, bytes[2] == 0x92 else { return nil }
                negative = true
                i = 3
            } else {
                negative = first == UInt8(ascii: "-")
                i = 1
            }
        }
        guard i < bytes.count, bytes.count - i <= 9 else { return nil }
        var value = 0
        while i < bytes.count {
            let d = Int(bytes[i]) - 0x30
            guard d >= 0 && d <= 9 else { return nil }
            value = value * 10 + d
            i += 1
        }
        return negative ? -value : value
    }
}
