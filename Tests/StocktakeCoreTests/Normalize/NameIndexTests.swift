import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

/// The compact name indexes (`NameIndex`, `FuzzyIndex`, `EntryLists`, `PackedArrays`) against plain readings of what
/// they index: dictionaries of arrays, one array of scalars per key.
@Suite struct NameIndexTests {
    static let skills = TaxonomyFixture.shared.storage.skillIndex
    static let sectors = TaxonomyFixture.shared.storage.sectorIndex

    /// `FuzzyIndex.search` as first written: keys as scalar arrays, postings as a dictionary of arrays.
    static func referenceSearch(_ keys: [String], _ query: String, preselect: Int = 30, limit: Int = 8) -> [(index: Int, score: Double)] {
        let scalars = keys.map { Array($0.unicodeScalars) }
        let sorted = keys.map { Array(FuzzyIndex.wordSorted($0).unicodeScalars) }
        var postings: [UInt64: [Int32]] = [:]
        var counts: [Int] = []
        for (i, key) in keys.enumerated() {
            let grams = Set(FuzzyIndex.trigrams(key))
            counts.append(grams.count)
            for gram in grams { postings[gram, default: []].append(Int32(i)) }
        }
        let grams = Set(FuzzyIndex.trigrams(query))
        guard !grams.isEmpty, !keys.isEmpty else { return [] }
        var shared = [Int32](repeating: 0, count: keys.count)
        var touched: [Int] = []
        for gram in grams {
            for i in postings[gram] ?? [] {
                if shared[Int(i)] == 0 { touched.append(Int(i)) }
                shared[Int(i)] += 1
            }
        }
        let most = touched.reduce(Int32(0)) { max($0, shared[$1]) }
        var pre = touched.filter { shared[$0] * 3 >= most }
            .map { i in (i, 2.0 * Double(shared[i]) / Double(grams.count + counts[i])) }
        pre.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        let q = Array(query.unicodeScalars)
        let qs = Array(FuzzyIndex.wordSorted(query).unicodeScalars)
        var scored: [(index: Int, score: Double)] = pre.prefix(preselect).map { (i, _) in
            let direct = FuzzyIndex.ratio(q, scalars[i])
            guard q.contains(" "), scalars[i].contains(" ") else { return (i, direct) }
            return (i, max(direct, FuzzyIndex.ratio(qs, sorted[i])))
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
        return Array(scored.prefix(limit))
    }

    /// Queries near the keys: cut, misspelt, words swapped, other scripts.
    static func queries(_ keys: [String]) -> [String] {
        var out = ["hotels and restaurants", "restaurants hotels", "zz", "", "управление проектами", "ქართ", "bau"]
        for (n, key) in keys.enumerated() where n % 97 == 0 {
            let words = key.split(separator: " ")
            out.append(String(key.dropLast(2)))
            out.append(words.reversed().joined(separator: " "))
            out.append(String(key.prefix(3)) + "x" + String(key.dropFirst(4)))
        }
        return out
    }

    @Test func fuzzySearchFindsWhatTheDictionaryIndexFinds() {
        for index in [Self.skills, Self.sectors] {
            let keys = index.fuzzy.keys
            #expect(keys.count > 1000)
            let small = FuzzyIndex(keys: keys)
            for query in Self.queries(keys) {
                let found = small.search(query)
                let expected = Self.referenceSearch(keys, query)
                #expect(found.map(\.index) == expected.map(\.index), "\(query)")
                #expect(found.map(\.score) == expected.map(\.score), "\(query)")
            }
        }
        let odd = ["a  b", " x y", "b a", "", "é\u{301} a", "a b c", "c b a"]
        for query in ["a b", "b a", "x y", "c a b", "é a"] {
            let found = FuzzyIndex(keys: odd).search(query)
            let expected = Self.referenceSearch(odd, query)
            #expect(found.map(\.index) == expected.map(\.index) && found.map(\.score) == expected.map(\.score), "\(query)")
        }
    }

    /// §: two words are the same up to endings with a common prefix of 5 scalars and at most 3 after it.
    static func referenceSameUpToEndings(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Bool {
        if a == b { return true }
        var p = 0
        while p < a.count, p < b.count, a[p] == b[p] { p += 1 }
        return p >= 5 && a.count - p <= 3 && b.count - p <= 3
    }

    @Test func endingsAreComparedOnScalarsThroughTheUTF8() {
        let words = [
            "turizmu", "turizam", "helsevesenet", "helsevesen", "retailing", "retail", "туризму", "туризам",
            "abcdeé", "abcdeè", "abcdé", "abcdè", "abcdéfgh", "abcdèfgh", "ქართული", "ქართულ", "žėlėsžė", "žėlėsžėx",
            "abcde", "abcd", "", "a", "hotel", "hotels", "hotelier", "日本語のテキスト", "日本語のテキ", "😀😀😀😀😀x", "😀😀😀😀😀",
        ]
        for a in words {
            for b in words {
                #expect(NameIndex.sameUpToEndings(Array(a.utf8)[...], Array(b.utf8)[...])
                    == Self.referenceSameUpToEndings(Array(a.unicodeScalars), Array(b.unicodeScalars)), "\(a) \(b)")
            }
        }
    }

    @Test func stemMatchesAreTheCoreKeysWithTheSameWordsUpToEndings() {
        let index = Self.skills
        let keys = Array(index.core.keys).sorted()
        var matched = 0
        for (n, key) in keys.enumerated() where n % 41 == 0 {
            let words = key.split(separator: " ").map { Array($0.unicodeScalars) }
            // Every core key with as many words, the first sharing its first four letters, is a candidate.
            let expected = keys.filter { other in
                let theirs = other.split(separator: " ").map { Array($0.unicodeScalars) }
                return words.count == theirs.count && words[0].count >= 3 && theirs[0].count >= 3
                    && words[0].prefix(4) == theirs[0].prefix(4)
                    && zip(words, theirs).allSatisfy(Self.referenceSameUpToEndings)
            }.flatMap { index.core[$0] ?? [] }
            #expect(index.stemMatches(key) == expected, "\(key)")
            matched += expected.isEmpty ? 0 : 1
        }
        #expect(matched > 100)
    }

    @Test func entryListsReadAsADictionaryOfArrays() {
        var lists = EntryLists()
        var reference: [String: [Int]] = [:]
        var state: UInt64 = 7
        for i in 0..<5000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let key = "k\(state >> 53)"
            lists.append(i, to: key)
            reference[key, default: []].append(i)
        }
        #expect(Set(lists.keys) == Set(reference.keys))
        for (key, entries) in reference { #expect(lists[key] == entries) }
        #expect(lists["absent"] == nil && !lists.contains("absent") && lists.contains(reference.keys.first!))
        #expect(EntryLists().isEmpty && !lists.isEmpty)
    }

    @Test func groupedKeysReadAsADictionaryOfSortedArrays() {
        let index = Self.skills
        // As the stem table was first built: every uncut stem key, in key order, under each stem it holds.
        var reference: [String: [String]] = [:]
        for key in index.fullStems.keys.sorted() {
            for stem in Set(key.split(separator: " ").map(String.init)) { reference[stem, default: []].append(key) }
        }
        #expect(reference.count > 1000)
        for (stem, keys) in reference { #expect(Array(index.fullStemKeysByStem[stem]) == keys, "\(stem)") }
        #expect(index.fullStemKeysByStem.keys.count == reference.values.map(\.count).reduce(0, +))
        #expect(index.fullStemKeysByStem["absent stem"].isEmpty && index.fullStemKeysByStem.range(of: "absent") == nil)
    }

    @Test func packedArraysHoldTheArraysInOrder() {
        let arrays: [[Int32]] = [[], [1, 2, 3], [], [4], [5, 6]]
        let packed = PackedArrays(arrays)
        #expect(packed.count == arrays.count)
        #expect(packed.map(Array.init) == arrays)
        #expect(PackedArrays<Int32>().isEmpty)
    }
}
