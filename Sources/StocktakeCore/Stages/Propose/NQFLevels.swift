/// EQF level → national qualifications framework level for the eight BEM countries (`docs/methodology.md` §9.4).
///
/// DE, NO, MK, RS and ME have referenced their frameworks to the EQF; the level is the one their referencing report
/// places at that EQF level, with its concept in the QDR list of ELM 3.1 (`cv/nqf.xsd`, scheme
/// `http://data.europa.eu/snb/qdr/25831c2`). Where a report places two sub-levels at one EQF level, the first is
/// taken (NO 5 → NKR 5.1, 6 → 6.1; ME 1 → 1.1, 4 → 4.1, 7 → 7.1) and the choice is noted in the methodology.
/// AM, GE and UA have eight-level frameworks without a concept in that list: their level is given with the same
/// number and no URI (exported as a note, not as an `nqfLevel`; `docs/report-columns.md`).
public enum NQFLevels {
    public struct Level: Sendable, Hashable {
        /// Framework abbreviation as the QDR list names it (`DQR`, `NKR`, `NNMQF`, `NQFS`, `ME NQF`) or the
        /// national name (`ANQF`, `GeoNQF`, `NQF UA`).
        public var framework: String
        /// Level as the framework writes it (`4`, `5.1`).
        public var level: String
        /// QDR concept, nil when ELM 3.1's list has none.
        public var qdrURI: String?

        /// `DQR Level 4`, the QDR list's label.
        public var label: String { "\(framework) Level \(level)" }
    }

    static let qdr = "http://data.europa.eu/snb/qdr/"

    /// Country → EQF level 1…8 → (level, QDR concept id), from `cv/nqf.xsd`.
    static let table: [String: (framework: String, levels: [Int: (String, String)])] = [
        "DE": ("DQR", [1: ("1", "c_f77c7095"), 2: ("2", "c_c71cce15"), 3: ("3", "c_c37d888a"), 4: ("4", "c_12a84182"),
                       5: ("5", "c_bd9f8e42"), 6: ("6", "c_6919ed25"), 7: ("7", "c_184f7fed"), 8: ("8", "c_341d539b")]),
        "NO": ("NKR", [1: ("1", "c_2293fdad"), 2: ("2", "c_0b8188d7"), 3: ("3", "c_bbfedf33"), 4: ("4", "c_81090d42"),
                       5: ("5.1", "c_12ece3d4"), 6: ("6.1", "c_6b569351"), 7: ("7", "c_fb307b49"), 8: ("8", "c_95249ae7")]),
        "MK": ("NNMQF", [1: ("1", "c_4f0c10a1"), 2: ("2", "c_9aeca2ba"), 3: ("3", "c_c9af811f"), 4: ("4", "c_81be283e"),
                         5: ("5", "c_ea16bfd2"), 6: ("6", "c_c484f777"), 7: ("7", "c_4508cafb"), 8: ("8", "c_556a291d")]),
        "RS": ("NQFS", [1: ("1", "c_83bf6184"), 2: ("2", "c_c072e4cc"), 3: ("3", "c_8a1ce05d"), 4: ("4", "c_71bf982b"),
                        5: ("5", "c_dc2cd5c7"), 6: ("6", "c_7e034a16"), 7: ("7", "c_e4f11c13"), 8: ("8", "c_e3116f9b")]),
        "ME": ("ME NQF", [1: ("1.1", "c_aa951342"), 2: ("2", "c_e5b56761"), 3: ("3", "c_f08d5131"), 4: ("4.1", "c_52353560"),
                          5: ("5", "c_b7b67d5e"), 6: ("6", "c_5d6112c5"), 7: ("7.1", "c_f38ebe74"), 8: ("8", "c_ced2a6c3")]),
    ]

    /// Frameworks without QDR concepts: the national level with the EQF level's number (eight-level frameworks).
    static let unlisted: [String: String] = ["AM": "ANQF", "GE": "GeoNQF", "UA": "NQF UA"]

    /// The national level for `eqf` in `country`, nil for another country or a level outside 1…8.
    public static func level(country: String, eqf: Int) -> Level? {
        if let entry = table[country], let (level, id) = entry.levels[eqf] {
            return Level(framework: entry.framework, level: level, qdrURI: qdr + id)
        }
        if let framework = unlisted[country], (1...8).contains(eqf) {
            return Level(framework: framework, level: String(eqf), qdrURI: nil)
        }
        return nil
    }
}
