import StocktakeModel

/// ISCED-F 2013 field of a proposal, from its ESCO skill group or its NACE sector (`docs/methodology.md` §9).
///
/// Rule, first match wins: knowledge groups (`K` with an ISCED-F code: 4 digits as is, 2 digits → the broad
/// field's inter-disciplinary code `xx88`, `00` → `0011`); languages `L` → 0231; S4 management skills → 0413;
/// S5 working with computers → 0611 (computer use) except in the sections of `sectorFieldSections`, where
/// computers control machines and plant (CNC machining, process control) and the sector's field applies
/// (C24/C25/C28/C33 → 0715 Mechanics and metal trades) — and machine control (S5.7) takes the sector's field in
/// every sector; then the division table; then the section table.
public enum ISCEDFieldMapping {
    /// Section → ISCED-F 2013 detailed field.
    public static let bySection: [String: String] = [
        "A": "0811", "B": "0724", "C": "0788", "D": "0713", "E": "0712", "F": "0732", "G": "0416", "H": "1041",
        "I": "1013", "J": "0612", "K": "0412", "L": "0413", "M": "0413", "N": "0415", "O": "0413", "P": "0111",
        "Q": "0913", "R": "1015", "S": "1012", "T": "1011", "U": "0413",
    ]

    /// Division (two digits) → ISCED-F 2013 detailed field, where it differs from the section's.
    public static let byDivision: [String: String] = [
        "02": "0821", "03": "0831",
        "10": "0721", "11": "0721", "12": "0721", "13": "0723", "14": "0723", "15": "0723", "16": "0722",
        "17": "0722", "18": "0722", "19": "0711", "20": "0711", "21": "0711", "22": "0711", "23": "0722",
        "24": "0715", "25": "0715", "26": "0714", "27": "0714", "28": "0715", "29": "0716", "30": "0716",
        "31": "0722", "32": "0722", "33": "0715",
        "45": "0716", "58": "0211", "59": "0211", "60": "0211", "62": "0613", "71": "0731", "73": "0414",
        "79": "1015", "80": "1032", "87": "0923", "88": "0923", "93": "1014", "95": "0714",
    ]

    /// Skill groups that decide the field regardless of the sector.
    public static let bySkillGroup: [String: String] = ["S5": "0611", "S4": "0413", "L": "0231"]

    /// Skill group × NACE sections where the sector's field wins over `bySkillGroup`: mining (B), manufacturing
    /// (C), energy (D), water and waste (E) and construction (F), whose computer skills drive machines.
    public static let sectorFieldSections: [String: Set<String>] = ["S5": ["B", "C", "D", "E", "F"]]

    /// ESCO S5.7 "using digital tools to control machinery": machine control in any sector (precision farming,
    /// CNC, process plant), so the sector's field applies and the skill is practised in person.
    public static let machineControl = "S5.7"

    /// Whether `skill` is machine control (`machineControl` or a narrower code).
    public static func isMachineControl(_ skill: SkillRef) -> Bool {
        guard let code = skill.code else { return false }
        return code == machineControl || code.hasPrefix(machineControl + ".")
    }

    /// The 4-digit ISCED-F 2013 code for a proposal.
    public static func code(sector: SectorKey, skill: SkillRef?) -> String {
        if let skill, let group = skill.group, !isMachineControl(skill) {
            if group.hasPrefix("K"), let code = skill.code {
                let digits = code.filter(\.isNumber)
                if digits.count >= 4 { return String(digits.prefix(4)) }
                if digits.count == 2 { return digits == "00" ? "0011" : digits + "88" }
            }
            let top = String(group.prefix { $0 != "." })
            if let field = bySkillGroup[top], !(sectorFieldSections[top]?.contains(sector.section) ?? false) {
                return field
            }
        }
        if let division = sector.division, let field = byDivision[division] { return field }
        return bySection[sector.section] ?? "0413"
    }
}
