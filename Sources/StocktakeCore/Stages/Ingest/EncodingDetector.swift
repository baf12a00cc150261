/// What a file's first bytes read as. (For now the heuristic formerly in `FileProbe.sniffEncoding`, unchanged:
/// nothing is refused and no mismatch is reported yet.)
struct EncodingDetection: Sendable, Hashable {
    enum Verdict: Sendable, Hashable {
        case ascii
        case utf8
        case codePage(TextEncoding)
        case refused(looksLike: String)
    }
    var verdict: Verdict
    var validUTF8: Bool
    var firstHighByteLine: Int = 1

    var encoding: TextEncoding? {
        switch verdict {
        case .ascii, .utf8: return .utf8
        case .codePage(let encoding): return encoding
        case .refused: return nil
        }
    }

    var detected: TextEncoding? {
        switch verdict {
        case .ascii, .refused: return nil
        case .utf8: return .utf8
        case .codePage(let encoding): return encoding
        }
    }

    func refusal(file: String) -> IngestError? { nil }

    func mismatchWarning(file: String, declared: TextEncoding, isDefault: Bool) -> IngestWarning? { nil }
}

enum EncodingDetector {
    static func detect(_ sample: ArraySlice<UInt8>, isWholeFile: Bool) -> EncodingDetection {
        let (encoding, valid) = old(sample)
        return EncodingDetection(verdict: encoding == .utf8 ? .utf8 : .codePage(encoding), validUTF8: valid)
    }

    static func detect(_ bytes: [UInt8], isWholeFile: Bool = true) -> EncodingDetection {
        detect(bytes[...], isWholeFile: isWholeFile)
    }

    static func old(_ sample: ArraySlice<UInt8>) -> (encoding: TextEncoding, validUTF8: Bool) {
        var body = Array(sample)
        // A multi-byte sequence may be cut at the end of the sample: try without up to 3 trailing bytes.
        for drop in 0...min(3, body.count) where String(validating: body.dropLast(drop), as: UTF8.self) != nil {
            return (.utf8, true)
        }
        body = Array(body.dropLast(min(3, body.count)))
        var multiByte = 0
        var invalid = 0
        var i = 0
        while i < body.count {
            let b = body[i]
            let need = b < 0x80 ? 0 : b >= 0xF0 && b < 0xF5 ? 3 : b >= 0xE0 ? 2 : b >= 0xC2 && b < 0xE0 ? 1 : -1
            if need == 0 { i += 1; continue }
            if need > 0, i + need < body.count, body[(i + 1)...(i + need)].allSatisfy({ $0 & 0xC0 == 0x80 }) {
                multiByte += 1
                i += need + 1
            } else {
                invalid += 1
                i += 1
            }
        }
        if multiByte > invalid * 4 { return (.utf8, false) }
        let high = body.filter { $0 >= 0x80 }
        let cyrillic = high.filter { $0 >= 0xC0 }.count
        let centralEuropean: Set<UInt8> = [0x8A, 0x8E, 0x9A, 0x9E, 0xC8, 0xE8, 0xC6, 0xE6, 0xD0, 0xF0, 0xA3, 0xB3, 0xB9, 0xA5]
        let ce = high.filter { centralEuropean.contains($0) }.count
        if cyrillic * 10 >= high.count * 7, ce * 2 < high.count { return (.windows1251, false) }
        if ce > 0 { return (.windows1250, false) }
        return (.windows1252, false)
    }
}
