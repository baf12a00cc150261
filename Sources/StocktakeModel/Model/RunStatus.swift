/// What became of a run, as the store records it (`run.status`), the summary line and `reports/index.md` show it.
public enum RunStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Started and not finished (or killed: nothing recorded its end).
    case running
    /// Every input used, no row rejected.
    case success
    /// Rows were rejected, every input was used.
    case dataErrors = "data_errors"
    /// An input could not be used at all: its evidence is missing from the results.
    case partial
    /// Stopped by an error before the reports were published.
    case failed
    /// Stopped at a safe point by SIGTERM, SIGINT or SIGHUP (exit 75): nothing published, `latest` unchanged.
    case cancelled
    /// Left `running` by a process that died (killed, machine stopped); marked so by the next run.
    case abandoned
    /// Every input, the definition, the taxonomy and the tool were the same as in the last successful run: nothing
    /// was redone and no report folder was written.
    case unchanged

    /// The run wrote a report folder of its own.
    public var isPublished: Bool { [.success, .dataErrors, .partial].contains(self) }
}

/// Whether one input file's rows reached the results.
public enum InputStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Its accepted rows are in the results.
    case used
    /// More rows were rejected than `max_reject_ratio` allows: none of its rows are used.
    case tooManyRejects = "too-many-rejects"
    /// The file could not be read (missing, wrong format, unreadable header): nothing is used.
    case unreadable
}
