package dev.zxport.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

import static dev.zxport.sys.zircon_h.ZX_DEFAULT_PORT_RIGHTS;
import static dev.zxport.sys.zircon_h.ZX_ERR_BAD_HANDLE;
import static dev.zxport.sys.zircon_h.ZX_ERR_INVALID_ARGS;
import static dev.zxport.sys.zircon_h.ZX_ERR_SHOULD_WAIT;
import static dev.zxport.sys.zircon_h.ZX_ERR_TIMED_OUT;
import static dev.zxport.sys.zircon_h.ZX_OBJ_TYPE_PORT;
import static dev.zxport.sys.zircon_h.ZX_OK;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

/**
 * A port: three queues of 48-byte packets and the consumers waiting on them.
 *
 * <ul>
 *   <li>User packets go through a lock-free off-heap {@link PacketRing}. Only when the ring slot a
 *       packet needs still holds an older packet, with tombstones of cancelled packets between,
 *       does the port keep the packet in the signal list instead, so the limit stays exact.</li>
 *   <li>Signal packets stay inside their {@link Observer} and link into an intrusive list under
 *       the port lock. Each carries the ring's tail at the time it was queued, and a consumer
 *       delivers it only once every older user packet has been taken, so signal and user packets
 *       come out in one FIFO order. They never count against the user-packet limit.</li>
 *   <li>Interrupt packets (ports created with {@code ZX_PORT_BIND_TO_INTERRUPT}) have their own
 *       list, which consumers serve before the other two.</li>
 * </ul>
 * Consumers that find nothing spin briefly, then park in the {@link WaitQueue}. Closing the last
 * handle frees the ring and the queued signal packets and detaches every observer; a consumer
 * already blocked keeps waiting until its deadline, as in Zircon, unless a bound interrupt still
 * queues a packet.
 */
public final class Port extends KernelObject {
    private static final int SPIN_POLLS = 128;
    /** Spare observers a port keeps, enough for steady re-arming without holding much memory. */
    private static final int MAX_SPARE_OBSERVERS = 64;

    private final KernelContext context;
    private final boolean bindToInterrupt;
    private final Arena arena;
    private final PacketRing ring;
    private final WaitQueue waiters;

    private final Object lock = new Object();
    private final PacketList signalPackets = new PacketList();
    private final PacketList interruptPackets = new PacketList();
    /** Mirrors the list sizes so that consumers skip the lock when a list is empty. */
    private volatile int signalCount;
    private volatile int interruptCount;
    /** Observers registered on this port and not yet finished; guarded by {@link #lock}. */
    private Observer observers;
    private int observerCount;
    /** Finished observers kept for reuse, linked through {@code portNext}; guarded by {@link #lock}. */
    private Observer spareObservers;
    private int spareObserverCount;
    /** Set when the last handle is closed; guarded by {@link #lock}, read without it. */
    private volatile boolean closed;
    /** Set when the whole kernel closes: blocked consumers return instead of waiting on. */
    private volatile boolean shutdown;

    /**
     * Creates a port whose ring takes one packet more than the context's user-packet limit.
     *
     * @throws OutOfMemoryError when the ring cannot be allocated
     */
    public Port(KernelContext context, long koid, boolean bindToInterrupt) {
        super(koid);
        this.context = context;
        this.bindToInterrupt = bindToInterrupt;
        this.arena = Arena.ofShared();
        try {
            if (context.faults().shouldFail(FaultInjector.Site.PORT_MEMORY)) {
                throw new OutOfMemoryError("injected failure of the port's packet ring");
            }
            this.ring = new PacketRing(arena, context.maxUserPackets() + 1L);
        } catch (RuntimeException | OutOfMemoryError e) {
            arena.close();
            throw e;
        }
        this.waiters = new WaitQueue();
    }

    @Override
    public void onCreateFailed() {
        arena.close();
    }

    @Override
    public int type() {
        return ZX_OBJ_TYPE_PORT();
    }

    @Override
    public int defaultRights() {
        return ZX_DEFAULT_PORT_RIGHTS();
    }

    public boolean bindToInterrupt() {
        return bindToInterrupt;
    }

