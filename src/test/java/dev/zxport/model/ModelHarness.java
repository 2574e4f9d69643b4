package dev.zxport.model;

import dev.zxport.FaultPlan;
import dev.zxport.Kernel;
import dev.zxport.KernelProbe;
import dev.zxport.ManualClock;
import dev.zxport.model.Op.HandleRef;
import dev.zxport.model.Op.RefKind;
import dev.zxport.model.ReferenceKernel.HandleEntry;
import dev.zxport.model.ReferenceKernel.IrqObj;
import dev.zxport.model.ReferenceKernel.Obj;
import dev.zxport.model.ReferenceKernel.PortObj;
import dev.zxport.model.ReferenceKernel.Ptr;
import dev.zxport.model.ReferenceKernel.Waitable;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static dev.zxport.sys.zircon_h.*;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

/**
 * Runs one generated sequence against a real {@link Kernel} and the {@link ReferenceKernel} side
 * by side and compares, after every step, the status, every output, the handle count, the
 * policy-violation counts and the bookkeeping behind every live handle. On the first difference it
 * throws an {@link AssertionError} whose message is the sequence so far as Java calls.
 */
final class ModelHarness implements AutoCloseable {
    static final long START_NANOS = 1_000_000_000L;
    static final int MAX_USER_PACKETS = 4;
    static final int MAX_OBSERVERS = 8;
    /** Fill byte of output memory, so a write where none is expected shows up. */
    private static final byte FILL = (byte) 0xA5;
    /** Values that another kernel returned, used as foreign handles. */
    static final int[] FOREIGN_VALUES = foreignValues();
    private static final Map<Integer, String> STATUS_NAMES = statusNames();
    /** Wakes a {@code zx_interrupt_wait} that blocks although the model predicted it would return at once. */
    private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

    /** How often each status came back, over every harness in this JVM, for the run report. */
    static final Map<String, java.util.concurrent.atomic.LongAdder> STATUS_COUNTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final ManualClock clock = new ManualClock(START_NANOS);
    private final Kernel kernel;
    private final ReferenceKernel model;
    private final Arena arena = Arena.ofConfined();
    private final Arena closedArena = Arena.ofConfined();
    private final MemorySegment closedSegment;
    /** Every handle value the kernel returned, in order; steps name them by index. */
    private final List<Integer> slots = new ArrayList<>();
    private final Set<Integer> issuedValues = new HashSet<>();
    private final Map<Integer, Long> koidByOrdinal = new HashMap<>();
    private final StringBuilder transcript = new StringBuilder();
    private int steps;

    ModelHarness(long handleSeed, int maxHandles, FaultPlan plan) {
        Kernel.Builder builder = Kernel.builder()
                .clock(clock)
                .maxUserPackets(MAX_USER_PACKETS)
                .maxObservers(MAX_OBSERVERS)
                .maxHandles(maxHandles)
                .handleSeed(handleSeed);
        if (plan != null) {
            builder.faultInjection(plan);
        }
        this.kernel = builder.build();
        this.model = new ReferenceKernel(START_NANOS, MAX_USER_PACKETS, MAX_OBSERVERS, maxHandles, plan);
        this.closedSegment = closedArena.allocate(64);
        closedArena.close();
        transcript.append("ManualClock clock = new ManualClock(").append(START_NANOS).append("L);\n")
                .append("Kernel kernel = Kernel.builder().clock(clock).maxUserPackets(").append(MAX_USER_PACKETS)
                .append(").maxObservers(").append(MAX_OBSERVERS).append(").maxHandles(").append(maxHandles)
                .append(").handleSeed(").append(handleSeed).append("L)")
                .append(plan == null ? "" : ".faultInjection(" + plan + ")").append(".build();\n")
                .append("List<Integer> h = new ArrayList<>();   // handle values the kernel returned\n")
                .append("// mem(kind, bytes): caller memory of that kind (OK, NULL, SHORT, READ_ONLY, CLOSED);\n")
                .append("// packet(key, type, status, seed): 48 bytes, payload from new SplittableRandom(seed)\n");
    }

    int steps() {
        return steps;
    }

