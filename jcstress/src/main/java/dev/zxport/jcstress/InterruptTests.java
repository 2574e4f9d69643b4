package dev.zxport.jcstress;

import dev.zxport.Kernel;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import java.lang.foreign.MemorySegment;

import static dev.zxport.sys.zircon_h.ZX_OK;
import static dev.zxport.sys.zircon_h.ZX_PKT_TYPE_INTERRUPT;
import static dev.zxport.sys.zircon_h.ZX_TIME_INFINITE_PAST;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Interrupt packets racing the packets queued after them. A port created with
 * {@code ZX_PORT_BIND_TO_INTERRUPT} serves a queued interrupt packet before any user or signal
 * packet. The producer triggers the interrupt before it queues the other packet, so a consumer
 * that gets the other packet must already have had the interrupt packet.
 *
 * <p>The consumer polls twice with {@code ZX_TIME_INFINITE_PAST}. Each result is 7 for the
 * interrupt packet, 2 for the other packet and 0 for an empty poll. The arbiter counts the
 * packets left in the port.
 */
public final class InterruptTests {
    private static final long OTHER_KEY = 2;

    private InterruptTests() {
    }

    @JCStressTest
    @Description("zx_interrupt_trigger, then zx_port_queue of a user packet, race two polls of the port.")
    @Outcome(id = "0, 0, 2", expect = ACCEPTABLE, desc = "Both polls ran before the trigger.")
    @Outcome(id = "0, 7, 1", expect = ACCEPTABLE, desc = "The second poll got the interrupt packet.")
    @Outcome(id = "7, 0, 1", expect = ACCEPTABLE, desc = "The interrupt packet came out before the user packet was queued.")
    @Outcome(id = "7, 2, 0", expect = ACCEPTABLE, desc = "The interrupt packet came out first, then the user packet.")
    @Outcome(expect = FORBIDDEN, desc = "The user packet overtook the interrupt packet, or a packet was lost or torn.")
    @State
    public static class InterruptOvertakesLaterUserPacket {
        private final Fixture.InterruptPort pooled = Fixture.takeInterruptPort();
        private final Kernel kernel = pooled.kernel();
        private final MemorySegment user = Fixture.userPacket(OTHER_KEY);
        private final MemorySegment received = Fixture.packetBuffer();

        @Actor
        public void producer() {
            kernel.zx_interrupt_trigger(pooled.interrupt(), 0, 1);
            kernel.zx_port_queue(pooled.port(), user);
        }

        @Actor
        public void consumer(III_Result r) {
            r.r1 = poll(kernel, pooled.port(), received, false);
            r.r2 = poll(kernel, pooled.port(), received, false);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = Fixture.drainCount(kernel, pooled.port());
            Fixture.recycleInterruptPort(pooled);
        }
    }

    @JCStressTest
    @Description("zx_interrupt_trigger, then zx_object_signal of an observed event, race two polls of the port.")
    @Outcome(id = "0, 0, 2", expect = ACCEPTABLE, desc = "Both polls ran before the trigger.")
    @Outcome(id = "0, 7, 1", expect = ACCEPTABLE, desc = "The second poll got the interrupt packet.")
    @Outcome(id = "7, 0, 1", expect = ACCEPTABLE, desc = "The interrupt packet came out before the signal packet was queued.")
    @Outcome(id = "7, 2, 0", expect = ACCEPTABLE, desc = "The interrupt packet came out first, then the signal packet.")
    @Outcome(expect = FORBIDDEN, desc = "The signal packet overtook the interrupt packet, or a packet was lost or torn.")
    @State
    public static class InterruptOvertakesLaterSignalPacket {
        private final Fixture.InterruptPort pooled = Fixture.takeInterruptPort();
        private final Kernel kernel = pooled.kernel();
        private final int event = Fixture.createEvent(kernel);
        private final MemorySegment received = Fixture.packetBuffer();

        public InterruptOvertakesLaterSignalPacket() {
            Fixture.waitAsync(kernel, event, pooled.port(), OTHER_KEY);
        }

        @Actor
        public void producer() {
            kernel.zx_interrupt_trigger(pooled.interrupt(), 0, 1);
            Fixture.signal(kernel, event);
        }

        @Actor
        public void consumer(III_Result r) {
            r.r1 = poll(kernel, pooled.port(), received, true);
            r.r2 = poll(kernel, pooled.port(), received, true);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = Fixture.drainCount(kernel, pooled.port());
            kernel.zx_handle_close(event);
            Fixture.recycleInterruptPort(pooled);
        }
    }

    /**
     * Polls {@code port} once and returns 7 for the interrupt packet, 2 for the expected other
     * packet, 0 when the port is empty, or {@link Fixture#TORN} for any other packet.
     */
    private static int poll(Kernel kernel, int port, MemorySegment received, boolean signalPacket) {
        if (kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), received) != ZX_OK()) {
            return 0;
        }
        if (received.get(JAVA_INT, 8) == ZX_PKT_TYPE_INTERRUPT()) {
            return received.get(JAVA_LONG, 0) == Fixture.INTERRUPT_KEY
                    ? Fixture.INTERRUPT_KEY : Fixture.TORN;
        }
        int key = signalPacket ? Fixture.signalKeyOf(received) : Fixture.keyOf(received);
        return key == OTHER_KEY ? key : Fixture.TORN;
    }
}