    /**
     * Queues a user packet copied from the first 48 bytes of {@code packet}, which the caller has
     * checked to be readable.
     *
     * @return {@code ZX_OK}, {@code ZX_ERR_SHOULD_WAIT} when more than the limit of user packets
     *         are queued (a policy violation is counted), {@code ZX_ERR_INVALID_ARGS} when
     *         {@code packet} became inaccessible meanwhile, or {@code ZX_ERR_BAD_HANDLE} when the
     *         port lost its last handle meanwhile
     */
    public int queueUser(MemorySegment packet) {
        int result;
        try {
            result = ring.offerUser(packet);
        } catch (IllegalStateException e) {
            return ringFailure(e);
        }
        if (result == PacketRing.OK) {
            // The ring published with a volatile store, which already orders this load after it.
            if (waiters.lvCount() != 0) {
                waiters.wakeOne();
            }
            return ZX_OK();
        }
        if (result == PacketRing.FULL) {
            context.countPortPacketViolation();
            return ZX_ERR_SHOULD_WAIT();
        }
        if (result == PacketRing.SLOT_TAKEN) {
            return queueOutsideRing(packet);
        }
        return ZX_ERR_INVALID_ARGS();
    }

    /**
     * Queues a user packet in the signal list, because the ring slot it needs is still taken by
     * an older packet that no consumer has taken, with tombstones in the slots between. The
     * ticket keeps its FIFO place as it does for signal packets. Unlike the ring path, this path
     * allocates and locks, and only a port with cancelled packets behind a waiting one takes it.
     */
    private int queueOutsideRing(MemorySegment source) {
        OutsidePacket packet;
        try {
            packet = new OutsidePacket(source);
        } catch (IllegalStateException | WrongThreadException | IndexOutOfBoundsException e) {
            return ZX_ERR_INVALID_ARGS();
        }
        synchronized (lock) {
            if (closed) {
                return ZX_ERR_BAD_HANDLE();
            }
            if (!ring.reserveOutside()) {
                context.countPortPacketViolation();
                return ZX_ERR_SHOULD_WAIT();
            }
            packet.ticket = ring.lvTail();
            packet.queuedIn = this;
            signalPackets.append(packet);
            listsChanged();
        }
        wakeOneIfWaiting();
        return ZX_OK();
    }

    /** A user packet that {@link #queueOutsideRing} keeps in the signal list. */
    private final class OutsidePacket extends QueuedPacket {
        private final MemorySegment bytes = MemorySegment.ofArray(new byte[48]);

        /** Copies the packet and sets its type to {@code ZX_PKT_TYPE_USER} (0), as the ring does. */
        OutsidePacket(MemorySegment source) {
            MemorySegment.copy(source, 0, bytes, 0, bytes.byteSize());
            bytes.set(JAVA_INT_UNALIGNED, 8, 0);
        }

        @Override
        long key() {
            return bytes.get(JAVA_LONG_UNALIGNED, 0);
        }

        @Override
        void writeTo(MemorySegment target) {
            MemorySegment.copy(bytes, 0, target, 0, bytes.byteSize());
        }

        @Override
        void onDequeued(Port port) {
            ring.releaseOutside();
        }
    }

    /**
     * Moves the next packet into the first 48 bytes of {@code target}, waiting until
     * {@code deadline} on the kernel clock when there is none. A deadline in the past still
     * returns a packet that is already queued. With a null {@code target} the wait is the same,
     * but a packet stays queued and the result is {@code ZX_ERR_INVALID_ARGS}.
     *
     * @return {@code ZX_OK}, {@code ZX_ERR_TIMED_OUT}, {@code ZX_ERR_INVALID_ARGS} when
     *         {@code target} is null or became inaccessible meanwhile (the packet stays queued),
     *         or {@code ZX_ERR_BAD_HANDLE} when the kernel was closed during the wait
     */
    public int await(long deadline, MemorySegment target) {
        int result = poll(target);
        if (result != PacketRing.EMPTY) {
            return toStatus(result);
        }
        Clock clock = context.clock();
        if (clock.hasPassed(deadline)) {
            return ZX_ERR_TIMED_OUT();
        }
        for (int i = 0; i < SPIN_POLLS; i++) {
            Thread.onSpinWait();
            result = poll(target);
            if (result != PacketRing.EMPTY) {
                return toStatus(result);
            }
        }
        return park(deadline, target, clock);
    }

