import Foundation

/// A value computed on a thread of its own while the caller does something else; `value()` waits for it.
///
/// For start-up work the first stages do not need (the taxonomy's indexes while the inputs are read): on a machine
/// with a second core it costs the run no wall time.
public final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var outcome: Result<Value, any Error>?

    /// Starts `body` at once.
    public init(_ body: @escaping @Sendable () throws -> Value) {
        Thread.detachNewThread { [self] in
            let result = Result { try body() }
            lock.withLock { outcome = result }
            done.signal()
        }
    }

    /// Waits for the value (any number of times, from any thread). - Throws: what `body` threw.
    public func value() throws -> Value {
        done.wait()
        done.signal()
        return try lock.withLock { outcome! }.get()
    }
}
