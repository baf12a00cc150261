import Foundation
import StocktakeModel

/// What a Gapminder DDF datapoint file holds: `ref_area,sex,classif1,time,<concept>`, one indicator per file,
/// named by the value column's header (`emp_temp_sex_eco_nb`). The concept's label, and with it the unit, comes
/// from the package's `ddf--concepts--continuous.csv` when the file sits inside a DDF package; else from the code.
struct DDFConcept: Equatable {
    /// The value column's header as written, e.g. `emp_temp_sex_eco_nb`.
    var code: String
    /// `concept_label` of the package's concept file, when found.
    var label: String?
    /// The concept file the label came from.
    var conceptFile: String?

    /// The key columns of a DDF datapoint file by economic activity; every other column is the indicator.
    static let keys: Set<String> = ["ref_area", "sex", "classif1", "classif2", "classif3", "time"]

    /// The index of the one indicator column of a DDF datapoint header (folded names), or nil when the header is
    /// not one: it needs `ref_area` and `time`, no ILOSTAT `obs_value`, and exactly one other column.
    static func valueColumn(folded names: [String]) -> Int? {
        guard names.contains("ref_area"), names.contains("time"), !names.contains("obs_value") else { return nil }
        let others = names.indices.filter { !keys.contains(names[$0]) }
        return others.count == 1 && !names[others[0]].isEmpty ? others[0] : nil
    }

    /// The indicator the concept measures: the pipeline's `indicator:` when set, else ILOSTAT's rules on the code.
    /// A concept code is an ILOSTAT series code in lower case: one the scoring does not know is a real series it does
    /// not use (its rows are skipped), as in ILOSTAT's own files.
    func indicator(explicit: LabourIndicator?) -> LabourIndicatorTable.Match {
        if let explicit { return .indicator(explicit) }
        let match = LabourIndicatorTable.ilostat(code)
        return match == .unknown && LabourReader.isSeriesCode(code.uppercased()) ? .unused : match
    }

    /// The unit of the values: from the label (`Employment ... (thousands)` → `THS`, `Mean weekly hours` → `HR`)
    /// when the package has one, else from the code's ILOSTAT suffix.
    var unit: String {
        if let label {
            let fromLabel = LabourIndicatorTable.ilostatUnit(label)
            if !fromLabel.isEmpty { return fromLabel }
        }
        return LabourIndicatorTable.ilostatUnit(code)
    }

    /// The source note of the series.
    var source: String { "ILOSTAT \(code) (Gapminder DDF)" }

    /// Looks for `ddf--concepts--continuous.csv` in the datapoint file's folder and up to three folders above (the
    /// package root of `datapoints/ddf--datapoints--…/file.csv`) and reads the concept's label from it.
    /// A concept file that cannot be read leaves the label unknown (the unit then comes from the code).
    static func find(code: String, dataFile: String) -> DDFConcept {
        var concept = DDFConcept(code: code)
        var folder = URL(fileURLWithPath: dataFile).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("ddf--concepts--continuous.csv").path
            if FileManager.default.fileExists(atPath: candidate) {
                concept.conceptFile = candidate
                concept.label = try? label(of: code, in: candidate)
                return concept
            }
            folder.deleteLastPathComponent()
        }
        return concept
    }

    /// `concept_label` of `code` in a DDF concept file, or nil when the file does not list it.
    static func label(of code: String, in path: String) throws -> String? {
        var conceptColumn: Int?
        var labelColumn: Int?
        var found: String?
        try CSVReader.forEachRecord(path: path) { record in
            guard found == nil else { return }
            guard let c = conceptColumn, let l = labelColumn else {
                let names = record.fields.map(HeaderName.fold)
                conceptColumn = names.firstIndex(of: "concept")
                labelColumn = names.firstIndex(of: "concept_label") ?? names.firstIndex(of: "name")
                return
            }
            if c < record.fields.count, l < record.fields.count, record.fields[c].trimmedCell == code {
                found = String(record.fields[l].trimmedCell)
            }
        }
        return found
    }
}
