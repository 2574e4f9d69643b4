package dev.zxport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Threads of one concurrency test. Every throwable a worker raises is kept and fails the test
 * in {@link #joinAll}, so a syscall that throws instead of returning a status cannot go unseen.
 */
final class Workers {
    /** A worker body, which may throw anything, assertion errors included. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

    /** Starts {@code body} on a new daemon thread named {@code name}. */
    void start(String name, Body body) {
        Thread thread = Thread.ofPlatform().daemon().name(name).start(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failures.add(t);
            }
        });
        threads.add(thread);
    }

    /** Waits for every worker, then fails the test with the first failure or a hung worker. */
    void joinAll(long timeoutSeconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        for (Thread thread : threads) {
            long remaining = deadline - System.nanoTime();
            try {
                if (remaining > 0) {
                    thread.join(TimeUnit.NANOSECONDS.toMillis(remaining) + 1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while joining " + thread.getName());
            }
        }
        assertNoFailures();
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                fail(thread.getName() + " still runs after " + timeoutSeconds + " s; state " + thread.getState());
            }
        }
        threads.clear();
    }

    /** Returns true while no worker has failed, so that a driving loop can stop early. */
    boolean isHealthy() {
        return failures.isEmpty();
    }

    /** Fails the test with the first failure a worker raised so far. */
    void assertNoFailures() {
        Throwable first = failures.peek();
        if (first != null) {
            fail("a worker failed (" + failures.size() + " failures in all)", first);
        }
    }

    /** Returns the number of packets a stress test moves, from the system property {@code stress.packets}. */
    static int stressPackets() {
        return Integer.getInteger("stress.packets", 200_000);
    }
}
