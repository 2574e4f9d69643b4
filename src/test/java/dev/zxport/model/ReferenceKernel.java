package dev.zxport.model;

import dev.zxport.FaultPlan;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.zxport.sys.zircon_h.*;

/**
 * A sequential reference model of the zxport kernel, written from the Zircon rules for ports,
 * events, observers, virtual interrupts and handles, for clarity and not for speed. It is an
 * independent oracle for the model-based test: it never calls the engine.
 *
 * <p>Handle values are chosen by the real kernel. The harness passes each new value in, and the
 * model keys its handle table by it, so forged values and values of another kernel resolve the
 * same way in both. Caller memory is described by {@link Ptr}.
 *
 * <p>Where Zircon leaves a choice to the simulator, the model follows what the {@code Kernel}
 * Javadoc promises: pointers are checked right after the handle lookups and before any state
 * changes; unknown {@code zx_object_get_info} topics give {@code ZX_ERR_NOT_SUPPORTED} before
 * the handle is looked up; unbinding an interrupt returns it to the idle state and forgets a
 * recorded timestamp; a physical interrupt cannot be created.
 */
final class ReferenceKernel {
    /** Caller memory passed to a syscall. */
    enum Ptr {
        /** Large enough, writable and alive. */
        OK,
        /** The C NULL pointer. */
        NULL,
        /** Shorter than the C type. */
        SHORT,
        /** Readable but not writable. */
        READ_ONLY,
        /** From an arena that was already closed. */
        CLOSED;

        boolean readable() {
            return this == OK || this == READ_ONLY;
        }

        boolean writable() {
            return this == OK;
        }
    }

    enum IrqState { IDLE, TRIGGERED, NEEDACK, DESTROYED }

    abstract static class Obj {
        /** Creation order of the object, which the harness compares with the kernel's koids. */
        final int ordinal;
        final int type;
        int handles;

        Obj(int ordinal, int type) {
            this.ordinal = ordinal;
            this.type = type;
        }
    }

    static final class PortObj extends Obj {
        final boolean bindToInterrupt;
        boolean lastHandleClosed;
        /** User and signal packets in arrival order. */
        final Deque<Packet> queue = new ArrayDeque<>();
        /** Interrupt packets, served before {@link #queue}. */
        final Deque<IrqPacket> interrupts = new ArrayDeque<>();
        /** Observers registered on this port that have not finished: armed or with a queued packet. */
        final List<Observer> observers = new ArrayList<>();

        PortObj(int ordinal, boolean bindToInterrupt) {
            super(ordinal, ZX_OBJ_TYPE_PORT());
            this.bindToInterrupt = bindToInterrupt;
        }

        int userPackets() {
            int count = 0;
            for (Packet packet : queue) {
                if (packet instanceof UserPacket) {
                    count++;
                }
            }
            return count;
        }
    }

    abstract static class Waitable extends Obj {
        int signals;
        /** Armed observers, newest registration first. */
        final LinkedList<Observer> armed = new LinkedList<>();

        Waitable(int ordinal, int type, int signals) {
            super(ordinal, type);
            this.signals = signals;
        }

        abstract int signalMask();
    }

    static final class EventObj extends Waitable {
        EventObj(int ordinal) {
            super(ordinal, ZX_OBJ_TYPE_EVENT(), 0);
        }

        @Override
        int signalMask() {
            return ZX_EVENT_SIGNAL_MASK();
        }
    }

    static final class IrqObj extends Waitable {
        IrqState state = IrqState.IDLE;
        PortObj bound;
        long key;
        /** Timestamp recorded by a trigger and not yet delivered; 0 means none. */
        long pending;
        /** The interrupt's one packet while it sits in the bound port. */
        IrqPacket queued;

        IrqObj(int ordinal) {
            super(ordinal, ZX_OBJ_TYPE_INTERRUPT(), ZX_VIRTUAL_INTERRUPT_UNTRIGGERED());
        }

