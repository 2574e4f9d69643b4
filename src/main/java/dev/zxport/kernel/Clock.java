package dev.zxport.kernel;

/**
 * The monotonic timeline of one simulated kernel, in nanoseconds. The boot timeline equals it,
 * because nothing in the simulation suspends.
 */
public interface Clock {
    /** Returns the current time in nanoseconds; never decreases. */
    long now();

    /**
     * Returns true once {@code deadline} has passed. {@code ZX_TIME_INFINITE_PAST}
     * ({@code Long.MIN_VALUE}) has always passed, without a clock read, and {@code ZX_TIME_INFINITE}
     * ({@code Long.MAX_VALUE}) never passes, even on a clock that has reached that value.
     */
    default boolean hasPassed(long deadline) {
        if (deadline == Long.MIN_VALUE) {
            return true;
        }
        return deadline != Long.MAX_VALUE && now() >= deadline;
    }

    /**
     * Parks the calling thread until {@code deadline} has passed on this clock, it is unparked,
     * or it returns spuriously. Callers re-check their condition and the time after each return.
     * {@code Long.MAX_VALUE} means no deadline.
     */
    void parkUntil(Object blocker, long deadline);
}
