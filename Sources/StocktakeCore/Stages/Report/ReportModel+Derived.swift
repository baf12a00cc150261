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

extension CommonProposal {
    /// Sector × skill group pairs proposed in two or more countries (among each country's proposals ranked
    /// `topN` or better), with the title of the best-ranked proposal (ties: country order, then id).
    public static func derive(from countries: [CountryReport], topN: Int = 10) -> [CommonProposal] {
        struct Key: Hashable { var sector: SectorKey; var group: String }
        var byKey: [Key: [(country: Int, proposal: Proposal)]] = [:]
        for (index, country) in countries.enumerated() {
            for proposal in country.proposals where proposal.rank <= topN {
                guard let group = proposal.skillGroup else { continue }
                byKey[Key(sector: proposal.sector, group: group), default: []].append((index, proposal))
            }
        }
        return byKey.compactMap { key, entries -> CommonProposal? in
            let codes = Set(entries.map { countries[$0.country].code })
            guard codes.count >= 2 else { return nil }
            let best = entries.min { ($0.proposal.rank, $0.country, $0.proposal.id) < ($1.proposal.rank, $1.country, $1.proposal.id) }!
            return CommonProposal(sector: key.sector, skillGroup: key.group, title: best.proposal.title, countries: codes.sorted())
        }.sorted { ($1.countries.count, $0.sector, $0.skillGroup) < ($0.countries.count, $1.sector, $1.skillGroup) }
    }
}
