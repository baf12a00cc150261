/// A light, documented suffix-stripping stemmer for skill phrases in the BEM languages, used after the exact,
/// transliterated and same-words-up-to-endings lookups fail and before fuzzy matching (`docs/taxonomy.md`).
///
/// A phrase's **stem key** is the sorted set of its word stems, leaving out function words and words that only say
/// "skills", "knowledge" or "experience" (`Kenntnisse in MS Excel` and `MS Excel` share the key `excel ms`).
/// A word's stem is the word (a Latin key, see `TextFolding.latin`) without the longest ending of its language's
/// list that leaves at least three letters, cut to its first six letters: `zavarivanju` → `zavariv` → `zavari`,
/// `Schweißen` → `schweiss` → `schwei`, `եռակցման` → `եռակց`. In German and Norwegian the cut removes at most three
/// letters, so a compound (`Schichtarbeit`) keeps its whole stem. Word order is ignored (`Python programiranje` and
/// `programiranje u Pythonu` give one key).
///
/// No maintained stemming library covers all ten languages in Swift (Snowball has no Macedonian, Georgian or
/// Armenian stemmer), so the endings are written here from each language's common noun and verbal-noun endings.
/// The vocabulary and the input go through the same rules, so an imperfect stem still pairs equal words; the
/// matcher's ambiguity rule keeps a key shared by two ESCO branches unmapped.
enum LightStemmer {
    /// Letters a stem keeps at most.
    static let stemLength = 6
    /// Letters the cut to `stemLength` may remove at most in German and Norwegian, which write compounds as one
    /// word; longer words there keep their whole stem.
    static let maximumCut = 3
    /// Letters a word keeps at least after an ending is removed.
    static let minimumStem = 3

    /// The stem key of a Latin key in `language` (nil → English), or nil when no content word is left.
    static func key(_ latinKey: String, language: String?, cut: Bool = true) -> String? {
        guard let stems = stems(latinKey, language: language, cut: cut) else { return nil }
        return stems.sorted().joined(separator: " ")
    }

    /// The word stems of a Latin key, or nil when they hold fewer than three letters in all (`timovima` → `tim` and
    /// `SAP` are enough). Function words, generic words and detached case endings (`Excel-ის`, `CAD-u`) are left
    /// out.
    /// - Parameter cut: cut each stem to `stemLength` letters (false: only the ending is removed, for the
    ///   contains-a-name step, where `elektr` of `Elektrik` inside `elektronische Tabellen` would mislead).
    static func stems(_ latinKey: String, language: String?, cut: Bool = true) -> Set<String>? {
        let endings = Self.endings(for: language)
        let compounding = isCompounding(language)
        var stems = Set<String>()
        for (position, word) in latinKey.split(separator: " ").enumerated() {
            let w = String(word)
            if stopWords.contains(w) { continue }
            if position > 0, endings.contains(Array(w.unicodeScalars)) { continue }
            let word = compounding ? Self.withoutGenericHead(w) : w
            stems.insert(stem(word, endings: endings, cut: cut, compounding: compounding))
        }
        return stems.reduce(0) { $0 + $1.unicodeScalars.count } >= 3 ? stems : nil
    }

    /// The stem keys of a query: in its language and in English (tool names and loan words are written in English
    /// in every language); in every language's rules when the language is unknown.
    static func queryKeys(_ latinKey: String, language: String?) -> [String] {
        var keys: [String] = []
        for language in queryLanguages(language) {
            if let key = key(latinKey, language: language), !keys.contains(key) { keys.append(key) }
        }
        return keys
    }

    /// A German or Norwegian compound without a head that only says "knowledge", "course", "licence", "technique"
    /// or "work" and without the linking `s` before it: `Buchhaltungskenntnisse` → `buchhaltung`,
    /// `Gabelstaplerführerschein` → `gabelstapler`, `førstehjelpskurs` → `forstehjelp`.
    static func withoutGenericHead(_ word: String) -> String {
        for head in genericHeads where word.count >= head.count + 4 && word.hasSuffix(head) {
            var rest = word.dropLast(head.count)
            if rest.count >= 7, rest.hasSuffix("s") { rest = rest.dropLast() }
            return String(rest)
        }
        return word
    }