        @Override
        int signalMask() {
            return ZX_USER_SIGNAL_ALL();
        }
    }

    static final class HandleEntry {
        final int value;
        final Obj obj;
        final int rights;

        HandleEntry(int value, Obj obj, int rights) {
            this.value = value;
            this.obj = obj;
            this.rights = rights;
        }

        boolean has(int right) {
            return (rights & right) == right;
        }
    }

    static final class Observer {
        final HandleEntry via;
        final Waitable obj;
        final PortObj port;
        final long key;
        final int trigger;
        final boolean edge;
        final boolean timestamped;

        Observer(HandleEntry via, Waitable obj, PortObj port, long key, int trigger, boolean edge, boolean timestamped) {
            this.via = via;
            this.obj = obj;
            this.port = port;
            this.key = key;
            this.trigger = trigger;
            this.edge = edge;
            this.timestamped = timestamped;
        }
    }

    sealed interface Packet permits UserPacket, SignalPacket {
        long key();

        byte[] bytes();
    }

    record UserPacket(byte[] bytes) implements Packet {
        @Override
        public long key() {
            return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        }
    }

    record SignalPacket(Observer observer, int observed, long timestamp) implements Packet {
        @Override
        public long key() {
            return observer.key;
        }

        @Override
        public byte[] bytes() {
            ByteBuffer buffer = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(observer.key).putInt(ZX_PKT_TYPE_SIGNAL_ONE()).putInt(ZX_OK());
            buffer.putInt(observer.trigger).putInt(observed).putLong(1).putLong(timestamp).putLong(0);
            return buffer.array();
        }
    }

    record IrqPacket(IrqObj irq, long key, long timestamp) {
        byte[] bytes() {
            ByteBuffer buffer = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(key).putInt(ZX_PKT_TYPE_INTERRUPT()).putInt(ZX_OK()).putLong(timestamp);
            return buffer.array();
        }
    }

    /** Output of the last call that produces one, valid when it returned the matching status. */
    static final class Out {
        HandleEntry handle;
        byte[] packet;
        int observed;
        long timestamp;
        Obj infoObject;
        int infoRights;
        long actual;
        long avail;
    }

    private final int maxUserPackets;
    private final int maxObservers;
    private final int maxHandles;
    private final FaultPlan plan;
    private final Map<Integer, HandleEntry> table = new HashMap<>();
    private final List<Obj> objects = new ArrayList<>();
    private long now;
    private long allocations;
    private long packetViolations;
    private long observerViolations;
    final Out out = new Out();

    ReferenceKernel(long now, int maxUserPackets, int maxObservers, int maxHandles, FaultPlan plan) {
        this.now = now;
        this.maxUserPackets = maxUserPackets;
        this.maxObservers = maxObservers;
        this.maxHandles = maxHandles;
        this.plan = plan;
    }

    // ------------------------------------------------------------------------------------------
    // Observable state for the harness.
    // ------------------------------------------------------------------------------------------

    int handleCount() {
        return table.size();
    }

    long packetViolations() {
        return packetViolations;
    }

    long observerViolations() {
        return observerViolations;
    }

    long now() {
        return now;
    }

    /** Returns the allocation points reached so far; counted only when a fault plan is set. */
    long allocations() {
        return allocations;
    }

    void advance(long nanos) {
        now = now + nanos < now ? Long.MAX_VALUE : now + nanos;
    }

    /** Returns the objects that still have a handle, with one live handle value each. */
    Map<Obj, Integer> liveObjects() {
        Map<Obj, Integer> live = new HashMap<>();
        for (HandleEntry entry : table.values()) {
            live.putIfAbsent(entry.obj, entry.value);
        }
        return live;
    }

    HandleEntry lookup(int value) {
        return table.get(value);
    }

    Set<Integer> liveValues() {
        return new HashSet<>(table.keySet());
    }

    // ------------------------------------------------------------------------------------------
    // Ports.
    // ------------------------------------------------------------------------------------------

