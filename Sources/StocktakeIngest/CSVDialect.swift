import StocktakeModel

/// How a delimited text file is written: delimiter, quote, encoding.
public struct CSVDialect: Sendable, Hashable, Codable {
    /// Field delimiter byte (`,`, `;`, tab, `|`).
    public var delimiter: UInt8
    /// Quote byte (usually `"`).
    public var quote: UInt8
    /// Character encoding of the bytes.
    public var encoding: TextEncoding

    public init(delimiter: UInt8 = UInt8(ascii: ","), quote: UInt8 = UInt8(ascii: "\""), encoding: TextEncoding = .utf8) {
        self.delimiter = delimiter
        self.quote = quote
        self.encoding = encoding
    }

    /// A printable name of the delimiter (`,` `;` `tab` `|`).
    public var delimiterName: String {
        delimiter == 9 ? "tab" : String(UnicodeScalar(delimiter))
    }
}

/// Text encodings accepted in inputs. Decoding is strict: an invalid byte is an `encoding-error`, never mojibake.
public enum TextEncoding: String, Sendable, Hashable, Codable, CaseIterable {
    case utf8 = "utf-8"
    case windows1250 = "windows-1250"
    case windows1251 = "windows-1251"
    case windows1252 = "windows-1252"
}