    /// Compound heads `withoutGenericHead` removes (Latin keys), longest first.
    private static let genericHeads = [
        "fuhrerschein", "kenntnisse", "fahigkeiten", "kunnskaper", "ferdigheter", "fahigkeit", "kenntnis", "erfahrung",
        "kunnskap", "ferdighet", "erfaring", "arbeiten", "technik", "arbeit", "schein", "arbeid", "bevis", "kurse",
        "kurs",
    ]

    /// German and Norwegian write compounds as one word (`Photovoltaikanlagen`, `truckførerbevis`).
    static func isCompounding(_ language: String?) -> Bool {
        language == "de" || language == "nb"
    }

    /// The languages whose endings a query is stemmed with: its own and English, or all when unknown.
    static func queryLanguages(_ language: String?) -> [String] {
        language.map { $0 == "en" ? ["en"] : [$0, "en"] } ?? endingTable.keys.sorted()
    }

    /// Languages that share endings: Serbian in either script and Montenegrin are one family.
    static func family(_ language: String) -> String {
        ["sr-Latn", "sr-Cyrl", "sr", "cnr"].contains(language) ? "sr" : language
    }

    static func stem(_ word: String, endings: [[Unicode.Scalar]], cut: Bool = true, compounding: Bool = false) -> String {
        var scalars = Array(word.unicodeScalars)
        for ending in endings where scalars.count - ending.count >= minimumStem && scalars.suffix(ending.count).elementsEqual(ending) {
            scalars.removeLast(ending.count)
            break
        }
        var out = String.UnicodeScalarView()
        // German and Norwegian: cut only a short tail, a long word is a compound whose first part says little
        // (`Schichtarbeit`, shift work, and `Schichtleitung`, shift supervision, share `schich`).
        let cutHere = cut && (!compounding || scalars.count - stemLength <= maximumCut)
        out.append(contentsOf: cutHere ? scalars.prefix(stemLength) : scalars[...])
        return String(out)
    }

    private static func endings(for language: String?) -> [[Unicode.Scalar]] {
        let tag = language ?? "en"
        return endingTable[tag] ?? endingTable[tag == "sr-Cyrl" || tag == "sr" ? "sr-Latn" : "en"] ?? []
    }

    /// Endings per language, longest first, on Latin keys (Cyrillic already transliterated: Serbian, Montenegrin and
    /// Macedonian by the South Slavic scheme, Ukrainian by the national one); Georgian and Armenian in their scripts.
    private static let endingTable: [String: [[Unicode.Scalar]]] = {
        let table: [String: [String]] = [
            // English plurals, verbal nouns and agent nouns.
            "en": ["ations", "ation", "ings", "ing", "ers", "ies", "ed", "er", "es", "e", "s"],
            // German plural, case and derivational endings.
            "de": ["ungen", "ung", "ern", "en", "er", "es", "em", "e", "n", "s"],
            // Norwegian (bokmål) definite and plural forms, verbal nouns.
            "nb": ["ingene", "ingen", "inger", "ing", "ene", "er", "en", "et", "a", "e"],
            // Serbian/Montenegrin cases and verbal nouns (-anje, -enje in all cases).
            "sr-Latn": ["anjem", "enjem", "ovima", "evima", "anja", "anje", "anju", "enja", "enje", "enju", "ovi", "evi",
                        "ove", "eve", "ama", "ima", "om", "em", "og", "ih", "a", "e", "i", "u", "o"],
            "cnr": ["anjem", "enjem", "ovima", "evima", "anja", "anje", "anju", "enja", "enje", "enju", "ovi", "evi",
                    "ove", "eve", "ama", "ima", "om", "em", "og", "ih", "a", "e", "i", "u", "o"],
            // Macedonian articles (-ot, -ta, -to, -te) on nouns and verbal nouns (-anje, -enje).
            "mk": ["anjeto", "enjeto", "ovite", "ata", "ite", "ovi", "evi", "ot", "ta", "to", "te", "i", "a", "e", "o"],
            // Ukrainian cases (national romanization).
            "uk": ["iamy", "amy", "ykh", "ovi", "iv", "om", "oiu", "iu", "ia", "yi", "yy", "oi", "a", "y", "i", "u", "e", "o"],
            // Georgian cases and plural (-ები).
            "ka": ["ებისთვის", "ისთვის", "ებთან", "ებში", "ებზე", "ებით", "ების", "ებს", "ები", "ით", "ის", "ად", "ში", "ზე", "თან", "ი", "ს"],
            // Armenian plural, articles and cases; -ություն nouns.
            "hy": ["ությունների", "ություններ", "ության", "ություն", "ներով", "ների", "ներ", "երի", "եր", "ով", "ում",
                   "ման", "ից", "ին", "ի", "ը", "ն"],
        ]
        return table.mapValues { $0.map { Array($0.unicodeScalars) } }
    }()

