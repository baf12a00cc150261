import StocktakeModel

/// What a file's first bytes (the probe's sample) read as, decided by `EncodingDetector`.
///
/// `run`, `validate` and `inspect` use the same verdict (`PreparedInput` checks it): a refused sample stops the file
/// with `encoding-error`, and a declared encoding (or the UTF-8 default) that the bytes disagree with gives an
/// `encoding-mismatch` warning while the file is still read as declared.
struct EncodingDetection: Sendable, Hashable {
    enum Verdict: Sendable, Hashable {
        /// No byte ≥ 0x80: every supported encoding reads the sample alike.
        case ascii
        /// UTF-8: valid, or with a few bad bytes among many multi-byte sequences (`validUTF8` false).
        case utf8
        /// Not UTF-8; the Windows code page the text is most plausible in.
        case codePage(TextEncoding)
        /// The text is plausible in no supported encoding; `looksLike` names what the bytes look like instead.
        case refused(looksLike: String)
    }

    var verdict: Verdict
    /// Whether the sample is valid UTF-8 (a multi-byte sequence cut by the end of a sample that is not the whole
    /// file is allowed; one cut by the end of the file is not).
    var validUTF8: Bool
    /// Plausibility of the sample in each code page; empty when it is ASCII or valid UTF-8.
    var scores: [TextEncoding: PlausibilityScore] = [:]
    /// Physical line of the first byte ≥ 0x80 (1 when there is none).
    var firstHighByteLine = 1
    /// Physical line of the first byte that is not valid UTF-8 (nil when valid).
    var firstInvalidUTF8Line: Int?

    /// The encoding the bytes read as: nil when plain ASCII (any encoding reads them) or refused.
    var detected: TextEncoding? {
        switch verdict {
        case .ascii, .refused: return nil
        case .utf8: return .utf8
        case .codePage(let encoding): return encoding
        }
    }

    /// The file-level `encoding-error` for a refused sample; nil otherwise.
    func refusal(file: String) -> IngestError? {
        guard case .refused(let looksLike) = verdict else { return nil }
        return IngestError(
            file: file, line: firstHighByteLine, code: .encodingError,
            "the text is not plausible in any encoding stocktake reads (utf-8, windows-1250, windows-1251, windows-1252): "
                + "the bytes look like \(looksLike); save the file as UTF-8 (\"CSV UTF-8\" in Excel) and read it as utf-8, the default")
    }

    /// The `encoding-mismatch` warning when the bytes clearly say another encoding than `declared` (`isDefault`:
    /// nothing was declared and `declared` is the UTF-8 default); nil when they agree or the bytes do not tell.
    ///
    /// Clearly: valid (or mostly valid) UTF-8 declared as a code page; bytes that are not UTF-8 read as UTF-8; or a
    /// code page in which more words are implausible than in the detected one, by more than 1 in 50 of the words
    /// with non-ASCII letters. Code pages that read the sample alike (German text in windows-1250 and -1252) or
    /// equally plausibly never warn.
    func mismatchWarning(file: String, declared: TextEncoding, isDefault: Bool) -> IngestWarning? {
        let name = isDefault ? "utf-8 (the default)" : declared.rawValue
        func warning(line: Int, _ message: String) -> IngestWarning {
            IngestWarning(location: SourceLocation(file: file, line: line), code: .encodingMismatch,
                          message: message + "; the file is read as \(name)")
        }
        switch verdict {
        case .ascii, .refused:
            return nil
        case .utf8:
            guard declared != .utf8 else { return nil }
            return warning(line: firstHighByteLine,
                           "the encoding is \(name) but the bytes are utf-8 (multi-byte sequences): read as \(declared.rawValue) "
                               + "they become mojibake (é as Ã©); remove `encoding:` from the input's dialect")
        case .codePage(let detected):
            if declared == .utf8 {
                return warning(line: firstInvalidUTF8Line ?? firstHighByteLine,
                               "the encoding is \(name) but the bytes are not valid utf-8 (from this line on); they read as "
                                   + "\(detected.rawValue): set `dialect: { encoding: \(detected.rawValue) }`; rows with bytes that "
                                   + "are not utf-8 are rejected (encoding-error)")
            }
            guard declared != detected, let read = scores[declared], let best = scores[detected],
                  read.implausible > best.implausible, (read.implausible - best.implausible) * 50 > read.words else { return nil }
            return warning(line: read.firstImplausibleLine ?? firstHighByteLine,
                           "the encoding is \(name) but the text reads as \(detected.rawValue): in \(declared.rawValue) "
                               + "\(read.implausible) of \(read.words) words with non-ASCII letters are implausible (first on this line), "
                               + "in \(detected.rawValue) \(best.implausible); check the export and set "
                               + "`dialect: { encoding: \(detected.rawValue) }`")
        }
    }
}

