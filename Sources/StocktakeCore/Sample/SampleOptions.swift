import StocktakeModel

/// What `SampleGenerator.generate` writes: where, from which seed, how much, for which countries.
public struct SampleOptions: Sendable, Equatable {
    /// Output directory; created when missing. Per-country files go to `<dir>/<CC>/`, single files to `<dir>/`.
    public var outputDirectory: String
    /// Seed of the generator: the same seed (and options) gives byte-identical files.
    public var seed: UInt64
    /// Respondents per country (ignored when `targetSurveyBytes` is set). Must be positive.
    public var respondents: Int
    /// ISO2 codes, a subset of `SampleVocabulary.countryCodes`, written in the given order.
    public var countries: [String]
    /// When set, respondents are written until the survey bytes reach this size (in total over all countries;
    /// split evenly between the per-country files), instead of `respondents` per country.
    public var targetSurveyBytes: Int?
    /// One survey file and one labour file for all countries (for benchmarks) instead of one pair per country.
    public var singleFile: Bool
    /// Whether to write `<dir>/provision.csv` (existing programmes) as well.
    public var writesProvision: Bool
    /// Whether to write synthetic labour statistics (`labour.csv`) beside the surveys. The bundled inputs do not:
    /// their labour statistics are real (ILOSTAT, `inputs/ilostat/`).
    public var writesLabour = true

    public init(
        outputDirectory: String, seed: UInt64 = 42, respondents: Int = 120,
        countries: [String] = SampleVocabulary.countryCodes, targetSurveyBytes: Int? = nil, singleFile: Bool = false,
        writesProvision: Bool = true
    ) {
        self.outputDirectory = outputDirectory
        self.seed = seed
        self.respondents = respondents
        self.countries = countries
        self.targetSurveyBytes = targetSurveyBytes
        self.singleFile = singleFile
        self.writesProvision = writesProvision
    }
}