    long faultsInjected() {
        long faults = 0;
        for (FaultPlan.Site site : FaultPlan.Site.values()) {
            faults += kernel.faultsInjected(site);
        }
        return faults;
    }

    private long allocations() {
        long allocations = 0;
        for (FaultPlan.Site site : FaultPlan.Site.values()) {
            allocations += kernel.allocations(site);
        }
        return allocations;
    }

    @Override
    public void close() {
        kernel.close();
        arena.close();
    }

    void run(Op op) {
        steps++;
        switch (op) {
            case Op.PortCreate(int options, Ptr out) -> create("zx_port_create(" + hex(options) + ", %s)", out,
                    seg -> kernel.zx_port_create(options, seg), value -> model.portCreate(options, out, value));
            case Op.EventCreate(int options, Ptr out) -> create("zx_event_create(" + hex(options) + ", %s)", out,
                    seg -> kernel.zx_event_create(options, seg), value -> model.eventCreate(options, out, value));
            case Op.InterruptCreate(HandleRef source, int options, Ptr out) -> {
                int src = resolve(source);
                create("zx_interrupt_create(" + java(source) + ", 0, " + hex(options) + ", %s)", out,
                        seg -> kernel.zx_interrupt_create(src, 0, options, seg),
                        value -> model.interruptCreate(src, options, out, value));
            }
            case Op.Duplicate(HandleRef ref, int rights, Ptr out) -> {
                int handle = resolve(ref);
                create("zx_handle_duplicate(" + java(ref) + ", " + hex(rights) + ", %s)", out,
                        seg -> kernel.zx_handle_duplicate(handle, rights, seg),
                        value -> model.duplicate(handle, rights, out, value));
            }
            case Op.Replace(HandleRef ref, int rights, Ptr out) -> {
                int handle = resolve(ref);
                create("zx_handle_replace(" + java(ref) + ", " + hex(rights) + ", %s)", out,
                        seg -> kernel.zx_handle_replace(handle, rights, seg),
                        value -> model.replace(handle, rights, out, value));
            }
            case Op.PortQueue queue -> portQueue(queue);
            case Op.PortWait wait -> portWait(wait);
            case Op.PortCancel(HandleRef port, HandleRef source, long key) -> {
                int p = resolve(port);
                int s = resolve(source);
                compare("zx_port_cancel(" + java(port) + ", " + java(source) + ", " + key + "L)",
                        kernel.zx_port_cancel(p, s, key), model.portCancel(p, s, key));
            }
            case Op.PortCancelKey(HandleRef port, int options, long key) -> {
                int p = resolve(port);
                compare("zx_port_cancel_key(" + java(port) + ", " + hex(options) + ", " + key + "L)",
                        kernel.zx_port_cancel_key(p, options, key), model.portCancelKey(p, options, key));
            }
            case Op.WaitAsync(HandleRef ref, HandleRef port, long key, int signals, int options) -> {
                int h = resolve(ref);
                int p = resolve(port);
                compare("zx_object_wait_async(" + java(ref) + ", " + java(port) + ", " + key + "L, " + hex(signals)
                                + ", " + hex(options) + ")",
                        kernel.zx_object_wait_async(h, p, key, signals, options),
                        model.waitAsync(h, p, key, signals, options));
            }
            case Op.WaitOne wait -> waitOne(wait);
            case Op.Signal(HandleRef ref, int clearMask, int setMask) -> {
                int h = resolve(ref);
                compare("zx_object_signal(" + java(ref) + ", " + hex(clearMask) + ", " + hex(setMask) + ")",
                        kernel.zx_object_signal(h, clearMask, setMask), model.signal(h, clearMask, setMask));
            }
            case Op.GetInfo info -> getInfo(info);
            case Op.Close(HandleRef ref) -> {
                int h = resolve(ref);
                compare("zx_handle_close(" + java(ref) + ")", kernel.zx_handle_close(h), model.close(h));
            }
            case Op.CloseMany closeMany -> closeMany(closeMany);
            case Op.InterruptBind(HandleRef irq, HandleRef port, long key, int options) -> {
                int i = resolve(irq);
                int p = resolve(port);
                compare("zx_interrupt_bind(" + java(irq) + ", " + java(port) + ", " + key + "L, " + options + ")",
                        kernel.zx_interrupt_bind(i, p, key, options), model.interruptBind(i, p, key, options));
            }
            case Op.InterruptTrigger(HandleRef irq, int options, long timestamp) -> {
                int i = resolve(irq);
                compare("zx_interrupt_trigger(" + java(irq) + ", " + options + ", " + timestamp + "L)",
                        kernel.zx_interrupt_trigger(i, options, timestamp),
                        model.interruptTrigger(i, options, timestamp));
            }
            case Op.InterruptAck(HandleRef irq) -> {
                int i = resolve(irq);
                compare("zx_interrupt_ack(" + java(irq) + ")", kernel.zx_interrupt_ack(i), model.interruptAck(i));
            }
            case Op.InterruptDestroy(HandleRef irq) -> {
                int i = resolve(irq);
                compare("zx_interrupt_destroy(" + java(irq) + ")", kernel.zx_interrupt_destroy(i),
                        model.interruptDestroy(i));
            }
            case Op.InterruptWait wait -> interruptWait(wait);
            case Op.AdvanceClock(long nanos) -> {
                clock.advance(nanos);
                model.advance(nanos);
                transcript.append("clock.advance(").append(nanos).append("L);\n");
            }
            case Op.DeadlineAfter(long nanos) -> {
                long expected = saturatedAdd(model.now(), nanos);
                long actual = kernel.zx_deadline_after(nanos);
                transcript.append("kernel.zx_deadline_after(").append(nanos).append("L);   // kernel ")
                        .append(actual).append(", model ").append(expected).append('\n');
                require(actual == expected, "zx_deadline_after returned " + actual + ", expected " + expected);
                require(kernel.zx_clock_get_monotonic() == model.now(), "zx_clock_get_monotonic differs");
            }
        }
        compareState();
    }

