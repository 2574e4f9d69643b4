package dev.zxport.model;

import dev.zxport.model.ReferenceKernel.Ptr;

import java.util.List;

/** One step of a generated syscall sequence; handles are named by {@link HandleRef}. */
sealed interface Op {
    /** How a step names a handle value. */
    enum RefKind {
        /** A live handle to an object of the type the syscall expects, most recent first. */
        LIVE,
        /** A value the kernel returned earlier in the sequence, live or closed, most recent first. */
        SLOT,
        /** {@code ZX_HANDLE_INVALID}. */
        INVALID,
        /** A returned value with bit 0 cleared, which no valid handle has. */
        LOW_BIT_CLEARED,
        /** A returned value XORed with 4: another slot index with the same shape. */
        XOR_4,
        /** A value that another kernel returned. */
        FOREIGN,
        /** An arbitrary value with both low bits set. */
        RAW
    }

    /** Object types a handle argument expects, which {@link RefKind#LIVE} prefers. */
    enum Want { PORT, WAITABLE, INTERRUPT, ANY }

    /**
     * A handle value chosen by kind; {@code index} counts back from the newest candidate (modulo
     * their number) or picks a foreign value, and {@code want} is the type the argument expects.
     */
    record HandleRef(RefKind kind, int index, int raw, Want want) {
    }

    /** A wait deadline that never blocks: the infinite past, zero, or exactly now. */
    enum Deadline { INFINITE_PAST, ZERO, NOW }

    record PortCreate(int options, Ptr out) implements Op {
    }

    record EventCreate(int options, Ptr out) implements Op {
    }

    record InterruptCreate(HandleRef source, int options, Ptr out) implements Op {
    }

    record PortQueue(HandleRef port, long key, int type, int status, long payloadSeed, Ptr packet) implements Op {
    }

    record PortWait(HandleRef port, Deadline deadline, Ptr packet) implements Op {
    }

    record PortCancel(HandleRef port, HandleRef source, long key) implements Op {
    }

    record PortCancelKey(HandleRef port, int options, long key) implements Op {
    }

    record WaitAsync(HandleRef handle, HandleRef port, long key, int signals, int options) implements Op {
    }

    record WaitOne(HandleRef handle, int signals, Deadline deadline, Ptr observed) implements Op {
    }

    record Signal(HandleRef handle, int clearMask, int setMask) implements Op {
    }

    record GetInfo(HandleRef handle, int topic, long bufferSize, Ptr buffer, Ptr actual, Ptr avail) implements Op {
    }

    record Close(HandleRef handle) implements Op {
    }

    record CloseMany(List<HandleRef> handles, Ptr array) implements Op {
    }

    record Duplicate(HandleRef handle, int rights, Ptr out) implements Op {
    }

    record Replace(HandleRef handle, int rights, Ptr out) implements Op {
    }

    record InterruptBind(HandleRef interrupt, HandleRef port, long key, int options) implements Op {
    }

    record InterruptTrigger(HandleRef interrupt, int options, long timestamp) implements Op {
    }

    record InterruptAck(HandleRef interrupt) implements Op {
    }

    record InterruptDestroy(HandleRef interrupt) implements Op {
    }

    record InterruptWait(HandleRef interrupt, Ptr out) implements Op {
    }

    record AdvanceClock(long nanos) implements Op {
    }

    record DeadlineAfter(long nanos) implements Op {
    }
}