/// How plausible a sample's text is in one single-byte decoding (see `EncodingDetector`).
struct PlausibilityScore: Sendable, Hashable {
    /// Evidence: words holding a non-ASCII letter, plus undefined bytes and symbols inside words.
    var words = 0
    /// Of those, the implausible ones.
    var implausible = 0
    /// The most plausible words whose non-ASCII letters all belong to one language (or to Cyrillic).
    var coherent = 0
    /// Plausible words in a BEM language: German, Norwegian, Serbian/Montenegrin Latin, or Cyrillic.
    var bem = 0
    /// Physical line of the first implausible word.
    var firstImplausibleLine: Int?

    /// At most one in five words implausible.
    var isPlausible: Bool { implausible * 5 <= words }

    /// Fewer implausible words; then more words coherent in one language; then more words of BEM languages.
    func isBetter(than other: PlausibilityScore) -> Bool {
        if implausible != other.implausible { return implausible < other.implausible }
        if coherent != other.coherent { return coherent > other.coherent }
        return bem > other.bem
    }
}

/// Detects the encoding of a file's first bytes by which decoding gives plausible text for the languages in play.
///
/// The rule, in order:
///
/// 1. No byte ≥ 0x80: ASCII (read as UTF-8; every supported encoding agrees).
/// 2. Valid UTF-8: UTF-8. A multi-byte sequence cut off by the end of the sample is allowed only when the sample is
///    not the whole file; at the end of the file an incomplete sequence is invalid.
/// 3. Otherwise each code page (windows-1252, -1250, -1251) decodes the sample and is scored word by word. A word is
///    a run of letters (ASCII letters included); only words holding a non-ASCII letter count. A word is implausible
///    when it mixes alphabets (Latin with Cyrillic: `Josй`, `Жrш`) or holds a letter of another script; when an
///    uppercase letter follows a lowercase one (`ЕллЬдб`); when it is Latin and its non-ASCII letters do not all
///    belong to one language in play (German äöüß; Norwegian/Danish æøåé; Serbian, Montenegrin and Croatian
///    čćšžđ śź; French, Spanish, Portuguese, Italian accents): `Ćrř`, `Ðurðevdan`, `èæšžð`; or when it is Cyrillic
///    (or Greek), of three or more letters, not all capitals, without a vowel (`р` counts: `прст`). A byte the code
///    page leaves undefined, and a symbol between two letters (`á³â`), count as one implausible word each. A lone
///    capital letter (`Ђ`, windows-1251's reading of `€`) counts neither way.
/// 4. The best code page has the fewest implausible words; on a tie, the most words whose letters fit one language;
///    then the most words of BEM languages (German, Norwegian, Serbian/Montenegrin, Cyrillic); then the order
///    windows-1252, -1250, -1251. It is the verdict when at most one in five of its words is implausible.
/// 5. Otherwise UTF-8 with a few bad bytes, when valid multi-byte sequences outnumber invalid ones four to one (or
///    just outnumber them when no code page is plausible); else the sample is refused, naming what the bytes look
///    like (Greek windows-1253, Japanese Shift-JIS, or an unsupported encoding).
///
/// Only the sample (the first 64 KiB) is read, in one pass per code page over a 256-entry class table.
enum EncodingDetector {
    /// The code pages scored, in the order that wins a tie.
    static let codePages: [TextEncoding] = [.windows1252, .windows1250, .windows1251]

