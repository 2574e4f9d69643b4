package dev.zxport;

import dev.zxport.sys.zx_port_packet_t;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;

import static dev.zxport.sys.zircon_h.*;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs one scenario that reaches every allocation site, once per allocation point with that
 * point failing, and checks after each injected {@code ZX_ERR_NO_MEMORY} that nothing changed,
 * that a retry succeeds, and that the run ends with the same packets as a run without faults.
 */
class FaultInjectionTest {
    private static final int PORT = 0;
    private static final int OBSERVED_PORT = 1;
    private static final int EVENT = 2;
    private static final int INTERRUPT = 3;
    private static final int EVENT_COPY = 4;
    private static final int EVENT_REPLACED = 5;
    private static final int PORT_COPY = 6;

    /** What one run leaves behind: the dequeued packets, and the faults and allocations counted. */
    private record Outcome(List<String> packets, long faults, long allocations) {
    }

    @Test
    void everyAllocationPointFailsCleanly() {
        Outcome reference = run(FaultPlan.random(0, 0.0));
        assertTrue(reference.allocations() >= 10, "scenario reaches " + reference.allocations() + " allocation points");

        for (long point = 1; point <= reference.allocations(); point++) {
            Outcome outcome = run(FaultPlan.nth(point));

            assertEquals(1, outcome.faults(), "faults injected with point " + point + " failing");
            assertEquals(reference.packets(), outcome.packets(), "packets with point " + point + " failing");
            // The retry reaches the failed point again, and a port_create that failed at its
            // handle also allocates its ring again.
            assertTrue(outcome.allocations() > reference.allocations(), "allocations with point " + point + " failing");
        }
    }

    @Test
    void everyThirdAllocationFailsCleanly() {
        Outcome reference = run(FaultPlan.random(0, 0.0));

        Outcome outcome = run(FaultPlan.everyNth(3));

        assertEquals(reference.packets(), outcome.packets());
    }

