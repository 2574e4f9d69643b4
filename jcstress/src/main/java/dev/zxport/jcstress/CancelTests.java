package dev.zxport.jcstress;

import dev.zxport.Kernel;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;
import org.openjdk.jcstress.infra.results.III_Result;

import java.lang.foreign.MemorySegment;

import static dev.zxport.sys.zircon_h.ZX_OK;
import static dev.zxport.sys.zircon_h.ZX_TIME_INFINITE_PAST;
import static dev.zxport.sys.zircon_h.ZX_USER_SIGNAL_0;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Cancellation racing delivery of the same packet. A cancel either removes the packet (and
 * returns {@code ZX_OK}) or finds it already delivered (and returns {@code ZX_ERR_NOT_FOUND},
 * -25); the packet is never both cancelled and delivered, and never neither. Waits use
 * {@code ZX_TIME_INFINITE_PAST}, which polls once; -21 is {@code ZX_ERR_TIMED_OUT}.
 */
public final class CancelTests {
    private static final long KEY = 5;

    private CancelTests() {
    }

    @JCStressTest
    @Description("zx_port_cancel_key races zx_port_wait for one queued user packet with the cancelled key.")
    @Outcome(id = "0, 0, 0", expect = ACCEPTABLE, desc = "The cancel turned the packet into a tombstone first.")
    @Outcome(id = "-25, 5, 0", expect = ACCEPTABLE, desc = "The wait dequeued the packet first; the cancel found nothing.")
    @Outcome(expect = FORBIDDEN, desc = "The packet was both cancelled and delivered, neither, or came out torn.")
    @State
    public static class CancelKeyRacingUserDelivery {
        private final Fixture.PooledPort pooled = Fixture.takePort(1);
        private final Kernel kernel = pooled.kernel();
        private final int port = pooled.port();
        private final MemorySegment received = Fixture.packetBuffer();

        public CancelKeyRacingUserDelivery() {
            Fixture.queue(kernel, port, KEY);
        }

        @Actor
        public void canceller(III_Result r) {
            r.r1 = kernel.zx_port_cancel_key(port, 0, KEY);
        }

        @Actor
        public void consumer(III_Result r) {
            int status = kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), received);
            r.r2 = status == ZX_OK() ? Fixture.keyOf(received) : 0;
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = Fixture.drainCount(kernel, port);
            Fixture.recyclePort(pooled);
        }
    }

    @JCStressTest
    @Description("zx_port_cancel_key races zx_port_wait for one queued signal packet with the cancelled key.")
    @Outcome(id = "0, 0, 0", expect = ACCEPTABLE, desc = "The cancel removed the signal packet first.")
    @Outcome(id = "-25, 5, 0", expect = ACCEPTABLE, desc = "The wait dequeued the packet first; the cancel found nothing.")
    @Outcome(expect = FORBIDDEN, desc = "The packet was both cancelled and delivered, neither, or came out torn.")
    @State
    public static class CancelKeyRacingSignalDelivery {
        private final Fixture.PooledPort pooled = Fixture.takePort(1);
        private final Kernel kernel = pooled.kernel();
        private final int port = pooled.port();
        private final int event = Fixture.createEvent(kernel);
        private final MemorySegment received = Fixture.packetBuffer();

        public CancelKeyRacingSignalDelivery() {
            Fixture.waitAsync(kernel, event, port, KEY);
            Fixture.signal(kernel, event);
        }

        @Actor
        public void canceller(III_Result r) {
            r.r1 = kernel.zx_port_cancel_key(port, 0, KEY);
        }

        @Actor
        public void consumer(III_Result r) {
            int status = kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), received);
            r.r2 = status == ZX_OK() ? Fixture.signalKeyOf(received) : 0;
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = Fixture.drainCount(kernel, port);
            kernel.zx_handle_close(event);
            Fixture.recyclePort(pooled);
        }
    }

    @JCStressTest
    @Description("zx_object_signal fires an armed wait_async observer and the same thread then polls the port, "
            + "while zx_port_cancel cancels the observer: a packet is delivered exactly when the cancel does "
            + "not return ZX_OK.")
    @Outcome(id = "0, 0, 0, 0", expect = ACCEPTABLE,
            desc = "The cancel removed the observer, armed or with its packet queued; nothing was delivered.")
    @Outcome(id = "0, 5, -25, 0", expect = ACCEPTABLE,
            desc = "The packet was dequeued before the cancel looked; the cancel found nothing.")
    @Outcome(expect = FORBIDDEN,
            desc = "The packet was delivered and cancelled, or neither, or the signal failed.")
    @State
    public static class SignalRacingPortCancel {
        private final Fixture.PooledPort pooled = Fixture.takePort(1);
        private final Kernel kernel = pooled.kernel();
        private final int port = pooled.port();
        private final int event = Fixture.createEvent(kernel);
        private final MemorySegment received = Fixture.packetBuffer();

        public SignalRacingPortCancel() {
            Fixture.waitAsync(kernel, event, port, KEY);
        }

        @Actor
        public void signalerThenConsumer(IIII_Result r) {
            r.r1 = kernel.zx_object_signal(event, 0, ZX_USER_SIGNAL_0());
            int status = kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), received);
            r.r2 = status == ZX_OK() ? Fixture.signalKeyOf(received) : 0;
        }

        @Actor
        public void canceller(IIII_Result r) {
            r.r3 = kernel.zx_port_cancel(port, event, KEY);
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            r.r4 = Fixture.drainCount(kernel, port);
            kernel.zx_handle_close(event);
            Fixture.recyclePort(pooled);
        }
    }
}
