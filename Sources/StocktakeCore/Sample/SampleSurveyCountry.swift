import StocktakeModel

/// Draws one country's respondents and writes their rows in the native `stocktake-survey` format.
///
/// Everything that does not change per respondent (field bytes, skill parameters) is prepared once, so a row costs
/// a few random draws and buffer copies; memory does not grow with the number of respondents.
struct SampleSurveyCountry {
    let code: String
    private(set) var respondents = 0
    private(set) var rows = 0

    private var random: SampleRandom
    private let profile: SampleCountryProfile
    private let countryField: [UInt8]
    private let organisationFields: [[UInt8]]
    private let organisationWeights: [Double]
    private let sectors: [PreparedSector]
    private let sectorWeights: [Double]
    private let unmappedFields: [[UInt8]]
    private let skillFields: [[UInt8]]
    private let generalSkills: [Int]
    private let modeFields: [[UInt8]]

    private struct PreparedSector {
        var nameFields: [[UInt8]]
        var nameWeights: [Double]
        /// The sector's own skills, each rated by 90 % of its respondents.
        var skills: [PreparedSkill]
        /// General skills, each rated by half of the respondents.
        var general: [PreparedSkill]
        /// Mean expected demand change of the sector, from its employment growth.
        var trend: Double
    }

    private struct PreparedSkill {
        /// Index into `SampleVocabulary.skills`.
        var index: Int
        /// Mean importance (1...5 scale, before noise).
        var importance: Double
        /// Mean gap importance − proficiency.
        var gap: Double
        var isScarce: Bool
        var isDigital: Bool
    }

    init(code: String, seed: UInt64) {
        guard let profile = SampleCountryProfile.profile(for: code) else {
            preconditionFailure("no sample profile for \(code)")
        }
        self.code = code
        self.profile = profile
        random = SampleRandom(seed: seed, stream: "survey/" + code)
        var setup = SampleRandom(seed: seed, stream: "setup/" + code)

        countryField = Array(code.utf8)
        organisationFields = profile.organisations.map { Array(SampleCSV.field($0.0).utf8) }
        organisationWeights = profile.organisations.map(\.1)
        unmappedFields = SampleVocabulary.unmappedNames(for: code).map { Array(SampleCSV.field($0).utf8) }
        let catalogue = SampleVocabulary.skills
        skillFields = catalogue.map { Array(SampleCSV.field(SampleVocabulary.skillLabel($0.label, country: code)).utf8) }
        let skillIndex = Dictionary(uniqueKeysWithValues: catalogue.enumerated().map { ($1.label, $0) })
        generalSkills = SampleVocabulary.generalSkills.map { skillIndex[$0]! }
        modeFields = ["online", "blended", "on-site", ""].map { Array($0.utf8) }

        var prepared: [PreparedSector] = []
        for sector in SampleVocabulary.sectors(for: code) {
            let section = String(sector.key.prefix(1))
            let growth = profile.growth[section] ?? 0.5
            let trend = min(1.2, max(-1.0, growth / 4))
            func parameters(_ index: Int, core: Bool, general: Bool) -> PreparedSkill {
                let skill = catalogue[index]
                let scarce = profile.scarceSkills.contains(skill.label)
                var importance = general ? 3.1 : (core ? 4.1 : 3.6)
                var gap = skill.isDigital ? 0.9 : 0.5
                if scarce {
                    importance += 0.4
                    gap += 1.1
                }
                // A sector-specific twist so that cells differ within a country.
                gap += (setup.uniform() - 0.5) * 0.6
                importance += (setup.uniform() - 0.5) * 0.4
                return PreparedSkill(index: index, importance: importance, gap: gap, isScarce: scarce, isDigital: skill.isDigital)
            }
            let pool = SampleVocabulary.skillPool(for: sector.key).map { skillIndex[$0]! }
            let skills = pool.enumerated().map { position, index in parameters(index, core: position < 3, general: false) }
            let general = generalSkills.filter { !pool.contains($0) }.map { parameters($0, core: false, general: true) }
            prepared.append(PreparedSector(
                nameFields: sector.names.map { Array(SampleCSV.field($0.text).utf8) },
                nameWeights: sector.names.map(\.weight),
                skills: skills,
                general: general,
                trend: trend))
        }
        sectors = prepared
        sectorWeights = SampleVocabulary.sectors(for: code).map(\.share)
    }