    private static Outcome run(FaultPlan plan) {
        ManualClock clock = new ManualClock(5_000);
        try (Kernel kernel = Kernel.builder().clock(clock).maxUserPackets(4).maxObservers(2).handleSeed(9)
                .faultInjection(plan).build(); Arena arena = Arena.ofConfined()) {
            int[] h = new int[7];
            MemorySegment out = arena.allocate(JAVA_INT);
            MemorySegment packet = zx_port_packet_t.allocate(arena);

            step(kernel, h, () -> kernel.zx_port_create(ZX_PORT_BIND_TO_INTERRUPT(), out), out, PORT);
            step(kernel, h, () -> kernel.zx_port_create(0, out), out, OBSERVED_PORT);
            step(kernel, h, () -> kernel.zx_event_create(0, out), out, EVENT);
            step(kernel, h, () -> kernel.zx_interrupt_create(0, 0, ZX_INTERRUPT_VIRTUAL(), out), out, INTERRUPT);
            step(kernel, h, () -> kernel.zx_handle_duplicate(h[EVENT], ZX_RIGHT_SAME_RIGHTS(), out), out, EVENT_COPY);
            int waitSignal = ZX_RIGHT_WAIT() | ZX_RIGHT_SIGNAL();
            step(kernel, h, () -> kernel.zx_handle_replace(h[EVENT_COPY], waitSignal, out), out, EVENT_REPLACED);
            h[EVENT_COPY] = 0;
            step(kernel, h, () -> kernel.zx_object_wait_async(h[EVENT], h[OBSERVED_PORT], 1, ZX_USER_SIGNAL_0(), 0),
                    out, -1);
            step(kernel, h, () -> kernel.zx_object_wait_async(h[EVENT_REPLACED], h[OBSERVED_PORT], 2,
                    ZX_USER_SIGNAL_0(), ZX_WAIT_ASYNC_EDGE() | ZX_WAIT_ASYNC_TIMESTAMP()), out, -1);
            step(kernel, h, () -> kernel.zx_object_wait_async(h[INTERRUPT], h[OBSERVED_PORT], 3,
                    ZX_VIRTUAL_INTERRUPT_UNTRIGGERED(), 0), out, -1);
            step(kernel, h, () -> kernel.zx_object_wait_async(h[EVENT], h[OBSERVED_PORT], 5, ZX_USER_SIGNAL_1(), 0),
                    out, -1);
            step(kernel, h, () -> kernel.zx_interrupt_bind(h[INTERRUPT], h[PORT], 4, ZX_INTERRUPT_BIND()), out, -1);
            clock.advance(100);
            step(kernel, h, () -> kernel.zx_object_signal(h[EVENT], 0, ZX_USER_SIGNAL_0()), out, -1);
            zx_port_packet_t.key(packet, 9);
            step(kernel, h, () -> kernel.zx_port_queue(h[OBSERVED_PORT], packet), out, -1);
            step(kernel, h, () -> kernel.zx_interrupt_trigger(h[INTERRUPT], 0, 77), out, -1);
            step(kernel, h, () -> kernel.zx_handle_duplicate(h[PORT], ZX_RIGHT_SAME_RIGHTS(), out), out, PORT_COPY);

            List<String> packets = new ArrayList<>();
            drain(kernel, h[PORT_COPY], packet, packets);
            drain(kernel, h[OBSERVED_PORT], packet, packets);
            assertEquals(1, KernelProbe.portObservers(kernel, h[OBSERVED_PORT]), "observer on USER_1 still armed");
            assertEquals(1, KernelProbe.attachedObservers(kernel, h[EVENT]), "observers attached to the event");
            for (int value : h) {
                assertEquals(ZX_OK(), kernel.zx_handle_close(value));
            }
            assertEquals(0, kernel.handleCount());
            long faults = 0;
            long allocations = 0;
            for (FaultPlan.Site site : FaultPlan.Site.values()) {
                faults += kernel.faultsInjected(site);
                allocations += kernel.allocations(site);
            }
            return new Outcome(packets, faults, allocations);
        }
    }

    /**
     * Runs {@code call}; on {@code ZX_ERR_NO_MEMORY} checks that the kernel state did not change
     * and runs it again, which must succeed. Stores a created handle in {@code h[slot]}.
     */
    private static void step(Kernel kernel, int[] h, IntSupplier call, MemorySegment out, int slot) {
        List<Long> before = snapshot(kernel, h);
        out.set(JAVA_INT, 0, 0);
        int status = call.getAsInt();
        if (status == ZX_ERR_NO_MEMORY()) {
            assertEquals(before, snapshot(kernel, h), "kernel state after an injected failure");
            assertEquals(0, out.get(JAVA_INT, 0), "handle written by a failed call");
            status = call.getAsInt();
        }
        assertEquals(ZX_OK(), status);
        if (slot >= 0) {
            h[slot] = out.get(JAVA_INT, 0);
        }
    }

    /** Returns the handle count, policy counts, and the bookkeeping behind every handle in {@code h}. */
    private static List<Long> snapshot(Kernel kernel, int[] h) {
        List<Long> state = new ArrayList<>();
        state.add((long) kernel.handleCount());
        state.add(kernel.policyViolations(ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_PACKETS()));
        state.add(kernel.policyViolations(ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_OBSERVERS()));
        for (int value : h) {
            state.add(KernelProbe.koid(kernel, value));
            state.add((long) KernelProbe.portObservers(kernel, value));
            state.add(KernelProbe.portUserPackets(kernel, value));
            state.add((long) KernelProbe.attachedObservers(kernel, value));
            state.add((long) KernelProbe.signals(kernel, value));
        }
        return state;
    }

    private static void drain(Kernel kernel, int port, MemorySegment packet, List<String> packets) {
        while (kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), packet) == ZX_OK()) {
            packets.add(Arrays.toString(packet.toArray(JAVA_BYTE)));
        }
    }
}
