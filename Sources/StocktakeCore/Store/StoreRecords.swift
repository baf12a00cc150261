import StocktakeIngest
import StocktakeModel

/// One input file of a run, as recorded for lineage and shown in report provenance.
public struct InputFileRow: Sendable, Hashable, Codable {
    public var path: String
    public var kind: InputKind
    public var country: String?
    /// The format the file was read as (detected or declared).
    public var format: InputFormat
    public var encoding: TextEncoding
    public var delimiter: String
    public var sha256: String
    public var sizeBytes: Int
    public var rowsRead: Int
    public var rowsAccepted: Int
    public var rowsRejected: Int
    public var status: InputStatus
    public var lastUpdate: String?
    public var source: String?
    public var licence: String?
    /// Rejected rows by error code (not stored: the reject table has every row).
    public var rejectsByCode: [ErrorCode: Int]
    /// Accepted rows that gave no record, by reason: rows read = used + skipped + rejected.
    public var skippedByReason: [String: Int] = [:]
    public var rowsSkipped: Int { skippedByReason.values.reduce(0, +) }
    public var rowsUsed: Int { rowsAccepted - rowsSkipped }

    public init(
        path: String, kind: InputKind, country: String?, format: InputFormat, encoding: TextEncoding, delimiter: String,
        sha256: String, sizeBytes: Int, rowsRead: Int, rowsAccepted: Int, rowsRejected: Int, status: InputStatus,
        lastUpdate: String?, source: String?, licence: String?, rejectsByCode: [ErrorCode: Int] = [:]
    ) {
        self.rejectsByCode = rejectsByCode
        self.path = path
        self.kind = kind
        self.country = country
        self.format = format
        self.encoding = encoding
        self.delimiter = delimiter
        self.sha256 = sha256
        self.sizeBytes = sizeBytes
        self.rowsRead = rowsRead
        self.rowsAccepted = rowsAccepted
        self.rowsRejected = rowsRejected
        self.status = status
        self.lastUpdate = lastUpdate
        self.source = source
        self.licence = licence
    }
}

/// Facts of one finished run, read back for "what changed" comparisons.
public struct StoredRun: Sendable, Hashable {
    public var runID: String
    public var startedAt: String
    public var status: RunStatus
    public var inputs: [String: String]            // path → sha256
    public var proposals: [StoredProposal]
}

/// A proposal as stored, for comparisons between runs.
public struct StoredProposal: Sendable, Hashable {
    public var id: String
    public var country: String
    public var rank: Int
    public var title: String
}
