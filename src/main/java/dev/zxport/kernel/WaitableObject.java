package dev.zxport.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * An object with signals that observers ({@code zx_object_wait_async}) and waiters
 * ({@code zx_object_wait_one}) can watch: events and interrupts here.
 *
 * <p>Firing rule, as in the Zircon kernel: an update fires observers only when at least one
 * signal goes from inactive to active. Then every observer whose trigger mask intersects the
 * whole new active set fires, newest registration first, with {@code observed} set to that
 * set. Clearing signals, or setting signals that are already active, fires nothing.
 */
public abstract class WaitableObject extends KernelObject {
    /** Guards the signals, the observer list and the waiter list. */
    protected final Object lock = new Object();
    protected final KernelContext context;
    private int signals;
    /** Newest first. */
    private Observer observers;
    private final List<Thread> waiters = new ArrayList<>();

    protected WaitableObject(KernelContext context, long koid, int initialSignals) {
        super(koid);
        this.context = context;
        this.signals = initialSignals;
    }

    @Override
    public final boolean isWaitable() {
        return true;
    }

    /** Returns the signals this object lets {@code zx_object_signal} set or clear. */
    public abstract int userSignalMask();

    public final int signals() {
        synchronized (lock) {
            return signals;
        }
    }

    /** Clears, then sets signals, and fires the observers the update activates. */
    public final void updateSignals(int clearMask, int setMask) {
        synchronized (lock) {
            updateSignalsLocked(clearMask, setMask);
        }
    }

    /** Same as {@link #updateSignals} for callers that already hold {@link #lock}. */
    protected final void updateSignalsLocked(int clearMask, int setMask) {
        int previous = signals;
        int current = (previous & ~clearMask) | setMask;
        signals = current;
        if (current != previous && !waiters.isEmpty()) {
            for (Thread waiter : waiters) {
                LockSupport.unpark(waiter);
            }
        }
        if ((current & ~previous) == 0) {
            return;
        }
        long now = context.clock().now();
        Observer observer = observers;
        while (observer != null) {
            Observer next = observer.objectNext;
            if ((observer.trigger & current) != 0) {
                unlink(observer);
                fire(observer, current, now);
            }
            observer = next;
        }
    }

    /**
     * Registers a one-shot observer ({@code zx_object_wait_async}) that queues a signal packet in
     * {@code port} when one of {@code trigger} becomes active. Allocates an observer unless the
     * port has a spare one, and nothing when it later fires.
     *
     * @return false when the port lost its last handle meanwhile
     */
    public final boolean waitAsync(Handle handle, Port port, long key, int trigger, boolean edge, boolean timestamped) {
        Observer observer = port.register(this, handle, key, trigger, edge, timestamped);
        if (observer == null) {
            return false;
        }
        attach(observer);
        return true;
    }

    /**
     * Attaches {@code observer}, or fires it at once when it is level-triggered and already
     * satisfied. The caller has registered it with its port.
     */
    private void attach(Observer observer) {
        synchronized (lock) {
            // The port may have closed, or the watched handle, since the registration; both
            // cancel the observer, and their cleanup takes this lock after flagging it.
            if (!observer.port.isArmed(observer)) {
                return;
            }
            if (observer.handle.isClosed()) {
                observer.port.cancelArmed(observer);
                return;
            }
            if (!observer.edge && (observer.trigger & signals) != 0) {
                fire(observer, signals, context.clock().now());
                return;
            }
            observer.objectPrev = null;
            observer.objectNext = observers;
            if (observers != null) {
                observers.objectPrev = observer;
            }
            observers = observer;
            observer.attached = true;
        }
    }

    /** Removes a canceled observer from this object's list, if it is still there. */
    final void detach(Observer observer) {
        synchronized (lock) {
            if (observer.attached) {
                unlink(observer);
            }
        }
    }

    /** Cancels, silently, every pending observer registered through {@code handle}. */
    @Override
    protected void onHandleClosed(Handle handle) {
        List<Observer> detached = new ArrayList<>();
        synchronized (lock) {
            Observer observer = observers;
            while (observer != null) {
                Observer next = observer.objectNext;
                if (observer.handle == handle) {
                    unlink(observer);
                    detached.add(observer);
                }
                observer = next;
            }
            for (Thread waiter : waiters) {
                LockSupport.unpark(waiter);
            }
        }
        for (Observer observer : detached) {
            observer.port.cancelArmed(observer);
        }
    }

    /** Outcome of {@link #awaitSignals}: a trigger signal became active. */
    public static final int SATISFIED = 0;
    /** Outcome of {@link #awaitSignals}: the deadline passed first. */
    public static final int TIMED_OUT = 1;
    /** Outcome of {@link #awaitSignals}: the waiting handle was closed first. */
    public static final int CANCELED = 2;

    /**
     * Waits until one of {@code trigger} is active, {@code deadline} passes on the kernel clock,
     * or {@code stillValid} turns false because the waiting handle was closed.
     *
     * @return the outcome ({@link #SATISFIED}, {@link #TIMED_OUT}, {@link #CANCELED}) in the upper
     *         32 bits and the signals active at that moment in the lower 32 bits
     */
    public final long awaitSignals(int trigger, long deadline, BooleanSupplier stillValid) {
        Clock clock = context.clock();
        Thread current = Thread.currentThread();
        while (true) {
            synchronized (lock) {
                int outcome = -1;
                if ((signals & trigger) != 0) {
                    outcome = SATISFIED;
                } else if (!stillValid.getAsBoolean()) {
                    outcome = CANCELED;
                } else if (clock.hasPassed(deadline)) {
                    outcome = TIMED_OUT;
                }
                if (outcome >= 0) {
                    return (long) outcome << 32 | Integer.toUnsignedLong(signals);
                }
                waiters.add(current);
            }
            clock.parkUntil(this, deadline);
            synchronized (lock) {
                waiters.remove(current);
            }
        }
    }

    /** Returns the number of observers still attached; for tests and diagnostics. */
    public final int attachedObservers() {
        synchronized (lock) {
            int count = 0;
            for (Observer observer = observers; observer != null; observer = observer.objectNext) {
                count++;
            }
            return count;
        }
    }

    private void fire(Observer observer, int observed, long now) {
        observer.observed = observed;
        observer.timestamp = observer.timestamped ? now : 0;
        observer.port.queueSignal(observer);
    }

    private void unlink(Observer observer) {
        if (observer.objectPrev == null) {
            observers = observer.objectNext;
        } else {
            observer.objectPrev.objectNext = observer.objectNext;
        }
        if (observer.objectNext != null) {
            observer.objectNext.objectPrev = observer.objectPrev;
        }
        observer.objectPrev = null;
        observer.objectNext = null;
        observer.attached = false;
    }
}
