package dev.zxport;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A syscall that may block, run on its own daemon thread so that the test thread can act while
 * it waits. Every wait here is bounded, so a syscall that never returns fails the test instead
 * of hanging the build.
 */
final class BlockingCall {
    /** Upper bound for anything a test waits for, far above what a correct run needs. */
    static final long PATIENCE_MILLIS = 10_000;
    /** How long a call must stay blocked before a test accepts that it is not going to return. */
    static final long STILL_BLOCKED_MILLIS = 150;

    private final FutureTask<Integer> task;
    private final Thread thread;

    private BlockingCall(String name, IntSupplier call) {
        this.task = new FutureTask<>(call::getAsInt);
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(task);
    }

    /** Starts {@code call} on a new thread named {@code name}. */
    static BlockingCall start(String name, IntSupplier call) {
        BlockingCall blockingCall = new BlockingCall(name, call);
        blockingCall.thread.start();
        return blockingCall;
    }

    Thread thread() {
        return thread;
    }

    boolean isDone() {
        return task.isDone();
    }

    /** Returns the syscall's status, failing the test if it does not return in time or throws. */
    int await() {
        try {
            return task.get(PATIENCE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail(thread.getName() + " did not return within " + PATIENCE_MILLIS + " ms");
        } catch (ExecutionException e) {
            return fail(thread.getName() + " threw instead of returning a status", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while waiting for " + thread.getName());
        }
    }

    /** Waits until the thread parks (the syscall is blocked), failing the test if it never does. */
    void awaitParked() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
        while (true) {
            Thread.State state = thread.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                return;
            }
            if (task.isDone()) {
                fail(thread.getName() + " returned " + StatusNames.name(await()) + " instead of blocking");
            }
            if (System.nanoTime() > deadline) {
                fail(thread.getName() + " did not block within " + PATIENCE_MILLIS + " ms");
            }
            Thread.onSpinWait();
        }
    }

    /** Asserts that the syscall is still blocked after {@link #STILL_BLOCKED_MILLIS}. */
    void assertStillBlocked(String reason) {
        try {
            Thread.sleep(STILL_BLOCKED_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertFalse(task.isDone(), () -> thread.getName() + " returned " + StatusNames.name(await())
                + " but should still block: " + reason);
    }
}
