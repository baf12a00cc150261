import Foundation
import StocktakeModel

/// Sector code notations: NACE sections/divisions/groups/classes (with or without dots), Eurostat `C10` and
/// aggregates (`B-E`, `G-I`, `M_N`, `C10-C12`, `TOTAL`), WZ 2008 subclasses (`43.21.0`), SN2007 five-digit codes
/// (`62.010`, `62010`), ISIC Rev. 4 (`0111`, `ISIC 011`), ILOSTAT (`ECO_ISIC4_C`, `ECO_SECTOR_IND`,
/// `ECO_AGGREGATE_MAN`, any case) and NACE Rev. 2.1 codes when marked (`NACE Rev. 2.1 62.10`).
extension TaxonomyStorage {
    /// Parses `text` as a code, optionally followed by a label (`C - Manufacturing`, `62 Computer programming`).
    ///
    /// - Returns: nil when the text is not a code at all (it is then matched as a name).
    func parseSectorCode(_ text: String) -> (code: ParsedSectorCode, label: String?)? {
        var s = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // ILOSTAT labels: "Economic activity (ISIC-Rev.4): C. Manufacturing", "Economic activity (Aggregate): Total".
        if let colon = s.range(of: ":"), s[..<colon.lowerBound].lowercased().hasPrefix("economic activity") {
            let head = s[..<colon.lowerBound].lowercased()
            let item = String(s[colon.upperBound...]).trimmingCharacters(in: .whitespaces)
            let folded = TextFolding.exact(item)
            if head.contains("aggregate") || head.contains("broad sector") {
                let prefix = head.contains("aggregate") ? "ECO_AGGREGATE_" : "ECO_SECTOR_"
                guard let suffix = Self.ilostatLabelItems[folded] else {
                    return (.rejected("unknown ILOSTAT item '\(item)'"), nil)
                }
                return parseToken(prefix + suffix, scheme: .nace).map { ($0, nil) }
            }
            if head.contains("isic-rev.3") || head.contains("isic-rev.2") {
                return (.rejected("ISIC Rev. 3 items are not supported (sections differ from NACE Rev. 2)"), nil)
            }
            if folded == "total" { return (.total("TOTAL"), nil) }
            if folded.hasPrefix("x ") || folded.contains("not classified") || folded.contains("not elsewhere classified") {
                return (.rejected("\(item): activities not classified"), nil)
            }
            s = item
        }
        var scheme = Scheme.nace
        let upper = s.uppercased()
        for (prefix, kind) in Self.prefixes where upper.hasPrefix(prefix) {
            let rest = s.dropFirst(prefix.count)
            guard let next = rest.first, next == " " || next == ":" || next == "-" || next.isNumber || next.isUppercase
            else { continue }
            scheme = kind
            s = String(rest).trimmingCharacters(in: CharacterSet(charactersIn: " :-"))
            break
        }
        let tokenEnd = s.firstIndex { !($0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0))) } ?? s.endIndex
        var token = String(s[..<tokenEnd]).uppercased()
        while token.hasSuffix(".") || token.hasSuffix("-") { token.removeLast() }
        guard !token.isEmpty else { return nil }
        let rest = s[tokenEnd...].trimmingCharacters(in: CharacterSet(charactersIn: " -–—:.)\t"))
        // A token followed by a non-separator (e.g. "Bau/Handwerk") is not a code.
        if tokenEnd < s.endIndex, !" :–—-(\t".contains(s[tokenEnd]) { return nil }
        guard let code = parseToken(token, scheme: scheme) else {
            return scheme == .nace ? nil : (.rejected("not a valid \(scheme.name) code: \(token)"), nil)
        }
        return (code, rest.isEmpty ? nil : rest)
    }

    // MARK: - Private

    private enum Scheme: Equatable {
        case nace, rev21, isic, national
        var name: String {
            switch self {
            case .nace, .national: return "NACE Rev. 2"
            case .rev21: return "NACE Rev. 2.1"
            case .isic: return "ISIC Rev. 4"
            }
        }
    }

    private static let prefixes: [(String, Scheme)] = [
        ("NACE REV. 2.1", .rev21), ("NACE REV.2.1", .rev21), ("NACE REV 2.1", .rev21), ("NACE 2.1", .rev21),
        ("NKD REV. 2.1", .rev21), ("NKD REV.2.1", .rev21), ("NKD 2.1", .rev21),
        ("NACE REV. 2", .nace), ("NACE REV.2", .nace), ("NACE REV 2", .nace), ("NACE2", .nace), ("NACE", .nace),
        ("ISIC REV. 4", .isic), ("ISIC REV.4", .isic), ("ISIC REV 4", .isic), ("ISIC4", .isic), ("ISIC", .isic),
        ("WZ 2008", .national), ("WZ2008", .national), ("WZ08", .national), ("WZ", .national),
        ("SN2007", .national), ("SN 2007", .national), ("KD 2010", .national), ("KD2010", .national),
        ("NKD REV. 2", .national), ("NKD", .national), ("KVED-2010", .national), ("KVED", .national),
        ("КВЕД-2010", .national), ("КВЕД", .national), ("CAE 2013", .national), ("CAE", .national),
    ]

    private static let sectionLetters = Set("ABCDEFGHIJKLMNOPQRSTU")

    private func parseToken(_ token: String, scheme: Scheme) -> ParsedSectorCode? {
        if token.hasPrefix("ECO_") { return parseILOSTAT(token) }
        if token == "TOTAL" || token == "TOT" { return .total("TOTAL") }
        let digitsAndDots = token.allSatisfy { $0.isNumber || $0 == "." }
        if digitsAndDots { return parseNumeric(token, scheme: scheme) }
        if token.count == 1, let letter = token.first, Self.sectionLetters.contains(letter) || scheme == .rev21 {
            if scheme == .rev21 { return viaRev21(token) }
            return .nace(token, note: nil)
        }
        // Eurostat section + division: C10, C10.1, C10.11
        if let first = token.first, Self.sectionLetters.contains(first), token.count >= 3,
           token.dropFirst().allSatisfy({ $0.isNumber || $0 == "." }), !token.contains("-") {
            guard case .nace(let code, let note)? = parseNumeric(String(token.dropFirst()), scheme: .nace) else {
                return .rejected("not a valid NACE Rev. 2 code: \(token)")
            }
            guard nodes[code]?.section == String(first) else {
                return .rejected("\(token): division \(code.prefix(2)) is not in section \(first)")
            }
            return .nace(code, note: note)
        }
        return parseAggregate(token)
    }

    private func parseNumeric(_ token: String, scheme: Scheme) -> ParsedSectorCode? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count > 1, parts[0].count != 2 { return nil }
        if parts.contains(where: \.isEmpty) { return nil }
        let digits = parts.joined()
        guard (2...5).contains(digits.count) else { return nil }
        let d = Array(digits)
        func dotted(_ n: Int) -> String {
            let s = String(d.prefix(n))
            switch n {
            case 2: return s
            case 3: return String(d[0...1]) + "." + String(d[2])
            default: return String(d[0...1]) + "." + String(d[2...3])
            }
        }
        if scheme == .isic, digits.count <= 4 {
            return viaISIC(digits) ?? .rejected("not an ISIC Rev. 4 code: \(token)")
        }
        if scheme == .rev21 {
            return digits.count <= 4 ? viaRev21(dotted(digits.count)) : .rejected("not a NACE Rev. 2.1 code: \(token)")
        }
        if digits.count == 5 {
            let classCode = dotted(4)
            guard nodes[classCode] != nil else { return .rejected("\(token): class \(classCode) is not in NACE Rev. 2") }
            let isWZ = parts.count == 3 && wzSubclasses.contains(token)
            return .nace(classCode, note: isWZ ? "WZ 2008 subclass \(token)" : "national subclass \(token) (SN2007/KD/CAE)")
        }
        let code = dotted(digits.count)
        if nodes[code] != nil { return .nace(code, note: nil) }
        if digits.count >= 3, let viaISIC = viaISIC(digits) { return viaISIC }
        return .rejected("not a NACE Rev. 2 code: \(token)")
    }

    private func viaISIC(_ digits: String) -> ParsedSectorCode? {
        guard let label = isic[digits] else { return nil }
        let division = String(digits.prefix(2))
        guard nodes[division] != nil else { return nil }
        return .nace(division, note: "ISIC Rev. 4 \(digits) (\(label)), compared at division level")
    }

    private func viaRev21(_ code: String) -> ParsedSectorCode {
        guard let sources = rev21ToRev2[code], !sources.isEmpty else {
            return .rejected("NACE Rev. 2.1 code \(code) is not in the Rev. 2 → 2.1 correspondence table")
        }
        if sources.count == 1 { return .nace(sources[0], note: "NACE Rev. 2.1 \(code) = Rev. 2 \(sources[0])") }
        if let common = lowestCommonAncestor(sources, parent: { self.nodes[$0]?.parent }) {
            return .nace(common, note: "NACE Rev. 2.1 \(code) not one-to-one (Rev. 2: \(sources.joined(separator: ", "))); mapped to \(common)")
        }
        return .rejected("NACE Rev. 2.1 \(code) not one-to-one across sections (Rev. 2: \(sources.joined(separator: ", ")))")
    }

    private func parseAggregate(_ token: String) -> ParsedSectorCode? {
        var sections: [String] = []
        let parts = token.split(separator: "_", omittingEmptySubsequences: false)
        var isAggregate = parts.count > 1
        for part in parts {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(ends.count) else { return nil }
            if ends.count == 2 { isAggregate = true }
            var range: [(section: Character, division: Int?)] = []
            for end in ends {
                guard let letter = end.first, Self.sectionLetters.contains(letter) || end.allSatisfy(\.isNumber)
                else { return nil }
                if end.count == 1 {
                    range.append((letter, nil))
                } else if end.count == 3, end.dropFirst().allSatisfy(\.isNumber), Self.sectionLetters.contains(letter) {
                    range.append((letter, Int(end.dropFirst())))
                } else if end.count == 2, end.allSatisfy(\.isNumber), let previous = range.first {
                    range.append((previous.section, Int(end)))  // C10-12
                } else {
                    return nil
                }
            }
            if range.count == 1 {
                if let division = range[0].division {
                    guard let node = nodes[String(format: "%02d", division)], node.section == String(range[0].section)
                    else { return nil }
                }
                sections.append(String(range[0].section))
            } else {
                let (a, b) = (range[0], range[1])
                if let da = a.division, let db = b.division {
                    guard da <= db else { return nil }
                    for division in da...db {
                        if let node = nodes[String(format: "%02d", division)] { sections.append(node.section) }
                    }
                } else {
                    guard let lo = a.section.asciiValue, let hi = b.section.asciiValue, lo <= hi else { return nil }
                    for value in lo...hi { sections.append(String(UnicodeScalar(value))) }
                }
            }
        }
        guard isAggregate, !sections.isEmpty else { return nil }
        let unique = Array(Set(sections)).sorted()
        return .aggregate(token, sections: unique, label: Self.aggregateLabels[token] ?? aggregateLabel(unique))
    }

    private func parseILOSTAT(_ token: String) -> ParsedSectorCode {
        let parts = token.split(separator: "_").map(String.init)
        guard parts.count >= 3 else { return .rejected("unknown ILOSTAT classification \(token)") }
        let classification = parts[1]
        let item = parts[2...].joined(separator: "_")
        if item == "TOTAL" { return .total(token) }
        if item == "X" { return .rejected("\(token): activities not elsewhere classified") }
        switch classification {
        case "ISIC4":
            if item.count == 1, let letter = item.first, Self.sectionLetters.contains(letter) {
                return .nace(item, note: "ILOSTAT \(token)")
            }
            if item.count == 2, item.allSatisfy(\.isNumber), nodes[item] != nil {
                return .nace(item, note: "ILOSTAT \(token)")
            }
            return .rejected("unknown ILOSTAT ISIC Rev. 4 item \(token)")
        case "SECTOR", "AGGREGATE":
            guard let (sections, label) = Self.ilostatAggregates[classification + "_" + item] else {
                return .rejected("unknown ILOSTAT aggregate \(token)")
            }
            return .aggregate(token, sections: sections, label: label)
        case "ISIC3", "ISIC2":
            return .rejected("\(token): ISIC Rev. \(classification.suffix(1)) is not supported (sections differ from NACE Rev. 2)")
        default:
            return .rejected("unknown ILOSTAT classification \(token)")
        }
    }

    private func aggregateLabel(_ sections: [String]) -> String {
        "Sections " + sections.joined(separator: ", ")
    }

    private static func span(_ from: Character, _ to: Character) -> [String] {
        (from.asciiValue!...to.asciiValue!).map { String(UnicodeScalar($0)) }
    }

    private static let ilostatAggregates: [String: ([String], String)] = [
        "SECTOR_AGR": (["A"], "Agriculture"),
        "SECTOR_IND": (span("B", "F"), "Industry"),
        "SECTOR_SER": (span("G", "U"), "Services"),
        "SECTOR_NAG": (span("B", "U"), "Non-agriculture"),
        "AGGREGATE_AGR": (["A"], "Agriculture"),
        "AGGREGATE_MAN": (["C"], "Manufacturing"),
        "AGGREGATE_CON": (["F"], "Construction"),
        "AGGREGATE_MEL": (["B", "D", "E"], "Mining and quarrying; electricity, gas and water supply"),
        "AGGREGATE_MKT": (span("G", "N"), "Market services (trade; transportation; accommodation and food; business and administrative services)"),
        "AGGREGATE_PUB": (span("O", "U"), "Public administration, community, social and other services and activities"),
    ]

    /// ILOSTAT aggregate and broad-sector item labels (folded) → code suffix.
    private static let ilostatLabelItems: [String: String] = [
        "total": "TOTAL", "agriculture": "AGR", "manufacturing": "MAN", "construction": "CON",
        "mining and quarrying electricity gas and water supply": "MEL",
        "trade transportation accommodation and food and business and administrative services": "MKT",
        "public administration community social and other services and activities": "PUB",
        "industry": "IND", "services": "SER", "non agriculture": "NAG",
        "not classified by economic activity": "X",
    ]

    private static let aggregateLabels: [String: String] = [
        "B-E": "Industry (except construction)",
        "B-F": "Industry (including construction)",
        "G-I": "Wholesale and retail trade, transport, accommodation and food service activities",
        "M_N": "Professional, scientific and technical activities; administrative and support service activities",
        "O-Q": "Public administration, defence, education, human health and social work activities",
        "R-U": "Arts, entertainment and recreation; other service activities; activities of households and extra-territorial organisations",
        "B-N": "Industry, construction and services (except public administration and defence)",
        "G-U": "Services",
    ]
}
