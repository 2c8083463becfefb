#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif
import Synchronization

/// One thread's cached reference to a list's snapshot: the generation it was taken at, and a
/// retained (+1) storage. Only its own thread reads or writes it, except in ``ReaderRegistry``
/// clean-up under the registry's lock.
struct ReaderSlot {
    var generation: Int
    var storage: Unmanaged<SnapshotStorage>
    let registry: Unmanaged<ReaderRegistry>
}

/// The slots of one list's reader threads, so that the list can release their snapshots when it
/// is freed. Each slot holds a +1 on the registry.
final class ReaderRegistry: Sendable {
    /// Addresses of live slots.
    private let live = Mutex<Set<UInt>>([])

    func register(_ slot: UnsafeMutablePointer<ReaderSlot>) {
        _ = live.withLock { $0.insert(UInt(bitPattern: slot)) }
    }

    /// A thread exits: release its snapshot unless ``releaseAll()`` already did.
    func retire(_ slot: UnsafeMutablePointer<ReaderSlot>) {
        live.withLock { live in
            if live.remove(UInt(bitPattern: slot)) != nil { slot.pointee.storage.release() }
        }
    }

    /// The list is freed: release every thread's snapshot. The slots themselves (24 bytes each)
    /// are leaked on purpose: a thread may be running its key destructor at this very moment,
    /// and freeing its slot under it would be a use-after-free.
    func releaseAll() {
        live.withLock { live in
            for address in live {
                UnsafeMutablePointer<ReaderSlot>(bitPattern: address)!.pointee.storage.release()
            }
            live.removeAll()
        }
    }
}

/// Runs when a thread that read a list exits (pthread key destructor).
private let slotDestructor: @convention(c) (UnsafeMutableRawPointer?) -> Void = { raw in
    guard let raw else { return }
    let slot = raw.assumingMemoryBound(to: ReaderSlot.self)
    let registry = slot.pointee.registry
    registry.takeUnretainedValue().retire(slot)
    slot.deinitialize(count: 1)
    slot.deallocate()
    registry.release()
}

/// A pthread thread-local key whose value is that thread's ``ReaderSlot`` for one list.
struct ThreadSlotKey: Sendable {
    let key: pthread_key_t

    /// A new key, or nil when the process has run out of keys (the list then reads under its lock).
    init?() {
        var key = pthread_key_t()
        guard pthread_key_create(&key, slotDestructor) == 0 else { return nil }
        self.key = key
    }

    /// This thread's slot, if it has one.
    @inline(__always)
    var slot: UnsafeMutablePointer<ReaderSlot>? {
        pthread_getspecific(key)?.assumingMemoryBound(to: ReaderSlot.self)
    }

    /// Installs a new slot for this thread, or returns false if the thread cannot hold one.
    func install(generation: Int, storage: SnapshotStorage, registry: ReaderRegistry) -> Bool {
        let slot = UnsafeMutablePointer<ReaderSlot>.allocate(capacity: 1)
        slot.initialize(to: ReaderSlot(generation: generation, storage: .passRetained(storage), registry: .passRetained(registry)))
        registry.register(slot)
        guard pthread_setspecific(key, slot) == 0 else {
            slotDestructor(slot)
            return false
        }
        return true
    }

    /// Deletes the key: destructors no longer run for it.
    func delete() { pthread_key_delete(key) }
}
