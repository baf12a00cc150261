import Foundation
@testable import StocktakeIngest
@testable import StocktakeModel

/// Writes `bytes` to a temporary file for `body`, then removes it.
func withTemporaryFile<T>(_ bytes: some Sequence<UInt8>, _ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-\(UUID().uuidString).csv")
    try Data(bytes).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

/// Path of a fixture under Fixtures/ingest.
func ingestFixture(_ name: String) -> String {
    let url = URL(fileURLWithPath: name)
    var ext = url.pathExtension
    var base = url.deletingPathExtension().lastPathComponent
    if ext == "gz" {
        let inner = URL(fileURLWithPath: base)
        ext = inner.pathExtension + ".gz"
        base = inner.deletingPathExtension().lastPathComponent
    }
    return Bundle.module.path(forResource: "Fixtures/ingest/\(base)", ofType: ext)!
}

struct SurveyRead {
    var records: [SurveyRecord] = []
    var rejects: [Reject] = []
    var report: IngestReport
}

struct LabourRead {
    var records: [LabourRecord] = []
    var rejects: [Reject] = []
    var report: IngestReport
}

func readSurvey(_ spec: InputSpec, country: String? = nil) throws -> SurveyRead {
    var records: [SurveyRecord] = []
    var rejects: [Reject] = []
    let report = try Ingestor.readSurvey(spec, defaultCountry: country, onRecord: { records.append($0) }, onReject: { rejects.append($0) })
    return SurveyRead(records: records, rejects: rejects, report: report)
}

func readLabour(_ spec: InputSpec, country: String? = nil) throws -> LabourRead {
    var records: [LabourRecord] = []
    var rejects: [Reject] = []
    let report = try Ingestor.readLabour(spec, defaultCountry: country, onRecord: { records.append($0) }, onReject: { rejects.append($0) })
    return LabourRead(records: records, rejects: rejects, report: report)
}

extension IngestReport {
    /// The row-count invariant every file must satisfy.
    var countsAddUp: Bool {
        rowsRead == rowsAccepted + rowsRejected && rowsRejected == rejectsByCode.values.reduce(0, +)
    }
}