    int portCreate(int options, Ptr outPtr, int newValue) {
        if (options != 0 && options != ZX_PORT_BIND_TO_INTERRUPT()) {
            return ZX_ERR_INVALID_ARGS();
        }
        if (!outPtr.writable()) {
            return ZX_ERR_INVALID_ARGS();
        }
        if (allocationFails()) {
            return ZX_ERR_NO_MEMORY();
        }
        return publish(new PortObj(objects.size(), options == ZX_PORT_BIND_TO_INTERRUPT()),
                ZX_DEFAULT_PORT_RIGHTS(), newValue);
    }

    int portQueue(int handle, byte[] packet, Ptr packetPtr) {
        HandleEntry entry = table.get(handle);
        int status = check(entry, PortObj.class, ZX_RIGHT_WRITE());
        if (status != ZX_OK()) {
            return status;
        }
        if (!packetPtr.readable()) {
            return ZX_ERR_INVALID_ARGS();
        }
        PortObj port = (PortObj) entry.obj;
        if (port.userPackets() > maxUserPackets) {
            packetViolations++;
            return ZX_ERR_SHOULD_WAIT();
        }
        byte[] copy = packet.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(8, ZX_PKT_TYPE_USER());
        port.queue.addLast(new UserPacket(copy));
        return ZX_OK();
    }

    /** {@code zx_port_wait} with a deadline at or before now, so it never blocks. */
    int portWait(int handle, Ptr packetPtr) {
        HandleEntry entry = table.get(handle);
        int status = check(entry, PortObj.class, ZX_RIGHT_READ());
        if (status != ZX_OK()) {
            return status;
        }
        PortObj port = (PortObj) entry.obj;
        if (!packetPtr.writable()) {
            // The kernel copies out only once it has a packet; zxport then leaves the packet queued.
            return port.interrupts.isEmpty() && port.queue.isEmpty() ? ZX_ERR_TIMED_OUT() : ZX_ERR_INVALID_ARGS();
        }
        if (!port.interrupts.isEmpty()) {
            IrqPacket packet = port.interrupts.removeFirst();
            packet.irq().queued = null;
            out.packet = packet.bytes();
            return ZX_OK();
        }
        if (port.queue.isEmpty()) {
            return ZX_ERR_TIMED_OUT();
        }
        Packet packet = port.queue.removeFirst();
        if (packet instanceof SignalPacket signal) {
            port.observers.remove(signal.observer());
        }
        out.packet = packet.bytes();
        return ZX_OK();
    }

    int portCancel(int handle, int source, long key) {
        HandleEntry entry = table.get(handle);
        int status = check(entry, PortObj.class, ZX_RIGHT_WRITE());
        if (status != ZX_OK()) {
            return status;
        }
        HandleEntry sourceEntry = table.get(source);
        if (sourceEntry == null) {
            return ZX_ERR_BAD_HANDLE();
        }
        if (!sourceEntry.has(ZX_RIGHT_WAIT())) {
            return ZX_ERR_ACCESS_DENIED();
        }
        if (!(sourceEntry.obj instanceof Waitable)) {
            return ZX_ERR_NOT_SUPPORTED();
        }
        PortObj port = (PortObj) entry.obj;
        int removed = cancelObservers(port, key, sourceEntry);
        return removed > 0 ? ZX_OK() : ZX_ERR_NOT_FOUND();
    }

    int portCancelKey(int handle, int options, long key) {
        if (options != 0) {
            return ZX_ERR_INVALID_ARGS();
        }
        HandleEntry entry = table.get(handle);
        int status = check(entry, PortObj.class, ZX_RIGHT_WRITE());
        if (status != ZX_OK()) {
            return status;
        }
        PortObj port = (PortObj) entry.obj;
        int removed = cancelObservers(port, key, null);
        Iterator<Packet> packets = port.queue.iterator();
        while (packets.hasNext()) {
            if (packets.next() instanceof UserPacket user && user.key() == key) {
                packets.remove();
                removed++;
            }
        }
        return removed > 0 ? ZX_OK() : ZX_ERR_NOT_FOUND();
    }

