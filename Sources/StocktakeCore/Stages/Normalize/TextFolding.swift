import Foundation
import StocktakeModel

/// Text folding and transliteration used to compare names written in different scripts and spellings.
///
/// Three keys of increasing tolerance:
/// - `exact`: Unicode NFKC, lower case, apostrophes dropped, any other punctuation or symbol run → one space.
/// - `latin(_:scheme:)`: the exact key, Cyrillic transliterated to Latin (Serbian/Macedonian/Montenegrin or
///   Ukrainian national scheme), `đ` → `dj`, then diacritics removed (`č` → `c`, `ø` → `o`, `ß` → `ss`).
/// - `core(_:)`: a Latin key without generic words (`sector`, `industry`, `Branche`, `galuz`, `and`, `of`...).
public enum TextFolding {
    /// Cyrillic-to-Latin scheme.
    public enum Scheme: Sendable, CaseIterable {
        /// Serbian, Montenegrin and Macedonian (ђ → dj, ћ/ч/ц → c, ж → z, ш → s, ѓ → gj, ќ → kj, ѕ → dz).
        case southSlavic
        /// Ukrainian national romanization (и → y, і → i, х → kh, ж → zh, ч → ch, ш → sh, щ → shch, г → h).
        case ukrainian
    }

    /// NFKC, lower case, punctuation and whitespace folded.
    public static func exact(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return exactASCII(text) }
        return exactUnicode(text)
    }

    /// `exact` for ASCII text, byte by byte: NFKC and lower-casing change no ASCII letter into another script, so
    /// this is `exactUnicode` without Foundation's normalization (the taxonomy folds thousands of names at start-up).
    static func exactASCII(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if lower == 0x27 || lower == 0x60 { continue }  // ' and `
            if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                if pendingSpace, !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(lower)
            } else {
                pendingSpace = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `exact` for any text.
    static func exactUnicode(_ text: String) -> String {
        let normalized = text.precomposedStringWithCompatibilityMapping.lowercased()
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in normalized.unicodeScalars {
            if apostrophes.contains(scalar) { continue }
            let isWord = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || scalar.properties.generalCategory == .nonspacingMark
                || scalar.properties.generalCategory == .spacingMark
            if isWord {
                if pendingSpace, !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        return String(out)
    }

    /// The exact key transliterated to Latin and stripped of diacritics.
    public static func latin(_ text: String, scheme: Scheme) -> String {
        latinFromExact(exact(text), scheme: scheme)
    }

    /// `latin` applied to an already folded `exact` key.
    static func latinFromExact(_ key: String, scheme: Scheme) -> String {
        // ASCII has nothing to transliterate and no diacritics.
        if key.utf8.allSatisfy({ $0 < 0x80 }) { return key }
        var out = ""
        out.reserveCapacity(key.utf8.count)
        let table = scheme == .ukrainian ? ukrainianTable : southSlavicTable
        for scalar in key.unicodeScalars {
            if let mapped = table[scalar] ?? latinSpecials[scalar] {
                out += mapped
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        // Remove remaining combining marks (č → c, é → e, ǵ → g).
        var stripped = String.UnicodeScalarView()
        for scalar in out.decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            stripped.append(scalar)
        }
        return String(stripped)
    }

    /// Whether the text contains letters that only Ukrainian (among the BEM languages) uses.
    public static func looksUkrainian(_ text: String) -> Bool {
        text.unicodeScalars.contains { ukrainianOnly.contains($0) }
    }

    /// Whether the text contains Cyrillic letters.
    public static func hasCyrillic(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }
    }

    /// A Latin key without generic words; empty when nothing else is left.
    public static func core(_ latinKey: String) -> String {
        latinKey.split(separator: " ").compactMap { word -> String? in
            let w = String(word)
            if genericWords.contains(w) { return nil }
            for suffix in genericSuffixes where w.count >= suffix.count + 3 && w.hasSuffix(suffix) {
                return String(w.dropLast(suffix.count))
            }
            return w
        }.joined(separator: " ")
    }

    /// Canonical BEM language tag (`sr-Latn`, `sr-Cyrl`, `cnr`, `nb`...), or nil for empty input.
    ///
    /// `sr_latn`, `SR-LATN` → `sr-Latn`; `no`/`nn` → `nb`; `me` → `cnr`; other tags are lower-cased.
    public static func language(_ tag: String?) -> String? {
        guard let tag else { return nil }
        let t = tag.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "-").lowercased()
        if t.isEmpty { return nil }
        switch t {
        case "sr-latn", "sr-latin": return "sr-Latn"
        case "sr-cyrl", "sr-cyrillic": return "sr-Cyrl"
        case "no", "nn", "nb-no", "no-no": return "nb"
        case "me", "cnr-latn", "cnr-me", "sr-me": return "cnr"
        case "uk-ua", "ua": return "uk"
        case "de-de", "de-at", "de-ch": return "de"
        default: return t
        }
    }

    // MARK: - Private

    private static let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2019}", "\u{02BC}", "\u{2018}", "`", "\u{00B4}"]
    private static let ukrainianOnly: Set<Unicode.Scalar> = ["і", "ї", "є", "ґ"]

    private static let genericWords: Set<String> = [
        "sector", "sectors", "industry", "industries", "branch", "field", "the", "of", "and", "in", "skills", "skill",
        "branche", "bereich", "und", "sektor", "wirtschaft",
        "sektoren", "bransje", "bransjen", "naering", "naeringen", "og",
        "sektora", "oblast", "grana", "i", "u",
        "galuz", "haluz", "sfera", "ta", "y",
        "სექტორი", "სფერო", "დარგი", "ოლქი", "ոլորտ", "ոլորտը", "ոլորտի", "ճյուղ", "ճյուղը",
    ]

    /// Compound endings that only say "sector" (`Pflegebranche`, `anleggsbransjen`).
    private static let genericSuffixes = ["branche", "bransjen", "bransje", "bereich", "sektoren", "sektor"]

    private static let latinSpecials: [Unicode.Scalar: String] = [
        "đ": "dj", "ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "ı": "i", "þ": "th",
    ]

    private static let southSlavicTable: [Unicode.Scalar: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "dj", "е": "e", "ж": "z", "з": "z", "и": "i",
        "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o", "п": "p", "р": "r",
        "с": "s", "т": "t", "ћ": "c", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "c", "џ": "dz", "ш": "s",
        "ѓ": "gj", "ѕ": "dz", "ќ": "kj", "ѐ": "e", "ѝ": "i",
        // Letters Serbian does not use, so that stray Russian/Ukrainian letters still fold somewhere.
        "й": "j", "ы": "y", "э": "e", "ю": "ju", "я": "ja", "ё": "e", "ь": "", "ъ": "", "щ": "st", "і": "i",
        "ї": "ji", "є": "je", "ґ": "g",
    ]

    private static let ukrainianTable: [Unicode.Scalar: String] = [
        "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
        "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
        "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "ы": "y", "э": "e", "ё": "e", "ъ": "",
    ]
}
