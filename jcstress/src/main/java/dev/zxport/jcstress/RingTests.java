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

import static dev.zxport.sys.zircon_h.ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_PACKETS;
import static dev.zxport.sys.zircon_h.ZX_OK;
import static dev.zxport.sys.zircon_h.ZX_TIME_INFINITE_PAST;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The user-packet ring under contention: producers claim a sequence with a CAS on the tail and
 * publish the slot, consumers copy the slot, claim it with a CAS on the head and release it.
 * Every state takes an empty port from {@link Fixture}'s pool, and its arbiter drains the port and
 * returns it.
 *
 * <p>Key digits: results that list packets give their keys as decimal digits in dequeue order,
 * so 132 means key 1, then 3, then 2. A torn packet (any of its 48 bytes off the pattern of its
 * key) gives -1.
 */
public final class RingTests {
    private RingTests() {
    }

    @JCStressTest
    @Description("Two producers, one of which also consumes, on a ring that wraps: each packet is dequeued "
            + "once and intact, and packets of one producer come out in the order it queued them. The "
            + "second actor queues key 2 and then polls three times while the first queues keys 1 and 3.")
    @Outcome(id = {"0, 0, 0, 132", "0, 0, 1, 32", "0, 0, 13, 2", "0, 0, 132, 0"},
            expect = ACCEPTABLE, desc = "Order 1, 3, 2: the consumer took a prefix, the arbiter the rest.")
    @Outcome(id = {"0, 0, 0, 123", "0, 0, 1, 23", "0, 0, 12, 3", "0, 0, 123, 0"},
            expect = ACCEPTABLE, desc = "Order 1, 2, 3: the consumer took a prefix, the arbiter the rest.")
    @Outcome(id = {"0, 0, 0, 213", "0, 0, 2, 13", "0, 0, 21, 3", "0, 0, 213, 0"},
            expect = ACCEPTABLE, desc = "Order 2, 1, 3: the consumer took a prefix, the arbiter the rest.")
    @Outcome(expect = FORBIDDEN,
            desc = "A packet was lost, duplicated, torn, reordered within its producer, or a queue failed.")
    @State
    public static class TwoProducersOneConsumer {
        private final Fixture.PooledPort pooled = Fixture.takePort(3);
        private final Kernel kernel = pooled.kernel();
        private final int port = pooled.port();
        private final MemorySegment first = Fixture.userPacket(1);
        private final MemorySegment third = Fixture.userPacket(3);
        private final MemorySegment second = Fixture.userPacket(2);
        private final MemorySegment received = Fixture.packetBuffer();

        public TwoProducersOneConsumer() {
            // Three packets through a ring of four slots, so the producers below cross the wrap.
            for (int key = 7; key <= 9; key++) {
                Fixture.queue(kernel, port, key);
            }
            Fixture.drainCount(kernel, port);
        }

        @Actor
        public void producer(IIII_Result r) {
            int status = kernel.zx_port_queue(port, first);
            if (status == ZX_OK()) {
                status = kernel.zx_port_queue(port, third);
            }
            r.r1 = status;
        }

