import Dispatch
import Synchronization
import Tessera

/// Group commit for the hot session writes (refresh, start): concurrent callers' operations run
/// in **one** `BEGIN IMMEDIATE … COMMIT`, each inside its own `SAVEPOINT`, so one fsync
/// (`synchronous = FULL`) makes a whole batch durable instead of one fsync per refresh.
///
/// A caller enqueues its operation and suspends (no thread is blocked on the Swift
/// cooperative pool). One drain at a time runs on a private serial queue: it takes every
/// operation waiting (at most ``maximumBatch``), runs them in order, commits, and only then
/// resumes each caller with its result, so nobody hears "done" before the data is on disk.
/// While a batch is being synced, the next one gathers: under load batches grow by themselves,
/// and a lone caller pays one commit as before. An operation that fails rolls back to its own
/// savepoint and fails alone; a failed `COMMIT` fails the whole batch (none of it was stored).
final class SQLiteGroupCommit: Sendable {
    /// The most operations one transaction carries.
    static let maximumBatch = 64

    /// One enqueued operation: `run` executes it inside the batch transaction and returns
    /// whether it changed what revocations are in force; `finish` delivers the outcome once
    /// the batch has committed (nil) or failed (the error).
    struct Operation: Sendable {
        let run: @Sendable (SQLiteConnection) throws(TesseraError) -> Bool
        let finish: @Sendable (TesseraError?) -> Void
    }

    private struct Pending {
        var operations: [Operation] = []
        var draining = false
    }

    private let pending = Mutex(Pending())
    private let queue = DispatchQueue(label: "tessera.sqlite.group-commit")
    private let transaction: @Sendable ([Operation]) -> Void

    /// `transaction` runs one batch (see ``SQLiteRevocationStore``'s use).
    init(transaction: @escaping @Sendable ([Operation]) -> Void) {
        self.transaction = transaction
    }

    /// Runs `body` in the next batch and returns its result after the batch has committed.
    func perform<R: Sendable>(
        _ body: @escaping @Sendable (SQLiteConnection) throws(TesseraError) -> (Result<R, TesseraError>, changed: Bool)
    ) async -> Result<R, TesseraError> {
        await withCheckedContinuation { (continuation: CheckedContinuation<Result<R, TesseraError>, Never>) in
            let outcome = Mutex<Result<R, TesseraError>?>(nil)
            let operation = Operation(
                run: { (db) throws(TesseraError) -> Bool in
                    let (result, changed) = try body(db)
                    outcome.withLock { $0 = result }
                    return changed
                },
                finish: { failure in
                    if let failure {
                        continuation.resume(returning: .failure(failure))
                    } else {
                        continuation.resume(returning: outcome.withLock { $0 } ?? .failure(TesseraError(.storeUnavailable, "the write did not run")))
                    }
                })
            let start = pending.withLock { state -> Bool in
                state.operations.append(operation)
                guard !state.draining else { return false }
                state.draining = true
                return true
            }
            if start { queue.async { self.drain() } }
        }
    }

    /// Runs batches until nothing is waiting.
    private func drain() {
        while true {
            let batch = pending.withLock { state -> [Operation] in
                let count = min(state.operations.count, Self.maximumBatch)
                let taken = Array(state.operations.prefix(count))
                state.operations.removeFirst(count)
                if taken.isEmpty { state.draining = false }
                return taken
            }
            if batch.isEmpty { return }
            transaction(batch)
        }
    }
}
