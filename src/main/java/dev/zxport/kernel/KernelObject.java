package dev.zxport.kernel;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A kernel object that handles refer to. Each object has a koid, an object type
 * ({@code ZX_OBJ_TYPE_*}) and a count of the handles that refer to it; when the count reaches
 * zero the object runs {@link #onZeroHandles()}.
 */
public abstract class KernelObject {
    private final long koid;
    private final AtomicInteger handleCount = new AtomicInteger();

    protected KernelObject(long koid) {
        this.koid = koid;
    }

    public final long koid() {
        return koid;
    }

    /** Returns the {@code ZX_OBJ_TYPE_*} value of this object. */
    public abstract int type();

    /** Returns the rights a newly created handle to this kind of object carries. */
    public abstract int defaultRights();

    /** Returns true for objects that have signals observers can watch (those whose defaults include WAIT). */
    public boolean isWaitable() {
        return false;
    }

    /** Returns true while at least one handle refers to this object. */
    public final boolean hasHandles() {
        return handleCount.get() > 0;
    }

    final void addHandle() {
        handleCount.incrementAndGet();
    }

    /** Drops one handle; the last one triggers {@link #onZeroHandles()}. */
    final void removeHandle(Handle handle) {
        onHandleClosed(handle);
        if (handleCount.decrementAndGet() == 0) {
            onZeroHandles();
        }
    }

    /** Runs when {@code handle} is closed or replaced, before the count drops. */
    protected void onHandleClosed(Handle handle) {
    }

    /** Releases what the constructor allocated when no handle could be created for the object. */
    public void onCreateFailed() {
    }

    /** Runs once, when the last handle to this object is closed. */
    protected void onZeroHandles() {
    }
}