    private int park(long deadline, MemorySegment target, Clock clock) {
        WaitQueue.Node node = WaitQueue.currentNode();
        while (true) {
            waiters.register(node);
            int result = poll(target);
            if (result != PacketRing.EMPTY || clock.hasPassed(deadline) || shutdown) {
                // A thread that leaves a packet queued hands its wake-up on, and so does one
                // that a producer chose to wake after it stopped waiting.
                if (!waiters.deregister(node) || result == PacketRing.TARGET_FAULT) {
                    wakeOneIfNonEmpty();
                }
                if (result != PacketRing.EMPTY) {
                    return toStatus(result);
                }
                return shutdown ? ZX_ERR_BAD_HANDLE() : ZX_ERR_TIMED_OUT();
            }
            clock.parkUntil(this, deadline);
            waiters.deregister(node);
        }
    }

    /**
     * Moves the next packet out without waiting: interrupts first, then signal and user packets in
     * FIFO order. A null {@code target} only looks: it gives {@code TARGET_FAULT} when a packet is
     * queued and takes nothing.
     */
    private int poll(MemorySegment target) {
        if (target == null) {
            return hasPacket() ? PacketRing.TARGET_FAULT : PacketRing.EMPTY;
        }
        while (true) {
            if (interruptCount != 0) {
                int result = pollList(interruptPackets, target, false);
                if (result != PacketRing.EMPTY) {
                    return result;
                }
            }
            if (signalCount != 0) {
                int result = pollList(signalPackets, target, true);
                if (result == PacketRing.OLDER_PACKET_FIRST) {
                    continue;
                }
                if (result != PacketRing.EMPTY) {
                    return result;
                }
            }
            int result;
            try {
                result = ring.poll(target);
            } catch (IllegalStateException e) {
                if (!ringFreed()) {
                    throw e;
                }
                // The last handle was closed under us: the ring's packets are gone.
                result = PacketRing.EMPTY;
            }
            if (result == PacketRing.OLDER_PACKET_FIRST) {
                continue;
            }
            if (result != PacketRing.EMPTY || (signalCount == 0 && interruptCount == 0)) {
                return result;
            }
        }
    }

    /** Returns true when a packet of any kind is queued, not counting cancelled user packets. */
    private boolean hasPacket() {
        if (interruptCount != 0 || signalCount != 0) {
            return true;
        }
        if (ringFreed()) {
            // The last handle is gone, and the ring's packets with it.
            return false;
        }
        try {
            ring.skipCanceledAtHead();
            return ring.maybeNonEmpty();
        } catch (IllegalStateException e) {
            if (!ringFreed()) {
                throw e;
            }
            return false;
        }
    }

    private int pollList(PacketList list, MemorySegment target, boolean afterOlderUserPackets) {
        QueuedPacket packet;
        synchronized (lock) {
            packet = list.first();
            if (packet == null) {
                return PacketRing.EMPTY;
            }
            if (afterOlderUserPackets && interruptPackets.size() != 0) {
                // An interrupt packet arrived after this consumer looked for one.
                return PacketRing.OLDER_PACKET_FIRST;
            }
            if (afterOlderUserPackets && !closed && packet.ticket > ring.lvHead()) {
                // Older user packets may all have been canceled; their tombstones do not count.
                ring.skipCanceledAtHead();
                if (packet.ticket > ring.lvHead()) {
                    return PacketRing.EMPTY;
                }
            }
            try {
                packet.writeTo(target);
            } catch (IllegalStateException | WrongThreadException | IndexOutOfBoundsException e) {
                return PacketRing.TARGET_FAULT;
            }
            unlinkQueued(list, packet);
            // Under the same lock as the unlink: an observer that left the list but still
            // read as queued would let a racing cancel unlink it a second time and report a
            // delivered wait as canceled.
            packet.onDequeued(this);
        }
        return PacketRing.OK;
    }

    private void unlinkQueued(PacketList list, QueuedPacket packet) {
        list.remove(packet);
        packet.queuedIn = null;
        listsChanged();
    }

