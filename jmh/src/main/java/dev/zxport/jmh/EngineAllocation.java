package dev.zxport.jmh;

import dev.zxport.Kernel;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

import static dev.zxport.jmh.ZxportChannel.check;
import static dev.zxport.sys.zircon_h.ZX_INTERRUPT_BIND;
import static dev.zxport.sys.zircon_h.ZX_INTERRUPT_VIRTUAL;
import static dev.zxport.sys.zircon_h.ZX_OK;
import static dev.zxport.sys.zircon_h.ZX_PORT_BIND_TO_INTERRUPT;
import static dev.zxport.sys.zircon_h.ZX_TIME_INFINITE_PAST;
import static dev.zxport.sys.zircon_h.ZX_USER_SIGNAL_0;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Allocation of the engine's steady-state paths, meant to run with {@code -prof gc}, whose
 * {@code gc.alloc.rate.norm} gives bytes per invocation. The goal is 0 on every path.
 * <ul>
 *   <li>{@code queueWait}: one thread in {@code zx_port_queue}, one in {@code zx_port_wait}
 *       ({@code ZX_TIME_INFINITE_PAST}); each invocation retries until its call succeeds. Besides
 *       the group's figure, each thread reports the bytes it allocated itself and its successful
 *       calls, from {@code com.sun.management.ThreadMXBean}, so queue and wait get a figure each.</li>
 *   <li>{@code signalCycle}: {@code zx_object_wait_async} on an event, {@code zx_object_signal}
 *       that fires it, {@code zx_port_wait} of the signal packet, and the signal cleared again.</li>
 *   <li>{@code interruptCycle}: {@code zx_interrupt_trigger} of a virtual interrupt bound to the
 *       port, {@code zx_port_wait} of the interrupt packet, {@code zx_interrupt_ack}.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 3, jvmArgsAppend = {JvmFlags.HEAP_MIN, JvmFlags.HEAP_MAX, JvmFlags.PRE_TOUCH, JvmFlags.NATIVE_ACCESS})
public class EngineAllocation {
    private static final int OK = ZX_OK();
    private static final long POLL = ZX_TIME_INFINITE_PAST();
    private static final long KEY = 0x5eed;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** One port shared by the queueing and the waiting thread. */
    @State(Scope.Group)
    public static class SharedPort {
        Kernel kernel;
        int port;
        Arena arena;

        @Setup(Level.Trial)
        public void open() {
            kernel = ZxportChannel.newKernel();
            arena = Arena.ofShared();
            MemorySegment handle = arena.allocate(JAVA_INT);
            check(kernel.zx_port_create(0, handle), "zx_port_create");
            port = handle.get(JAVA_INT, 0);
        }

        @TearDown(Level.Trial)
        public void close() {
            kernel.close();
            arena.close();
        }
    }

