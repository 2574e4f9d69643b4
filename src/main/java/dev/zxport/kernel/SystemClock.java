package dev.zxport.kernel;

import java.util.concurrent.locks.LockSupport;

/** The host's monotonic clock ({@link System#nanoTime()}), the default clock of a kernel. */
public final class SystemClock implements Clock {
    public static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {
    }

    @Override
    public long now() {
        return System.nanoTime();
    }

    @Override
    public void parkUntil(Object blocker, long deadline) {
        if (deadline == Long.MAX_VALUE) {
            LockSupport.park(blocker);
            return;
        }
        long remaining = deadline - System.nanoTime();
        if (remaining > 0) {
            LockSupport.parkNanos(blocker, remaining);
        }
    }
}
