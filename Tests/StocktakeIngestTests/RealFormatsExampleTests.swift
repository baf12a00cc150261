import Foundation
import Testing
import Yams
@testable import StocktakeIngest
@testable import StocktakeModel

/// The example pipeline on real-world file shapes: every input decodes into an `InputSpec` and ingests cleanly.
@Suite struct RealFormatsExampleTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("pipelines/examples/real-formats")

    /// (country block code or nil, spec with the path resolved against the YAML file).
    static func inputs() throws -> [(String?, InputSpec)] {
        let text = try String(contentsOf: folder.appendingPathComponent("pipeline.yaml"), encoding: .utf8)
        let root = try #require(try Yams.compose(yaml: text))
        var result: [(String?, InputSpec)] = []
        func add(_ node: Node?, country: String?) throws {
            for item in node?.sequence ?? [] {
                var spec = try YAMLDecoder().decode(InputSpec.self, from: item)
                spec.path = folder.appendingPathComponent(spec.path).path
                result.append((country, spec))
            }
        }
        for country in root["countries"]?.sequence ?? [] {
            try add(country["inputs"], country: country["code"]?.string)
        }
        try add(root["inputs"], country: nil)
        return result
    }

    @Test func everyInputIngestsWithoutRejects() throws {
        let inputs = try Self.inputs()
        #expect(inputs.count == 5)
        for (country, spec) in inputs {
            let report: IngestReport
            var records = 0
            var rejects: [Reject] = []
            if spec.kind == .survey {
                report = try Ingestor.readSurvey(spec, defaultCountry: country, onRecord: { record in
                    records += 1
                    #expect(record.country == country)
                }, onReject: { rejects.append($0) })
            } else {
                report = try Ingestor.readLabour(spec, defaultCountry: country, onRecord: { _ in records += 1 }, onReject: { rejects.append($0) })
            }
            #expect(rejects.isEmpty, "\(spec.path): \(rejects.prefix(3))")
            #expect(records > 20, "\(spec.path)")
            #expect(report.format == spec.format)
            #expect(report.rowsRead == report.rowsAccepted + report.rowsRejected)
            #expect(report.licence == spec.licence && report.source == spec.source)
        }
    }

    @Test func inputEntriesUseOnlyKnownKeys() throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent("pipeline.yaml"), encoding: .utf8)
        let root = try #require(try Yams.compose(yaml: text))
        let entries = (root["countries"]?.sequence ?? []).flatMap { $0["inputs"]?.sequence ?? [] } + (root["inputs"]?.sequence ?? [])
        for entry in entries {
            let keys = Set((entry.mapping ?? [:]).keys.compactMap(\.string))
            #expect(keys.isSubset(of: InputSpec.knownKeys), "\(keys.subtracting(InputSpec.knownKeys))")
            if let mapping = entry["mapping"]?.mapping {
                let mappingKeys = Set(mapping.keys.compactMap(\.string))
                #expect(mappingKeys.isSubset(of: SurveyMapping.knownKeys), "\(mappingKeys.subtracting(SurveyMapping.knownKeys))")
            }
        }
    }
}
