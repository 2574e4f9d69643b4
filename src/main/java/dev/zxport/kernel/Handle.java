package dev.zxport.kernel;

/**
 * One entry of a handle table: a value, the object it refers to and the rights it carries.
 * Observers remember the exact handle they were registered through, so identity matters:
 * a duplicate is a different {@code Handle}.
 */
public final class Handle {
    private final int value;
    private final KernelObject object;
    private final int rights;
    /** Set by the handle table when the handle leaves it, before the object hears of it. */
    private volatile boolean closed;

    Handle(int value, KernelObject object, int rights) {
        this.value = value;
        this.object = object;
        this.rights = rights;
    }

    public int value() {
        return value;
    }

    public KernelObject object() {
        return object;
    }

    public int rights() {
        return rights;
    }

    public boolean isClosed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }

    public boolean hasRights(int required) {
        return (rights & required) == required;
    }

    @Override
    public String toString() {
        return "Handle[value=0x" + Integer.toHexString(value) + ", koid=" + object.koid()
                + ", rights=0x" + Integer.toHexString(rights) + "]";
    }
}
