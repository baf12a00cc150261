import ArgumentParser
import Foundation
import StocktakeCore
import StocktakeModel

extension StocktakeCommand {
    /// `stocktake sample`: writes the deterministic synthetic inputs (bundled data and benchmark sizes).
    struct Sample: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate deterministic synthetic survey and labour inputs (native formats).",
            discussion: """
                Writes <out>/<CC>/survey.csv and <out>/<CC>/labour.csv per country plus <out>/provision.csv; with \
                --single-file one survey.csv and one labour.csv for all countries. The same seed and options give \
                byte-identical files. The data is synthetic: it is no official statistic.
                """
        )

        @Option(help: "Output directory (created when missing).")
        var out: String = "inputs"

        @Option(help: "Seed of the generator.")
        var seed: UInt64 = 42

        @Option(help: "Respondents per country (ignored with --target-bytes).")
        var respondents: Int = 120

        @Option(help: "Comma-separated ISO2 codes (default: all eight BEM countries).")
        var countries: String = SampleVocabulary.countryCodes.joined(separator: ",")

        @Option(help: "Write respondents until the survey bytes reach this size in total (e.g. 100M, 1G).")
        var targetBytes: String?

        @Flag(help: "One survey file and one labour file for all countries (benchmarks).")
        var singleFile = false

        @Flag(help: "Write surveys (and provision.csv) only, no synthetic labour.csv: how the bundled inputs/ were made, whose labour statistics are real (inputs/ilostat/).")
        var noLabour = false

        @Option(help: "Write only one labour bulk download in a real format instead: ilostat (ILOSTAT code-form CSV, <out>/ilostat_bulk.csv) or eurostat-tsv (<out>/estat_lfsq_egan22.tsv), of about --target-bytes (default 100M), all countries (benchmarks).")
        var labourBulk: String?

        @Flag(help: "Print nothing but errors.")
        var quiet = false

        func validate() throws {
            if respondents <= 0 { throw ValidationError("--respondents must be positive") }
            if let targetBytes, SampleGenerator.parseByteSize(targetBytes) == nil {
                throw ValidationError(SampleError.invalidTargetBytes(targetBytes).description)
            }
            if let labourBulk, SampleLabourBulk.Format(rawValue: labourBulk) == nil {
                throw ValidationError("--labour-bulk must be one of \(SampleLabourBulk.Format.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() throws {
            var options = SampleOptions(
                outputDirectory: out, seed: seed, respondents: respondents,
                countries: countries.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() },
                targetSurveyBytes: targetBytes.flatMap(SampleGenerator.parseByteSize), singleFile: singleFile)
            options.writesLabour = !noLabour
            let start = ContinuousClock.now
            let summary: SampleSummary
            do {
                if let bulk = labourBulk.flatMap(SampleLabourBulk.Format.init(rawValue:)) {
                    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                    let target = targetBytes.flatMap(SampleGenerator.parseByteSize) ?? 100_000_000
                    summary = SampleSummary(files: [try SampleLabourBulk.write(bulk, directory: out, seed: seed, targetBytes: target)])
                } else {
                    summary = try SampleGenerator.generate(options)
                }
            } catch let error as SampleError {
                throw ValidationError(error.description)
            } catch let error as StocktakeError {
                FileHandle.standardError.write(Data("stocktake: \(error.message)\n".utf8))
                throw ExitCode(error.status.rawValue)
            }
            guard !quiet else { return }
            let seconds = Self.seconds(ContinuousClock.now - start)
            for file in summary.files {
                print("\(file.path): \(file.rows) rows, \(file.bytes) bytes" + (file.kind == "survey" ? ", \(file.respondents) respondents" : ""))
            }
            let rate = seconds > 0 ? Double(summary.totalBytes) / 1e6 / seconds : 0
            print("wrote \(summary.totalBytes) bytes in \(String(format: "%.2f", seconds)) s (\(String(format: "%.1f", rate)) MB/s)")
        }

        private static func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
    }
}