    // ------------------------------------------------------------------------------------------
    // Steps with outputs.
    // ------------------------------------------------------------------------------------------

    private interface KernelCall {
        int call(MemorySegment segment);
    }

    private interface ModelCall {
        int call(int newValue);
    }

    /** Runs a call that may create a handle; the model receives the value the kernel wrote. */
    private void create(String format, Ptr out, KernelCall kernelCall, ModelCall modelCall) {
        MemorySegment segment = memory(out, 4);
        int actual = kernelCall.call(segment);
        int value = actual == ZX_OK() && out == Ptr.OK ? segment.get(JAVA_INT_UNALIGNED, 0) : 0;
        int expected = modelCall.call(value);
        compare(String.format(format, "lastOut = " + mem(out, 4)), actual, expected);
        if (actual != ZX_OK()) {
            requireUntouched(segment, out, "handle output");
            return;
        }
        require((value & 3) == 3, "new handle value 0x" + Integer.toHexString(value) + " lacks the low bits 0x3");
        require(issuedValues.add(value), "new handle value 0x" + Integer.toHexString(value) + " was issued before");
        transcript.append("h.add(lastOut.get(JAVA_INT, 0));   // h.get(").append(slots.size()).append(") = 0x")
                .append(Integer.toHexString(value)).append('\n');
        slots.add(value);
    }

    private void portQueue(Op.PortQueue op) {
        int port = resolve(op.port());
        byte[] bytes = packetBytes(op.key(), op.type(), op.status(), op.payloadSeed());
        MemorySegment segment = memory(op.packet(), 48);
        if (op.packet() == Ptr.OK || op.packet() == Ptr.READ_ONLY) {
            MemorySegment writable = op.packet() == Ptr.OK ? segment : arena.allocate(48);
            MemorySegment.copy(bytes, 0, writable, JAVA_BYTE, 0, 48);
            if (op.packet() == Ptr.READ_ONLY) {
                segment = writable.asReadOnly();
            }
        }
        String memory = op.packet().readable()
                ? "packet(" + op.key() + "L, " + op.type() + ", " + op.status() + ", " + op.payloadSeed() + "L)"
                + (op.packet() == Ptr.READ_ONLY ? ".asReadOnly()" : "")
                : mem(op.packet(), 48);
        compare("zx_port_queue(" + java(op.port()) + ", " + memory + ")",
                kernel.zx_port_queue(port, segment), model.portQueue(port, bytes, op.packet()));
    }