    // MARK: - Writing

    /// Draws the next respondent and writes their rows.
    mutating func writeRespondent(to writer: BufferedFileWriter) throws {
        respondents += 1
        let organisation = organisationFields[random.pick(weights: organisationWeights)]
        let sector = sectors[random.pick(weights: sectorWeights)]
        let sectorField: [UInt8]
        if !unmappedFields.isEmpty, random.chance(0.012) {
            sectorField = unmappedFields[random.int(below: unmappedFields.count)]
        } else {
            sectorField = sector.nameFields[random.pick(weights: sector.nameWeights)]
        }
        let mode = modeFields[random.pick(weights: profile.learningModes)]
        var groups: [UInt8] = []
        for (index, group) in TargetGroup.allCases.enumerated() where random.chance(profile.targetGroups[index]) {
            if !groups.isEmpty { groups.append(UInt8(ascii: "|")) }
            groups.append(contentsOf: group.rawValue.utf8)
        }

        var prefix = countryField
        prefix.append(UInt8(ascii: ","))
        prefix.append(contentsOf: "R-\(code)-".utf8)
        prefix.append(contentsOf: SampleCSV.zeroPadded(respondents, width: 6))
        prefix.append(UInt8(ascii: ","))
        prefix.append(contentsOf: organisation)
        prefix.append(UInt8(ascii: ","))
        prefix.append(contentsOf: sectorField)
        prefix.append(UInt8(ascii: ","))
        var suffix: [UInt8] = [UInt8(ascii: ",")]
        suffix.append(contentsOf: mode)
        suffix.append(UInt8(ascii: ","))
        suffix.append(contentsOf: groups)
        suffix.append(UInt8(ascii: "\n"))

        var wrote = false
        for (position, skill) in sector.skills.enumerated() {
            let last = position == sector.skills.count - 1
            guard random.chance(0.9) || (last && !wrote) else { continue }
            try writeRow(prefix, skill, sector.trend, suffix, to: writer)
            wrote = true
        }
        for skill in sector.general where random.chance(0.5) {
            try writeRow(prefix, skill, sector.trend, suffix, to: writer)
        }
    }

    // MARK: - Private

    private mutating func writeRow(
        _ prefix: [UInt8], _ skill: PreparedSkill,
        _ trend: Double, _ suffix: [UInt8], to writer: BufferedFileWriter
    ) throws {
        let importance = Self.clamp((skill.importance + 0.7 * random.normal()).rounded(), 1, 5)
        let proficiency = Self.clamp((skill.importance - skill.gap + 0.8 * random.normal()).rounded(), 1, 5)
        try writer.write(prefix)
        try writer.write(skillFields[skill.index])
        try writer.write(byte: UInt8(ascii: ","))
        try writer.write(byte: UInt8(ascii: "0") + UInt8(importance))
        try writer.write(byte: UInt8(ascii: ","))
        try writer.write(byte: UInt8(ascii: "0") + UInt8(proficiency))
        try writer.write(byte: UInt8(ascii: ","))
        if !random.chance(0.08) {
            let p = 0.12 + 0.16 * Double(max(0, importance - proficiency)) + (skill.isScarce ? 0.15 : 0)
            try writer.write(random.chance(min(0.95, p)) ? Self.yes : Self.no)
        }
        try writer.write(byte: UInt8(ascii: ","))
        if !random.chance(0.06) {
            let mean = trend + (skill.isDigital ? 0.4 : 0) + (skill.isScarce ? 0.4 : 0)
            let change = Self.clamp((mean + 0.8 * random.normal()).rounded(), -2, 2)
            if change < 0 { try writer.write(byte: UInt8(ascii: "-")) }
            try writer.write(byte: UInt8(ascii: "0") + UInt8(abs(change)))
        }
        try writer.write(suffix)
        rows += 1
    }

    private static let yes = Array("yes".utf8)
    private static let no = Array("no".utf8)

    private static func clamp(_ x: Double, _ low: Int, _ high: Int) -> Int {
        min(high, max(low, Int(x)))
    }
}
