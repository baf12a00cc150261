import StocktakeModel

/// Why one survey cell is invalid: the reject's code and message. The same bad value gives the same problem in
/// every survey format (native `stocktake-survey`, LimeSurvey, Kobo), because every format parses its cells through
/// the same `SurveyField` declarations.
struct FieldProblem: Error, Hashable, Sendable {
    var code: ErrorCode
    var message: String

    init(_ code: ErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }
}

/// One survey column kind, declared once: the tokens it accepts, how it splits a list, and the code and message of
/// each way a value can be wrong. `parse` trims the cell (spaces, tabs, NBSP) and gives the value or the problem.
///
/// The native fast path (`NativeSurveySink`) calls `parse` once per distinct byte string of a column and caches the
/// result; the wide readers (`WideSurveyReader`) call it once per cell; `inspect`, `validate` and `run` read every
/// format through those two readers. A wide mapping's answer-code tables (`scale_values`, `hard_to_fill_values`,
/// ...) are parameters of the field (`SurveyFields.wide`), looked up by the cell as written before the default
/// tokens, not a parser of their own.
struct SurveyField<Value>: Sendable {
    /// The column's name as messages give it (`importance`, `hard_to_fill`, ...).
    let column: String
    private let rule: @Sendable (Substring) -> Result<Value, FieldProblem>

    init(_ column: String, rule: @escaping @Sendable (Substring) -> Result<Value, FieldProblem>) {
        self.column = column
        self.rule = rule
    }

    /// The value of a cell (trimmed here), or its problem.
    func parse(_ text: Substring) -> Result<Value, FieldProblem> { rule(text.trimmedCell) }

    /// `parse(_:)` of a decoded cell.
    func parse(_ text: String) -> Result<Value, FieldProblem> { rule(text.trimmedCell) }

    /// The value of a cell's raw bytes in `encoding`, or its problem (`encoding-error` when the bytes are not valid
    /// in the encoding).
    func parse(_ bytes: UnsafeBufferPointer<UInt8>, encoding: TextEncoding) -> Result<Value, FieldProblem> {
        guard let text = TextDecoder.decode(UnsafeRawBufferPointer(bytes), encoding: encoding) else {
            return .failure(encodingProblem(encoding))
        }
        return parse(Substring(text))
    }

    /// The problem of a cell whose bytes are not valid in `encoding`.
    func encodingProblem(_ encoding: TextEncoding) -> FieldProblem {
        FieldProblem(.encodingError, "\(column) has bytes that are not valid \(encoding.rawValue)")
    }
}

// MARK: - The column kinds

extension SurveyField where Value == Int {
    /// A 1–5 scale (importance, proficiency), required: an integer, or an answer code of `codes`.
    static func scale(_ column: String, codes: [String: Int]? = nil) -> SurveyField {
        let hint = codes == nil ? "" : " or an answer code of the mapping"
        return SurveyField(column) { text in
            if text.isEmpty { return .failure(FieldProblem(.requiredValue, "\(column) is empty: give an integer 1–5")) }
            guard let v = codes?[String(text)] ?? SurveyField.integer(text) else {
                return .failure(FieldProblem(.typeError, "\(column) is not an integer: give 1, 2, 3, 4 or 5\(hint)"))
            }
            guard (1...5).contains(v) else {
                return .failure(FieldProblem(.constraintError, "\(column) is out of range: give 1, 2, 3, 4 or 5"))
            }
            return .success(v)
        }
    }
}

extension SurveyField where Value == Bool? {
    /// Yes/no, optional (nil = not answered). `codes` is looked up first, by the cell as written; its key `""`
    /// gives the value of an empty cell (a `Y`/blank tick column).
    static func yesNo(_ column: String, codes: [String: Bool]? = nil) -> SurveyField {
        SurveyField(column) { text in
            if let mapped = codes?[String(text)] { return .success(mapped) }
            switch text.lowercased() {
            case "": return .success(nil)
            case "yes", "y", "true", "1": return .success(true)
            case "no", "n", "false", "0": return .success(false)
            default: return .failure(FieldProblem(.typeError, "\(column) must be yes or no (y/n, true/false, 1/0) or empty"))
            }
        }
    }
}