    /**
     * Bytes the current thread allocated during the iteration and its successful calls. Both are
     * totals (not rates); their quotient is the thread's bytes per call.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class QueueThread {
        MemorySegment packet;
        public long queueCalls;
        private long allocatedAtStart;

        @Setup(Level.Trial)
        public void allocate(SharedPort shared) {
            packet = shared.arena.allocate(128, 128).asSlice(0, 48);
        }

        @Setup(Level.Iteration)
        public void reset() {
            queueCalls = 0;
            allocatedAtStart = THREADS.getCurrentThreadAllocatedBytes();
        }

        /** Bytes allocated by this thread since the iteration started; JMH reads it after the iteration's loop. */
        public long queueThreadBytes() {
            return THREADS.getCurrentThreadAllocatedBytes() - allocatedAtStart;
        }
    }

    /** The waiting thread's counterpart of {@link QueueThread}. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class WaitThread {
        MemorySegment packet;
        public long waitCalls;
        private long allocatedAtStart;

        @Setup(Level.Trial)
        public void allocate(SharedPort shared) {
            packet = shared.arena.allocate(128, 128).asSlice(0, 48);
        }

        @Setup(Level.Iteration)
        public void reset() {
            waitCalls = 0;
            allocatedAtStart = THREADS.getCurrentThreadAllocatedBytes();
        }

        /** Bytes allocated by this thread since the iteration started; JMH reads it after the iteration's loop. */
        public long waitThreadBytes() {
            return THREADS.getCurrentThreadAllocatedBytes() - allocatedAtStart;
        }
    }

    @Benchmark
    @Group("queueWait")
    @GroupThreads(1)
    public void queue(SharedPort shared, QueueThread self, Control control) {
        // A full port makes the producer retry; it gives up only when JMH ends the iteration,
        // because the consumer may already have stopped.
        while (shared.kernel.zx_port_queue(shared.port, self.packet) != OK) {
            if (control.stopMeasurement) {
                return;
            }
            Thread.onSpinWait();
        }
        self.queueCalls++;
    }

    @Benchmark
    @Group("queueWait")
    @GroupThreads(1)
    public void await(SharedPort shared, WaitThread self, Control control) {
        while (shared.kernel.zx_port_wait(shared.port, POLL, self.packet) != OK) {
            if (control.stopMeasurement) {
                return;
            }
            Thread.onSpinWait();
        }
        self.waitCalls++;
    }

    /** An event observed through a port, for the signal cycle. */
    @State(Scope.Thread)
    public static class SignalSetup {
        Kernel kernel;
        Arena arena;
        int port;
        int event;
        int signal;
        MemorySegment packet;

        @Setup(Level.Trial)
        public void open() {
            kernel = ZxportChannel.newKernel();
            arena = Arena.ofConfined();
            MemorySegment handle = arena.allocate(JAVA_INT);
            check(kernel.zx_port_create(0, handle), "zx_port_create");
            port = handle.get(JAVA_INT, 0);
            check(kernel.zx_event_create(0, handle), "zx_event_create");
            event = handle.get(JAVA_INT, 0);
            signal = ZX_USER_SIGNAL_0();
            packet = arena.allocate(128, 128).asSlice(0, 48);
        }

        @TearDown(Level.Trial)
        public void close() {
            kernel.close();
            arena.close();
        }
    }

    @Benchmark
    public void signalCycle(SignalSetup s) {
        check(s.kernel.zx_object_wait_async(s.event, s.port, KEY, s.signal, 0), "zx_object_wait_async");
        check(s.kernel.zx_object_signal(s.event, 0, s.signal), "zx_object_signal");
        check(s.kernel.zx_port_wait(s.port, POLL, s.packet), "zx_port_wait");
        check(s.kernel.zx_object_signal(s.event, s.signal, 0), "zx_object_signal");
    }

    /** A virtual interrupt bound to a port, for the interrupt cycle. */
    @State(Scope.Thread)
    public static class InterruptSetup {
        Kernel kernel;
        Arena arena;
        int port;
        int interrupt;
        MemorySegment packet;
        long timestamp;

        @Setup(Level.Trial)
        public void open() {
            kernel = ZxportChannel.newKernel();
            arena = Arena.ofConfined();
            MemorySegment handle = arena.allocate(JAVA_INT);
            check(kernel.zx_port_create(ZX_PORT_BIND_TO_INTERRUPT(), handle), "zx_port_create");
            port = handle.get(JAVA_INT, 0);
            check(kernel.zx_interrupt_create(0, 0, ZX_INTERRUPT_VIRTUAL(), handle), "zx_interrupt_create");
            interrupt = handle.get(JAVA_INT, 0);
            check(kernel.zx_interrupt_bind(interrupt, port, KEY, ZX_INTERRUPT_BIND()), "zx_interrupt_bind");
            packet = arena.allocate(128, 128).asSlice(0, 48);
        }

        @TearDown(Level.Trial)
        public void close() {
            kernel.close();
            arena.close();
        }
    }

    @Benchmark
    public void interruptCycle(InterruptSetup s) {
        // A timestamp of 0 means "none" to the interrupt, so count from 1.
        check(s.kernel.zx_interrupt_trigger(s.interrupt, 0, ++s.timestamp), "zx_interrupt_trigger");
        check(s.kernel.zx_port_wait(s.port, POLL, s.packet), "zx_port_wait");
        check(s.kernel.zx_interrupt_ack(s.interrupt), "zx_interrupt_ack");
    }
}
