package dev.zxport.jmh;

import dev.zxport.Kernel;
import dev.zxport.interop.Shim;
import dev.zxport.sys.zircon_h;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

import static dev.zxport.jmh.ZxportChannel.check;
import static dev.zxport.sys.zircon_h.ZX_TIME_INFINITE_PAST;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The cost of a syscall made through the C entry points that {@code zxport run} links C programs
 * against: a downcall into the shim's export, which checks nothing itself and calls the upcall
 * stub of the installed kernel, whose Java side checks each pointer with the shim's probe before
 * the kernel runs. One thread, nothing contended:
 * <ul>
 *   <li>{@code javaQueueWait}: {@code zx_port_queue} then {@code zx_port_wait} on {@link Kernel}
 *       directly, the baseline;</li>
 *   <li>{@code shimQueueWait}: the same pair through the shim's exports;</li>
 *   <li>{@code shimClock}: {@code zx_clock_get_monotonic} through the shim, an upcall with no
 *       pointer to check.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 3, jvmArgsAppend = {JvmFlags.HEAP_MIN, JvmFlags.HEAP_MAX, JvmFlags.PRE_TOUCH, JvmFlags.NATIVE_ACCESS})
@State(Scope.Benchmark)
public class ShimSyscallCost {
    private static final long POLL = ZX_TIME_INFINITE_PAST();

    private Kernel kernel;
    private Shim.Installation installation;
    private Arena arena;
    private MemorySegment packet;
    private int port;

    @Setup(Level.Trial)
    public void open() {
        Shim shim = Shim.load();
        kernel = ZxportChannel.newKernel();
        installation = shim.install(kernel);
        arena = Arena.ofShared();
        MemorySegment handle = arena.allocate(JAVA_INT);
        check(kernel.zx_port_create(0, handle), "zx_port_create");
        port = handle.get(JAVA_INT, 0);
        packet = arena.allocate(48, 8);
    }

    @TearDown(Level.Trial)
    public void close() {
        installation.close();
        kernel.close();
        arena.close();
    }

    @Benchmark
    public int javaQueueWait() {
        kernel.zx_port_queue(port, packet);
        return kernel.zx_port_wait(port, POLL, packet);
    }

    @Benchmark
    public int shimQueueWait() {
        zircon_h.zx_port_queue(port, packet);
        return zircon_h.zx_port_wait(port, POLL, packet);
    }

    @Benchmark
    public long shimClock() {
        return zircon_h.zx_clock_get_monotonic();
    }
}