extension SurveyField where Value == Int? {
    /// A change −2…+2, optional: an integer (`+1` and U+2212 minus accepted) or an answer code of `codes`.
    static func change(_ column: String, codes: [String: Int]? = nil) -> SurveyField {
        let hint = codes == nil ? "" : " or an answer code of the mapping"
        return SurveyField(column) { text in
            if text.isEmpty { return .success(nil) }
            guard let v = codes?[String(text)] ?? SurveyField.integer(text) else {
                return .failure(FieldProblem(.typeError, "\(column) is not an integer: give -2, -1, 0, +1, +2\(hint) or leave it empty"))
            }
            guard (-2...2).contains(v) else {
                return .failure(FieldProblem(.constraintError, "\(column) is out of range: give -2 … +2"))
            }
            return .success(v)
        }
    }
}

extension SurveyField where Value == LearningMode? {
    /// One learning mode, optional: `online`, `blended`, `on-site` (also `onsite`, `on site`; any case) or an
    /// answer code of `codes`.
    static func learningMode(_ column: String, codes: [String: LearningMode]? = nil) -> SurveyField {
        let hint = codes == nil ? "" : " (or a code in `learning_mode_values`)"
        return SurveyField(column) { text in
            if text.isEmpty { return .success(nil) }
            if let mapped = codes?[String(text)] { return .success(mapped) }
            let folded = text.lowercased()
            guard let mode = LearningMode(rawValue: folded == "onsite" || folded == "on site" ? "on-site" : folded) else {
                return .failure(FieldProblem(.constraintError, "\(column) must be online, blended, on-site or empty\(hint)"))
            }
            return .success(mode)
        }
    }
}

extension SurveyField where Value == Set<TargetGroup> {
    /// The characters that separate the items of a target-group list: `|` (native), space (Kobo select_multiple),
    /// `,` and `;`.
    static var groupSeparators: Set<Character> { ["|", " ", ",", ";"] }

    /// A set of target groups, optional (empty set = none named): items separated by `groupSeparators`, each a
    /// group name (any case) or an answer code of `codes`.
    static func targetGroups(_ column: String, codes: [String: TargetGroup]? = nil) -> SurveyField {
        let hint = codes == nil ? "" : " (or a code in `target_group_values`)"
        return SurveyField(column) { text in
            var groups: Set<TargetGroup> = []
            for part in text.split(whereSeparator: { groupSeparators.contains($0) }) {
                let item = part.trimmedCell
                if item.isEmpty { continue }
                guard let group = codes?[String(item)] ?? TargetGroup(rawValue: item.lowercased()) else {
                    return .failure(FieldProblem(.constraintError, "\(column) has an unknown group: use unemployed|low-skilled|displaced-returnees|refugees|rural|adults|youth\(hint)"))
                }
                groups.insert(group)
            }
            return .success(groups)
        }
    }
}

extension SurveyField where Value == String {
    /// Free text that must not be empty (sector, skill, respondent id), kept as written (trimmed).
    static func text(_ column: String, empty: String = "") -> SurveyField {
        SurveyField(column) { text in
            if text.isEmpty { return .failure(FieldProblem(.requiredValue, "\(column) is empty\(empty)")) }
            return .success(String(text))
        }
    }

    /// A country code or name, resolved to its ISO code. An empty cell is the input's `country` (when it has one);
    /// a row of another country than the input's is a `constraint-error`.
    static func country(_ column: String, expected: String?) -> SurveyField {
        SurveyField(column) { text in
            if text.isEmpty {
                if let expected { return .success(expected) }
                return .failure(FieldProblem(.requiredValue, "\(column) is empty: give the ISO code (DE, UA, ...)"))
            }
            guard let code = Countries.resolve(String(text)) else {
                return .failure(FieldProblem(.unknownCountry, "\(column) is not an ISO 3166 code or a known country name"))
            }
            if let expected, expected != code {
                return .failure(FieldProblem(.constraintError, "country \(code) differs from the input's country \(expected): move the row to that country's file"))
            }
            return .success(code)
        }
    }