    /**
     * Publishes the sizes of the two lists and bounds what the ring's consumers may take. While an
     * interrupt packet is queued they take nothing, because that packet leaves first. Otherwise
     * they take only user packets older than the oldest queued signal packet, which keeps one
     * FIFO order. Called under {@link #lock} after every change to either list.
     *
     * <p>A consumer reads the bound after it finds a ring slot published. A packet queued after an
     * interrupt or signal packet was published after this call, so its consumer reads the new bound.
     */
    private void listsChanged() {
        QueuedPacket first = signalPackets.first();
        if (interruptPackets.size() != 0) {
            ring.takeBefore(Long.MIN_VALUE);
        } else {
            ring.takeBefore(first == null ? Long.MAX_VALUE : first.ticket);
        }
        signalCount = signalPackets.size();
        interruptCount = interruptPackets.size();
    }

    // ---------------------------------------------------------------------------------------
    // Observers and signal packets. Lock order: an object's lock, then the port lock.
    // ---------------------------------------------------------------------------------------

    /**
     * Registers an observer of {@code object} through {@code handle}, reusing a spare one when the
     * port has one. Past the observer limit a policy violation
     * is counted, but the observer is still added, as in the kernel.
     *
     * @return the registered observer, or null when the port has already lost its last handle
     */
    Observer register(WaitableObject object, Handle handle, long key, int trigger, boolean edge,
                      boolean timestamped) {
        synchronized (lock) {
            if (closed) {
                return null;
            }
            if (observerCount >= context.maxObservers()) {
                context.countPortObserverViolation();
            }
            Observer observer = spareObservers;
            if (observer != null) {
                spareObservers = observer.portNext;
                spareObserverCount--;
            } else {
                observer = new Observer(this);
            }
            observer.arm(object, handle, key, trigger, edge, timestamped);
            observer.portNext = observers;
            observer.portPrev = null;
            if (observers != null) {
                observers.portPrev = observer;
            }
            observers = observer;
            observerCount++;
            return observer;
        }
    }

    /**
     * Queues the signal packet of {@code observer}, which must still be armed. Called with the
     * observed object's lock held; allocates nothing.
     *
     * @return false when the observer was canceled or the port closed first
     */
    boolean queueSignal(Observer observer) {
        synchronized (lock) {
            if (closed || observer.state != Observer.ARMED) {
                return false;
            }
            observer.state = Observer.QUEUED;
            observer.ticket = ring.lvTail();
            observer.queuedIn = this;
            signalPackets.append(observer);
            listsChanged();
        }
        wakeOneIfWaiting();
        return true;
    }

    /** Returns true while {@code observer} waits on its object; called with the object's lock held. */
    boolean isArmed(Observer observer) {
        synchronized (lock) {
            return observer.state == Observer.ARMED;
        }
    }

    /** Ends {@code observer} after its packet was dequeued. */
    void finish(Observer observer) {
        synchronized (lock) {
            observer.state = Observer.DONE;
            unregister(observer);
            // Nothing refers to a finished observer any more: its object dropped it when it
            // fired and this port just unlinked it, so it can serve the next registration.
            if (spareObserverCount < MAX_SPARE_OBSERVERS) {
                observer.release();
                observer.portNext = spareObservers;
                spareObservers = observer;
                spareObserverCount++;
            }
        }
    }

    /**
     * Cancels, on this port, every armed or queued observer with {@code key} that was registered
     * through {@code source} (any handle when {@code source} is null), and with
     * {@code includeUserPackets} also every queued user packet with {@code key}.
     *
     * @return the number of observers and packets removed
     */
    public int cancel(Handle source, long key, boolean includeUserPackets) {
        List<Observer> armed = new ArrayList<>();
        int removed = 0;
        synchronized (lock) {
            Observer observer = observers;
            while (observer != null) {
                Observer next = observer.portNext;
                if (observer.key == key && (source == null || observer.handle == source)) {
                    if (observer.state == Observer.ARMED) {
                        armed.add(observer);
                    } else if (observer.state == Observer.QUEUED) {
                        unlinkQueued(signalPackets, observer);
                    }
                    observer.state = Observer.CANCELED;
                    unregister(observer);
                    removed++;
                }
                observer = next;
            }
            if (includeUserPackets) {
                QueuedPacket packet = signalPackets.first();
                while (packet != null) {
                    QueuedPacket next = packet.next;
                    if (packet instanceof OutsidePacket && packet.key() == key) {
                        unlinkQueued(signalPackets, packet);
                        ring.releaseOutside();
                        removed++;
                    }
                    packet = next;
                }
            }
        }
        for (Observer observer : armed) {
            observer.object.detach(observer);
        }
        if (includeUserPackets) {
            try {
                removed += ring.cancelKey(key);
            } catch (IllegalStateException e) {
                if (!ringFreed()) {
                    throw e;
                }
            }
        }
        return removed;
    }