    /// Function words, and words that only say "skills", "knowledge", "experience", "ability", "work" or "use", in
    /// all ten languages (Latin keys).
    static let stopWords: Set<String> = [
        // en
        "a", "an", "the", "of", "and", "or", "in", "on", "for", "with", "to", "at", "by", "other", "others", "skills", "skill",
        "knowledge", "ability", "abilities", "experience", "competence", "competences", "basic", "good",
        "advanced", "proficiency", "proficient", "work", "working", "use", "using", "standard", "standards", "system", "systems",
        // de
        "und", "oder", "mit", "von", "der", "die", "das", "den", "dem", "des", "fur", "im", "zu", "zum", "zur",
        "ein", "eine", "kenntnisse", "kenntnis", "grundkenntnisse", "fahigkeit", "fahigkeiten", "erfahrung",
        "kompetenz", "kompetenzen", "gute", "sehr", "systeme", "grundlegende", "arbeit", "arbeiten", "umgang", "am",
        "beim", "bei", "auf",
        // nb
        "og", "eller", "med", "av", "pa", "til", "en", "et", "kunnskap", "kunnskaper", "ferdigheter",
        "ferdighet", "erfaring", "kompetanse", "god", "gode", "arbeid", "jobbe", "grunnleggende", "bruke", "bruk",
        // sr, cnr, mk, uk (Latin keys)
        "i", "ili", "u", "na", "za", "sa", "s", "od", "do", "po", "pri", "vo", "so", "z", "iz", "ta", "v", "dlia",
        "vestine", "vestina", "vjestine", "vjestina", "znanje", "znanja", "poznavanje", "iskustvo", "sposobnost",
        "osnove", "osnovno", "osnovne", "osnovni", "osnovna", "dobro", "vestini", "znaenje", "navychky", "navychka", "znannia",
        "vminnia", "dosvid", "bazovi", "bazove", "standardi", "standardy", "standarty", "sistem", "sistemi",
        "rad", "radovi", "posao", "poslovi", "rabota", "raboti", "robota", "roboty", "koriscenje", "upotreba",
        "koristenje", "vykorystannia",
        // ka
        "და", "ან", "უნარები", "უნარი", "უნარ", "ჩვევები", "ცოდნა", "გამოცდილება", "სტანდარტები", "სისტემა", "მუშაობა", "სამუშაო", "სამუშაოები", "ძირითადი", "გამოყენება",
        // hy
        "և", "ու", "կամ", "հմտություններ", "հմտություն", "գիտելիքներ", "իմացություն", "փորձ", "ունակություն",
        "ստանդարտներ", "համակարգ", "աշխատանք", "աշխատանքներ", "աշխատանքի", "հիմնական", "օգտագործում",
    ]
}
