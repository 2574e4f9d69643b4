package dev.zxport.kernel;

import java.lang.foreign.MemorySegment;

import static dev.zxport.sys.zircon_h.ZX_DEFAULT_INTERRUPT_RIGHTS;
import static dev.zxport.sys.zircon_h.ZX_ERR_ALREADY_BOUND;
import static dev.zxport.sys.zircon_h.ZX_ERR_BAD_STATE;
import static dev.zxport.sys.zircon_h.ZX_ERR_CANCELED;
import static dev.zxport.sys.zircon_h.ZX_ERR_NOT_FOUND;
import static dev.zxport.sys.zircon_h.ZX_OBJ_TYPE_INTERRUPT;
import static dev.zxport.sys.zircon_h.ZX_OK;
import static dev.zxport.sys.zircon_h.ZX_USER_SIGNAL_ALL;
import static dev.zxport.sys.zircon_h.ZX_VIRTUAL_INTERRUPT_UNTRIGGERED;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

/**
 * A virtual interrupt ({@code ZX_INTERRUPT_VIRTUAL}) and its state machine, after the Zircon
 * kernel's interrupt dispatcher:
 * <ul>
 *   <li>{@code IDLE}: armed, nothing pending;</li>
 *   <li>{@code TRIGGERED}: triggered while unbound, not yet collected by {@code zx_interrupt_wait}
 *       or a later bind;</li>
 *   <li>{@code NEEDACK}: a packet was sent to the bound port (or a wait returned) and the next
 *       trigger waits for {@code zx_interrupt_ack};</li>
 *   <li>{@code DESTROYED}: terminal.</li>
 * </ul>
 * The interrupt owns exactly one packet, so at most one of its packets is ever queued in a port.
 * A timestamp of 0 means "nothing recorded", so a trigger with timestamp 0 while the interrupt
 * waits for an ack is lost, as in the kernel.
 */
public final class Interrupt extends WaitableObject {
    static final int IDLE = 0;
    static final int TRIGGERED = 1;
    static final int NEEDACK = 2;
    static final int DESTROYED = 3;

    private static final int ZX_PKT_TYPE_INTERRUPT = 7;

    /** The packet this interrupt queues; its fields are guarded by the interrupt's lock. */
    private final class InterruptPacket extends QueuedPacket {
        long packetKey;
        long packetTimestamp;

        @Override
        long key() {
            return packetKey;
        }

        /** Writes a zeroed packet with the key, {@code ZX_PKT_TYPE_INTERRUPT} and the timestamp. */
        @Override
        void writeTo(MemorySegment target) {
            target.set(JAVA_LONG_UNALIGNED, 0, packetKey);
            target.set(JAVA_INT_UNALIGNED, 8, ZX_PKT_TYPE_INTERRUPT);
            target.set(JAVA_INT_UNALIGNED, 12, 0);
            target.set(JAVA_LONG_UNALIGNED, 16, packetTimestamp);
            target.set(JAVA_LONG_UNALIGNED, 24, 0L);
            target.set(JAVA_LONG_UNALIGNED, 32, 0L);
            target.set(JAVA_LONG_UNALIGNED, 40, 0L);
        }

        @Override
        void onDequeued(Port port) {
            // The state stays NEEDACK until zx_interrupt_ack.
        }
    }

    private final InterruptPacket packet = new InterruptPacket();
    private int state = IDLE;
    private Port boundPort;
    /** Timestamp recorded by a trigger and not yet delivered; 0 when none. */
    private long pendingTimestamp;
    private int blockedWaiters;

    public Interrupt(KernelContext context, long koid) {
        super(context, koid, ZX_VIRTUAL_INTERRUPT_UNTRIGGERED());
    }

    @Override
    public int type() {
        return ZX_OBJ_TYPE_INTERRUPT();
    }

    @Override
    public int defaultRights() {
        return ZX_DEFAULT_INTERRUPT_RIGHTS();
    }

    @Override
    public int userSignalMask() {
        return ZX_USER_SIGNAL_ALL();
    }

    /** Binds to {@code port}, which the caller checked was created with {@code ZX_PORT_BIND_TO_INTERRUPT}. */
    public int bind(Port port, long key) {
        synchronized (lock) {
            if (state == DESTROYED) {
                return ZX_ERR_CANCELED();
            }
            if (blockedWaiters > 0) {
                return ZX_ERR_BAD_STATE();
            }
            if (boundPort != null) {
                return ZX_ERR_ALREADY_BOUND();
            }
            boundPort = port;
            packet.packetKey = key;
            if (state == TRIGGERED) {
                send(pendingTimestamp);
            }
            return ZX_OK();
        }
    }

