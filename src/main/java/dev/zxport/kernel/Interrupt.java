package dev.zxport.kernel;

import java.lang.foreign.MemorySegment;

import static dev.zxport.sys.zircon_h.ZX_DEFAULT_INTERRUPT_RIGHTS;
import static dev.zxport.sys.zircon_h.ZX_ERR_ALREADY_BOUND;
import static dev.zxport.sys.zircon_h.ZX_ERR_BAD_STATE;
import static dev.zxport.sys.zircon_h.ZX_ERR_CANCELED;
import static dev.zxport.sys.zircon_h.ZX_ERR_INVALID_ARGS;
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
 *       trigger only records its timestamp until {@code zx_interrupt_ack} or the next wait;</li>
 *   <li>{@code WAITING}: a thread is blocked in {@code zx_interrupt_wait};</li>
 *   <li>{@code DESTROYED}: terminal.</li>
 * </ul>
 * Binding and unbinding change neither the state nor the recorded timestamp. The interrupt owns
 * exactly one packet, so at most one of its packets is ever queued in a port. A timestamp of 0
 * means "nothing recorded", so a trigger with timestamp 0 while the interrupt waits for an ack
 * is lost, as in the kernel.
 *
 * <p>{@code ZX_VIRTUAL_INTERRUPT_UNTRIGGERED} is active on a new interrupt, cleared by every
 * successful trigger, and asserted again by a successful ack, a destroy, and a wait that blocks.
 * An ack that sends a recorded trigger at once asserts it for an instant: observers fire, and
 * the signal is clear again when the ack returns.
 */
public final class Interrupt extends WaitableObject {
    static final int IDLE = 0;
    static final int TRIGGERED = 1;
    static final int NEEDACK = 2;
    static final int WAITING = 3;
    static final int DESTROYED = 4;

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
            if (state == WAITING) {
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

    /**
     * Unbinds from {@code port} and removes this interrupt's queued packet from it. The state and
     * a recorded timestamp stay, so an interrupt unbound while it waits for an ack still waits
     * for one after a rebind.
     */
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
            return ZX_OK();
        }
    }

    /** {@code zx_interrupt_trigger} after the option and rights checks. */
    public int trigger(long timestamp) {
        synchronized (lock) {
            if (state == DESTROYED) {
                return ZX_ERR_CANCELED();
            }
            if (pendingTimestamp == 0) {
                pendingTimestamp = timestamp;
            }
            if (boundPort != null) {
                if (state != NEEDACK) {
                    send(timestamp);
                }
            } else {
                if (state != NEEDACK) {
                    state = TRIGGERED;
                }
                lock.notifyAll();
            }
            updateSignalsLocked(ZX_VIRTUAL_INTERRUPT_UNTRIGGERED(), 0);
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
            boolean retriggered = false;
            if (state == NEEDACK) {
                if (pendingTimestamp != 0) {
                    // The recorded timestamp is used up even when the previous packet still sits
                    // in the port and nothing can be sent, as in the kernel.
                    if (!send(pendingTimestamp)) {
                        return ZX_ERR_BAD_STATE();
                    }
                    retriggered = true;
                } else {
                    state = IDLE;
                }
            }
            updateSignalsLocked(0, ZX_VIRTUAL_INTERRUPT_UNTRIGGERED());
            if (retriggered) {
                // NOTE: observers see this instant, but a thread blocked in zx_object_wait_one
                // rechecks the signals after this lock is released and keeps waiting, where the
                // kernel would release it.
                updateSignalsLocked(ZX_VIRTUAL_INTERRUPT_UNTRIGGERED(), 0);
            }
            return ZX_OK();
        }
    }

    /** {@code zx_interrupt_destroy}; also runs when the last handle is closed. */
    public int destroy() {
        synchronized (lock) {
            int result = ZX_OK();
            if (boundPort != null) {
                boolean wasQueued = boundPort.removeInterrupt(packet);
                if (state == NEEDACK && !wasQueued) {
                    result = ZX_ERR_NOT_FOUND();
                }
            }
            state = DESTROYED;
            lock.notifyAll();
            updateSignalsLocked(0, ZX_VIRTUAL_INTERRUPT_UNTRIGGERED());
            return result;
        }
    }

    /**
     * {@code zx_interrupt_wait} after the rights check: returns a recorded trigger at once, or
     * re-arms and blocks until a trigger, a destroy, or a Java interrupt of the calling thread.
     * When {@code writable} is false the caller's timestamp pointer is bad: the state errors
     * still come first, as in the kernel, and then the call returns {@code ZX_ERR_INVALID_ARGS}
     * at once. It neither consumes the trigger nor blocks, where the kernel would do both.
     *
     * @param timestampOut receives the trigger's timestamp at index 0 on success
     * @return {@code ZX_OK}, {@code ZX_ERR_BAD_STATE} when bound or when another thread already
     *         waits, {@code ZX_ERR_CANCELED} when destroyed, or {@code ZX_ERR_INVALID_ARGS}
     * @throws InterruptedException when the calling thread is interrupted while blocked
     */
    public int await(long[] timestampOut, boolean writable) throws InterruptedException {
        synchronized (lock) {
            while (true) {
                if (boundPort != null) {
                    return ZX_ERR_BAD_STATE();
                }
                switch (state) {
                    case DESTROYED -> {
                        return ZX_ERR_CANCELED();
                    }
                    case WAITING -> {
                        return ZX_ERR_BAD_STATE();
                    }
                    default -> {
                        // IDLE, TRIGGERED or NEEDACK.
                    }
                }
                if (!writable) {
                    return ZX_ERR_INVALID_ARGS();
                }
                if (state == TRIGGERED || (state == NEEDACK && pendingTimestamp != 0)) {
                    timestampOut[0] = pendingTimestamp;
                    pendingTimestamp = 0;
                    state = NEEDACK;
                    return ZX_OK();
                }
                // Blocking acknowledges the previous trigger and re-arms the interrupt.
                state = WAITING;
                updateSignalsLocked(0, ZX_VIRTUAL_INTERRUPT_UNTRIGGERED());
                try {
                    while (state == WAITING) {
                        lock.wait();
                    }
                } catch (InterruptedException e) {
                    if (state == WAITING) {
                        state = IDLE;
                    }
                    throw e;
                }
            }
        }
    }

    @Override
    protected void onZeroHandles() {
        destroy();
    }

    /**
     * Moves to {@code NEEDACK} and queues the packet with {@code timestamp}, which uses up the
     * recorded timestamp.
     *
     * @return false when the packet still sits in the port, which keeps it with the timestamp it
     *         was queued with (an ack after a trigger with timestamp 0 re-arms without sending)
     */
    private boolean send(long timestamp) {
        pendingTimestamp = 0;
        state = NEEDACK;
        if (boundPort.isQueued(packet)) {
            return false;
        }
        packet.packetTimestamp = timestamp;
        return boundPort.queueInterrupt(packet);
    }
}
