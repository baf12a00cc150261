import Foundation
import StocktakeModel

/// Renders review-queue entries as `overrides.csv` rows.
public enum ReviewQueue {
    /// The header of `overrides.csv`.
    public static let overridesHeader = "text,language,kind,code,who,why"

    /// Sorts entries for review: most rows first, then kind, text, language, country.
    public static func sorted(_ entries: [ReviewQueueEntry]) -> [ReviewQueueEntry] {
        entries.sorted {
            ($1.count, $0.kind, $0.text, $0.language ?? "", $0.country) < ($0.count, $1.kind, $1.text, $1.language ?? "", $1.country)
        }
    }

    /// RFC 4180 lines (LF-terminated) to paste into `overrides.csv`.
    ///
    /// The `code` and `who` columns are left empty on purpose: the loader ignores a row without a code, so a
    /// pasted line changes nothing until a reviewer fills in the code (or `NONE` to keep the name unmapped).
    /// The candidate, row count and country go into `why` to help the reviewer.
    public static func overridesLines(_ entries: [ReviewQueueEntry], includeHeader: Bool = false) -> String {
        var out = includeHeader ? overridesHeader + "\n" : ""
        for entry in sorted(entries) {
            var why = "review: \(entry.count) row\(entry.count == 1 ? "" : "s") in \(entry.country)"
            if let code = entry.candidateCode {
                why += "; candidate \(code)"
                if let confidence = entry.candidateConfidence { why += " (\(format(confidence)))" }
            }
            let fields = [entry.text, entry.language ?? "", entry.kind.rawValue, "", "", why]
            out += fields.map { CSVTable.field($0, delimiter: ",") }.joined(separator: ",") + "\n"
        }
        return out
    }
}
