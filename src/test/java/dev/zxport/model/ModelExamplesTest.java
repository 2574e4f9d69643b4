package dev.zxport.model;

import dev.zxport.Kernel;
import dev.zxport.model.Op.HandleRef;
import dev.zxport.model.Op.RefKind;
import dev.zxport.model.Op.Want;
import dev.zxport.model.ReferenceKernel.Ptr;
import org.junit.jupiter.api.Test;

/** Fixed sequences through {@link ModelHarness} for cases that random generation rarely reaches. */
class ModelExamplesTest {
    private static final int ZX_USER_SIGNAL_0 = 1 << 24;
    private static final HandleRef PORT = new HandleRef(RefKind.LIVE, 0, 0, Want.PORT);

    // Canceled user packets stay in the ring as tombstones until a consumer passes them; the ring
    // has spare slots for them, so they must not count against the limit.
    @Test
    void canceledUserPacketsFreeTheirRoom() {
        try (ModelHarness harness = new ModelHarness(1, Kernel.DEFAULT_MAX_HANDLES, null)) {
            harness.run(new Op.PortCreate(0, Ptr.OK));
            harness.run(new Op.PortQueue(PORT, 0, 0, 0, 0, Ptr.OK));
            for (int i = 0; i < ModelHarness.MAX_USER_PACKETS; i++) {
                harness.run(new Op.PortQueue(PORT, 1, 0, 0, i, Ptr.OK));
            }
            harness.run(new Op.PortCancelKey(PORT, 0, 1));

            // Four live packets: the limit lets every one of these in, and one more.
            for (int i = 0; i <= ModelHarness.MAX_USER_PACKETS; i++) {
                harness.run(new Op.PortQueue(PORT, 2, 0, 0, i, Ptr.OK));
            }
        }
    }

    @Test
    void observerLimitCountsViolations() {
        HandleRef event = new HandleRef(RefKind.LIVE, 0, 0, Want.WAITABLE);
        try (ModelHarness harness = new ModelHarness(2, Kernel.DEFAULT_MAX_HANDLES, null)) {
            harness.run(new Op.PortCreate(0, Ptr.OK));
            harness.run(new Op.EventCreate(0, Ptr.OK));

            for (int i = 0; i < ModelHarness.MAX_OBSERVERS + 3; i++) {
                harness.run(new Op.WaitAsync(event, PORT, i, 0x8, 0));
            }
            harness.run(new Op.Signal(event, 0, 0x8));
            for (int i = 0; i < ModelHarness.MAX_OBSERVERS + 4; i++) {
                harness.run(new Op.PortWait(PORT, Op.Deadline.INFINITE_PAST, Ptr.OK));
            }
        }
    }

    @Test
    void signalPacketPassesCanceledUserPacket() {
        HandleRef event = new HandleRef(RefKind.LIVE, 0, 0, Want.WAITABLE);
        try (ModelHarness harness = new ModelHarness(3, Kernel.DEFAULT_MAX_HANDLES, null)) {
            harness.run(new Op.PortCreate(0, Ptr.OK));
            harness.run(new Op.EventCreate(0, Ptr.OK));
            harness.run(new Op.PortQueue(PORT, 1, 0, 0, 0, Ptr.OK));
            harness.run(new Op.WaitAsync(event, PORT, 0, ZX_USER_SIGNAL_0, 0));
            harness.run(new Op.Signal(event, 0, ZX_USER_SIGNAL_0));
            harness.run(new Op.PortQueue(PORT, 0, 0, 0, 0, Ptr.OK));
            harness.run(new Op.PortCancelKey(PORT, 0, 1));

            // The signal packet was queued before the remaining user packet, so it comes first.
            harness.run(new Op.PortWait(PORT, Op.Deadline.INFINITE_PAST, Ptr.OK));
            harness.run(new Op.PortWait(PORT, Op.Deadline.INFINITE_PAST, Ptr.OK));
        }
    }

    // An ack after a trigger with timestamp 0 re-arms without sending, while the first packet is
    // still queued; the next trigger cannot queue it again and must not change its timestamp.
    @Test
    void queuedInterruptPacketKeepsItsTimestamp() {
        HandleRef interrupt = new HandleRef(RefKind.LIVE, 0, 0, Want.INTERRUPT);
        try (ModelHarness harness = new ModelHarness(1, Kernel.DEFAULT_MAX_HANDLES, null)) {
            harness.run(new Op.PortCreate(1, Ptr.OK));
            harness.run(new Op.InterruptCreate(PORT, 0x10, Ptr.OK));
            harness.run(new Op.InterruptBind(interrupt, PORT, 0, 0));
            harness.run(new Op.InterruptTrigger(interrupt, 0, 0));
            harness.run(new Op.InterruptAck(interrupt));
            harness.run(new Op.InterruptTrigger(interrupt, 0, 1));

            harness.run(new Op.PortWait(PORT, Op.Deadline.INFINITE_PAST, Ptr.OK));
        }
    }
}
