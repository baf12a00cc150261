import Foundation
import StocktakeModel

/// One line of `stocktake taxonomy match` output.
public struct TaxonomyMatchRow: Sendable, Hashable, Encodable {
    public var input: String
    public var code: String?
    public var level: String?
    public var label: String?
    public var method: MatchMethod
    public var confidence: Double

    public init(_ match: SectorMatch) {
        input = match.input
        code = match.code
        level = match.level?.rawValue
        label = match.label
        method = match.method
        confidence = rounded(match.confidence)
    }

    public init(_ match: SkillMatch) {
        input = match.input
        code = match.code
        level = match.code == nil ? nil : "skill-group"
        label = match.code == nil ? nil : match.label
        method = match.method
        confidence = rounded(match.confidence)
    }

    private enum CodingKeys: String, CodingKey { case input, code, level, label, method, confidence }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(input, forKey: .input)
        try c.encode(code, forKey: .code)
        try c.encode(level, forKey: .level)
        try c.encode(label, forKey: .label)
        try c.encode(method, forKey: .method)
        try c.encode(confidence, forKey: .confidence)
    }

    /// One JSON array (sorted keys, pretty-printed), `code` null when unmapped.
    public static func json(_ rows: [TaxonomyMatchRow]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(rows), as: UTF8.self)
    }

    /// Tab-separated text with a header: input, code, level, label, method, confidence (`-` when empty).
    public static func text(_ rows: [TaxonomyMatchRow]) -> String {
        var out = "input\tcode\tlevel\tlabel\tmethod\tconfidence\n"
        for row in rows {
            let fields = [row.input, row.code ?? "-", row.level ?? "-", row.label ?? "-", row.method.rawValue,
                          format(row.confidence)]
            out += fields.map { $0.replacingOccurrences(of: "\t", with: " ") }.joined(separator: "\t") + "\n"
        }
        return out
    }
}