    /// Detects the encoding of `sample` (after any BOM). `isWholeFile`: the sample ends where the file ends.
    static func detect(_ sample: ArraySlice<UInt8>, isWholeFile: Bool) -> EncodingDetection {
        guard let firstHigh = sample.firstIndex(where: { $0 >= 0x80 }) else {
            return EncodingDetection(verdict: .ascii, validUTF8: true)
        }
        let firstHighByteLine = line(of: firstHigh, in: sample)
        let utf8 = checkUTF8(sample, isWholeFile: isWholeFile)
        guard let firstInvalid = utf8.firstInvalid else {
            return EncodingDetection(verdict: .utf8, validUTF8: true, firstHighByteLine: firstHighByteLine)
        }
        var detection = EncodingDetection(verdict: .utf8, validUTF8: false, firstHighByteLine: firstHighByteLine,
                                          firstInvalidUTF8Line: line(of: firstInvalid, in: sample))
        var best: TextEncoding?
        for encoding in codePages {
            let score = score(sample, classes: classTable(encoding))
            detection.scores[encoding] = score
            if best == nil || score.isBetter(than: detection.scores[best!]!) { best = encoding }
        }
        let bestScore = detection.scores[best!]!
        if utf8.multiByte > utf8.invalid * 4 {
            detection.verdict = .utf8
        } else if bestScore.isPlausible {
            detection.verdict = .codePage(best!)
        } else if utf8.multiByte > utf8.invalid {
            detection.verdict = .utf8
        } else {
            detection.verdict = .refused(looksLike: looksLike(sample))
        }
        return detection
    }

    static func detect(_ bytes: [UInt8], isWholeFile: Bool = true) -> EncodingDetection {
        detect(bytes[...], isWholeFile: isWholeFile)
    }

    // MARK: - UTF-8

    /// Valid multi-byte sequences, invalid bytes, and the offset of the first invalid one. An incomplete sequence at
    /// the end counts as invalid only when `isWholeFile`.
    static func checkUTF8(_ bytes: ArraySlice<UInt8>, isWholeFile: Bool) -> (multiByte: Int, invalid: Int, firstInvalid: Int?) {
        var multiByte = 0, invalid = 0
        var firstInvalid: Int?
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let lead = bytes[i]
            if lead < 0x80 { i += 1; continue }
            // Length and the allowed range of the second byte (no overlong forms, surrogates or values > U+10FFFF).
            let need: Int, low: UInt8, high: UInt8
            switch lead {
            case 0xC2...0xDF: (need, low, high) = (1, 0x80, 0xBF)
            case 0xE0: (need, low, high) = (2, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (need, low, high) = (2, 0x80, 0xBF)
            case 0xED: (need, low, high) = (2, 0x80, 0x9F)
            case 0xF0: (need, low, high) = (3, 0x90, 0xBF)
            case 0xF1...0xF3: (need, low, high) = (3, 0x80, 0xBF)
            case 0xF4: (need, low, high) = (3, 0x80, 0x8F)
            default: (need, low, high) = (0, 0, 0)
            }
            var length = 0
            if need > 0 {
                length = 1
                while length <= need, i + length < end {
                    let byte = bytes[i + length]
                    let ok = length == 1 ? (byte >= low && byte <= high) : (byte & 0xC0 == 0x80)
                    if !ok { break }
                    length += 1
                }
            }
            if need > 0, length == need + 1 {
                multiByte += 1
                i += length
            } else if need > 0, i + length == end, !isWholeFile {
                // A sequence cut off by the end of the sample, not of the file.
                break
            } else {
                invalid += 1
                if firstInvalid == nil { firstInvalid = i }
                i += 1
            }
        }
        return (multiByte, invalid, firstInvalid)
    }

    // MARK: - Scoring

