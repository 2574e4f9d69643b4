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
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Handle closes racing port traffic. Closing a port's last handle frees its ring while other
 * threads may be inside it; closing a watched handle cancels the observers registered through
 * it. Statuses: 0 {@code ZX_OK}, -11 {@code ZX_ERR_BAD_HANDLE}, -21 {@code ZX_ERR_TIMED_OUT}. An
 * exception in any actor fails the test as an error.
 */
public final class CloseTests {
    private static final long KEY = 3;

    private CloseTests() {
    }

    @JCStressTest
    @Description("A non-blocking wait races the close of the port's only handle while one packet is queued.")
    @Outcome(id = "0, 1, 0", expect = ACCEPTABLE, desc = "The wait dequeued the packet before the close.")
    @Outcome(id = "-11, 0, 0", expect = ACCEPTABLE, desc = "The close came first; the wait found no handle.")
    @Outcome(id = "-21, 0, 0", expect = ACCEPTABLE_INTERESTING,
            desc = "The wait found the handle, then the close freed the queued packet under it. Zircon "
                    + "allows this too: a wait racing close can time out.")
    @Outcome(expect = FORBIDDEN, desc = "Another status, a torn packet, or a failed close.")
    @State
    public static class WaitRacingPortClose {
        private final Kernel kernel = Fixture.kernel(1);
        private final int port = Fixture.createPort(kernel);
        private final MemorySegment received = Fixture.packetBuffer();

        public WaitRacingPortClose() {
            Fixture.queue(kernel, port, 1);
        }

        @Actor
        public void consumer(III_Result r) {
            int status = kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), received);
            r.r1 = status;
            r.r2 = status == ZX_OK() ? Fixture.keyOf(received) : 0;
        }

        @Actor
        public void closer(III_Result r) {
            r.r3 = kernel.zx_handle_close(port);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            kernel.close();
        }
    }

    @JCStressTest
    @Description("zx_object_signal through a duplicate races the close of the handle the observer was "
            + "registered through. Closing cancels the observer silently but keeps a packet already queued.")
    @Outcome(id = "0, 0, 1", expect = ACCEPTABLE, desc = "The signal fired first; the packet stayed queued.")
    @Outcome(id = "0, 0, 0", expect = ACCEPTABLE, desc = "The close cancelled the armed observer first.")
    @Outcome(expect = FORBIDDEN, desc = "A duplicated packet or a failed call.")
    @State
    public static class SignalRacingWatchedHandleClose {
        private final Kernel kernel = Fixture.kernel(1);
        private final int port = Fixture.createPort(kernel);
        private final int watched = Fixture.createEvent(kernel);
        private final int signalling = Fixture.duplicate(kernel, watched);

        public SignalRacingWatchedHandleClose() {
            Fixture.waitAsync(kernel, watched, port, KEY);
        }

        @Actor
        public void signaler(III_Result r) {
            r.r1 = kernel.zx_object_signal(signalling, 0, ZX_USER_SIGNAL_0());
        }

        @Actor
        public void closer(III_Result r) {
            r.r2 = kernel.zx_handle_close(watched);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = Fixture.drainCount(kernel, port);
            kernel.close();
        }
    }

    @JCStressTest
    @Description("zx_object_signal races the close of the only handle of the port an observer is registered "
            + "on. Afterwards the port handle is gone, and the event still fires a new observer on a new port.")
    @Outcome(id = "0, 0, -11, 1", expect = ACCEPTABLE,
            desc = "Either order: the signal queued into the port before it was freed, or found it closed.")
    @Outcome(expect = FORBIDDEN, desc = "A failed call, a live port handle, or a broken event afterwards.")
    @State
    public static class SignalRacingPortClose {
        private final Kernel kernel = Fixture.kernel(1);
        private final int port = Fixture.createPort(kernel);
        private final int event = Fixture.createEvent(kernel);
        private final MemorySegment received = Fixture.packetBuffer();

        public SignalRacingPortClose() {
            Fixture.waitAsync(kernel, event, port, KEY);
        }

        @Actor
        public void signaler(IIII_Result r) {
            r.r1 = kernel.zx_object_signal(event, 0, ZX_USER_SIGNAL_0());
        }

        @Actor
        public void closer(IIII_Result r) {
            r.r2 = kernel.zx_handle_close(port);
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            r.r3 = kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), received);
            int freshPort = Fixture.createPort(kernel);
            kernel.zx_object_signal(event, ZX_USER_SIGNAL_0(), 0);
            Fixture.waitAsync(kernel, event, freshPort, KEY);
            Fixture.signal(kernel, event);
            r.r4 = Fixture.drainCount(kernel, freshPort);
            kernel.close();
        }
    }
}