    private void portWait(Op.PortWait op) {
        int port = resolve(op.port());
        MemorySegment segment = memory(op.packet(), 48);
        int actual = kernel.zx_port_wait(port, deadline(op.deadline()), segment);
        int expected = model.portWait(port, op.packet());
        compare("zx_port_wait(" + java(op.port()) + ", " + java(op.deadline()) + ", " + mem(op.packet(), 48) + ")",
                actual, expected);
        if (actual != ZX_OK()) {
            requireUntouched(segment, op.packet(), "packet output");
            return;
        }
        byte[] received = segment.asSlice(0, 48).toArray(JAVA_BYTE);
        transcript.append("// packet: ").append(hexBytes(received)).append('\n');
        require(Arrays.equals(received, model.out.packet),
                "packet differs: kernel " + hexBytes(received) + ", model " + hexBytes(model.out.packet));
    }

    private void waitOne(Op.WaitOne op) {
        int handle = resolve(op.handle());
        MemorySegment segment = memory(op.observed(), 4);
        int actual = kernel.zx_object_wait_one(handle, op.signals(), deadline(op.deadline()), segment);
        int expected = model.waitOne(handle, op.signals(), op.observed());
        compare("zx_object_wait_one(" + java(op.handle()) + ", " + hex(op.signals()) + ", " + java(op.deadline())
                + ", " + mem(op.observed(), 4) + ")", actual, expected);
        boolean written = actual == ZX_OK() || actual == ZX_ERR_TIMED_OUT();
        if (op.observed() == Ptr.OK && written) {
            int observed = segment.get(JAVA_INT_UNALIGNED, 0);
            require(observed == model.out.observed, "observed 0x" + Integer.toHexString(observed)
                    + ", expected 0x" + Integer.toHexString(model.out.observed));
        } else {
            requireUntouched(segment, op.observed(), "observed output");
        }
    }

    private void getInfo(Op.GetInfo op) {
        int handle = resolve(op.handle());
        MemorySegment buffer = memory(op.buffer(), 32);
        MemorySegment actualCount = memory(op.actual(), 8);
        MemorySegment availCount = memory(op.avail(), 8);
        int actual = kernel.zx_object_get_info(handle, op.topic(), buffer, op.bufferSize(), actualCount, availCount);
        int expected = model.getInfo(handle, op.topic(), op.bufferSize(), op.buffer(), op.actual(), op.avail());
        compare("zx_object_get_info(" + java(op.handle()) + ", " + op.topic() + ", " + mem(op.buffer(), 32) + ", "
                + op.bufferSize() + "L, " + mem(op.actual(), 8) + ", " + mem(op.avail(), 8) + ")", actual, expected);
        boolean counted = op.topic() == ZX_INFO_HANDLE_BASIC()
                && (actual == ZX_OK() || actual == ZX_ERR_BUFFER_TOO_SMALL());
        if (actual == ZX_OK() && model.out.infoObject != null) {
            checkRecord(buffer, model.out.infoObject, model.out.infoRights);
        } else {
            requireUntouched(buffer, op.buffer(), "info buffer");
        }
        if (counted && op.actual() == Ptr.OK) {
            require(actualCount.get(JAVA_LONG_UNALIGNED, 0) == model.out.actual, "actual count differs");
        } else {
            requireUntouched(actualCount, op.actual(), "actual count");
        }
        if (counted && op.avail() == Ptr.OK) {
            require(availCount.get(JAVA_LONG_UNALIGNED, 0) == model.out.avail, "avail count differs");
        } else {
            requireUntouched(availCount, op.avail(), "avail count");
        }
    }

    private void checkRecord(MemorySegment buffer, Obj object, int rights) {
        long koid = buffer.get(JAVA_LONG_UNALIGNED, 0);
        checkKoid(object, koid);
        require(buffer.get(JAVA_INT_UNALIGNED, 8) == rights, "info rights differ");
        require(buffer.get(JAVA_INT_UNALIGNED, 12) == object.type, "info type differs");
        require(buffer.get(JAVA_LONG_UNALIGNED, 16) == 0, "info related_koid is not 0");
        require(buffer.get(JAVA_LONG_UNALIGNED, 24) == 0, "info reserved and padding are not 0");
    }

