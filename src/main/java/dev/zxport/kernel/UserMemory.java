package dev.zxport.kernel;

import java.lang.foreign.MemorySegment;

/**
 * Checks on caller memory, made before a syscall changes any state, so that a bad pointer
 * returns {@code ZX_ERR_INVALID_ARGS} and loses nothing. A segment is rejected when it is
 * {@code NULL} or points into the zero page, is shorter than the C type, belongs to a closed
 * arena or to a confined arena of another thread, or (for output) is read-only. Misaligned
 * segments are accepted, because the Zircon kernel copies user memory byte by byte.
 */
public final class UserMemory {
    /** The first page is never mapped, so a native address below this is a bad pointer. */
    private static final long ZERO_PAGE_END = 4096;

    private UserMemory() {
    }

    /** Returns true when {@code segment} is the C NULL pointer. */
    public static boolean isNull(MemorySegment segment) {
        return segment == null || (segment.isNative() && segment.address() == 0);
    }

    /** Returns true when {@code size} bytes can be read from the start of {@code segment}. */
    public static boolean isReadable(MemorySegment segment, long size) {
        return segment != null
                && !(segment.isNative() && segment.address() < ZERO_PAGE_END)
                && segment.byteSize() >= size
                && segment.scope().isAlive()
                && segment.isAccessibleBy(Thread.currentThread());
    }

    /** Returns true when {@code size} bytes can be written at the start of {@code segment}. */
    public static boolean isWritable(MemorySegment segment, long size) {
        return isReadable(segment, size) && !segment.isReadOnly();
    }
}
