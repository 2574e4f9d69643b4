package dev.zxport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A monotonic clock that moves only when a test advances it, so deadline behaviour is
 * deterministic. Threads blocked with a finite deadline wake up on every advance, re-check the
 * time and either return {@code ZX_ERR_TIMED_OUT} or park again.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock(1_000);
 * try (Kernel kernel = Kernel.builder().clock(clock).build()) {
 *     // a zx_port_wait with deadline 2_000 blocks until clock.advance(1_000)
 * }
 * }</pre>
 */
public final class ManualClock {
    private final AtomicLong now;
    private final Set<Thread> sleepers = ConcurrentHashMap.newKeySet();

    /** Creates a clock that starts at {@code startNanos}. */
    public ManualClock(long startNanos) {
        this.now = new AtomicLong(startNanos);
    }

    /** Creates a clock that starts at 0. */
    public ManualClock() {
        this(0);
    }

    /** Returns the current time in nanoseconds. */
    public long now() {
        return now.get();
    }

    /**
     * Moves the clock forward by {@code nanos} and wakes every thread blocked on a deadline.
     *
     * @throws IllegalArgumentException when {@code nanos} is negative, since the clock is monotonic
     */
    public void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("nanos=" + nanos + ", a monotonic clock cannot go back");
        }
        now.getAndUpdate(current -> current + nanos < current ? Long.MAX_VALUE : current + nanos);
        wakeSleepers();
    }

    /**
     * Sets the clock to {@code nanos} and wakes every thread blocked on a deadline.
     *
     * @throws IllegalArgumentException when {@code nanos} is earlier than the current time
     */
    public void set(long nanos) {
        long previous = now.getAndAccumulate(nanos, Math::max);
        if (nanos < previous) {
            throw new IllegalArgumentException("nanos=" + nanos + " is before the current time " + previous);
        }
        wakeSleepers();
    }

    /** Returns the number of threads blocked on this clock with a finite deadline. */
    public int sleepers() {
        return sleepers.size();
    }

    void parkUntil(Object blocker, long deadline) {
        Thread current = Thread.currentThread();
        if (deadline == Long.MAX_VALUE) {
            LockSupport.park(blocker);
            return;
        }
        sleepers.add(current);
        try {
            // An advance between this check and the park leaves a permit, so it is not lost.
            if (now.get() < deadline) {
                LockSupport.park(blocker);
            }
        } finally {
            sleepers.remove(current);
        }
    }

    private void wakeSleepers() {
        for (Thread sleeper : sleepers) {
            LockSupport.unpark(sleeper);
        }
    }
}
