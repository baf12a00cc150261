import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A request to stop the run, set from a signal (SIGTERM, SIGINT, SIGHUP) and checked at safe points: between
/// stages, between input files, between read chunks, between report files. Nothing is interrupted half-way: a check
/// throws `Cancelled`, and the runner records the run as `cancelled`, removes its unpublished folder and leaves
/// `latest` alone.
public enum Cancellation {
    private static let pending = Atomic<Int32>(0)

    /// Records the first signal; later ones are kept out (the first names the cancellation).
    public static func request(signal: Int32) {
        _ = pending.compareExchange(expected: 0, desired: signal, ordering: .relaxed)
    }

    /// The signal that asked the run to stop, nil when none did.
    public static var requested: Int32? {
        let value = pending.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }

    /// Throws `Cancelled` when a stop was requested. `stage` names where the run stopped.
    public static func check(_ stage: String) throws {
        if let signal = requested { throw Cancelled(signal: signal, stage: stage) }
    }

    /// For tests: forgets a request.
    public static func reset() { pending.store(0, ordering: .relaxed) }

    /// A test aid for the signal tests, which must hit a run at a known point: when the environment variable
    /// `STOCKTAKE_TEST_PAUSE` names `point` (a stage such as `score`; `ingest-files` after the first input file;
    /// `report-files` after the first report file), prints
    /// `stocktake: paused at <point>` on stderr and waits until a stop is requested (at most 60 s). Does nothing
    /// otherwise.
    public static func pauseForTests(before point: String) {
        guard let wanted = getenv("STOCKTAKE_TEST_PAUSE"), String(cString: wanted) == point else { return }
        let message = "stocktake: paused at \(point)\n"
        _ = message.withCString { write(2, $0, strlen($0)) }
        for _ in 0..<6000 where requested == nil { usleep(10_000) }
    }
}

/// The run stopped at a safe point because a signal asked it to (exit 75, status `cancelled`).
public struct Cancelled: Error, Sendable, Equatable, CustomStringConvertible {
    public var signal: Int32
    /// The stage the run was in (`ingest`, `report`, ...).
    public var stage: String

    public init(signal: Int32, stage: String) {
        self.signal = signal
        self.stage = stage
    }

    /// `SIGTERM`, `SIGINT`, `SIGHUP`, or the number.
    public var signalName: String {
        switch signal {
        case SIGTERM: return "SIGTERM"
        case SIGINT: return "SIGINT"
        case SIGHUP: return "SIGHUP"
        default: return "signal \(signal)"
        }
    }

    public var description: String { "cancelled by \(signalName) during \(stage)" }
}