    /// Scores `bytes` decoded with a class table (see the rule on `EncodingDetector`).
    static func score(_ bytes: ArraySlice<UInt8>, classes: [UInt32]) -> PlausibilityScore {
        var score = PlausibilityScore()
        var groupWords = [Int](repeating: 0, count: 32)
        var word = Word()
        var line = 1
        var previous = Previous.other
        var previousByte: UInt8 = 0
        func implausible() {
            score.words += 1
            score.implausible += 1
            if score.firstImplausibleLine == nil { score.firstImplausibleLine = line }
        }
        func finish() {
            defer { word = Word() }
            // A lone capital (windows-1251 reads € as Ђ) is no evidence either way.
            guard word.nonASCII > 0, word.letters > 1 || word.lower else { return }
            let scripts = word.scripts
            let single = scripts.nonzeroBitCount == 1
            let latin = scripts == 1 << Class.latin
            let cyrillicOrGreek = scripts == 1 << Class.cyrillic || scripts == 1 << Class.greek
            let plausible = single && scripts & (1 << Class.otherScript) == 0 && !word.caseBreak
                && !(latin && word.groups == 0)
                && !(cyrillicOrGreek && word.letters >= 3 && !word.vowel && word.lower)
            guard plausible else {
                score.words += 1
                score.implausible += 1
                if score.firstImplausibleLine == nil { score.firstImplausibleLine = word.line }
                return
            }
            score.words += 1
            let groups = latin ? word.groups : scripts == 1 << Class.cyrillic ? Class.cyrillicGroup : Class.greekGroup
            for bit in 0..<32 where groups & (1 << bit) != 0 { groupWords[bit] += 1 }
            if groups & Class.bemGroups != 0 { score.bem += 1 }
        }
        for byte in bytes {
            if previousByte == 0x0A || (previousByte == 0x0D && byte != 0x0A) { line += 1 }
            previousByte = byte
            let c = classes[Int(byte)]
            switch c & Class.kindMask {
            case Class.letter:
                if previous == .symbolAfterLetter { implausible() }
                if word.letters == 0 { word.line = line }
                word.add(c)
                previous = .letter
            case Class.undefined:
                finish()
                implausible()
                previous = .other
            case Class.symbol:
                finish()
                previous = previous == .letter ? .symbolAfterLetter : .other
            default:
                finish()
                previous = .other
            }
        }
        finish()
        score.coherent = groupWords.max() ?? 0
        return score
    }

    private enum Previous { case letter, symbolAfterLetter, other }

    /// A word being scanned.
    private struct Word {
        var letters = 0
        var nonASCII = 0
        var scripts: UInt32 = 0
        /// Language groups every non-ASCII Latin letter so far belongs to.
        var groups: UInt32 = Class.allGroups
        var vowel = false
        var lower = false
        var caseBreak = false
        var previousLower = false
        var line = 1

        mutating func add(_ c: UInt32) {
            letters += 1
            scripts |= 1 << ((c >> Class.scriptShift) & 3)
            if c & Class.ascii == 0 {
                nonASCII += 1
                groups &= c >> Class.groupShift
            }
            if c & Class.vowel != 0 { vowel = true }
            let isUpper = c & Class.upper != 0
            let isLower = c & Class.lower != 0
            if isUpper, previousLower { caseBreak = true }
            if isLower { lower = true }
            previousLower = isLower
        }
    }

    // MARK: - Character classes

    /// Bit layout of a byte's class in a code page.
    enum Class {
        static let kindMask: UInt32 = 3
        static let undefined: UInt32 = 0
        static let letter: UInt32 = 1
        static let separator: UInt32 = 2
        static let symbol: UInt32 = 3
        static let scriptShift: UInt32 = 2          // 2 bits: latin, cyrillic, greek, other
        static let latin: UInt32 = 0
        static let cyrillic: UInt32 = 1
        static let greek: UInt32 = 2
        static let otherScript: UInt32 = 3
        static let upper: UInt32 = 1 << 4
        static let lower: UInt32 = 1 << 5
        static let ascii: UInt32 = 1 << 6
        static let vowel: UInt32 = 1 << 7
        static let groupShift: UInt32 = 8           // language groups of a non-ASCII Latin letter (bits 8...)

