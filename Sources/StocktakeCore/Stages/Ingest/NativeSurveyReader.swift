/// The `stocktake-survey` hot path: raw libcsv bytes, every categorical cell parsed once per distinct value
/// (interned), no per-row allocation, no per-row `String` or reference counting on the aggregating path.
///
/// Every interned payload is a plain value (`Cell<Int>` and the like: an integer id or the index of a cached
/// problem), so reading it costs no retain/release. Texts (sector, skill, country, respondent id) are decoded and
/// validated once per distinct byte string, when first seen.
final class NativeSurveyReader {
    /// A cell parsed once: its value, or why it is invalid (index into `problems`).
    enum Cell<T> {
        case value(T)
        case invalid(Int32)
    }

    /// Per respondent (per country table), 12 bytes: the skills seen so far (bit per canonical skill id below 64;
    /// ids from 64 on live in `Hot.overflowSkills`) and the first sector answered for (others in `Hot.extraSectors`).
    struct Respondent {
        var skillsLow: UInt32 = 0
        var skillsHigh: UInt32 = 0
        /// Bit 31: the id's bytes were decoded successfully once; bits 0–30: first sector id + 1 (0 = none yet).
        var state: UInt32 = 0

        var skills: UInt64 {
            get { UInt64(skillsHigh) << 32 | UInt64(skillsLow) }
            set {
                skillsLow = UInt32(truncatingIfNeeded: newValue)
                skillsHigh = UInt32(truncatingIfNeeded: newValue >> 32)
            }
        }

        var validated: Bool {
            get { state & 0x8000_0000 != 0 }
            set { state = newValue ? state | 0x8000_0000 : state & 0x7FFF_FFFF }
        }

        /// First sector answered for, -1 when none yet.
        var sector: Int32 {
            get { Int32(state & 0x7FFF_FFFF) - 1 }
            set { state = (state & 0x8000_0000) | UInt32(newValue + 1) }
        }
    }

    /// A (country, respondent, skill-or-sector) triple for the rare overflow sets.
    struct Triple: Hashable {
        var country: Int32
        var respondent: Int32
        var other: Int32
    }

    /// Distinct texts (after decoding and trimming) numbered densely, so aggregation keys are integers.
    struct Canon {
        var ids: [String: Int] = [:]
        var names: [String] = []

        mutating func id(_ text: String) -> Int {
            if let known = ids[text] { return known }
            let id = names.count
            ids[text] = id
            names.append(text)
            return id
        }
    }

    /// The values of the row just parsed (valid after `parse` returned nil).
    struct Row {
        var country = 0
        var organisation = 0
        var sector = 0
        var skill = 0
        var importance = 0
        var proficiency = 0
        /// -1 not answered, 0 no, 1 yes.
        var hardToFill: Int8 = -1
        /// `Int.min` when not answered.
        var demand = Int.min
        /// 0 not answered, else 1 + index in `LearningMode.allCases`.
        var mode: UInt8 = 0
        /// Bit per `TargetGroup.allCases` index.
        var groups: UInt8 = 0
        /// Whether the row's respondent answered for this sector for the first time.
        var newRespondentInSector = false
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

    let countries = ByteInterner<Cell<Int>>(capacity: 16)
    let organisations = ByteInterner<Cell<Int>>(capacity: 16)
    let sectors = ByteInterner<Cell<Int>>(capacity: 256)
    let skills = ByteInterner<Cell<Int>>(capacity: 256)
    let scale = ByteInterner<Cell<Int>>(capacity: 16)
    let hardToFill = ByteInterner<Cell<Int8>>(capacity: 8)
    let demand = ByteInterner<Cell<Int>>(capacity: 8)
    let modes = ByteInterner<Cell<UInt8>>(capacity: 8)
    let groups = ByteInterner<Cell<UInt8>>(capacity: 64)
    /// Mutable per-row state behind a `let` pointer (no dynamic exclusivity checks on the hot path).
    struct Hot {
        /// One respondent table per canonical country id, so uniqueness is per country.
        var respondents: [ByteInterner<Respondent>?] = []
        var lastCountry = -1
        var lastTable: Unmanaged<ByteInterner<Respondent>>?
        var countryCanon = Canon()
        var sectorCanon = Canon()
        var skillCanon = Canon()
        /// Cached problems (code, message), indexed by `Cell.invalid`.
        var problems: [(ErrorCode, String)] = []
        /// Skills with canonical id ≥ 64 already rated by a respondent.
        var overflowSkills: Set<Triple> = []
        /// Sectors beyond the first that a respondent answered for.
        var extraSectors: Set<Triple> = []
        /// Canonical country id when the file has no country column.
        var fixedCountry = 0
        var row = Row()
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

