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

    /// The format of stderr lines, set once by `bootstrapLogging`.
    nonisolated(unsafe) private(set) static var format = LogFormat.text

    static func bootstrapLogging(quiet: Bool, verbose: Bool, format: LogFormat = .text) {
        let level: Logger.Level = verbose ? .debug : (quiet ? .error : .info)
        let tty = stderrIsTTY && format == .text
        Console.format = format
        LoggingSystem.bootstrap { label in
            var handler = StderrLogHandler(label: label, clearsLine: tty, json: format == .json)
            handler.logLevel = level
            return handler
        }
    }

    /// One JSON log object on stderr: `time` and `level` first, then the fields given, keys sorted; nil values left
    /// out.
    static func jsonLine(level: String, _ fields: [String: Any?]) {
        var object: [String: Any] = ["time": Timestamp.iso8601(Date()), "level": level]
        for (key, value) in fields { if let value { object[key] = value } }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return }
        FileHandle.standardError.write(data + Data("\n".utf8))
    }

    /// The outcome of a run or validate on stderr: its diagnostics, then the summary line (text), or one JSON object
    /// each (json): warnings and rejects with their file, line, column and code, then a `summary` object.
    static func report(_ result: RunResult) {
        guard format == .json else {
            for message in result.messages { line(message) }
            line(result.summaryLine)
            return
        }
        func located(_ level: String, _ location: SourceLocation, _ code: String, _ message: String) {
            jsonLine(level: level, ["run_id": result.runID, "stage": "ingest", "file": location.file,
                                    "line": location.line, "column": location.column, "code": code, "message": message])
        }
        for warning in result.warnings { located("warning", warning.location, warning.code.rawValue, warning.message) }
        for reject in result.rejects { located("error", reject.location, reject.code.rawValue, reject.message) }
        for message in result.otherMessages {
            jsonLine(level: result.status == .success ? "warning" : "error", ["run_id": result.runID, "message": message])
        }
        jsonLine(level: "info", [
            "run_id": result.runID, "stage": "summary", "command": result.command, "status": result.runStatus.rawValue,
            "exit_code": Int(result.status.rawValue), "rows_read": result.rowsRead, "rows_accepted": result.rowsAccepted,
            "rows_skipped": result.rowsSkipped, "rows_rejected": result.rowsRejected,
            "report_dir": result.reportDirectory, "message": result.summaryLine,
        ])
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
/// line, so the two never run together. With `json` (`--log-format json`): one object per line with `time`,
/// `level`, `message` and the metadata (`run_id`, `stage`, `file`...) as fields, for the journal or a log shipper.
struct StderrLogHandler: LogHandler {
    let label: String
    let clearsLine: Bool
    var json = false
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        if json {
            var fields: [String: Any?] = ["message": "\(event.message)"]
            for (key, value) in merged { fields[key] = "\(value)" }
            Console.jsonLine(level: "\(event.level)", fields)
            return
        }
        let fields = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let line = "\(clearsLine ? "\r\u{1B}[K" : "")\(Timestamp.iso8601(Date())) \(event.level) \(event.message)\(fields)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