    /// The organisation types of the native format, in a fixed order.
    static var organisationTypes: [String] { ["employer", "vet-provider", "public-employment-service", "chamber", "ngo", "other"] }

    /// An organisation type. `codes` (by the cell as written) come first; then the cell in lower case, which must be
    /// one of `organisationTypes` unless `keepUnlisted` (wide exports keep unmapped answers as written, lower
    /// case). An empty cell is `empty`, or a `required-value` when `empty` is nil.
    static func organisation(_ column: String, codes: [String: String]? = nil, keepUnlisted: Bool = false,
                             empty: String? = nil) -> SurveyField {
        SurveyField(column) { text in
            if text.isEmpty {
                if let empty { return .success(empty) }
                return .failure(FieldProblem(.requiredValue, "\(column) is empty"))
            }
            if let mapped = codes?[String(text)] { return .success(mapped) }
            let folded = text.lowercased()
            guard keepUnlisted || organisationTypes.contains(folded) else {
                return .failure(FieldProblem(.constraintError, "\(column) must be one of \(organisationTypes.joined(separator: ", "))"))
            }
            return .success(folded)
        }
    }
}

extension SurveyField {
    /// An optionally signed decimal integer (no spaces, at most 9 digits; `+`, `-` and U+2212 minus), or nil.
    static func integer(_ text: Substring) -> Int? {
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBufferPointer { integer(UnsafeBufferPointer($0)) }
    }

    /// `integer(_:)` on UTF-8 bytes.
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

/// Every survey column of one input, declared once: `native` for the `stocktake-survey` format, `wide` for a
/// LimeSurvey/Kobo export read through its mapping (the same kinds, with the mapping's answer-code tables).
struct SurveyFields: Sendable {
    var country: SurveyField<String>
    var respondent: SurveyField<String>
    var organisation: SurveyField<String>
    var sector: SurveyField<String>
    var skill: SurveyField<String>
    var importance: SurveyField<Int>
    var proficiency: SurveyField<Int>
    var hardToFill: SurveyField<Bool?>
    var demand: SurveyField<Int?>
    var mode: SurveyField<LearningMode?>
    var groups: SurveyField<Set<TargetGroup>>

    /// The columns of the native format of an input whose country is `country` (nil: a multi-country file).
    static func native(country: String?) -> SurveyFields {
        SurveyFields(
            country: .country("country", expected: country),
            respondent: .text("respondent_id", empty: ": every row needs the respondent's id"),
            organisation: .organisation("organisation_type"),
            sector: .text("sector"), skill: .text("skill"),
            importance: .scale("importance"), proficiency: .scale("proficiency"),
            hardToFill: .yesNo("hard_to_fill"), demand: .change("demand_change"),
            mode: .learningMode("learning_mode"), groups: .targetGroups("target_groups"))
    }

    /// The columns of a wide export read through `mapping`, for an input whose country is `country`.
    static func wide(_ mapping: SurveyMapping, country: String?) -> SurveyFields {
        func merged(_ specific: [String: Int]?) -> [String: Int]? {
            guard let general = mapping.scaleValues else { return specific }
            return general.merging(specific ?? [:]) { _, own in own }
        }
        return SurveyFields(
            country: .country("country", expected: country),
            respondent: .text("respondent_id", empty: ": every row needs the respondent's id"),
            organisation: .organisation("organisation_type", codes: mapping.organisationTypeValues, keepUnlisted: true,
                                        empty: mapping.organisationTypeValue ?? "other"),
            sector: .text("sector"), skill: .text("skill"),
            importance: .scale("importance", codes: merged(mapping.importanceValues)),
            proficiency: .scale("proficiency", codes: merged(mapping.proficiencyValues)),
            hardToFill: .yesNo("hard_to_fill", codes: mapping.hardToFillValues),
            demand: .change("demand_change", codes: mapping.demandChangeValues),
            mode: .learningMode("learning_mode", codes: mapping.learningModeValues),
            groups: .targetGroups("target_groups", codes: mapping.targetGroupValues))
    }
}