    /// Organisation types in a fixed order (`Row.organisation` indexes it).
    static let organisationTypeList = ["employer", "vet-provider", "public-employment-service", "chamber", "ngo", "other"]
    static let organisationTypes: Set<String> = Set(organisationTypeList)

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
        if cCountry == nil { hot.pointee.fixedCountry = hot.pointee.countryCanon.id(input.country ?? "") }
    }

    func run(onRecord: (SurveyRecord) throws -> Void, onReject: (Reject) throws -> Void) throws -> IngestReport {
        try stream(onReject: onReject) { record in try onRecord(makeRecord(record)) }
    }

    /// Reads the file into a raw aggregate instead of handing out records.
    func runAggregating(onReject: (Reject) throws -> Void) throws -> (IngestReport, SurveyRawAggregate) {
        let cells = NativeCellTable()
        let report = try stream(onReject: onReject) { _ in cells.add(hot.pointee.row) }
        let aggregate = cells.build(
            countries: hot.pointee.countryCanon.names, sectors: hot.pointee.sectorCanon.names,
            skills: hot.pointee.skillCanon.names)
        return (report, aggregate)
    }

    /// Streams the file: skips lines before the header and the header itself, rejects rows with a structural or
    /// value problem (one reject per row, its first problem), and hands every valid row to `accept` (after
    /// `parse` has filled `hot.pointee.row`). Returns the file's report.
    private func stream(onReject: (Reject) throws -> Void, accept: (RawCSVRecord) throws -> Void) throws -> IngestReport {
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
                if let reject = parse(record) {
                    try tally.reject(reject, onReject)
                } else {
                    tally.accept()
                    try accept(record)
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

    // MARK: - Private

    private func fail(_ line: Int, _ column: Int, _ code: ErrorCode, _ message: String) -> Reject {
        input.reject(line, column + 1, code, message)
    }

    private func fail(_ line: Int, _ column: Int, _ problem: Int32, naming name: String? = nil) -> Reject {
        let (code, message) = hot.pointee.problems[Int(problem)]
        return fail(line, column, code, name.map { message.replacingOccurrences(of: "@", with: $0) } ?? message)
    }

    private func problem<T>(_ code: ErrorCode, _ message: String) -> Cell<T> {
        hot.pointee.problems.append((code, message))
        return .invalid(Int32(hot.pointee.problems.count - 1))
    }

    /// The record of the row just parsed (the record path; texts are looked up, the respondent id decoded).
    private func makeRecord(_ record: RawCSVRecord) -> SurveyRecord {
        let row = hot.pointee.row
        var targets: Set<TargetGroup> = []
        for (k, group) in TargetGroup.allCases.enumerated() where row.groups & (1 << UInt8(k)) != 0 { targets.insert(group) }
        return SurveyRecord(
            country: hot.pointee.countryCanon.names[row.country],
            respondentID: decode(record[cRespondent])!,
            organisationType: NativeSurveyReader.organisationTypeList[row.organisation],
            sector: hot.pointee.sectorCanon.names[row.sector], skill: hot.pointee.skillCanon.names[row.skill],
            importance: row.importance, proficiency: row.proficiency,
            hardToFill: row.hardToFill < 0 ? nil : row.hardToFill == 1,
            demandChange: row.demand == Int.min ? nil : row.demand,
            learningMode: row.mode == 0 ? nil : LearningMode.allCases[Int(row.mode) - 1],
            targetGroups: targets, line: record.line)
    }

    /// Validates one row; nil when it is accepted (its values are then in `hot.pointee.row`).
    private func parse(_ record: RawCSVRecord) -> Reject? {
        let line = record.line
        // A row of empty cells.
        var allEmpty = true
        for i in 0..<record.count where record[i].count > 0 { allEmpty = false; break }
        if allEmpty { return input.reject(line, 0, .blankRow, "the row has no values: delete it") }

        var row = Row()
        row.country = hot.pointee.fixedCountry
        if let c = cCountry {
            switch countries[countries.index(of: record[c], make: { self.makeCountry(record[c]) })] {
            case .value(let id): row.country = id
            case .invalid(let p): return fail(line, c, p)
            }
        }
        let idBytes = record[cRespondent]
        if idBytes.isEmpty { return fail(line, cRespondent, .requiredValue, "respondent_id is empty: every row needs the respondent's id") }
        switch organisations[organisations.index(of: record[cOrganisation], make: { self.makeOrganisation(record[self.cOrganisation]) })] {
        case .value(let v): row.organisation = v
        case .invalid(let p): return fail(line, cOrganisation, p)
        }
        switch sectors[sectors.index(of: record[cSector], make: { self.makeText(record[self.cSector], "sector", sector: true) })] {
        case .value(let v): row.sector = v
        case .invalid(let p): return fail(line, cSector, p)
        }
        switch skills[skills.index(of: record[cSkill], make: { self.makeText(record[self.cSkill], "skill", sector: false) })] {
        case .value(let v): row.skill = v
        case .invalid(let p): return fail(line, cSkill, p)
        }
        row.importance = NativeSurveyReader.digit(record[cImportance], 1...5)
        if row.importance < 0 {
            switch scale[scale.index(of: record[cImportance], make: { self.makeScale(record[self.cImportance]) })] {
            case .value(let v): row.importance = v
            case .invalid(let p): return fail(line, cImportance, p, naming: "importance")
            }
        }
        row.proficiency = NativeSurveyReader.digit(record[cProficiency], 1...5)
        if row.proficiency < 0 {
            switch scale[scale.index(of: record[cProficiency], make: { self.makeScale(record[self.cProficiency]) })] {
            case .value(let v): row.proficiency = v
            case .invalid(let p): return fail(line, cProficiency, p, naming: "proficiency")
            }
        }
        if let c = cHardToFill {
            switch hardToFill[hardToFill.index(of: record[c], make: { self.makeHardToFill(record[c]) })] {
            case .value(let v): row.hardToFill = v
            case .invalid(let p): return fail(line, c, p)
            }
        }
        if let c = cDemand {
            switch demand[demand.index(of: record[c], make: { self.makeDemand(record[c]) })] {
            case .value(let v): row.demand = v
            case .invalid(let p): return fail(line, c, p)
            }
        }
        if let c = cMode {
            switch modes[modes.index(of: record[c], make: { self.makeMode(record[c]) })] {
            case .value(let v): row.mode = v
            case .invalid(let p): return fail(line, c, p)
            }
        }
        if let c = cGroups {
            switch groups[groups.index(of: record[c], make: { self.makeGroups(record[c]) })] {
            case .value(let v): row.groups = v
            case .invalid(let p): return fail(line, c, p)
            }
        }
        // Uniqueness of respondent × skill within the country; the first row wins.
        let table: ByteInterner<Respondent>
        if row.country == hot.pointee.lastCountry, let last = hot.pointee.lastTable {
            table = last.takeUnretainedValue()
        } else {
            while hot.pointee.respondents.count <= row.country { hot.pointee.respondents.append(nil) }
            if let existing = hot.pointee.respondents[row.country] {
                table = existing
            } else {
                table = ByteInterner<Respondent>(capacity: 4096)
                hot.pointee.respondents[row.country] = table
            }
            hot.pointee.lastCountry = row.country
            hot.pointee.lastTable = Unmanaged.passUnretained(table)
        }
        let r = table.index(of: idBytes, make: { Respondent() })
        if !table[r].validated {
            guard decode(idBytes) != nil else {
                return fail(line, cRespondent, .encodingError, "respondent_id has bytes that are not valid \(encoding.rawValue)")
            }
            table[r].validated = true
        }
        if row.skill < 64 {
            let bit = UInt64(1) << UInt64(row.skill)
            if table[r].skills & bit != 0 { return duplicate(line) }
            table[r].skills |= bit
        } else {
            let key = Triple(country: Int32(row.country), respondent: Int32(r), other: Int32(row.skill))
            if !hot.pointee.overflowSkills.insert(key).inserted { return duplicate(line) }
        }
        let sector = Int32(row.sector)
        let first = table[r].sector
        if first == sector {
            row.newRespondentInSector = false
        } else if first < 0 {
            table[r].sector = sector
            row.newRespondentInSector = true
        } else {
            let key = Triple(country: Int32(row.country), respondent: Int32(r), other: sector)
            row.newRespondentInSector = hot.pointee.extraSectors.insert(key).inserted
        }
        hot.pointee.row = row
        return nil
    }

    private func duplicate(_ line: Int) -> Reject {
        fail(line, cSkill, .uniqueError, "this respondent already rated this skill on an earlier row (the first answer is kept): remove the duplicate")
    }

    private func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        TextDecoder.decode(UnsafeRawBufferPointer(bytes), encoding: encoding)
    }

    private func makeCountry(_ bytes: UnsafeBufferPointer<UInt8>) -> Cell<Int> {
        guard let text = decode(bytes) else { return problem(.encodingError, "country has bytes that are not valid \(encoding.rawValue)") }
        if text.trimmedCell.isEmpty {
            if let country = input.country { return .value(hot.pointee.countryCanon.id(country)) }
            return problem(.requiredValue, "country is empty: give the ISO code (DE, UA, ...)")
        }
        guard let code = Countries.resolve(text) else {
            return problem(.unknownCountry, "country `\(text.prefix(40))` is not an ISO 3166 code or a known country name")
        }
        if let expected = input.country, expected != code {
            return problem(.constraintError, "country \(code) differs from the input's country \(expected): move the row to that country's file")
        }
        return .value(hot.pointee.countryCanon.id(code))
    }

    private func makeOrganisation(_ bytes: UnsafeBufferPointer<UInt8>) -> Cell<Int> {
        guard let text = decode(bytes) else { return problem(.encodingError, "organisation_type has bytes that are not valid \(encoding.rawValue)") }
        let folded = text.trimmedCell.lowercased()
        if folded.isEmpty { return problem(.requiredValue, "organisation_type is empty") }
        guard let index = NativeSurveyReader.organisationTypeList.firstIndex(of: folded) else {
            return problem(.constraintError, "organisation_type must be one of employer, vet-provider, public-employment-service, chamber, ngo, other")
        }
        return .value(index)
    }

    private func makeText(_ bytes: UnsafeBufferPointer<UInt8>, _ name: String, sector: Bool) -> Cell<Int> {
        guard let text = decode(bytes) else { return problem(.encodingError, "\(name) has bytes that are not valid \(encoding.rawValue)") }
        let trimmed = text.trimmedCell
        if trimmed.isEmpty { return problem(.requiredValue, "\(name) is empty") }
        if sector { return .value(hot.pointee.sectorCanon.id(String(trimmed))) }
        return .value(hot.pointee.skillCanon.id(String(trimmed)))
    }

    private func makeScale(_ bytes: UnsafeBufferPointer<UInt8>) -> Cell<Int> {
        // Messages use `@` for the column name so one cached cell serves both scale columns.
        guard let parsed = NativeSurveyReader.integer(bytes) else {
            if bytes.isEmpty { return problem(.requiredValue, "@ is empty: give an integer 1–5") }
            return problem(.typeError, "@ is not an integer: give 1, 2, 3, 4 or 5")
        }
        guard (1...5).contains(parsed) else { return problem(.constraintError, "@ is out of range: give 1, 2, 3, 4 or 5") }
        return .value(parsed)
    }

    private func makeHardToFill(_ bytes: UnsafeBufferPointer<UInt8>) -> Cell<Int8> {
        let text = String(decoding: bytes, as: UTF8.self).trimmedCell.lowercased()
        switch text {
        case "": return .value(-1)
        case "yes", "y", "true", "1": return .value(1)
        case "no", "n", "false", "0": return .value(0)
        default: return problem(.typeError, "hard_to_fill must be yes, no or empty")
        }
    }

    private func makeDemand(_ bytes: UnsafeBufferPointer<UInt8>) -> Cell<Int> {
        if bytes.isEmpty { return .value(Int.min) }
        guard let parsed = NativeSurveyReader.integer(bytes) else {
            return problem(.typeError, "demand_change is not an integer: give -2, -1, 0, +1, +2 or leave it empty")
        }
        guard (-2...2).contains(parsed) else { return problem(.constraintError, "demand_change is out of range: give -2 … +2") }
        return .value(parsed)
    }

    private func makeMode(_ bytes: UnsafeBufferPointer<UInt8>) -> Cell<UInt8> {
        let text = String(decoding: bytes, as: UTF8.self).trimmedCell.lowercased()
        if text.isEmpty { return .value(0) }
        guard let mode = LearningMode(rawValue: text == "onsite" || text == "on site" ? "on-site" : text) else {
            return problem(.constraintError, "learning_mode must be online, blended, on-site or empty")
        }
        return .value(UInt8(LearningMode.allCases.firstIndex(of: mode)! + 1))
    }

    private func makeGroups(_ bytes: UnsafeBufferPointer<UInt8>) -> Cell<UInt8> {
        let text = String(decoding: bytes, as: UTF8.self)
        var mask: UInt8 = 0
        for part in text.split(separator: "|") {
            let name = part.trimmedCell.lowercased()
            if name.isEmpty { continue }
            guard let group = TargetGroup(rawValue: name) else {
                return problem(.constraintError, "target_groups has an unknown group: use unemployed|low-skilled|displaced-returnees|refugees|rural|adults|youth")
            }
            mask |= 1 << UInt8(TargetGroup.allCases.firstIndex(of: group)!)
        }
        return .value(mask)
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
