extension Sequence where Element == UInt8 {
    /// The bytes as lowercase hexadecimal, two digits each (how SHA-256 digests are written everywhere here).
    public var lowercaseHex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
