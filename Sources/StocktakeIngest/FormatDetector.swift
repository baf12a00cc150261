import StocktakeModel

/// Recognizes an input format by the shape of its header.
enum FormatDetector {
    /// The format whose columns the header has, or nil.
    static func detect(header: [String]) -> InputFormat? {
        let names = header.map(HeaderName.fold)
        let set = Set(names)
        if let first = names.first, first.contains("\\") { return .eurostatTSV }
        if set.contains("respondent_id"), set.contains("skill") { return .stocktakeSurvey }
        if set.isSuperset(of: ["sector", "indicator", "period", "value"]) { return .stocktakeLabour }
        if DDFConcept.valueColumn(folded: names) != nil { return .ddf }
        if set.contains("ref_area") || set.contains("ref_area.label") { return .ilostat }
        let sdmx = names.map(EurostatColumns.canonical)
        if sdmx.contains("obs_value"), sdmx.contains("time_period") || sdmx.contains("dataflow") || sdmx.contains("structure") {
            return .eurostatSDMX
        }
        let codes = Set(header.map { LimeSurveyHeader.code(of: $0).lowercased() })
        if codes.contains("submitdate") || codes.contains("startlanguage") || codes.contains("lastpage")
            || (codes.contains("id") && codes.contains("seed")) {
            return .limesurvey
        }
        let raw = Set(header.map { $0.trimmedCell.lowercased() })
        if raw.contains("_uuid") || raw.contains("_submission_time") || raw.contains("meta/instanceid")
            || raw.contains("_id") && raw.contains("_index") {
            return .kobo
        }
        return nil
    }

    /// A Eurostat TSV header starts with dimension names and `\TIME_PERIOD` (or `\time`) before the first tab.
    static func looksLikeEurostatTSV(_ line: ArraySlice<UInt8>) -> Bool {
        guard let tab = line.firstIndex(of: 9) else { return false }
        return line[line.startIndex..<tab].contains(UInt8(ascii: "\\"))
    }
}

/// LimeSurvey and Kobo header conventions.
enum LimeSurveyHeader {
    /// The question code of a LimeSurvey "code. question text" header (`IMP[SQ001]. Importance` → `IMP[SQ001]`);
    /// the header itself when it has no code part.
    static func code(of header: String) -> String {
        let trimmed = header.trimmedCell
        if let range = trimmed.range(of: ". ") {
            let code = trimmed[trimmed.startIndex..<range.lowerBound]
            if !code.contains(" ") { return String(code) }
        }
        if trimmed.hasSuffix("."), !trimmed.dropLast().contains(" ") { return String(trimmed.dropLast()) }
        return String(trimmed)
    }

    /// Index of the column a mapping names: exact header, LimeSurvey code, Kobo path's last segment, or any of
    /// these ignoring case.
    static func resolve(_ name: String, in header: [String]) -> Int? {
        matches(name, in: header).first
    }

    /// Every column matching `name` by the first of the rules of `resolve` that matches any: more than one means
    /// the name is ambiguous (a repeated header, or two Kobo groups with the same question name).
    static func matches(_ name: String, in header: [String]) -> [Int] {
        let want = name.trimmedCell
        let lower = want.lowercased()
        func lastSegment(_ header: String) -> Substring { header.split(separator: "/").last?.trimmedCell ?? "" }
        let rules: [(String) -> Bool] = [
            { $0.trimmedCell == want },
            { code(of: $0) == want },
            { lastSegment($0) == want },
            { code(of: $0).lowercased() == lower },
            { lastSegment($0).lowercased() == lower },
        ]
        for rule in rules {
            let hits = header.indices.filter { rule(header[$0]) }
            if !hits.isEmpty { return hits }
        }
        return []
    }
}

/// Eurostat SDMX-CSV column names in their code, label and "code:label" forms.
enum EurostatColumns {
    /// Folded canonical name: `geo`, `time_period`, `obs_value`, `obs_flag`, `unit`, `nace_r2`, ...
    static func canonical(_ folded: String) -> String {
        var name = folded
        if let colon = name.firstIndex(of: ":") { name = String(name[..<colon]) }
        return labels[name] ?? name
    }

    static let labels: [String: String] = [
        "time_frequency": "freq",
        "unit_of_measure": "unit",
        "statistical_classification_of_economic_activities_in_the_european_community_(nace_rev._2)": "nace_r2",
        "geopolitical_entity_(reporting)": "geo",
        "geopolitical_entity_(declaring)": "geo",
        "time": "time_period",
        "observation_value": "obs_value",
        "observation_status_(flag)": "obs_flag",
        "observation_status_(flag)_v2_structure": "obs_flag",
        "confidentiality_status_(flag)": "conf_status",
        "last_update": "last_update",
        "sex": "sex",
        "age_class": "age",
        "employment_indicator": "indic_em",
        "national_accounts_indicator_(esa_2010)": "na_item",
    ]
}
