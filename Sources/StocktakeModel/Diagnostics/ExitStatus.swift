/// Process exit codes, after BSD `sysexits.h`. Cron wrappers and CI rely on these numbers.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Everything ran; no row or file was rejected.
    case success = 0
    /// Data errors: rows or files were rejected (reports are still written for the valid data). `EX_DATAERR`.
    case dataError = 65
    /// An input file is missing or unreadable. `EX_NOINPUT`.
    case noInput = 66
    /// Internal error (a bug). `EX_SOFTWARE`.
    case software = 70
    /// Output (reports, database) cannot be created or written (full or read-only disk). `EX_CANTCREAT`.
    case cantCreate = 73
    /// Another run holds the database's lock, or a signal cancelled the run; retry later. `EX_TEMPFAIL`.
    case tempFail = 75
    /// The pipeline definition or the taxonomy folder (overrides) is invalid. `EX_CONFIG`.
    case config = 78

    /// One line per code, for `--help` and README.
    public static let helpText = """
        Exit codes:
          0   success
          65  data errors: rows or files rejected (reports still written for the valid data)
          66  an input file is missing or unreadable
          70  internal error
          73  output (reports or database) cannot be created or written (disk full, read-only)
          75  another run holds the database's lock, or SIGTERM/SIGINT/SIGHUP cancelled the run
          78  invalid configuration: pipeline definition or taxonomy folder (overrides.csv)
        """
}
