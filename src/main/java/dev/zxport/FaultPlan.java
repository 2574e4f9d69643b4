package dev.zxport;

import java.util.function.LongPredicate;

/**
 * Which allocations of a {@link Kernel} fail with {@code ZX_ERR_NO_MEMORY}, for testing failure
 * paths ({@link Kernel.Builder#faultInjection}). The kernel numbers its allocation points from 1
 * in the order it reaches them, over all {@link Site}s together, and asks the plan about each
 * number. A plan is a pure function of that number, so a test can ask {@link #failsAt} too and
 * predict every injected failure.
 */
public final class FaultPlan {
    /** Allocation point of a kernel that a plan can fail. */
    public enum Site {
        /** The packet memory of a new port, in {@code zx_port_create}. */
        PORT_MEMORY,
        /**
         * A new handle, including any growth of the handle table: {@code zx_port_create},
         * {@code zx_event_create}, {@code zx_interrupt_create}, {@code zx_handle_duplicate},
         * {@code zx_handle_replace}.
         */
        HANDLE,
        /** The observer that {@code zx_object_wait_async} registers. */
        OBSERVER
    }

    private static final double TWO_TO_THE_53 = 0x1p53;

    private final LongPredicate failsAt;
    private final String description;

    private FaultPlan(LongPredicate failsAt, String description) {
        this.failsAt = failsAt;
        this.description = description;
    }

    /** Fails allocation point {@code n} (counting from 1) and no other. */
    public static FaultPlan nth(long n) {
        requirePositive(n);
        return new FaultPlan(allocation -> allocation == n, "FaultPlan.nth(" + n + ")");
    }

    /** Fails allocation points {@code n}, {@code 2n}, {@code 3n} and so on. */
    public static FaultPlan everyNth(long n) {
        requirePositive(n);
        return new FaultPlan(allocation -> allocation % n == 0, "FaultPlan.everyNth(" + n + ")");
    }

    /**
     * Fails each allocation point with {@code probability}, decided by a hash of {@code seed} and
     * the point's number, so the same seed fails the same points in every run.
     *
     * @throws IllegalArgumentException when {@code probability} is not in [0, 1]
     */
    public static FaultPlan random(long seed, double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability=" + probability + ", must be in [0, 1]");
        }
        return new FaultPlan(allocation -> unitInterval(mix(seed ^ mix(allocation))) < probability,
                "FaultPlan.random(" + seed + "L, " + probability + ")");
    }

    /** Returns true when allocation point {@code allocation} (counting from 1) fails. */
    public boolean failsAt(long allocation) {
        return failsAt.test(allocation);
    }

    LongPredicate predicate() {
        return failsAt;
    }

    /** Returns the Java expression that creates this plan. */
    @Override
    public String toString() {
        return description;
    }

    private static void requirePositive(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("n=" + n + ", must be at least 1");
        }
    }

    /** The finalizer of SplitMix64: a bijective 64-bit hash. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double unitInterval(long bits) {
        return (bits >>> 11) / TWO_TO_THE_53;
    }
}