    /** Removes the port's observers with {@code key} (through {@code via} only, unless null) and their packets. */
    private int cancelObservers(PortObj port, long key, HandleEntry via) {
        int removed = 0;
        Iterator<Observer> observers = port.observers.iterator();
        while (observers.hasNext()) {
            Observer observer = observers.next();
            if (observer.key != key || (via != null && observer.via != via)) {
                continue;
            }
            observers.remove();
            observer.obj.armed.remove(observer);
            port.queue.removeIf(packet -> packet instanceof SignalPacket signal && signal.observer() == observer);
            removed++;
        }
        return removed;
    }

    // ------------------------------------------------------------------------------------------
    // Objects and signals.
    // ------------------------------------------------------------------------------------------

    int eventCreate(int options, Ptr outPtr, int newValue) {
        if (options != 0 || !outPtr.writable()) {
            return ZX_ERR_INVALID_ARGS();
        }
        return publish(new EventObj(objects.size()), ZX_DEFAULT_EVENT_RIGHTS(), newValue);
    }

    int waitAsync(int handle, int port, long key, int signals, int options) {
        int known = ZX_WAIT_ASYNC_TIMESTAMP() | ZX_WAIT_ASYNC_EDGE() | ZX_WAIT_ASYNC_BOOT_TIMESTAMP();
        if ((options & ~known) != 0) {
            return ZX_ERR_INVALID_ARGS();
        }
        boolean monotonicStamp = (options & ZX_WAIT_ASYNC_TIMESTAMP()) != 0;
        boolean bootStamp = (options & ZX_WAIT_ASYNC_BOOT_TIMESTAMP()) != 0;
        if (monotonicStamp && bootStamp) {
            return ZX_ERR_INVALID_ARGS();
        }
        HandleEntry portEntry = table.get(port);
        int status = check(portEntry, PortObj.class, ZX_RIGHT_WRITE());
        if (status != ZX_OK()) {
            return status;
        }
        HandleEntry entry = table.get(handle);
        if (entry == null) {
            return ZX_ERR_BAD_HANDLE();
        }
        if (!entry.has(ZX_RIGHT_WAIT())) {
            return ZX_ERR_ACCESS_DENIED();
        }
        if (!(entry.obj instanceof Waitable object)) {
            return ZX_ERR_NOT_SUPPORTED();
        }
        if (allocationFails()) {
            return ZX_ERR_NO_MEMORY();
        }
        PortObj target = (PortObj) portEntry.obj;
        if (target.observers.size() >= maxObservers) {
            observerViolations++;
        }
        boolean edge = (options & ZX_WAIT_ASYNC_EDGE()) != 0;
        // The boot timeline equals the monotonic one here, so both timestamp options stamp the same value.
        Observer observer = new Observer(entry, object, target, key, signals, edge, monotonicStamp || bootStamp);
        target.observers.add(observer);
        if (!edge && (signals & object.signals) != 0) {
            fire(observer, object.signals);
        } else {
            object.armed.addFirst(observer);
        }
        return ZX_OK();
    }

    /** {@code zx_object_wait_one} with a deadline at or before now, so it never blocks. */
    int waitOne(int handle, int signals, Ptr observedPtr) {
        HandleEntry entry = table.get(handle);
        if (entry == null) {
            return ZX_ERR_BAD_HANDLE();
        }
        if (!entry.has(ZX_RIGHT_WAIT())) {
            return ZX_ERR_ACCESS_DENIED();
        }
        if (!(entry.obj instanceof Waitable object)) {
            return ZX_ERR_NOT_SUPPORTED();
        }
        if (observedPtr != Ptr.NULL && !observedPtr.writable()) {
            return ZX_ERR_INVALID_ARGS();
        }
        out.observed = object.signals;
        return (object.signals & signals) != 0 ? ZX_OK() : ZX_ERR_TIMED_OUT();
    }

