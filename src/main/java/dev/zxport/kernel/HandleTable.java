package dev.zxport.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The handle table of one simulated process.
 *
 * <p>Handle values take the shape of Zircon's: the slot index and a generation count, shifted
 * left by two with both low bits set, then XORed with a random mask per table whose low two
 * bits are zero. Values therefore look random, always have {@code value & 3 == 3}, and a freed
 * slot comes back with a new generation, so a stale value never finds the new handle. Freed
 * slots are reused oldest first, which delays reuse further.
 *
 * <p>Lookups take no lock: they read the slot with acquire semantics and compare the stored
 * value. Adding, removing and replacing handles take the table lock.
 */
public final class HandleTable {
    static final int INDEX_BITS = 18;
    static final int MAX_SLOTS = 1 << INDEX_BITS;
    private static final int INDEX_MASK = MAX_SLOTS - 1;
    private static final int GENERATION_MASK = (1 << (30 - INDEX_BITS)) - 1;
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Handle[].class);

    private final Object lock = new Object();
    private final int valueMask;
    private final int maxHandles;
    private final FaultInjector faults;
    private volatile Handle[] slots = new Handle[64];
    private int[] generations = new int[64];
    /** Freed slot indices, oldest first, as a circular buffer. */
    private int[] freeSlots = new int[64];
    private int freeHead;
    private int freeCount;
    private int nextFreshSlot;
    private int liveHandles;

    /** Creates a table of at most {@code maxHandles} live handles whose values are scrambled by {@code random}. */
    public HandleTable(int maxHandles, RandomGenerator random) {
        this(maxHandles, random, FaultInjector.NONE);
    }

    /** Same as the other constructor, with {@code faults} deciding which handle creations fail. */
    public HandleTable(int maxHandles, RandomGenerator random, FaultInjector faults) {
        if (maxHandles < 1 || maxHandles > MAX_SLOTS) {
            throw new IllegalArgumentException("maxHandles=" + maxHandles + ", must be in [1, " + MAX_SLOTS + "]");
        }
        this.maxHandles = maxHandles;
        this.valueMask = random.nextInt() & ~0x3;
        this.faults = faults;
    }

    /**
     * Adds a handle to {@code object} with {@code rights}.
     *
     * @return the new handle, or null when the table is full or the fault injector fails the
     *         allocation (the caller reports {@code ZX_ERR_NO_MEMORY})
     */
    public Handle add(KernelObject object, int rights) {
        Handle handle;
        synchronized (lock) {
            if (faults.shouldFail(FaultInjector.Site.HANDLE) || liveHandles == maxHandles) {
                return null;
            }
            int index = takeSlot();
            int raw = ((generations[index] & GENERATION_MASK) << INDEX_BITS | index) << 2 | 0x3;
            handle = new Handle(raw ^ valueMask, object, rights);
            object.addHandle();
            liveHandles++;
            SLOTS.setRelease(slots, index, handle);
        }
        return handle;
    }

    /** Returns the handle with exactly this value, or null when there is none. */
    public Handle get(int value) {
        if ((value & 0x3) != 0x3) {
            return null;
        }
        int index = ((value ^ valueMask) >>> 2) & INDEX_MASK;
        Handle[] current = slots;
        if (index >= current.length) {
            return null;
        }
        Handle handle = (Handle) SLOTS.getAcquire(current, index);
        return handle != null && handle.value() == value ? handle : null;
    }

    /**
     * Removes the handle with this value and drops its reference to the object, which may run
     * the object's last-handle cleanup.
     *
     * @return the removed handle, or null when there was none
     */
    public Handle remove(int value) {
        Handle handle;
        synchronized (lock) {
            handle = get(value);
            if (handle == null) {
                return null;
            }
            freeSlot(value);
        }
        handle.object().removeHandle(handle);
        return handle;
    }

    /**
     * Replaces {@code old} by a new handle to the same object with {@code rights}, so the object
     * never loses its last handle in between.
     *
     * @return the new handle, or null when {@code old} is no longer in the table or the fault
     *         injector fails the allocation; {@code old} is untouched in both cases
     */
    public Handle replace(Handle old, int rights) {
        Handle handle;
        synchronized (lock) {
            if (get(old.value()) != old || faults.shouldFail(FaultInjector.Site.HANDLE)) {
                return null;
            }
            // The old slot is freed first, so a full table still has room for the replacement.
            freeSlot(old.value());
            int index = takeSlot();
            int raw = ((generations[index] & GENERATION_MASK) << INDEX_BITS | index) << 2 | 0x3;
            handle = new Handle(raw ^ valueMask, old.object(), rights);
            old.object().addHandle();
            liveHandles++;
            SLOTS.setRelease(slots, index, handle);
        }
        old.object().removeHandle(old);
        return handle;
    }

    /** Removes every handle, running each object's last-handle cleanup, and returns them. */
    public List<Handle> removeAll() {
        List<Handle> removed = new ArrayList<>();
        synchronized (lock) {
            Handle[] current = slots;
            for (Handle handle : current) {
                if (handle != null) {
                    removed.add(handle);
                    freeSlot(handle.value());
                }
            }
        }
        for (Handle handle : removed) {
            handle.object().removeHandle(handle);
        }
        return removed;
    }

    /** Returns the number of live handles. */
    public int size() {
        synchronized (lock) {
            return liveHandles;
        }
    }

    private void freeSlot(int value) {
        int index = ((value ^ valueMask) >>> 2) & INDEX_MASK;
        ((Handle) SLOTS.getAcquire(slots, index)).markClosed();
        SLOTS.setRelease(slots, index, null);
        generations[index]++;
        liveHandles--;
        if (freeCount == freeSlots.length) {
            int[] grown = new int[freeSlots.length * 2];
            for (int i = 0; i < freeCount; i++) {
                grown[i] = freeSlots[(freeHead + i) % freeSlots.length];
            }
            freeSlots = grown;
            freeHead = 0;
        }
        freeSlots[(freeHead + freeCount) % freeSlots.length] = index;
        freeCount++;
    }

    private int takeSlot() {
        // Fresh slots first, then the oldest freed one, so a value is reused as late as possible.
        if (nextFreshSlot < MAX_SLOTS && (freeCount == 0 || nextFreshSlot < slots.length)) {
            int index = nextFreshSlot++;
            if (index >= slots.length) {
                grow(Math.min(MAX_SLOTS, slots.length * 2));
            }
            return index;
        }
        int index = freeSlots[freeHead];
        freeHead = (freeHead + 1) % freeSlots.length;
        freeCount--;
        return index;
    }

    private void grow(int length) {
        Handle[] grown = new Handle[length];
        System.arraycopy(slots, 0, grown, 0, slots.length);
        int[] grownGenerations = new int[length];
        System.arraycopy(generations, 0, grownGenerations, 0, generations.length);
        generations = grownGenerations;
        slots = grown;
    }
}
