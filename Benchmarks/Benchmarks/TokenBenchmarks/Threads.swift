import Foundation
import Synchronization

/// Runs `body(index)` on `count` new threads (never on the main actor or the cooperative pool)
/// and resumes when all have finished.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) async {
    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
        let countdown = Countdown(count, then: done)
        for index in 0..<count {
            let thread = Thread {
                body(index)
                countdown.finishOne()
            }
            thread.start()
        }
    }
}

/// Resumes a continuation when the last of `count` workers finishes.
private final class Countdown: Sendable {
    private let remaining: Atomic<Int>
    private let done: CheckedContinuation<Void, Never>

    init(_ count: Int, then done: CheckedContinuation<Void, Never>) {
        remaining = Atomic(count)
        self.done = done
    }

    func finishOne() {
        if remaining.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 { done.resume() }
    }
}
