/// The common sector key: a NACE Rev. 2 section (`C`), optionally narrowed to a division (`C10`).
///
/// All eight national classifications (WZ 2008, SN2007, KD 2010, NKD Rev. 2, KVED-2010, Geostat's, CAE 2013)
/// share NACE Rev. 2 sections and divisions, so this is the level at which countries are compared.
public struct SectorKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// Section letter A...U.
    public var section: String
    /// Two-digit division 01...99, or nil for the whole section.
    public var division: String?

    public init(section: String, division: String? = nil) {
        self.section = section
        self.division = division
    }

    /// Parses `C` or `C10` (the form `description` prints).
    public init?(_ text: String) {
        guard let first = text.first, first.isASCII, first.isUppercase else { return nil }
        let rest = text.dropFirst()
        if rest.isEmpty {
            self.init(section: String(first))
        } else if rest.count == 2, rest.allSatisfy(\.isASCII), rest.allSatisfy(\.isNumber) {
            self.init(section: String(first), division: String(rest))
        } else {
            return nil
        }
    }

    /// The section this key belongs to (itself when it is a section).
    public var parent: SectorKey { SectorKey(section: section) }

    public var isSection: Bool { division == nil }

    /// `C` or `C10`.
    public var description: String { section + (division ?? "") }

    public static func < (lhs: SectorKey, rhs: SectorKey) -> Bool {
        (lhs.section, lhs.division ?? "") < (rhs.section, rhs.division ?? "")
    }
}

/// A normalized skill: an ESCO skill group where the label matched one, otherwise the survey's own label, flagged.
public struct SkillRef: Sendable, Hashable, Codable, Comparable {
    /// ESCO skills-pillar code of the group (`S5`, `S5.1`, `T2`, `K06`...), nil when unmapped.
    public var code: String?
    /// ESCO concept URI of the matched group or skill, nil when unmapped.
    public var uri: String?
    /// English label: ESCO's preferred label, or the survey's own label when unmapped.
    public var label: String
    /// Top-level ESCO group (`S5`, `T2`, `K`), used to group skills into one proposal; nil when unmapped.
    public var group: String?

    public init(code: String?, uri: String?, label: String, group: String?) {
        self.code = code
        self.uri = uri
        self.label = label
        self.group = group
    }

    public var isMapped: Bool { code != nil }

    public static func < (lhs: SkillRef, rhs: SkillRef) -> Bool {
        (lhs.group ?? "~", lhs.code ?? "~", lhs.label) < (rhs.group ?? "~", rhs.code ?? "~", rhs.label)
    }
}
