import Foundation
import Logging
import StocktakeCore
import StocktakeModel

#if canImport(Glibc)
import Glibc
#endif

/// stderr output: logging bootstrap, diagnostics, the terminal progress line.
enum Console {
    /// Whether stderr is a terminal (a progress line is shown only then; never under cron).
    static var stderrIsTTY: Bool { isatty(STDERR_FILENO) == 1 }

    static func bootstrapLogging(quiet: Bool, verbose: Bool) {
        let level: Logger.Level = verbose ? .debug : (quiet ? .error : .info)
        let tty = stderrIsTTY
        LoggingSystem.bootstrap { label in
            var handler = StderrLogHandler(label: label, clearsLine: tty)
            handler.logLevel = level
            return handler
        }
    }

    /// The dispatch sources of `stopOnSignals` (kept alive for the process's lifetime).
    nonisolated(unsafe) private static var signalSources: [any DispatchSourceSignal] = []

    /// SIGTERM, SIGINT and SIGHUP stop the run at its next safe point (`Cancellation`): it is recorded as
    /// `cancelled`, its unpublished folder removed, `latest` left alone, the summary line printed, exit 75. A second
    /// signal exits at once (75); SQLite's journal keeps the database consistent, and the next run marks the run
    /// `abandoned` and removes its folder.
    static func stopOnSignals() {
        for number in [SIGTERM, SIGINT, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                let name = Cancelled(signal: number, stage: "").signalName
                if Cancellation.requested != nil {
                    line("stocktake: \(name) again: stopping now")
                    _exit(ExitStatus.tempFail.rawValue)
                }
                Cancellation.request(signal: number)
                line("stocktake: \(name): stopping at the next safe point (send it again to stop at once)")
            }
            source.resume()
            signalSources.append(source)
        }
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("stocktake: \(message)\n".utf8))
    }

    static func line(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    /// A progress callback that redraws one line on a terminal (the stage, or the file being ingested); nil when
    /// stderr is not a TTY (cron, pipes) or under `--quiet`.
    static func progress(quiet: Bool) -> (@Sendable (RunProgress) -> Void)? {
        guard !quiet, stderrIsTTY else { return nil }
        return { progress in
            switch progress {
            case .stage(let name):
                FileHandle.standardError.write(Data("\r\u{1B}[K\(name)…".utf8))
            case .done:
                FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
            }
        }
    }
}

/// Log lines on stderr (`<time> <level> <message> <metadata>`). On a terminal each line first clears the progress
/// line, so the two never run together.
struct StderrLogHandler: LogHandler {
    let label: String
    let clearsLine: Bool
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let fields = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let line = "\(clearsLine ? "\r\u{1B}[K" : "")\(Timestamp.iso8601(Date())) \(event.level) \(event.message)\(fields)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