    int signal(int handle, int clearMask, int setMask) {
        HandleEntry entry = table.get(handle);
        if (entry == null) {
            return ZX_ERR_BAD_HANDLE();
        }
        if (!entry.has(ZX_RIGHT_SIGNAL())) {
            return ZX_ERR_ACCESS_DENIED();
        }
        if (!(entry.obj instanceof Waitable object)) {
            return ZX_ERR_NOT_SUPPORTED();
        }
        if (((clearMask | setMask) & ~object.signalMask()) != 0) {
            return ZX_ERR_INVALID_ARGS();
        }
        updateSignals(object, clearMask, setMask);
        return ZX_OK();
    }

    /** Clears, then sets; fires observers only when some signal goes from inactive to active. */
    private void updateSignals(Waitable object, int clearMask, int setMask) {
        int previous = object.signals;
        int current = (previous & ~clearMask) | setMask;
        object.signals = current;
        if ((current & ~previous) == 0) {
            return;
        }
        // The armed list is newest first, which is the order Zircon queues simultaneous packets in.
        for (Observer observer : new ArrayList<>(object.armed)) {
            if ((observer.trigger & current) != 0) {
                object.armed.remove(observer);
                fire(observer, current);
            }
        }
    }

    private void fire(Observer observer, int observed) {
        observer.port.queue.addLast(new SignalPacket(observer, observed, observer.timestamped ? now : 0));
    }

    int getInfo(int handle, int topic, long bufferSize, Ptr buffer, Ptr actual, Ptr avail) {
        out.infoObject = null;
        if (topic == ZX_INFO_HANDLE_VALID()) {
            return table.containsKey(handle) ? ZX_OK() : ZX_ERR_BAD_HANDLE();
        }
        if (topic != ZX_INFO_HANDLE_BASIC()) {
            return ZX_ERR_NOT_SUPPORTED();
        }
        HandleEntry entry = table.get(handle);
        if (entry == null) {
            return ZX_ERR_BAD_HANDLE();
        }
        boolean fits = Long.compareUnsigned(bufferSize, 32) >= 0;
        if (fits && !buffer.writable()) {
            return ZX_ERR_INVALID_ARGS();
        }
        if ((actual != Ptr.NULL && !actual.writable()) || (avail != Ptr.NULL && !avail.writable())) {
            return ZX_ERR_INVALID_ARGS();
        }
        out.infoObject = fits ? entry.obj : null;
        out.infoRights = entry.rights;
        out.actual = fits ? 1 : 0;
        out.avail = 1;
        return fits ? ZX_OK() : ZX_ERR_BUFFER_TOO_SMALL();
    }

    // ------------------------------------------------------------------------------------------
    // Handles.
    // ------------------------------------------------------------------------------------------

    int close(int handle) {
        if (handle == ZX_HANDLE_INVALID()) {
            return ZX_OK();
        }
        HandleEntry entry = table.get(handle);
        if (entry == null) {
            return ZX_ERR_BAD_HANDLE();
        }
        remove(entry);
        return ZX_OK();
    }

    int closeMany(int[] handles, Ptr array) {
        if (handles.length == 0) {
            return ZX_OK();
        }
        if (!array.readable()) {
            return ZX_ERR_INVALID_ARGS();
        }
        boolean allValid = true;
        for (int handle : handles) {
            if (handle == ZX_HANDLE_INVALID()) {
                continue;
            }
            HandleEntry entry = table.get(handle);
            if (entry == null) {
                allValid = false;
            } else {
                remove(entry);
            }
        }
        return allValid ? ZX_OK() : ZX_ERR_BAD_HANDLE();
    }

    int duplicate(int handle, int rights, Ptr outPtr, int newValue) {
        HandleEntry entry = table.get(handle);
        if (entry == null) {
            return ZX_ERR_BAD_HANDLE();
        }
        if (!entry.has(ZX_RIGHT_DUPLICATE())) {
            return ZX_ERR_ACCESS_DENIED();
        }
        Integer derived = derive(entry.rights, rights);
        if (derived == null || !outPtr.writable()) {
            return ZX_ERR_INVALID_ARGS();
        }
        if (allocationFails() || table.size() >= maxHandles) {
            return ZX_ERR_NO_MEMORY();
        }
        addHandle(entry.obj, derived, newValue);
        return ZX_OK();
    }

