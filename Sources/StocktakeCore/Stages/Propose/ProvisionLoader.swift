import Foundation
import StocktakeModel
import StocktakeIngest

/// One existing programme from the optional stocktaking file `provision.csv`.
public struct ProvisionEntry: Sendable, Hashable, Codable {
    /// ISO 3166-1 alpha-2.
    public var country: String
    /// Section or division the programme serves; nil = any sector.
    public var sector: SectorKey?
    /// ESCO top-level skill group it covers (`S1`…`S8`, `T1`…`T6`, `K`, `L`), as `SkillRef.group`; nil = any group.
    public var skillGroup: String?
    /// Programme title as written (may be empty).
    public var title: String
    /// Provider as written (may be empty).
    public var provider: String

    public init(country: String, sector: SectorKey?, skillGroup: String?, title: String = "", provider: String = "") {
        self.country = country
        self.sector = sector
        self.skillGroup = skillGroup
        self.title = title
        self.provider = provider
    }

    /// Whether the programme covers `sector` × `skillGroup` in `country` (same section; divisions must agree when
    /// both name one; an empty sector or group matches any).
    public func covers(country: String, sector: SectorKey, skillGroup: String?) -> Bool {
        guard self.country == country else { return false }
        if let own = self.sector {
            guard own.section == sector.section else { return false }
            if let a = own.division, let b = sector.division, a != b { return false }
        }
        if let group = self.skillGroup { return group == skillGroup }
        return true
    }
}

/// Loads `provision.csv` (UTF-8, comma, header): `country,sector,skill_group[,title][,provider]`.
///
/// `sector` is a NACE code in the common form (`C`, `C10`) or empty; `skill_group` an ESCO top-level group code
/// (`S5`, `T2`, `K`) or empty.
public enum ProvisionLoader {
    /// Reads the whole file (small by nature) through `CSVReader`.
    ///
    /// - Throws: `CSVReadError` when the file cannot be read; `StocktakeError` (data error) naming file and line
    ///   when the header lacks a required column or a row has a bad country or sector code.
    public static func load(path: String) throws -> [ProvisionEntry] {
        var header: [String: Int]?
        var entries: [ProvisionEntry] = []
        try CSVReader.forEachRecord(path: path) { record in
            guard let columns = header else {
                var map: [String: Int] = [:]
                for (i, name) in record.fields.enumerated() {
                    map[name.trimmingCharacters(in: .whitespaces).lowercased()] = i
                }
                for required in ["country", "sector", "skill_group"] where map[required] == nil {
                    throw StocktakeError(.dataError, "\(path):\(record.line): missing column `\(required)`")
                }
                header = map
                return
            }
            func field(_ name: String) -> String {
                guard let i = columns[name], i < record.fields.count else { return "" }
                return record.fields[i].trimmingCharacters(in: .whitespaces)
            }
            if record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { return }
            let country = field("country").uppercased()
            guard country.count == 2, country.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw StocktakeError(.dataError, "\(path):\(record.line): country must be an ISO 3166-1 alpha-2 code")
            }
            let sectorText = field("sector").uppercased()
            var sector: SectorKey?
            if !sectorText.isEmpty {
                guard let key = SectorKey(sectorText) else {
                    throw StocktakeError(.dataError, "\(path):\(record.line): sector must be a NACE section or division code such as C or C10")
                }
                sector = key
            }
            let group = field("skill_group")
            entries.append(ProvisionEntry(
                country: country, sector: sector, skillGroup: group.isEmpty ? nil : group, title: field("title"),
                provider: field("provider")))
        }
        return entries
    }
}
