import StocktakeModel

/// What a sample generation wrote.
public struct SampleSummary: Sendable, Equatable {
    /// One written file.
    public struct File: Sendable, Equatable {
        /// Path as given by the output directory plus the file name.
        public var path: String
        /// `survey`, `labour` or `provision`.
        public var kind: String
        /// Data rows (header excluded).
        public var rows: Int
        /// Bytes of the file, header included.
        public var bytes: Int
        /// Respondents (survey files only; 0 otherwise).
        public var respondents: Int
    }

    /// Files in the order they were written.
    public var files: [File]

    public init(files: [File]) {
        self.files = files
    }

    /// Total bytes of all files.
    public var totalBytes: Int { files.reduce(0) { $0 + $1.bytes } }

    /// Total bytes of the survey files.
    public var surveyBytes: Int { files.filter { $0.kind == "survey" }.reduce(0) { $0 + $1.bytes } }
}