    int replace(int handle, int rights, Ptr outPtr, int newValue) {
        HandleEntry entry = table.get(handle);
        if (entry == null) {
            return ZX_ERR_BAD_HANDLE();
        }
        if (!outPtr.writable()) {
            return ZX_ERR_INVALID_ARGS();
        }
        Integer derived = derive(entry.rights, rights);
        if (derived == null) {
            // The kernel closes the source even though the call fails.
            remove(entry);
            return ZX_ERR_INVALID_ARGS();
        }
        if (allocationFails()) {
            return ZX_ERR_NO_MEMORY();
        }
        // The new handle exists before the old one goes, so the object never reaches zero handles.
        addHandle(entry.obj, derived, newValue);
        remove(entry);
        return ZX_OK();
    }

    /** Returns the rights of a derived handle, or null when {@code requested} is not a subset. */
    private static Integer derive(int source, int requested) {
        if (requested == ZX_RIGHT_SAME_RIGHTS()) {
            return source;
        }
        return (requested & ~source) == 0 ? requested : null;
    }

    // ------------------------------------------------------------------------------------------
    // Interrupts.
    // ------------------------------------------------------------------------------------------

    int interruptCreate(int srcObj, int options, Ptr outPtr, int newValue) {
        if ((options & ZX_INTERRUPT_VIRTUAL()) == 0) {
            // A physical interrupt needs a resource handle, and no object here is a resource.
            return table.containsKey(srcObj) ? ZX_ERR_WRONG_TYPE() : ZX_ERR_BAD_HANDLE();
        }
        if (options != ZX_INTERRUPT_VIRTUAL() || !outPtr.writable()) {
            return ZX_ERR_INVALID_ARGS();
        }
        return publish(new IrqObj(objects.size()), ZX_DEFAULT_INTERRUPT_RIGHTS(), newValue);
    }

    int interruptBind(int handle, int portHandle, long key, int options) {
        if (options != ZX_INTERRUPT_BIND() && options != ZX_INTERRUPT_UNBIND()) {
            return ZX_ERR_INVALID_ARGS();
        }
        HandleEntry entry = table.get(handle);
        int status = check(entry, IrqObj.class, ZX_RIGHT_READ());
        if (status != ZX_OK()) {
            return status;
        }
        HandleEntry portEntry = table.get(portHandle);
        status = check(portEntry, PortObj.class, ZX_RIGHT_WRITE());
        if (status != ZX_OK()) {
            return status;
        }
        IrqObj irq = (IrqObj) entry.obj;
        PortObj port = (PortObj) portEntry.obj;
        if (!port.bindToInterrupt) {
            return ZX_ERR_WRONG_TYPE();
        }
        if (options == ZX_INTERRUPT_BIND()) {
            if (irq.state == IrqState.DESTROYED) {
                return ZX_ERR_CANCELED();
            }
            if (irq.bound != null) {
                return ZX_ERR_ALREADY_BOUND();
            }
            irq.bound = port;
            irq.key = key;
            if (irq.state == IrqState.TRIGGERED) {
                send(irq, irq.pending);
            }
            return ZX_OK();
        }
        if (irq.bound != port) {
            return ZX_ERR_NOT_FOUND();
        }
        if (irq.state == IrqState.DESTROYED) {
            return ZX_ERR_CANCELED();
        }
        // The state and the recorded timestamp stay.
        dequeueInterruptPacket(irq);
        irq.bound = null;
        irq.key = 0;
        return ZX_OK();
    }