        @Actor
        public void producerThenConsumer(IIII_Result r) {
            r.r2 = kernel.zx_port_queue(port, second);
            int digits = 0;
            for (int i = 0; i < 3; i++) {
                if (kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), received) == ZX_OK()) {
                    int key = Fixture.keyOf(received);
                    if (key == Fixture.TORN) {
                        r.r3 = Fixture.TORN;
                        return;
                    }
                    digits = digits * 10 + key;
                }
            }
            r.r3 = digits;
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            r.r4 = Fixture.drainKeys(kernel, port);
            Fixture.recyclePort(pooled);
        }
    }

    @JCStressTest
    @Description("Two consumers race for the only queued packet: exactly one of them gets it.")
    @Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "The first consumer got the packet.")
    @Outcome(id = "0, 1, 0", expect = ACCEPTABLE, desc = "The second consumer got the packet.")
    @Outcome(expect = FORBIDDEN, desc = "The packet was duplicated, lost or torn.")
    @State
    public static class TwoConsumersOnePacket {
        private final Fixture.PooledPort pooled = Fixture.takePort(1);
        private final Kernel kernel = pooled.kernel();
        private final int port = pooled.port();
        private final MemorySegment receivedA = Fixture.packetBuffer();
        private final MemorySegment receivedB = Fixture.packetBuffer();

        public TwoConsumersOnePacket() {
            Fixture.queue(kernel, port, 1);
        }

        @Actor
        public void consumerA(III_Result r) {
            r.r1 = take(receivedA);
        }

        @Actor
        public void consumerB(III_Result r) {
            r.r2 = take(receivedB);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = Fixture.drainKeys(kernel, port);
            Fixture.recyclePort(pooled);
        }

        private int take(MemorySegment target) {
            return kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), target) == ZX_OK()
                    ? Fixture.keyOf(target) : 0;
        }
    }

    @JCStressTest
    @Description("With maxUserPackets(1) a port holds two user packets. It holds one, and two producers race "
            + "for the last place: exactly one queue succeeds, the other gets ZX_ERR_SHOULD_WAIT (-22) and "
            + "counts one policy violation.")
    @Outcome(id = "0, -22, 12, 1", expect = ACCEPTABLE, desc = "Producer A got the last place.")
    @Outcome(id = "-22, 0, 13, 1", expect = ACCEPTABLE, desc = "Producer B got the last place.")
    @Outcome(expect = FORBIDDEN, desc = "The limit was exceeded or not reached, or a packet was lost or torn.")
    @State
    public static class QueueRacingQueueAtLimit {
        private final Fixture.PooledPort pooled = Fixture.takePort(1);
        private final Kernel kernel = pooled.kernel();
        private final int port = pooled.port();
        private final long violationsBefore = kernel.policyViolations(ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_PACKETS());
        private final MemorySegment packetA = Fixture.userPacket(2);
        private final MemorySegment packetB = Fixture.userPacket(3);

        public QueueRacingQueueAtLimit() {
            Fixture.queue(kernel, port, 1);
        }

        @Actor
        public void producerA(IIII_Result r) {
            r.r1 = kernel.zx_port_queue(port, packetA);
        }

        @Actor
        public void producerB(IIII_Result r) {
            r.r2 = kernel.zx_port_queue(port, packetB);
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            r.r3 = Fixture.drainKeys(kernel, port);
            r.r4 = (int) (kernel.policyViolations(ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_PACKETS()) - violationsBefore);
            Fixture.recyclePort(pooled);
        }
    }

    @JCStressTest
    @Description("A queue races a non-blocking wait (ZX_TIME_INFINITE_PAST) on an empty port: the packet is "
            + "either dequeued by the wait or still queued afterwards, never both and never neither.")
    @Outcome(id = "0, 0, 1, 0", expect = ACCEPTABLE, desc = "The wait came after the publish and got the packet.")
    @Outcome(id = "0, -21, 0, 1", expect = ACCEPTABLE,
            desc = "The wait found the port empty (ZX_ERR_TIMED_OUT); the packet stayed queued.")
    @Outcome(expect = FORBIDDEN, desc = "The packet was lost, duplicated or torn, or the queue failed.")
    @State
    public static class QueueRacingWaitAtEmpty {
        private final Fixture.PooledPort pooled = Fixture.takePort(1);
        private final Kernel kernel = pooled.kernel();
        private final int port = pooled.port();
        private final MemorySegment packet = Fixture.userPacket(1);
        private final MemorySegment received = Fixture.packetBuffer();

        @Actor
        public void producer(IIII_Result r) {
            r.r1 = kernel.zx_port_queue(port, packet);
        }

        @Actor
        public void consumer(IIII_Result r) {
            int status = kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), received);
            r.r2 = status;
            r.r3 = status == ZX_OK() ? Fixture.keyOf(received) : 0;
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            r.r4 = Fixture.drainKeys(kernel, port);
            Fixture.recyclePort(pooled);
        }
    }

    @JCStressTest
    @Description("A queue races a non-blocking wait on a full port (maxUserPackets(1), two packets queued). "
            + "The wait always gets the oldest packet. The queue succeeds only if the wait freed a place "
            + "first; otherwise it gets ZX_ERR_SHOULD_WAIT (-22) and counts one policy violation.")
    @Outcome(id = "-22, 1, 2, 1", expect = ACCEPTABLE, desc = "The queue saw the port full.")
    @Outcome(id = "0, 1, 23, 0", expect = ACCEPTABLE_INTERESTING,
            desc = "The wait freed a place before the queue checked the limit.")
    @Outcome(expect = FORBIDDEN, desc = "The limit was exceeded, FIFO order broken, or a packet lost or torn.")
    @State
    public static class QueueRacingWaitAtFull {
        private final Fixture.PooledPort pooled = Fixture.takePort(1);
        private final Kernel kernel = pooled.kernel();
        private final int port = pooled.port();
        private final long violationsBefore = kernel.policyViolations(ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_PACKETS());
        private final MemorySegment packet = Fixture.userPacket(3);
        private final MemorySegment received = Fixture.packetBuffer();

        public QueueRacingWaitAtFull() {
            Fixture.queue(kernel, port, 1);
            Fixture.queue(kernel, port, 2);
        }

        @Actor
        public void producer(IIII_Result r) {
            r.r1 = kernel.zx_port_queue(port, packet);
        }

        @Actor
        public void consumer(IIII_Result r) {
            int status = kernel.zx_port_wait(port, ZX_TIME_INFINITE_PAST(), received);
            r.r2 = status == ZX_OK() ? Fixture.keyOf(received) : status;
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            r.r3 = Fixture.drainKeys(kernel, port);
            r.r4 = (int) (kernel.policyViolations(ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_PACKETS()) - violationsBefore);
            Fixture.recyclePort(pooled);
        }
    }
}
