import Foundation
import StocktakeModel
import StocktakeIngest

extension PipelineRunner {
    /// The outcome of reading one input file.
    struct FileIngest {
        var report: IngestReport
        /// Set when the file could not be used at all (empty, binary, duplicate header, …).
        var fileReject: Reject?
        var survey = SurveyAggregator()
        var labour = LabourCollector()
        /// Accepted rows of countries that are not in the pipeline (left out of the analysis, counted).
        var outOfScope = 0
    }

    /// The cell key of a skill label under the run's taxonomy: its normalized `SkillRef`, so that labels the
    /// normalize stage merges are one cell already while respondents are counted. `taxonomy` may be the skill half
    /// alone (`Taxonomy.loadSkills`: `matchSkill` answers the same); it is waited for (loading on a second thread)
    /// at the first label. A taxonomy that fails to load keeps each label apart here and fails the run at
    /// normalize.
    static func skillCell(_ taxonomy: BackgroundWork<Taxonomy>) -> Ingestor.SkillCell {
        { label in
            guard let ref = (try? taxonomy.value())?.matchSkill(label, language: nil).ref else { return label }
            return [ref.code ?? "", ref.uri ?? "", ref.label, ref.group ?? ""].joined(separator: "\u{1F}")
        }
    }

    /// Reads one input into per-file aggregates, handing every reject to `onReject` with the path as the
    /// definition writes it. A labour value repeating a (series, period) of the same file is rejected
    /// (`unique-error`), the first one kept.
    static func ingest(_ input: LoadedPipeline.Input, countries: Set<String>,
                       skillCell: @escaping Ingestor.SkillCell = Ingestor.labelCell, keyer: RecordKeyer? = nil,
                       onReject: (Reject) -> Void) throws -> FileIngest {
        let display = input.entry.displayPath
        func relocate(_ reject: Reject) -> Reject {
            var reject = reject
            reject.location.file = display
            return reject
        }
        func relocate(_ report: inout IngestReport) {
            report.file = display
            for i in report.warnings.indices { report.warnings[i].location.file = display }
        }
        do {
            switch input.spec.kind {
            case .survey:
                let (report, aggregate) = try Ingestor.aggregateSurvey(
                    input.spec, defaultCountry: input.entry.country, skillCell: skillCell, keyer: keyer,
                    onReject: { onReject(relocate($0)) })
                var result = FileIngest(report: report)
                result.outOfScope = result.survey.merge(aggregate, countries: countries)
                relocate(&result.report)
                return result
            case .labour:
                var file = try Ingestor.collectLabour(
                    input.spec, defaultCountry: input.entry.country, countries: countries,
                    onReject: { onReject(relocate($0)) })
                relocate(&file.report)
                return FileIngest(report: file.report, labour: file.collector, outOfScope: file.outOfScope)
            }
        } catch let error as IngestError {
            let reject = relocate(error.reject)
            onReject(reject)
            var report = IngestReport(file: display, format: input.spec.format)
            report.rejectsByCode[reject.code.rawValue] = 1
            return FileIngest(report: report, fileReject: reject)
        }
    }
}
