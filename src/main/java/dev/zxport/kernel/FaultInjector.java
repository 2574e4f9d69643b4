package dev.zxport.kernel;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongPredicate;

/**
 * Decides, at each allocation point of the engine, whether the allocation fails with
 * {@code ZX_ERR_NO_MEMORY}, so tests can check that every failure path leaves the kernel
 * consistent. Allocation points are numbered from 1 in the order the kernel reaches them,
 * over all sites together, and the plan is a pure function of that number.
 *
 * <p>When disabled ({@link #NONE}) each call costs one null check of a final field.
 */
public final class FaultInjector {
    /** Allocation point of the engine. */
    public enum Site {
        /** The off-heap ring of a new port ({@code zx_port_create}). */
        PORT_MEMORY,
        /**
         * A new handle, including any growth of the handle table it needs: {@code zx_port_create},
         * {@code zx_event_create}, {@code zx_interrupt_create}, {@code zx_handle_duplicate},
         * {@code zx_handle_replace}.
         */
        HANDLE,
        /** The observer of {@code zx_object_wait_async}. */
        OBSERVER
    }

    /** The injector of a kernel without a fault plan: it fails no allocation and counts none. */
    public static final FaultInjector NONE = new FaultInjector(null);

    private final LongPredicate failsAt;
    private final AtomicLong allocations = new AtomicLong();
    private final AtomicLongArray attemptsPerSite = new AtomicLongArray(Site.values().length);
    private final AtomicLongArray faultsPerSite = new AtomicLongArray(Site.values().length);

    /** Creates an injector that fails allocation point {@code n} (from 1) when {@code failsAt.test(n)}. */
    public FaultInjector(LongPredicate failsAt) {
        this.failsAt = failsAt;
    }

    /** Counts one allocation at {@code site} and returns true when the plan makes it fail. */
    public boolean shouldFail(Site site) {
        if (failsAt == null) {
            return false;
        }
        long allocation = allocations.incrementAndGet();
        attemptsPerSite.incrementAndGet(site.ordinal());
        if (!failsAt.test(allocation)) {
            return false;
        }
        faultsPerSite.incrementAndGet(site.ordinal());
        return true;
    }

    /** Returns how many allocations were made or attempted at {@code site}; 0 when disabled. */
    public long allocations(Site site) {
        return attemptsPerSite.get(site.ordinal());
    }

    /** Returns how many allocations at {@code site} were made to fail. */
    public long faults(Site site) {
        return faultsPerSite.get(site.ordinal());
    }
}
