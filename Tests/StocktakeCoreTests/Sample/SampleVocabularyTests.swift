import Foundation
import Testing
@testable import StocktakeCore
@testable import StocktakeModel

@Suite struct SampleVocabularyTests {
    @Test(arguments: SampleVocabulary.countryCodes)
    func everyCountryHasSectorsNamesAndSkills(code: String) throws {
        let sectors = SampleVocabulary.sectors(for: code)
        #expect(sectors.count >= 8)
        #expect(!SampleVocabulary.unmappedNames(for: code).isEmpty)
        #expect(SampleCountryProfile.profile(for: code) != nil)
        let catalogue = Set(SampleVocabulary.skills.map(\.label))
        var skills = Set<String>()
        for sector in sectors {
            let key = try #require(SectorKey(sector.key), "\(code) \(sector.key)")
            #expect(!sector.names.isEmpty)
            for name in sector.names {
                let nace = try #require(name.nace.flatMap(SectorKey.init), "\(code) '\(name.text)'")
                // A name maps to its sector, a division of it, or the section above it.
                #expect(nace.section == key.section, "\(code) '\(name.text)' → \(nace) in \(key)")
            }
            let pool = SampleVocabulary.skillPool(for: sector.key)
            #expect(pool.count >= 3)
            for skill in pool + SampleVocabulary.generalSkills {
                #expect(catalogue.contains(skill), "\(skill)")
                skills.insert(skill)
            }
        }
        #expect((20...45).contains(skills.count), "\(code) rates \(skills.count) skills")
    }

    @Test func flatListHasIntendedCodesAndUnmappedNames() {
        let entries = SampleVocabulary.allSectorNames
        #expect(Set(entries.map(\.country)) == Set(SampleVocabulary.countryCodes))
        #expect(entries.filter { $0.nace == nil }.count >= 24)
        #expect(entries.count >= 150)
        // Non-Latin scripts are present: Cyrillic, Georgian, Armenian.
        let scalars = entries.flatMap { $0.text.unicodeScalars }
        #expect(scalars.contains { (0x0400...0x04FF).contains($0.value) })
        #expect(scalars.contains { (0x10D0...0x10FF).contains($0.value) })
        #expect(scalars.contains { (0x0530...0x058F).contains($0.value) })
    }

    @Test func skillLabelsAreUniqueWithGroups() {
        let labels = SampleVocabulary.skills.map(\.label)
        #expect(Set(labels).count == labels.count)
        #expect(SampleVocabulary.skills.allSatisfy { $0.escoGroup.hasPrefix("S") })
    }

    /// Every country writes its skills in its language, one distinct label per catalogue skill, and each maps
    /// (with the country's language) to the ESCO group its English label maps to, or a group above or below it in
    /// the same top-level group, never unmapped and never elsewhere.
    @Test(arguments: SampleVocabulary.countryCodes)
    func localSkillLabelsMapLikeTheEnglishOnes(code: String) throws {
        let taxonomy = TaxonomyFixture.shared
        let language = try #require(["DE": "de", "NO": "nb", "MK": "mk", "RS": "sr-Latn", "ME": "cnr", "AM": "hy",
                                     "GE": "ka", "UA": "uk"][code])
        var seen = Set<String>()
        for skill in SampleVocabulary.skills {
            let local = SampleVocabulary.skillLabel(skill.label, country: code)
            #expect(local != skill.label, "\(code) '\(skill.label)' has no local label")
            #expect(seen.insert(local).inserted, "\(code) '\(local)' twice")
            let nfc = local.precomposedStringWithCanonicalMapping
            #expect(local.unicodeScalars.elementsEqual(nfc.unicodeScalars), "\(code) '\(local)' is not NFC")
            let english = try #require(taxonomy.matchSkill(skill.label, language: "en").code)
            let match = taxonomy.matchSkill(local, language: language)
            let mapped = try #require(match.code, "\(code) '\(local)' is unmapped (\(match.note ?? ""))")
            #expect(mapped == english || mapped.hasPrefix(english + ".") || english.hasPrefix(mapped + "."),
                    "'\(local)' → \(mapped), English → \(english)")
            #expect(TaxonomyStorage.topSkillGroup(mapped) == TaxonomyStorage.topSkillGroup(english))
        }
        #expect(SampleVocabulary.skillLabel("use CAD software", country: "XX") == "use CAD software")
    }

    @Test func namesAreNFCWithoutOuterSpaces() {
        for entry in SampleVocabulary.allSectorNames {
            let nfc = entry.text.precomposedStringWithCanonicalMapping
            #expect(entry.text.unicodeScalars.elementsEqual(nfc.unicodeScalars), "\(entry.country) '\(entry.text)'")
            #expect(entry.text.trimmingCharacters(in: .whitespaces) == entry.text)
        }
    }
}