    /** Unbinds from {@code port}, removing this interrupt's queued packet from it. */
    public int unbind(Port port) {
        synchronized (lock) {
            if (boundPort != port) {
                return ZX_ERR_NOT_FOUND();
            }
            if (state == DESTROYED) {
                return ZX_ERR_CANCELED();
            }
            port.removeInterrupt(packet);
            boundPort = null;
            packet.packetKey = 0;
            // NOTE: the kernel sources do not say which state an unbound interrupt returns to.
            // zxport re-arms it and drops a timestamp that was waiting for an ack.
            pendingTimestamp = 0;
            enterIdle();
            return ZX_OK();
        }
    }

    /** {@code zx_interrupt_trigger} after the option and rights checks. */
    public int trigger(long timestamp) {
        synchronized (lock) {
            if (pendingTimestamp == 0) {
                pendingTimestamp = timestamp;
            }
            if (state == DESTROYED) {
                return ZX_ERR_CANCELED();
            }
            if (boundPort != null) {
                if (state != NEEDACK) {
                    send(timestamp);
                }
                return ZX_OK();
            }
            state = TRIGGERED;
            updateSignalsLocked(ZX_VIRTUAL_INTERRUPT_UNTRIGGERED(), 0);
            lock.notifyAll();
            return ZX_OK();
        }
    }

    /** {@code zx_interrupt_ack} after the rights check. */
    public int ack() {
        synchronized (lock) {
            if (boundPort == null) {
                return ZX_ERR_BAD_STATE();
            }
            if (state == DESTROYED) {
                return ZX_ERR_CANCELED();
            }
            if (state != NEEDACK) {
                return ZX_OK();
            }
            if (pendingTimestamp != 0) {
                if (boundPort.isQueued(packet)) {
                    return ZX_ERR_BAD_STATE();
                }
                send(pendingTimestamp);
                return ZX_OK();
            }
            enterIdle();
            return ZX_OK();
        }
    }

    /** {@code zx_interrupt_destroy}; also runs when the last handle is closed. */
    public int destroy() {
        synchronized (lock) {
            if (boundPort != null) {
                boolean wasQueued = boundPort.removeInterrupt(packet);
                boolean needed = state == NEEDACK;
                state = DESTROYED;
                return needed && !wasQueued ? ZX_ERR_NOT_FOUND() : ZX_OK();
            }
            state = DESTROYED;
            lock.notifyAll();
            return ZX_OK();
        }
    }

    /**
     * {@code zx_interrupt_wait} after the rights check: returns a pending trigger at once, or
     * re-arms and blocks until a trigger, a destroy, or {@code interrupted}.
     *
     * @param timestampOut receives the trigger's timestamp at index 0 on success
     */
    public int await(long[] timestampOut) throws InterruptedException {
        synchronized (lock) {
            if (boundPort != null) {
                return ZX_ERR_BAD_STATE();
            }
            if (state == DESTROYED) {
                return ZX_ERR_CANCELED();
            }
            if (state != TRIGGERED) {
                enterIdle();
                blockedWaiters++;
                try {
                    while (state == IDLE && boundPort == null) {
                        lock.wait();
                    }
                } finally {
                    blockedWaiters--;
                }
                if (state == DESTROYED) {
                    return ZX_ERR_CANCELED();
                }
                if (state != TRIGGERED) {
                    return ZX_ERR_BAD_STATE();
                }
            }
            timestampOut[0] = pendingTimestamp;
            pendingTimestamp = 0;
            state = NEEDACK;
            return ZX_OK();
        }
    }

    @Override
    protected void onZeroHandles() {
        destroy();
    }

    private void send(long timestamp) {
        // The packet may still sit in the port (an ack after a trigger with timestamp 0 re-arms
        // without a new packet); queuing it again fails, and it keeps the timestamp it was
        // queued with, as in the kernel.
        if (!boundPort.isQueued(packet)) {
            packet.packetTimestamp = timestamp;
        }
        pendingTimestamp = 0;
        state = NEEDACK;
        updateSignalsLocked(ZX_VIRTUAL_INTERRUPT_UNTRIGGERED(), 0);
        boundPort.queueInterrupt(packet);
    }

    private void enterIdle() {
        state = IDLE;
        updateSignalsLocked(0, ZX_VIRTUAL_INTERRUPT_UNTRIGGERED());
    }
}