        // Language groups (bits of `groups`, before the shift).
        static let german: UInt32 = 1 << 0
        static let norwegian: UInt32 = 1 << 1
        static let serbianLatin: UInt32 = 1 << 2
        static let french: UInt32 = 1 << 3
        static let spanish: UInt32 = 1 << 4
        static let portuguese: UInt32 = 1 << 5
        static let italian: UInt32 = 1 << 6
        static let cyrillicGroup: UInt32 = 1 << 7
        static let greekGroup: UInt32 = 1 << 8
        static let allGroups: UInt32 = (1 << 9) - 1
        static let bemGroups: UInt32 = german | norwegian | serbianLatin | cyrillicGroup
    }

    /// The lowercase non-ASCII letters of each Latin language group; capitals belong to the same groups.
    static let latinLetters: [(UInt32, String)] = [
        (Class.german, "äöüß"),
        (Class.norwegian, "æøåé"),
        (Class.serbianLatin, "čćšžđśź"),
        (Class.french, "àâæçéèêëîïôœùûüÿ"),
        (Class.spanish, "áéíñóúüºª"),
        (Class.portuguese, "áâãàçéêíóôõúüºª"),
        (Class.italian, "àèéìíîòóùúºª"),
    ]

    /// Vowels of Cyrillic (with `р`, which carries syllables in Serbian and Macedonian) and Greek, lowercase.
    static let vowels = Set("аеиоуыэюяіїєёрαεηιουωάέήίόύώϊϋΐΰ".unicodeScalars)

    /// Non-ASCII characters that separate words without making them implausible: spaces, apostrophes, quotes,
    /// dashes, the ellipsis and the middle dot.
    static let separators = Set("\u{00A0}\u{00AD}\u{202F}‘’‚“”„«»‹›–—…•·".unicodeScalars)

    /// The class of every byte in `encoding` (a code page).
    static func classTable(_ encoding: TextEncoding) -> [UInt32] {
        switch encoding {
        case .windows1250: return windows1250Classes
        case .windows1251: return windows1251Classes
        default: return windows1252Classes
        }
    }

    static let windows1250Classes = classes(TextDecoder.windows1250)
    static let windows1251Classes = classes(TextDecoder.windows1251)
    static let windows1252Classes = classes(TextDecoder.windows1252)
    /// Greek windows-1253: never read, only recognised in a refusal.
    static let windows1253Classes = classes(windows1253)

    static func classes(_ table: [UInt16]) -> [UInt32] {
        (0..<256).map { byte -> UInt32 in
            if byte < 0x80 {
                let scalar = Unicode.Scalar(UInt8(byte))
                if scalar.properties.isUppercase, scalar.isASCIILetter { return Class.letter | Class.upper | Class.ascii | (Class.allGroups << Class.groupShift) }
                if scalar.properties.isLowercase, scalar.isASCIILetter { return Class.letter | Class.lower | Class.ascii | (Class.allGroups << Class.groupShift) }
                return Class.separator
            }
            let code = table[byte - 0x80]
            guard code != 0, let scalar = Unicode.Scalar(code) else { return Class.undefined }
            return classify(scalar)
        }
    }

