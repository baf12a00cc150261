import Testing
@testable import StocktakeCore
@testable import StocktakeModel

@Suite struct ReportModelTests {
    @Test func runComparisonFindsNewDroppedMovedAndChanged() {
        let comparison = RunComparison(
            previousRunID: "r1",
            previousProposals: ["UA-F-S6": 2, "UA-I-S6": 1, "UA-C-S5": 3],
            currentProposals: ["UA-F-S6": 1, "UA-C-S5": 3, "UA-G-S1": 2],
            previousInputs: ["a.csv": "11", "b.csv": "22", "gone.csv": "33"],
            currentInputs: ["a.csv": "11", "b.csv": "23", "new.csv": "44"])
        #expect(comparison.newProposals == ["UA-G-S1"])
        #expect(comparison.droppedProposals == ["UA-I-S6"])
        #expect(comparison.rankMoves == [RankMove(proposalID: "UA-F-S6", oldRank: 2, newRank: 1)])
        #expect(comparison.changedInputs == [
            ChangedInput(path: "b.csv", oldSHA256: "22", newSHA256: "23"),
            ChangedInput(path: "gone.csv", oldSHA256: "33", newSHA256: nil),
            ChangedInput(path: "new.csv", oldSHA256: nil, newSHA256: "44"),
        ])
        let same = RunComparison(previousRunID: "r1", previousProposals: ["x": 1], currentProposals: ["x": 1],
                                 previousInputs: ["a": "1"], currentInputs: ["a": "1"])
        #expect(same.isEmpty)
    }

    @Test func sectorLabelFallsBackToEnglishThenCode() {
        let model = ReportFixture.model()
        #expect(model.sectorLabel(SectorKey(section: "F"), language: "uk") == "Будівництво")
        #expect(model.sectorLabel(SectorKey(section: "I"), language: "de") == "Accommodation and food service activities")
        #expect(model.sectorLabel(SectorKey(section: "Q"), language: "de") == "Q")
    }
}