    int interruptTrigger(int handle, int options, long timestamp) {
        if (options != 0) {
            return ZX_ERR_INVALID_ARGS();
        }
        HandleEntry entry = table.get(handle);
        int status = check(entry, IrqObj.class, ZX_RIGHT_SIGNAL());
        if (status != ZX_OK()) {
            return status;
        }
        IrqObj irq = (IrqObj) entry.obj;
        if (irq.state == IrqState.DESTROYED) {
            return ZX_ERR_CANCELED();
        }
        if (irq.pending == 0) {
            irq.pending = timestamp;
        }
        if (irq.state != IrqState.NEEDACK) {
            if (irq.bound != null) {
                send(irq, timestamp);
            } else {
                irq.state = IrqState.TRIGGERED;
            }
        }
        updateSignals(irq, ZX_VIRTUAL_INTERRUPT_UNTRIGGERED(), 0);
        return ZX_OK();
    }

    int interruptAck(int handle) {
        HandleEntry entry = table.get(handle);
        int status = check(entry, IrqObj.class, ZX_RIGHT_WRITE());
        if (status != ZX_OK()) {
            return status;
        }
        IrqObj irq = (IrqObj) entry.obj;
        if (irq.bound == null) {
            return ZX_ERR_BAD_STATE();
        }
        if (irq.state == IrqState.DESTROYED) {
            return ZX_ERR_CANCELED();
        }
        boolean retriggered = false;
        if (irq.state == IrqState.NEEDACK) {
            if (irq.pending != 0) {
                // A failed send still uses up the recorded timestamp.
                if (!send(irq, irq.pending)) {
                    return ZX_ERR_BAD_STATE();
                }
                retriggered = true;
            } else {
                irq.state = IrqState.IDLE;
            }
        }
        // A successful ack asserts UNTRIGGERED, and a new packet clears it again at once.
        updateSignals(irq, 0, ZX_VIRTUAL_INTERRUPT_UNTRIGGERED());
        if (retriggered) {
            updateSignals(irq, ZX_VIRTUAL_INTERRUPT_UNTRIGGERED(), 0);
        }
        return ZX_OK();
    }

    int interruptDestroy(int handle) {
        HandleEntry entry = table.get(handle);
        int status = check(entry, IrqObj.class, 0);
        if (status != ZX_OK()) {
            return status;
        }
        return destroy((IrqObj) entry.obj);
    }

    /**
     * Returns true when {@code zx_interrupt_wait} on {@code handle} would block; the harness then
     * skips the call.
     */
    boolean interruptWaitBlocks(int handle, Ptr outPtr) {
        HandleEntry entry = table.get(handle);
        if (check(entry, IrqObj.class, ZX_RIGHT_WAIT()) != ZX_OK()) {
            return false;
        }
        if (outPtr != Ptr.NULL && !outPtr.writable()) {
            return false;
        }
        IrqObj irq = (IrqObj) entry.obj;
        boolean recorded = irq.state == IrqState.TRIGGERED || (irq.state == IrqState.NEEDACK && irq.pending != 0);
        return irq.bound == null && irq.state != IrqState.DESTROYED && !recorded;
    }

    /** {@code zx_interrupt_wait} in the cases where it returns at once. */
    int interruptWait(int handle, Ptr outPtr) {
        HandleEntry entry = table.get(handle);
        int status = check(entry, IrqObj.class, ZX_RIGHT_WAIT());
        if (status != ZX_OK()) {
            return status;
        }
        IrqObj irq = (IrqObj) entry.obj;
        if (irq.bound != null) {
            return ZX_ERR_BAD_STATE();
        }
        if (irq.state == IrqState.DESTROYED) {
            return ZX_ERR_CANCELED();
        }
        // The state errors come first; zxport then rejects a bad pointer without waiting.
        if (outPtr != Ptr.NULL && !outPtr.writable()) {
            return ZX_ERR_INVALID_ARGS();
        }
        boolean recorded = irq.state == IrqState.TRIGGERED || (irq.state == IrqState.NEEDACK && irq.pending != 0);
        if (!recorded) {
            throw new IllegalStateException("zx_interrupt_wait would block; the harness must skip it");
        }
        out.timestamp = irq.pending;
        irq.pending = 0;
        irq.state = IrqState.NEEDACK;
        return ZX_OK();
    }

