import Foundation
import Testing
@testable import StocktakeIngest
@testable import StocktakeModel

/// Encoding detection (`EncodingDetector`) and the `encoding-mismatch` warning, through the detector itself,
/// through `inspect` and through the pipeline's reader.
@Suite struct EncodingDetectorTests {
    // MARK: - Test data

    /// `text` in a Windows code page (through the decoder's own tables, inverted).
    static func bytes(_ text: String, _ encoding: TextEncoding) -> [UInt8] {
        let table: [UInt16]
        switch encoding {
        case .utf8: return Array(text.utf8)
        case .windows1250: table = TextDecoder.windows1250
        case .windows1251: table = TextDecoder.windows1251
        case .windows1252: table = TextDecoder.windows1252
        }
        return text.unicodeScalars.map { scalar in
            if scalar.value < 0x80 { return UInt8(scalar.value) }
            let index = table.firstIndex(of: UInt16(scalar.value))!
            return UInt8(0x80 + index)
        }
    }

    /// A native labour file with one row per entry of `sources` (the `source` cell; everything else ASCII).
    static func labourFile(_ sources: [[UInt8]]) -> [UInt8] {
        var file = Array("country,sector,indicator,period,value,unit,flag,source\n".utf8)
        for (i, source) in sources.enumerated() {
            file += Array("DE,C,employment,\(2000 + i),1.5,THS_PER,,".utf8) + source + [0x0A]
        }
        return file
    }

    static func labourFile(_ texts: [String], _ encoding: TextEncoding) -> [UInt8] {
        labourFile(texts.map { bytes($0, encoding) })
    }

    static let western = ["José", "Région", "Müller", "Ærø", "Ørsted"]
    static let serbianLatin = ["čćšžđ", "Čačak", "Niš", "Đurđevdan"]
    /// Serbian Latin with German names, as in a file of both countries.
    static let serbianAndGerman = ["Čačak", "Niš", "Đurđevdan", "Müller", "Größe", "Zürich", "Köln", "Straße", "Bärbel"]
    static let ukrainian = ["Будівництво", "Зварювання", "Київ", "Львів", "Харків"]
    static let serbianCyrillic = ["Ћирилица", "Ниш", "Ириг", "Шид", "Пирот", "Жичара"]

    /// "Κατασκευές, Μεταποίηση, Ελλάδα, Αθήνα, Θεσσαλονίκη, Εκπαίδευση, Γεωργία" in windows-1253.
    static let greek1253: [UInt8] = [
        0xCA, 0xE1, 0xF4, 0xE1, 0xF3, 0xEA, 0xE5, 0xF5, 0xDD, 0xF2, 0x2C, 0x20, 0xCC, 0xE5, 0xF4, 0xE1, 0xF0, 0xEF,
        0xDF, 0xE7, 0xF3, 0xE7, 0x2C, 0x20, 0xC5, 0xEB, 0xEB, 0xDC, 0xE4, 0xE1, 0x2C, 0x20, 0xC1, 0xE8, 0xDE, 0xED,
        0xE1, 0x2C, 0x20, 0xC8, 0xE5, 0xF3, 0xF3, 0xE1, 0xEB, 0xEF, 0xED, 0xDF, 0xEA, 0xE7, 0x2C, 0x20, 0xC5, 0xEA,
        0xF0, 0xE1, 0xDF, 0xE4, 0xE5, 0xF5, 0xF3, 0xE7, 0x2C, 0x20, 0xC3, 0xE5, 0xF9, 0xF1, 0xE3, 0xDF, 0xE1,
    ]
    /// "建設業, 製造業, データ分析, 溶接, 情報通信業" in Shift-JIS.
    static let japaneseShiftJIS: [UInt8] = [
        0x8C, 0x9A, 0x90, 0xDD, 0x8B, 0xC6, 0x2C, 0x20, 0x90, 0xBB, 0x91, 0xA2, 0x8B, 0xC6, 0x2C, 0x20, 0x83, 0x66,
        0x81, 0x5B, 0x83, 0x5E, 0x95, 0xAA, 0x90, 0xCD, 0x2C, 0x20, 0x97, 0x6E, 0x90, 0xDA, 0x2C, 0x20, 0x8F, 0xEE,
        0x95, 0xF1, 0x92, 0xCA, 0x90, 0x4D, 0x8B, 0xC6,
    ]

