import StocktakeModel

/// Pure helpers the runner can use to fill the parts of a `ReportModel` that are derived from others.
extension RunComparison {
    /// Compares the proposals and inputs of the current run with those of the previous successful run.
    ///
    /// - Parameters:
    ///   - previousProposals: proposal id → rank in the previous run.
    ///   - currentProposals: proposal id → rank in this run.
    ///   - previousInputs: input path → sha256 in the previous run.
    ///   - currentInputs: input path → sha256 in this run.
    /// Lists are sorted (ids and paths ascending; rank moves by new rank) so the rendering is deterministic.
    public init(
        previousRunID: String, previousProposals: [String: Int], currentProposals: [String: Int],
        previousInputs: [String: String], currentInputs: [String: String]
    ) {
        let newIDs = currentProposals.keys.filter { previousProposals[$0] == nil }.sorted()
        let droppedIDs = previousProposals.keys.filter { currentProposals[$0] == nil }.sorted()
        let moves = currentProposals.compactMap { id, rank -> RankMove? in
            guard let old = previousProposals[id], old != rank else { return nil }
            return RankMove(proposalID: id, oldRank: old, newRank: rank)
        }.sorted { ($0.newRank, $0.proposalID) < ($1.newRank, $1.proposalID) }
        let paths = Set(previousInputs.keys).union(currentInputs.keys).sorted()
        let changed = paths.compactMap { path -> ChangedInput? in
            let old = previousInputs[path], new = currentInputs[path]
            return old == new ? nil : ChangedInput(path: path, oldSHA256: old, newSHA256: new)
        }
        self.init(previousRunID: previousRunID, newProposals: newIDs, droppedProposals: droppedIDs, rankMoves: moves,
                  changedInputs: changed)
    }
}