    static func classify(_ scalar: Unicode.Scalar) -> UInt32 {
        if separators.contains(scalar) { return Class.separator }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .otherLetter:
            break
        default:
            return Class.symbol          // µ is a letter in Unicode but a unit sign here; ˆ ˇ are modifier letters
        }
        if scalar == "µ" { return Class.symbol }
        var c = Class.letter
        if scalar.properties.isUppercase { c |= Class.upper }
        if scalar.properties.isLowercase, scalar != "ª", scalar != "º" { c |= Class.lower }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
        switch scalar.value {
        case 0x00C0...0x024F, 0xAA, 0xBA:
            c |= Class.latin << Class.scriptShift
            var groups: UInt32 = 0
            for (group, letters) in latinLetters where letters.unicodeScalars.contains(lower) { groups |= group }
            c |= groups << Class.groupShift
        case 0x0400...0x04FF:
            c |= Class.cyrillic << Class.scriptShift
            if vowels.contains(lower) { c |= Class.vowel }
        case 0x0370...0x03FF:
            c |= Class.greek << Class.scriptShift
            if vowels.contains(lower) { c |= Class.vowel }
        default:
            c |= Class.otherScript << Class.scriptShift
        }
        return c
    }

    // MARK: - What refused bytes look like

    /// What a sample no supported code page reads plausibly looks like.
    static func looksLike(_ bytes: ArraySlice<UInt8>) -> String {
        let greek = score(bytes, classes: windows1253Classes)
        if greek.words > 0, greek.isPlausible, greek.coherent * 2 > greek.words {
            return "Greek text in windows-1253 (or ISO-8859-7)"
        }
        if looksLikeShiftJIS(bytes) { return "Japanese text in Shift-JIS" }
        return "text in another encoding"
    }

    /// Whether the high bytes pair up as Shift-JIS double-byte characters (lead 0x81–0x9F or 0xE0–0xFC, trail
    /// 0x40–0x7E or 0x80–0xFC; single bytes 0xA1–0xDF are half-width katakana) with at most one stray byte in ten.
    static func looksLikeShiftJIS(_ bytes: ArraySlice<UInt8>) -> Bool {
        var pairs = 0, stray = 0
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b < 0x80 || (0xA1...0xDF).contains(b) { i += 1; continue }
            if (0x81...0x9F).contains(b) || (0xE0...0xFC).contains(b), i + 1 < bytes.endIndex {
                let t = bytes[i + 1]
                if (0x40...0x7E).contains(t) || (0x80...0xFC).contains(t) {
                    pairs += 1
                    i += 2
                    continue
                }
            }
            stray += 1
            i += 1
        }
        return pairs >= 2 && stray * 10 <= pairs
    }

    /// windows-1253 (Greek), bytes 0x80...0xFF (0 = undefined), from CPython's codec.
    static let windows1253: [UInt16] = [
        0x20AC, 0x0000, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x0000, 0x2030, 0x0000, 0x2039, 0x0000, 0x0000, 0x0000, 0x0000,
        0x0000, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x0000, 0x2122, 0x0000, 0x203A, 0x0000, 0x0000, 0x0000, 0x0000,
        0x00A0, 0x0385, 0x0386, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
        0x00A8, 0x00A9, 0x0000, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x2015,
        0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x0384, 0x00B5, 0x00B6, 0x00B7,
        0x0388, 0x0389, 0x038A, 0x00BB, 0x038C, 0x00BD, 0x038E, 0x038F,
        0x0390, 0x0391, 0x0392, 0x0393, 0x0394, 0x0395, 0x0396, 0x0397,
        0x0398, 0x0399, 0x039A, 0x039B, 0x039C, 0x039D, 0x039E, 0x039F,
        0x03A0, 0x03A1, 0x0000, 0x03A3, 0x03A4, 0x03A5, 0x03A6, 0x03A7,
        0x03A8, 0x03A9, 0x03AA, 0x03AB, 0x03AC, 0x03AD, 0x03AE, 0x03AF,
        0x03B0, 0x03B1, 0x03B2, 0x03B3, 0x03B4, 0x03B5, 0x03B6, 0x03B7,
        0x03B8, 0x03B9, 0x03BA, 0x03BB, 0x03BC, 0x03BD, 0x03BE, 0x03BF,
        0x03C0, 0x03C1, 0x03C2, 0x03C3, 0x03C4, 0x03C5, 0x03C6, 0x03C7,
        0x03C8, 0x03C9, 0x03CA, 0x03CB, 0x03CC, 0x03CD, 0x03CE, 0x0000,
    ]

    /// Physical line (1-based; LF, CRLF and CR end a line) of `offset` in `bytes`.
    static func line(of offset: Int, in bytes: ArraySlice<UInt8>) -> Int {
        var line = 1
        var i = bytes.startIndex
        while i < offset {
            let b = bytes[i]
            if b == 0x0A || (b == 0x0D && (i + 1 >= bytes.endIndex || bytes[i + 1] != 0x0A)) { line += 1 }
            i += 1
        }
        return line
    }
}

private extension Unicode.Scalar {
    var isASCIILetter: Bool { (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A) }
}
