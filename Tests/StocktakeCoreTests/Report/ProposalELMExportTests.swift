import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

/// proposals.jsonld: ELM v3 LOQ documents (`docs/report-columns.md`), and their validation against the LOQ shapes.
@Suite struct ProposalELMExportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func graph() throws -> [[String: Any]] {
        let text = ProposalELMExport(model: ReportFixture.model(), strings: try ReportFixture.catalog().strings("en")).render()
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["@context"] as? String == "http://data.europa.eu/snb/model/context/edc-ap")
        return try #require(json["@graph"] as? [[String: Any]])
    }

    @Test func everyProposalIsALOQDocumentWithoutCredentialOnlyElements() throws {
        let graph = try Self.graph()
        let proposals = ReportFixture.model().countries.flatMap(\.proposals)
        #expect(graph.count == proposals.count)
        for node in graph {
            #expect((node["@id"] as? String)?.hasPrefix("urn:bem:proposal:") == true)
            for key in ["title", "thematicArea", "eqfLevel", "learningOutcome", "creditPoint", "volumeOfLearning", "mode",
                        "learningSetting", "provenBy", "entryRequirement", "awardingOpportunity", "additionalNote", "language"] {
                #expect(node[key] != nil, "\(key) missing")
            }
            // The learner, the date of issuing and the grade belong to an issued credential only.
            for key in ["credentialSubject", "validFrom", "issuanceDate", "awardingDate", "grade"] { #expect(node[key] == nil) }
            let outcomes = try #require(node["learningOutcome"] as? [[String: Any]])
            let linked = outcomes.compactMap { ($0["relatedSkill"] as? [String: Any])?["@id"] as? String }
            #expect(linked.count == outcomes.count - 1, "every outcome but the EQF descriptor names its ESCO concept")
        }
        // UA has no levels in the QDR list: a learning achievement specification with the national level in a note.
        let ua = try #require(graph.first { ($0["@id"] as? String) == "urn:bem:proposal:UA-F-S6" })
        #expect(ua["@type"] as? String == "LearningAchievementSpecification" && ua["nqfLevel"] == nil)
        let notes = try #require(ua["additionalNote"] as? [[String: Any]])
        #expect(notes.contains { (($0["noteLiteral"] as? [String: String])?["en"] ?? "").contains("NQF UA level 3") })
        let de = try #require(graph.first { ($0["@id"] as? String) == "urn:bem:proposal:DE-J-X" })
        #expect(de["@type"] as? String == "Qualification")
        #expect((de["nqfLevel"] as? [String: Any])?["@id"] as? String == "http://data.europa.eu/snb/qdr/c_12a84182")
    }

    @Test func sameModelGivesTheSameBytes() throws {
        let strings = try ReportFixture.catalog().strings("en")
        #expect(ProposalELMExport(model: ReportFixture.model(), strings: strings).render()
                == ProposalELMExport(model: ReportFixture.model(), strings: strings).render())
    }

    /// Runs scripts/elm-validate.sh (pyshacl in .build/elm-venv, set up by `make test` or the script itself).
    static func validate(_ text: String) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("elm-\(UUID().uuidString).jsonld")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = root.appendingPathComponent("scripts/elm-validate.sh")
        process.arguments = [file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Whether pyshacl is installed in `.build/elm-venv` (a venv whose install failed does not count).
    static var validatorInstalled: Bool {
        let lib = root.appendingPathComponent(".build/elm-venv/lib")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: lib.path)) ?? []
        return versions.contains {
            FileManager.default.fileExists(atPath: lib.appendingPathComponent("\($0)/site-packages/pyshacl").path)
        }
    }

    @Test(.enabled(if: validatorInstalled, "pyshacl is not installed in .build/elm-venv: run `make test` (or scripts/elm-validate.sh FILE)"))
    func exportValidatesAndABrokenDocumentFails() throws {
        let text = ProposalELMExport(model: ReportFixture.model(), strings: try ReportFixture.catalog().strings("en")).render()
        let good = try Self.validate(text)
        #expect(good.status == 0, "\(good.output)")
        #expect(good.output.contains("Conforms: True"))
        // Without a title (Annex I element 2) the Qualification violates the LOQ shapes.
        var json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        var graph = try #require(json["@graph"] as? [[String: Any]])
        let index = try #require(graph.firstIndex { $0["@type"] as? String == "Qualification" })
        graph[index]["title"] = nil
        json["@graph"] = graph
        let broken = try Self.validate(String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self))
        #expect(broken.status == 1, "\(broken.output)")
        #expect(broken.output.contains("MinCountConstraintComponent"))
        // A Qualification needs a national level from the QDR list: without it the shapes reject it too.
        graph = try #require(json["@graph"] as? [[String: Any]])
        graph[index]["title"] = ["en": "restored"]
        graph[index]["nqfLevel"] = nil
        json["@graph"] = [graph[index]]
        let noNQF = try Self.validate(String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self))
        #expect(noNQF.status == 1 && noNQF.output.contains("NQFLevel"), "\(noNQF.output)")
    }
}
