import StocktakeModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes synthetic but plausible inputs for the BEM countries: per country a `survey.csv` (native
/// `stocktake-survey`) and a `labour.csv` (native `stocktake-labour`), plus `provision.csv`.
///
/// Deterministic: the same options give byte-identical files (own xoshiro256** generator, one stream per
/// country, so a country's file does not depend on which other countries are written). Streaming: rows go
/// through a 1 MiB buffer, so a 1 GB benchmark file costs no more memory than a small one.
///
/// For example:
/// ```swift
/// let summary = try SampleGenerator.generate(SampleOptions(outputDirectory: "inputs", seed: 42))
/// ```
public enum SampleGenerator {
    /// Header of the native survey format.
    public static let surveyHeader =
        "country,respondent_id,organisation_type,sector,skill,importance,proficiency,hard_to_fill,demand_change,learning_mode,target_groups"
    /// Header of the native labour format.
    public static let labourHeader = "country,sector,indicator,period,value,unit,flag,source"
    /// Header of the provision (existing programmes) file.
    public static let provisionHeader = "country,sector,skill_group,title,provider"

    /// Generates the files `options` asks for.
    ///
    /// - Returns: what was written, file by file.
    /// - Throws: `SampleError` for invalid options; `StocktakeError.cantCreate` when a directory or file cannot
    ///   be created or written.
    @discardableResult
    public static func generate(_ options: SampleOptions) throws -> SampleSummary {
        guard !options.countries.isEmpty else { throw SampleError.noCountries }
        for code in options.countries where SampleCountryProfile.profile(for: code) == nil {
            throw SampleError.unknownCountry(code)
        }
        guard options.respondents > 0 else { throw SampleError.invalidRespondents(options.respondents) }
        if let target = options.targetSurveyBytes, target <= 0 {
            throw SampleError.invalidTargetBytes(String(target))
        }
        let root = options.outputDirectory
        try makeDirectory(root)
        var files: [SampleSummary.File] = []
        if options.singleFile {
            files.append(try writeSurvey(path: join(root, "survey.csv"), countries: options.countries, options: options,
                                         target: options.targetSurveyBytes))
            if options.writesLabour {
                files.append(try writeLabour(path: join(root, "labour.csv"), countries: options.countries, seed: options.seed))
            }
        } else {
            let perCountry = options.targetSurveyBytes.map { max(1, $0 / options.countries.count) }
            for code in options.countries {
                let directory = join(root, code)
                try makeDirectory(directory)
                files.append(try writeSurvey(path: join(directory, "survey.csv"), countries: [code], options: options,
                                             target: perCountry))
                if options.writesLabour {
                    files.append(try writeLabour(path: join(directory, "labour.csv"), countries: [code], seed: options.seed))
                }
            }
        }
        if options.writesProvision {
            files.append(try writeProvision(path: join(root, "provision.csv"), countries: options.countries))
        }
        return SampleSummary(files: files)
    }

    /// Parses a byte size: a number of bytes, or with a suffix K, M, G (powers of 1000; `KiB`, `MiB`, `GiB` for
    /// powers of 1024). Returns nil when the text is not a positive size.
    public static func parseByteSize(_ text: String) -> Int? {
        let trimmed = text.trimmingASCIISpaces().uppercased()
        let units: [(String, Int)] = [
            ("GIB", 1 << 30), ("MIB", 1 << 20), ("KIB", 1 << 10), ("GB", 1_000_000_000), ("MB", 1_000_000),
            ("KB", 1_000), ("G", 1_000_000_000), ("M", 1_000_000), ("K", 1_000), ("B", 1),
        ]
        var number = Substring(trimmed)
        var multiplier = 1
        for (suffix, value) in units where trimmed.hasSuffix(suffix) {
            number = trimmed.dropLast(suffix.count)
            multiplier = value
            break
        }
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              let value = Double(number), value > 0 else { return nil }
        let bytes = (value * Double(multiplier)).rounded()
        guard bytes >= 1, bytes < 9.0e18 else { return nil }
        return Int(bytes)
    }

    // MARK: - Private

    private static func writeSurvey(
        path: String, countries: [String], options: SampleOptions, target: Int?
    ) throws -> SampleSummary.File {
        let writer = try BufferedFileWriter(path: path)
        try writer.write(surveyHeader + "\n")
        var generators = countries.map { SampleSurveyCountry(code: $0, seed: options.seed) }
        if let target {
            // Interleave countries respondent by respondent until the file reaches the target size.
            outer: while true {
                for index in generators.indices {
                    if writer.bytesWritten >= target { break outer }
                    try generators[index].writeRespondent(to: writer)
                }
            }
        } else {
            for _ in 0..<options.respondents {
                for index in generators.indices { try generators[index].writeRespondent(to: writer) }
            }
        }
        try writer.close()
        return SampleSummary.File(
            path: path, kind: "survey", rows: generators.reduce(0) { $0 + $1.rows }, bytes: writer.bytesWritten,
            respondents: generators.reduce(0) { $0 + $1.respondents })
    }

    private static func writeLabour(path: String, countries: [String], seed: UInt64) throws -> SampleSummary.File {
        let writer = try BufferedFileWriter(path: path)
        try writer.write(labourHeader + "\n")
        var rows = 0
        for code in countries {
            for row in SampleLabourTable.rows(country: code, seed: seed) {
                try writer.write(row + "\n")
                rows += 1
            }
        }
        try writer.close()
        return SampleSummary.File(path: path, kind: "labour", rows: rows, bytes: writer.bytesWritten, respondents: 0)
    }

    private static func writeProvision(path: String, countries: [String]) throws -> SampleSummary.File {
        let writer = try BufferedFileWriter(path: path)
        try writer.write(provisionHeader + "\n")
        var rows = 0
        for code in countries {
            for programme in SampleVocabulary.provision where programme.country == code {
                let fields = [programme.country, programme.sector, programme.skillGroup, programme.programme, programme.provider]
                try writer.write(fields.map(SampleCSV.field).joined(separator: ",") + "\n")
                rows += 1
            }
        }
        try writer.close()
        return SampleSummary.File(path: path, kind: "provision", rows: rows, bytes: writer.bytesWritten, respondents: 0)
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    private static func makeDirectory(_ path: String) throws {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o755) != 0, errno != EEXIST {
                throw StocktakeError.cantCreate(path, String(cString: strerror(errno)))
            }
        }
    }
}

extension String {
    fileprivate func trimmingASCIISpaces() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