    private int destroy(IrqObj irq) {
        int result = ZX_OK();
        if (irq.bound != null) {
            boolean wasQueued = dequeueInterruptPacket(irq);
            if (irq.state == IrqState.NEEDACK && !wasQueued) {
                result = ZX_ERR_NOT_FOUND();
            }
        }
        irq.state = IrqState.DESTROYED;
        updateSignals(irq, 0, ZX_VIRTUAL_INTERRUPT_UNTRIGGERED());
        return result;
    }

    /**
     * Queues the interrupt's packet with {@code timestamp}; the interrupt now waits for an ack and
     * the recorded timestamp is used up.
     *
     * @return false when the interrupt's one packet is still queued, which then keeps its timestamp
     */
    private boolean send(IrqObj irq, long timestamp) {
        irq.pending = 0;
        irq.state = IrqState.NEEDACK;
        if (irq.queued != null) {
            return false;
        }
        IrqPacket packet = new IrqPacket(irq, irq.key, timestamp);
        irq.queued = packet;
        irq.bound.interrupts.addLast(packet);
        return true;
    }

    private boolean dequeueInterruptPacket(IrqObj irq) {
        if (irq.queued == null) {
            return false;
        }
        irq.bound.interrupts.remove(irq.queued);
        irq.queued = null;
        return true;
    }

    // ------------------------------------------------------------------------------------------
    // Handle table and object lifetime.
    // ------------------------------------------------------------------------------------------

    /**
     * Looks up {@code entry} as a {@code type} with {@code rights}: bad handle, then wrong type,
     * then missing rights, in that order.
     */
    private static int check(HandleEntry entry, Class<? extends Obj> type, int rights) {
        if (entry == null) {
            return ZX_ERR_BAD_HANDLE();
        }
        if (!type.isInstance(entry.obj)) {
            return ZX_ERR_WRONG_TYPE();
        }
        if (!entry.has(rights)) {
            return ZX_ERR_ACCESS_DENIED();
        }
        return ZX_OK();
    }

    private boolean allocationFails() {
        if (plan == null) {
            return false;
        }
        allocations++;
        return plan.failsAt(allocations);
    }

    private int publish(Obj obj, int rights, int newValue) {
        if (allocationFails() || table.size() >= maxHandles) {
            return ZX_ERR_NO_MEMORY();
        }
        objects.add(obj);
        addHandle(obj, rights, newValue);
        return ZX_OK();
    }

    private void addHandle(Obj obj, int rights, int newValue) {
        HandleEntry entry = new HandleEntry(newValue, obj, rights);
        if (table.containsKey(newValue)) {
            throw new IllegalStateException("kernel reused live handle value 0x" + Integer.toHexString(newValue));
        }
        table.put(newValue, entry);
        obj.handles++;
        out.handle = entry;
    }

    /** Closes one handle: its armed observers go silently, and the last handle ends the object. */
    private void remove(HandleEntry entry) {
        table.remove(entry.value);
        if (entry.obj instanceof Waitable object) {
            for (Observer observer : new ArrayList<>(object.armed)) {
                if (observer.via == entry) {
                    object.armed.remove(observer);
                    observer.port.observers.remove(observer);
                }
            }
        }
        entry.obj.handles--;
        if (entry.obj.handles > 0) {
            return;
        }
        if (entry.obj instanceof PortObj port) {
            // Queued user and signal packets go, and so does every observer; interrupt packets
            // stay because the bound interrupt still refers to the port.
            port.lastHandleClosed = true;
            port.queue.clear();
            for (Observer observer : port.observers) {
                observer.obj.armed.remove(observer);
            }
            port.observers.clear();
        } else if (entry.obj instanceof IrqObj irq) {
            destroy(irq);
        }
    }
}
