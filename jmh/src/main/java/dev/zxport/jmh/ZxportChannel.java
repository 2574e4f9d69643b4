package dev.zxport.jmh;

import dev.zxport.Kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static dev.zxport.sys.zircon_h.ZX_OK;
import static dev.zxport.sys.zircon_h.ZX_TIME_INFINITE;
import static dev.zxport.sys.zircon_h.ZX_TIME_INFINITE_PAST;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * One zxport port: producers call {@code zx_port_queue}, consumers {@code zx_port_wait}. The
 * engine copies the 48-byte packet from the producer's segment into its ring and from the ring
 * into the consumer's segment. Both segments come from one shared arena allocated with the
 * channel, each in its own 128-byte block.
 */
final class ZxportChannel extends Channel {
    private static final int OK = ZX_OK();
    private static final long POLL = ZX_TIME_INFINITE_PAST();
    private static final long FOREVER = ZX_TIME_INFINITE();

    private final Kernel kernel;
    private final boolean ownsKernel;
    private final int port;
    private final boolean blocking;
    private final Arena arena = Arena.ofShared();

    /**
     * Creates a port in {@code kernel}.
     *
     * @param ownsKernel whether {@link #close()} closes the kernel
     * @param blocking   whether {@link Consumer#take()} blocks in {@code zx_port_wait} with
     *                   {@code ZX_TIME_INFINITE} instead of spinning on non-blocking polls
     */
    ZxportChannel(Kernel kernel, boolean ownsKernel, boolean blocking) {
        this.kernel = kernel;
        this.ownsKernel = ownsKernel;
        this.blocking = blocking;
        MemorySegment handle = arena.allocate(JAVA_INT);
        check(kernel.zx_port_create(0, handle), "zx_port_create");
        this.port = handle.get(JAVA_INT, 0);
    }

    /** Returns a kernel whose ports hold {@link #CAPACITY} user packets in a ring of as many slots. */
    static Kernel newKernel() {
        // A port takes one packet more than its limit, so 1023 gives the 1,024 packets of the other queues.
        return Kernel.builder().maxUserPackets(CAPACITY - 1).build();
    }

    @Override
    Producer producer() {
        MemorySegment source = packetSegment();
        for (int i = 0; i < 6; i++) {
            source.set(JAVA_LONG, i * 8L, 0x1111_1111L * (i + 1));
        }
        return new ZxportProducer(kernel, port, source);
    }

    @Override
    Consumer consumer() {
        return new ZxportConsumer(kernel, port, packetSegment(), blocking);
    }

    @Override
    public void close() {
        if (ownsKernel) {
            kernel.close();
        } else {
            kernel.zx_handle_close(port);
        }
        arena.close();
    }

    private MemorySegment packetSegment() {
        return arena.allocate(128, 128).asSlice(0, 48);
    }

    static void check(int status, String call) {
        if (status != OK) {
            throw new IllegalStateException(call + " failed with status " + status);
        }
    }

    private static final class ZxportProducer extends Pad128 implements Producer {
        private final Kernel kernel;
        private final int port;
        private final MemorySegment source;

        ZxportProducer(Kernel kernel, int port, MemorySegment source) {
            this.kernel = kernel;
            this.port = port;
            this.source = source;
        }

        @Override
        public boolean offer() {
            return kernel.zx_port_queue(port, source) == OK;
        }
    }

    private static final class ZxportConsumer extends Pad128 implements Consumer {
        private final Kernel kernel;
        private final int port;
        private final MemorySegment target;
        private final boolean blocking;

        ZxportConsumer(Kernel kernel, int port, MemorySegment target, boolean blocking) {
            this.kernel = kernel;
            this.port = port;
            this.target = target;
            this.blocking = blocking;
        }

        @Override
        public boolean poll() {
            return kernel.zx_port_wait(port, POLL, target) == OK;
        }

        @Override
        public void take() {
            if (blocking) {
                check(kernel.zx_port_wait(port, FOREVER, target), "zx_port_wait");
                return;
            }
            while (kernel.zx_port_wait(port, POLL, target) != OK) {
                Thread.onSpinWait();
            }
        }
    }
}
