package dev.zxport.kernel;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import static dev.zxport.sys.zircon_h.ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_OBSERVERS;
import static dev.zxport.sys.zircon_h.ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_PACKETS;
import static dev.zxport.sys.zircon_h.ZX_KOID_FIRST;

/**
 * State shared by every object of one simulated kernel: the clock, the limits, the koid counter
 * and the count of job-policy violations that the real kernel would raise as exceptions.
 */
public final class KernelContext {
    private final Clock clock;
    private final int maxUserPackets;
    private final int maxObservers;
    private final FaultInjector faults;
    private final AtomicLong nextKoid = new AtomicLong(ZX_KOID_FIRST());
    /** Indexed by {@code ZX_EXCP_POLICY_CODE_*}; only the port codes are ever counted. */
    private final AtomicLongArray policyViolations = new AtomicLongArray(32);

    /**
     * @param maxUserPackets user packets a port takes before {@code zx_port_queue} fails; the
     *                       kernel's check is "more than this many already queued", so one more
     *                       than this fits
     * @param maxObservers   observers a port takes before each further registration counts a
     *                       violation (it still succeeds, as in the kernel)
     */
    public KernelContext(Clock clock, int maxUserPackets, int maxObservers) {
        this(clock, maxUserPackets, maxObservers, FaultInjector.NONE);
    }

    /** Same as the other constructor, with {@code faults} deciding which allocations fail. */
    public KernelContext(Clock clock, int maxUserPackets, int maxObservers, FaultInjector faults) {
        this.clock = clock;
        this.maxUserPackets = maxUserPackets;
        this.maxObservers = maxObservers;
        this.faults = faults;
    }

    public FaultInjector faults() {
        return faults;
    }

    public Clock clock() {
        return clock;
    }

    public int maxUserPackets() {
        return maxUserPackets;
    }

    public int maxObservers() {
        return maxObservers;
    }

    public long newKoid() {
        return nextKoid.getAndIncrement();
    }

    void countPortPacketViolation() {
        policyViolations.incrementAndGet(ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_PACKETS());
    }

    void countPortObserverViolation() {
        policyViolations.incrementAndGet(ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_OBSERVERS());
    }

    /** Returns how often the policy exception {@code code} ({@code ZX_EXCP_POLICY_CODE_*}) would have been raised. */
    public long policyViolations(int code) {
        return code >= 0 && code < policyViolations.length() ? policyViolations.get(code) : 0;
    }
}