    /** Koids are compared as creation order: the same object always, later objects higher. */
    private void checkKoid(Obj object, long koid) {
        require(koid >= ZX_KOID_FIRST(), "koid " + koid + " is below ZX_KOID_FIRST");
        Long known = koidByOrdinal.get(object.ordinal);
        if (known != null) {
            require(known == koid, "object " + object.ordinal + " has koid " + koid + ", earlier " + known);
            return;
        }
        for (Map.Entry<Integer, Long> entry : koidByOrdinal.entrySet()) {
            boolean earlier = entry.getKey() < object.ordinal;
            require(earlier == (entry.getValue() < koid), "koid " + koid + " of object " + object.ordinal
                    + " is out of creation order against object " + entry.getKey() + " (koid " + entry.getValue() + ")");
        }
        koidByOrdinal.put(object.ordinal, koid);
    }

    private void closeMany(Op.CloseMany op) {
        int[] values = new int[op.handles().size()];
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            values[i] = resolve(op.handles().get(i));
            list.append(i == 0 ? "" : ", ").append(java(op.handles().get(i)));
        }
        long bytes = 4L * values.length;
        MemorySegment array;
        if (op.array().readable() && values.length > 0) {
            MemorySegment writable = arena.allocate(bytes);
            MemorySegment.copy(values, 0, writable, JAVA_INT_UNALIGNED, 0, values.length);
            array = op.array() == Ptr.READ_ONLY ? writable.asReadOnly() : writable;
        } else {
            array = memory(op.array(), bytes);
        }
        compare("zx_handle_close_many(handles(" + list + ")" + (op.array() == Ptr.OK ? "" : " as " + op.array())
                        + ", " + values.length + ")",
                kernel.zx_handle_close_many(array, values.length), model.closeMany(values, op.array()));
    }

    private void interruptWait(Op.InterruptWait op) {
        int irq = resolve(op.interrupt());
        String call = "zx_interrupt_wait(" + java(op.interrupt()) + ", " + mem(op.out(), 8) + ")";
        if (model.interruptWaitBlocks(irq, op.out())) {
            transcript.append("// skipped, would block: kernel.").append(call).append(";\n");
            return;
        }
        MemorySegment segment = memory(op.out(), 8);
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> kernel.zx_interrupt_destroy(irq), 10, TimeUnit.SECONDS);
        int actual = kernel.zx_interrupt_wait(irq, segment);
        watchdog.cancel(false);
        int expected = model.interruptWait(irq, op.out());
        compare(call, actual, expected);
        if (actual == ZX_OK() && op.out() == Ptr.OK) {
            long timestamp = segment.get(JAVA_LONG_UNALIGNED, 0);
            require(timestamp == model.out.timestamp, "interrupt timestamp " + timestamp + ", expected "
                    + model.out.timestamp);
        } else {
            requireUntouched(segment, op.out(), "timestamp output");
        }
    }

    // ------------------------------------------------------------------------------------------
    // Whole-state comparison.
    // ------------------------------------------------------------------------------------------

    long packetViolations() {
        return kernel.policyViolations(ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_PACKETS());
    }

    long observerViolations() {
        return kernel.policyViolations(ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_OBSERVERS());
    }

    private void compareState() {
        require(kernel.handleCount() == model.handleCount(),
                "handle count " + kernel.handleCount() + ", expected " + model.handleCount());
        long packetViolations = kernel.policyViolations(ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_PACKETS());
        require(packetViolations == model.packetViolations(),
                "TOO_MANY_PACKETS violations " + packetViolations + ", expected " + model.packetViolations());
        long observerViolations = kernel.policyViolations(ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_OBSERVERS());
        require(observerViolations == model.observerViolations(),
                "TOO_MANY_OBSERVERS violations " + observerViolations + ", expected " + model.observerViolations());
        require(allocations() == model.allocations(),
                "allocation points counted " + allocations() + ", expected " + model.allocations());
        for (int value : model.liveValues()) {
            HandleEntry entry = model.lookup(value);
            require(KernelProbe.koid(kernel, value) >= 0, "live handle 0x" + Integer.toHexString(value) + " is gone");
            String name = "object " + entry.obj.ordinal + " (handle 0x" + Integer.toHexString(value) + ")";
            if (entry.obj instanceof PortObj port) {
                require(KernelProbe.portObservers(kernel, value) == port.observers.size(), name + " counts "
                        + KernelProbe.portObservers(kernel, value) + " observers, expected " + port.observers.size());
                require(KernelProbe.portUserPackets(kernel, value) == port.userPackets(), name + " holds "
                        + KernelProbe.portUserPackets(kernel, value) + " user packets, expected " + port.userPackets());
            } else if (entry.obj instanceof Waitable object) {
                require(KernelProbe.signals(kernel, value) == object.signals, name + " signals 0x"
                        + Integer.toHexString(KernelProbe.signals(kernel, value)) + ", expected 0x"
                        + Integer.toHexString(object.signals));
                require(KernelProbe.attachedObservers(kernel, value) == object.armed.size(), name + " has "
                        + KernelProbe.attachedObservers(kernel, value) + " attached observers, expected "
                        + object.armed.size());
            }
            if (entry.obj instanceof IrqObj && entry.obj.handles == 0) {
                throw new IllegalStateException("model lost the handle count of " + name);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Helpers.
    // ------------------------------------------------------------------------------------------

    private int resolve(HandleRef ref) {
        int index = slotIndex(ref);
        int slot = index < 0 ? 0 : slots.get(index);
        return switch (ref.kind()) {
            case LIVE, SLOT -> slot;
            case INVALID -> ZX_HANDLE_INVALID();
            case LOW_BIT_CLEARED -> slot & ~1;
            case XOR_4 -> slot ^ 4;
            case FOREIGN -> FOREIGN_VALUES[Math.floorMod(ref.index(), FOREIGN_VALUES.length)];
            case RAW -> ref.raw() | 3;
        };
    }

    /**
     * Returns the slot a reference names, or -1 when there is none: for {@link RefKind#LIVE} the
     * newest live handles of the wanted type come first, for the others the newest slots.
     */
    private int slotIndex(HandleRef ref) {
        if (ref.kind() == RefKind.LIVE) {
            List<Integer> candidates = new ArrayList<>();
            for (int i = slots.size() - 1; i >= 0; i--) {
                HandleEntry entry = model.lookup(slots.get(i));
                if (entry != null && wanted(entry.obj, ref.want())) {
                    candidates.add(i);
                }
            }
            if (!candidates.isEmpty()) {
                return candidates.get(Math.floorMod(ref.index(), candidates.size()));
            }
        }
        return slots.isEmpty() ? -1 : slots.size() - 1 - Math.floorMod(ref.index(), slots.size());
    }

    private static boolean wanted(Obj object, Op.Want want) {
        return switch (want) {
            case PORT -> object instanceof PortObj;
            case WAITABLE -> object instanceof Waitable;
            case INTERRUPT -> object instanceof IrqObj;
            case ANY -> true;
        };
    }

    private String java(HandleRef ref) {
        int index = slotIndex(ref);
        String slot = index < 0 ? "0" : "h.get(" + index + ")";
        return switch (ref.kind()) {
            case LIVE, SLOT -> slot;
            case INVALID -> "ZX_HANDLE_INVALID()";
            case LOW_BIT_CLEARED -> "(" + slot + " & ~1)";
            case XOR_4 -> "(" + slot + " ^ 4)";
            case FOREIGN, RAW -> hex(resolve(ref)) + " /* " + ref.kind() + " */";
        };
    }

    private long deadline(Op.Deadline deadline) {
        return switch (deadline) {
            case INFINITE_PAST -> ZX_TIME_INFINITE_PAST();
            case ZERO -> 0;
            case NOW -> clock.now();
        };
    }

    private static String java(Op.Deadline deadline) {
        return switch (deadline) {
            case INFINITE_PAST -> "ZX_TIME_INFINITE_PAST()";
            case ZERO -> "0L";
            case NOW -> "clock.now()";
        };
    }

    /** Returns caller memory of {@code kind} for a C object of {@code bytes}, filled with {@link #FILL}. */
    private MemorySegment memory(Ptr kind, long bytes) {
        return switch (kind) {
            case OK -> arena.allocate(Math.max(bytes, 1)).fill(FILL);
            case NULL -> MemorySegment.NULL;
            case SHORT -> bytes <= 1 ? arena.allocate(1).asSlice(0, 0) : arena.allocate(bytes - 1).fill(FILL);
            case READ_ONLY -> arena.allocate(Math.max(bytes, 1)).fill(FILL).asReadOnly();
            case CLOSED -> closedSegment.asSlice(0, Math.min(bytes, closedSegment.byteSize()));
        };
    }

    private static String mem(Ptr kind, long bytes) {
        return "mem(" + kind + ", " + bytes + ")";
    }

    private void requireUntouched(MemorySegment segment, Ptr kind, String what) {
        if (kind != Ptr.OK) {
            return;
        }
        for (long i = 0; i < segment.byteSize(); i++) {
            require(segment.get(JAVA_BYTE, i) == FILL, what + " was written although the call failed");
        }
    }

    private void compare(String call, int actual, int expected) {
        transcript.append("kernel.").append(call).append(";   // kernel ").append(statusName(actual))
                .append(", model ").append(statusName(expected)).append('\n');
        STATUS_COUNTS.computeIfAbsent(statusName(actual), name -> new java.util.concurrent.atomic.LongAdder())
                .increment();
        require(actual == expected, "status differs");
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError("kernel and model disagree at step " + steps + ": " + message
                    + "\nReplay:\n" + transcript);
        }
    }

    static byte[] packetBytes(long key, int type, int status, long payloadSeed) {
        ByteBuffer buffer = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(key).putInt(type).putInt(status);
        SplittableRandom random = new SplittableRandom(payloadSeed);
        for (int i = 0; i < 4; i++) {
            buffer.putLong(random.nextLong());
        }
        return buffer.array();
    }

    private static long saturatedAdd(long now, long nanos) {
        long sum = now + nanos;
        if (((now ^ sum) & (nanos ^ sum)) < 0) {
            return nanos > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return sum;
    }

    private static String hex(int value) {
        return "0x" + Integer.toHexString(value);
    }

    private static String hexBytes(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("%02x", b));
        }
        return text.toString();
    }

    private static String statusName(int status) {
        return STATUS_NAMES.getOrDefault(status, Integer.toString(status));
    }

    /**
     * Creates the watchdog thread. Cancelled timers leave its queue at once, so that a long fuzz
     * run does not keep thousands of them, each holding a closed kernel, for their full delay.
     */
    private static ScheduledThreadPoolExecutor watchdog() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "model-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    private static Map<Integer, String> statusNames() {
        Map<Integer, String> names = new HashMap<>();
        for (Field field : dev.zxport.sys.zircon_h.class.getFields()) {
            if (field.getName().startsWith("ZX_ERR_") && Modifier.isStatic(field.getModifiers())) {
                try {
                    names.put(field.getInt(null), field.getName());
                } catch (IllegalAccessException | IllegalArgumentException e) {
                    // Not an int constant; the status is printed as a number.
                }
            }
        }
        for (var method : dev.zxport.sys.zircon_h.class.getMethods()) {
            if ((method.getName().startsWith("ZX_ERR_") || method.getName().equals("ZX_OK"))
                    && method.getParameterCount() == 0 && method.getReturnType() == int.class) {
                try {
                    names.put((int) method.invoke(null), method.getName());
                } catch (ReflectiveOperationException e) {
                    // Leave the number.
                }
            }
        }
        return names;
    }

    private static int[] foreignValues() {
        try (Kernel other = Kernel.builder().handleSeed(0x5EED).build(); Arena memory = Arena.ofConfined()) {
            MemorySegment out = memory.allocate(4);
            int[] values = new int[3];
            other.zx_port_create(0, out);
            values[0] = out.get(JAVA_INT_UNALIGNED, 0);
            other.zx_event_create(0, out);
            values[1] = out.get(JAVA_INT_UNALIGNED, 0);
            other.zx_interrupt_create(0, 0, ZX_INTERRUPT_VIRTUAL(), out);
            values[2] = out.get(JAVA_INT_UNALIGNED, 0);
            return values;
        }
    }
}
