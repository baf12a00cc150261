extension Taxonomy {
    /// The `LightStemmer` steps of `matchName`, after the same-words-up-to-endings step and before fuzzy:
    ///
    /// 1. **same word stems**: the text's stem key equals a name's (word order, inflection and generic words such as
    ///    `skills`/`Kenntnisse` ignored), confidence `endingsConfidence`;
    /// 2. **contains a name**: every stem of one or more names (endings removed, words not cut) occurs in the text
    ///    (`GDPR compliance` holds `GDPR`), covering at least half of the text's stems (a third when the vocabulary
    ///    knows none of the others) and leaving at most two over, none of which (nor the first part of a German or
    ///    Norwegian compound) the vocabulary uses only for other branches; confidence `containmentConfidence`.
    ///
    /// The text is stemmed by its language's rules and by English ones (every language's when unknown), and stems
    /// made by one language's rules are compared only with names of that language family: stems made by different
    /// rules pair by accident (`time` → `tim`, Serbian `timu` → `tim`). Candidates spread over several branches, or
    /// sharing only a pillar (`S`), are no match: the text goes on to the fuzzy step. Nil when neither step matches.
    func matchStems(
        _ latinKeys: [String], language: String?, index: NameIndex, parent: (String) -> String?,
        outcome: ([Int], MatchMethod, Double) -> NameOutcome?
    ) -> NameOutcome? {
        // Stems made by one language's rules are compared with names of that language family only (names
        // without a language count as English).
        func entries(_ keys: [String], family: String, in table: EntryLists) -> [Int] {
            Array(Set(keys.flatMap { table[$0] ?? [] }.filter {
                LightStemmer.family(index.entries[$0].language ?? "en") == family
            })).sorted()
        }
        // A pillar (`S`, `L`) is a match only when a name says it, not as the common parent of several branches.
        func accepted(_ hits: [Int], confidence: Double) -> (code: String, note: String?, uri: String?)? {
            guard case .matched(let code, _, _, let note, let uri)? = outcome(hits, .fuzzy, confidence) else { return nil }
            if Self.isPillarRoot(code), !hits.contains(where: { index.entries[$0].code == code }) { return nil }
            return (code, note, uri)
        }
        let tags = LightStemmer.queryLanguages(language)
        if Self.endingsConfidence >= threshold {
            var sameStems: [Int] = []
            for tag in tags {
                let keys = latinKeys.compactMap { LightStemmer.key($0, language: tag) }
                sameStems += entries(keys, family: LightStemmer.family(tag), in: index.stems)
            }
            if !sameStems.isEmpty, let hit = accepted(Array(Set(sameStems)).sorted(), confidence: Self.endingsConfidence) {
                return .matched(code: hit.code, method: .fuzzy, confidence: Self.endingsConfidence,
                                note: join("same word stems", hit.note), uri: hit.uri)
            }
        }
        guard Self.containmentConfidence >= threshold else { return nil }
        for key in Array(Set(latinKeys)).sorted() {
            for tag in tags {
                let family = LightStemmer.family(tag)
                guard let query = LightStemmer.stems(key, language: tag, cut: false), query.count >= 2 else { continue }
                let found = index.containedStemKeys(query) { LightStemmer.family($0.language ?? "en") == family }
                guard !found.keys.isEmpty, query.count - found.covered <= 2 else { continue }
                let covered = Set(found.keys.flatMap { $0.split(separator: " ").map(String.init) })
                // Names of every language count here: a stem that speaks against the match in any language's
                // rules is reason enough to leave the text to review (`ledelse av team` under English rules).
                // A German or Norwegian compound speaks through its first part too (`Photovoltaikanlagen`).
                let users = query.subtracting(covered).map { stem in
                    index.fullStemKeysByStem[stem].flatMap { index.fullStems[$0] ?? [] }
                        + (LightStemmer.isCompounding(tag) ? compoundModifierUsers(stem, index: index) : [])
                }
                // The name covers half of the text's stems, or a third when the rest are words the vocabulary does
                // not know at all: what is welded or repaired (`welding steel pipes`).
                let unknownRest = users.allSatisfy(\.isEmpty)
                guard found.covered * 2 >= query.count || (unknownRest && found.covered * 3 >= query.count) else { continue }
                let hits = entries(found.keys, family: family, in: index.fullStems)
                let codes = Set(hits.map { index.entries[$0].code })
                // A stem left over that the vocabulary uses only for other branches speaks against the match
                // (`Montage von Solaranlagen`: `Montage` alone is assembly, `Solaranlagen` is electrical work); one
                // that a name of the found code, or of a group above or below it, also uses supports it.
                func related(_ code: String) -> Bool {
                    codes.contains { found in
                        lowestCommonAncestor([found, code], parent: parent).map { $0 == found || $0 == code } ?? false
                    }
                }
                let conflicting = users.contains { users in
                    !users.isEmpty && !users.contains { related(index.entries[$0].code) }
                }
                if !conflicting, let hit = accepted(hits, confidence: Self.containmentConfidence) {
                    return .matched(code: hit.code, method: .fuzzy, confidence: Self.containmentConfidence,
                                    note: join("contains \(found.keys.joined(separator: " + "))", hit.note), uri: hit.uri)
                }
            }
        }
        return nil
    }

    /// Entries whose names use the first part of a long compound stem as a stem of their own (`photovoltaik` of
    /// `photovoltaikanlag`): the longest such part of at least 5 letters leaving at least 4.
    private func compoundModifierUsers(_ stem: String, index: NameIndex) -> [Int] {
        let scalars = Array(stem.unicodeScalars)
        guard scalars.count >= 9 else { return [] }
        for length in stride(from: scalars.count - 4, through: 5, by: -1) {
            var prefix = String.UnicodeScalarView()
            prefix.append(contentsOf: scalars.prefix(length))
            let users = index.fullStemKeysByStem[String(prefix)].flatMap { index.fullStems[$0] ?? [] }
            if !users.isEmpty { return users }
        }
        return []
    }
}