    /// Splits a byte string at ", " into the cells of a labour file.
    static func cells(_ bytes: [UInt8]) -> [[UInt8]] {
        var cells: [[UInt8]] = [[]]
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x2C, i + 1 < bytes.count, bytes[i + 1] == 0x20 {
                cells.append([])
                i += 2
            } else {
                cells[cells.count - 1].append(bytes[i])
                i += 1
            }
        }
        return cells
    }

    // MARK: - Detection

    @Test(arguments: [
        (western, TextEncoding.windows1252),
        (serbianLatin, .windows1250),
        (serbianAndGerman, .windows1250),
        (ukrainian, .windows1251),
        (serbianCyrillic, .windows1251),
    ])
    func detectsTheCodePageTheTextIsPlausibleIn(texts: [String], encoding: TextEncoding) throws {
        let file = Self.labourFile(texts, encoding)
        let detection = EncodingDetector.detect(file)
        #expect(detection.detected == encoding)
        #expect(!detection.validUTF8)
        // inspect reads it with that encoding: every row decodes, none is rejected, the suggestion is right.
        let report = try withTemporaryFile(file) { try Inspector.inspect(path: $0.path) }
        #expect(report.encoding == encoding.rawValue && report.suggestedDialect.encoding == encoding.rawValue)
        #expect(report.rowsRejected == 0 && report.rowsRead == texts.count && report.warnings.isEmpty)
    }

    @Test func readsWesternEuropeanTextAsWindows1252NotAsCyrillic() throws {
        let file = Self.labourFile(Self.western, .windows1252)
        var sources: [String] = []
        let spec = InputSpec(path: "", kind: .labour, format: .stocktakeLabour,
                             dialect: InputDialect(encoding: EncodingDetector.detect(file).detected))
        _ = try withTemporaryFile(file) { url in
            var pinned = spec
            pinned.path = url.path
            return try Ingestor.readLabour(pinned, defaultCountry: nil, onRecord: { sources.append($0.source) },
                                           onReject: { _ in })
        }
        #expect(sources == Self.western, "not Josй / Rйgion")
    }

    @Test func validUTF8IsUTF8AndACodePageDeclaredForItIsAMismatch() throws {
        let file = Self.labourFile(Self.western + Self.serbianLatin + Self.ukrainian, .utf8)
        let detection = EncodingDetector.detect(file)
        #expect(detection.detected == .utf8 && detection.validUTF8)
        let read = try withTemporaryFile(file) { url in
            try readLabour(InputSpec(path: url.path, kind: .labour, format: .stocktakeLabour,
                                     dialect: InputDialect(encoding: .windows1251)))
        }
        #expect(read.report.warnings.map(\.code) == [.encodingMismatch])
        #expect(read.report.warnings.first?.message.contains("utf-8") == true)
        #expect(read.report.encoding == .windows1251, "read as declared")
    }

    @Test func anInvalidByteAtTheEndOfTheFileIsNotValidUTF8() throws {
        let text = Self.labourFile(Self.western + Self.serbianLatin, .utf8)
        let file = text + [0xC3]
        let atEnd = EncodingDetector.detect(file, isWholeFile: true)
        #expect(!atEnd.validUTF8)
        #expect(atEnd.detected == .utf8, "mostly UTF-8: read as UTF-8, the bad byte rejects its row")
        // The same bytes cut out of a longer file: the last byte may start a sequence the sample cut off.
        #expect(EncodingDetector.detect(file, isWholeFile: false).validUTF8)
        // A stray continuation byte cannot be the start of a cut sequence, even in a sample.
        #expect(!EncodingDetector.detect(text + [0xA9], isWholeFile: false).validUTF8)
        let report = try withTemporaryFile(file) { try Inspector.inspect(path: $0.path) }
        #expect(!report.validUTF8 && report.encoding == "utf-8")
        #expect(report.rejectsByCode == ["encoding-error": 1])
    }

    @Test(arguments: [(greek1253, "windows-1253"), (japaneseShiftJIS, "Shift-JIS")])
    func textInNoSupportedEncodingIsRefused(text: [UInt8], looksLike: String) throws {
        let file = Self.labourFile(Self.cells(text))
        let detection = EncodingDetector.detect(file)
        #expect(detection.detected == nil, "not labelled \(detection.detected?.rawValue ?? "")")
        let report = try withTemporaryFile(file) { try Inspector.inspect(path: $0.path) }
        #expect(report.fileError)
        let reject = try #require(report.rejects.first)
        #expect(reject.code == "encoding-error")
        #expect(reject.message.contains(looksLike) && reject.message.contains("UTF-8"), "\(reject.message)")
        // The pipeline refuses it too, whatever it declares.
        for declared in TextEncoding.allCases {
            #expect(throws: IngestError.self) {
                try withTemporaryFile(file) { url in
                    _ = try readLabour(InputSpec(path: url.path, kind: .labour, format: .stocktakeLabour,
                                                 dialect: InputDialect(encoding: declared)))
                }
            }
        }
    }

    // MARK: - Mismatch

    @Test func aWindows1250FileDeclaredAsWindows1252IsReadAsDeclaredWithAWarning() throws {
        let file = Self.labourFile(Self.serbianLatin, .windows1250)
        try withTemporaryFile(file) { url in
            let spec = InputSpec(path: url.path, kind: .labour, format: .stocktakeLabour,
                                 dialect: InputDialect(encoding: .windows1252))
            let read = try readLabour(spec)
            let warning = try #require(read.report.warnings.first)
            #expect(read.report.warnings.count == 1)
            #expect(warning.code == .encodingMismatch && warning.code.rawValue == "encoding-mismatch")
            #expect(warning.location.file == url.path)
            #expect(warning.message.contains("windows-1252") && warning.message.contains("windows-1250"))
            #expect(warning.description.contains("warning: [encoding-mismatch]"))
            #expect(read.report.encoding == .windows1252 && read.report.detectedEncoding == .windows1250)
            #expect(read.records.count == Self.serbianLatin.count, "the declared encoding is not changed")

            // inspect, given the same encoding, goes through the same check.
            let inspected = try Inspector.inspect(path: url.path, encoding: .windows1252)
            #expect(inspected.warnings.map(\.code) == ["encoding-mismatch"])
            #expect(inspected.encoding == "windows-1252" && inspected.suggestedDialect.encoding == "windows-1250")

            // Declared right: no warning.
            let right = try readLabour(InputSpec(path: url.path, kind: .labour, format: .stocktakeLabour,
                                                 dialect: InputDialect(encoding: .windows1250)))
            #expect(right.report.warnings.isEmpty)
            #expect(right.records.map(\.source) == Self.serbianLatin)
        }
    }

    @Test func theUTF8DefaultOnAWindowsFileIsAMismatch() throws {
        let file = Self.labourFile(Self.ukrainian, .windows1251)
        let read = try withTemporaryFile(file) { url in
            try readLabour(InputSpec(path: url.path, kind: .labour, format: .stocktakeLabour))
        }
        #expect(read.report.warnings.map(\.code) == [.encodingMismatch])
        #expect(read.report.warnings.first?.message.contains("windows-1251") == true)
        #expect(read.report.encoding == .utf8 && read.rejects.allSatisfy { $0.code == .encodingError })
    }

    @Test func aLoneSymbolIsNoEvidenceForCyrillic() {
        // 0x80 is € in windows-1252 and -1250, a lone capital Ђ in windows-1251.
        let file = Self.labourFile([Array("5 ".utf8) + [0x80]])
        #expect(EncodingDetector.detect(file).detected == .windows1252)
    }

    @Test func noWarningWhenTheDeclaredEncodingReadsTheBytesPlausibly() throws {
        // German text is the same bytes in windows-1250 and windows-1252; ASCII is the same in every encoding.
        for (texts, declared) in [(["Müller", "Größe", "Straße"], TextEncoding.windows1250), (["Zavarivanje"], .windows1251)] {
            let read = try withTemporaryFile(Self.labourFile(texts, .windows1252)) { url in
                try readLabour(InputSpec(path: url.path, kind: .labour, format: .stocktakeLabour,
                                         dialect: InputDialect(encoding: declared)))
            }
            #expect(read.report.warnings.isEmpty, "\(texts)")
        }
    }
}
