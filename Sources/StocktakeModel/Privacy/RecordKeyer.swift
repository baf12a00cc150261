/// The record keys of the cell key perturbation (`docs/methodology.md` §5.1): each respondent gets a fixed
/// pseudo-random 64-bit key, SipHash-2-4 under the run's secret perturbation key of the UTF-8 bytes of
/// `country ‖ 0x1F ‖ respondent id`. The same respondent has the same record key in every run and at every
/// partner that holds the same secret key; without the key, record keys cannot be computed.
///
/// Cells add up their respondents' keys with wrapping addition (`SurveyCellStats.cellKey`, `valueKey`), so a cell
/// key depends only on who (and, for the value key, what they answered) is in the cell, never on file order or on
/// how partial aggregates are merged.
public struct RecordKeyer: Sendable, Hashable {
    public let sip: SipHash24

    public init(_ sip: SipHash24) { self.sip = sip }

    /// A keyer from the 16 bytes of a key file; nil for any other length.
    public init?(keyBytes: some Collection<UInt8>) {
        guard let sip = SipHash24(key: keyBytes) else { return nil }
        self.sip = sip
    }

    /// The record key of respondent `respondent` of country `country` (ids as written, decoded).
    public func recordKey(country: String, respondent: String) -> UInt64 {
        var message = Array(country.utf8)
        message.append(0x1F)
        message += respondent.utf8
        return message.withUnsafeBytes { recordKey(message: $0) }
    }

    /// The record key from its message, the UTF-8 bytes of `country ‖ 0x1F ‖ respondent id` (the ingest hot path
    /// writes them into a buffer of its own).
    public func recordKey(message: UnsafeRawBufferPointer) -> UInt64 { sip.hash(message) }

    /// What a respondent with record key `recordKey` adds to a cell's value key for the answers `answers`: a
    /// bijective mix of the record key with a digest of the answers, so a cell's value key changes when one of its
    /// respondents answers differently, and stays the same when nobody does.
    public static func contentKey(recordKey: UInt64, answers: RespondentAnswers) -> UInt64 {
        mix(recordKey ^ answers.digest)
    }

    /// `contentKey` of a single answer in its packed form (`RespondentAnswers.pack`): the ingest hot path, two
    /// mixes instead of a digest of every field; equal to `contentKey` of `RespondentAnswers(packed:)`.
    @inline(__always)
    public static func contentKey(recordKey: UInt64, packedAnswer: UInt32) -> UInt64 {
        mix(recordKey ^ RespondentAnswers.digest(packed: packedAnswer))
    }

    /// The finalizer of SplitMix64 (Steele, Lea and Flood 2014): a bijection of 64-bit words that spreads every input
    /// bit over the output. Derives independent sub-keys from one key (`mix(key &+ j · 0x9E37_79B9_7F4A_7C15)`).
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension RespondentAnswers {
    /// A digest of every field (deterministic, not secret): equal answers give equal digests. One answer is
    /// digested in its packed form (`digest(packed:)`), several field by field.
    public var digest: UInt64 {
        if count == 1 {
            let mode: UInt8 = modeOnline > 0 ? 1 : modeBlended > 0 ? 2 : modeOnSite > 0 ? 3 : 0
            return RespondentAnswers.digest(packed: RespondentAnswers.pack(
                importance: sumImportance, proficiency: sumProficiency,
                hardToFill: hardToFillAnswered == 0 ? -1 : hardToFillYes,
                demand: demandChangeAnswered == 0 ? nil : demandChangeSum, mode: mode, groups: targetGroups))
        }
        var h: UInt64 = 0x5354_4F43_4B54_414B
        @inline(__always) func fold(_ field: Int) {
            h = RecordKeyer.mix(h &+ UInt64(bitPattern: Int64(field)) &+ 0x9E37_79B9_7F4A_7C15)
        }
        fold(count); fold(sumImportance); fold(sumProficiency); fold(hardToFillAnswered); fold(hardToFillYes)
        fold(demandChangeAnswered); fold(demandChangeSum); fold(modeOnline); fold(modeBlended); fold(modeOnSite)
        fold(Int(targetGroups))
        return h
    }

    /// The digest of one answer in its packed form.
    @inline(__always)
    public static func digest(packed: UInt32) -> UInt64 {
        RecordKeyer.mix(UInt64(packed) | 0x5354_4F43_0000_0000)
    }
}
