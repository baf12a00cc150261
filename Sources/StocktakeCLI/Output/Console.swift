import Foundation
import Logging
import StocktakeCore

#if canImport(Glibc)
import Glibc
#endif

/// stderr output: logging bootstrap, diagnostics, the terminal progress line.
enum Console {
    /// Whether stderr is a terminal (a progress line is shown only then; never under cron).
    static var stderrIsTTY: Bool { isatty(STDERR_FILENO) == 1 }

    static func bootstrapLogging(quiet: Bool, verbose: Bool) {
        let level: Logger.Level = verbose ? .debug : (quiet ? .error : .info)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("stocktake: \(message)\n".utf8))
    }

    static func line(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    /// A progress callback that redraws one line on a terminal; nil when stderr is not a TTY or `quiet`.
    static func progress(quiet: Bool) -> (@Sendable (RunProgress) -> Void)? {
        guard !quiet, stderrIsTTY else { return nil }
        return { progress in
            let text: String
            switch progress {
            case .ingesting(let file, let rows, let bytes):
                text = String(format: "ingest %@: %d rows, %.1f MB", file, rows, Double(bytes) / 1e6)
            case .stage(let name):
                text = "\(name)…"
            case .done:
                FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
                return
            }
            FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
        }
    }
}