    /** Cancels an armed observer that its object already detached (its handle was closed); no packet is produced. */
    void cancelArmed(Observer observer) {
        synchronized (lock) {
            if (observer.state == Observer.ARMED) {
                observer.state = Observer.CANCELED;
                unregister(observer);
            }
        }
    }

    private void unregister(Observer observer) {
        if (observer.portPrev == null) {
            if (observers == observer) {
                observers = observer.portNext;
            }
        } else {
            observer.portPrev.portNext = observer.portNext;
        }
        if (observer.portNext != null) {
            observer.portNext.portPrev = observer.portPrev;
        }
        observer.portPrev = null;
        observer.portNext = null;
        observerCount--;
    }

    /** Returns the number of observers registered on this port and not yet finished. */
    public int observerCount() {
        synchronized (lock) {
            return observerCount;
        }
    }

    // ---------------------------------------------------------------------------------------
    // Interrupt packets.
    // ---------------------------------------------------------------------------------------

    /** Queues an interrupt packet; returns false when it is already queued. */
    boolean queueInterrupt(QueuedPacket packet) {
        synchronized (lock) {
            if (packet.queuedIn != null) {
                return false;
            }
            packet.queuedIn = this;
            interruptPackets.append(packet);
            listsChanged();
        }
        wakeOneIfWaiting();
        return true;
    }

    /** Removes a queued interrupt packet; returns false when it was not queued here. */
    boolean removeInterrupt(QueuedPacket packet) {
        synchronized (lock) {
            if (packet.queuedIn != this) {
                return false;
            }
            unlinkQueued(interruptPackets, packet);
            return true;
        }
    }

    boolean isQueued(QueuedPacket packet) {
        synchronized (lock) {
            return packet.queuedIn == this;
        }
    }

    // ---------------------------------------------------------------------------------------
    // Lifetime.
    // ---------------------------------------------------------------------------------------

    /**
     * Frees the queued user and signal packets and detaches every observer. Interrupt packets
     * stay, because a bound interrupt keeps the port alive.
     */
    @Override
    protected void onZeroHandles() {
        List<Observer> armed = new ArrayList<>();
        synchronized (lock) {
            closed = true;
            for (Observer observer = observers; observer != null; observer = observer.portNext) {
                if (observer.state == Observer.ARMED) {
                    armed.add(observer);
                }
                observer.state = Observer.CANCELED;
            }
            observers = null;
            observerCount = 0;
            for (QueuedPacket packet = signalPackets.clear(); packet != null; packet = packet.next) {
                packet.queuedIn = null;
            }
            listsChanged();
        }
        for (Observer observer : armed) {
            observer.object.detach(observer);
        }
        arena.close();
    }

    /** Wakes every blocked consumer with {@code ZX_ERR_BAD_HANDLE}; used when the kernel closes. */
    public void shutdown() {
        shutdown = true;
        waiters.wakeAll();
    }

    /** Returns the number of queued user packets; exact only while no thread queues or waits. */
    public long userPacketCount() {
        try {
            return ring.size();
        } catch (IllegalStateException e) {
            return 0;
        }
    }

    private void wakeOneIfWaiting() {
        // A lock release published the packet. The fence keeps the load of the count after it,
        // so a consumer that registers afterwards finds the packet on its second poll.
        VarHandle.fullFence();
        if (waiters.lvCount() != 0) {
            waiters.wakeOne();
        }
    }

    private void wakeOneIfNonEmpty() {
        if (hasPacket()) {
            waiters.wakeOne();
        }
    }

    private int ringFailure(IllegalStateException e) {
        if (!ringFreed()) {
            throw e;
        }
        return ZX_ERR_BAD_HANDLE();
    }

    /**
     * Returns true once the last handle is gone. The flag is set before the arena closes, so it
     * explains a failed ring access even while the close is still in progress and the arena's
     * scope reads as alive.
     */
    private boolean ringFreed() {
        return closed || !arena.scope().isAlive();
    }

    private static int toStatus(int pollResult) {
        return pollResult == PacketRing.OK ? ZX_OK() : ZX_ERR_INVALID_ARGS();
    }
}
