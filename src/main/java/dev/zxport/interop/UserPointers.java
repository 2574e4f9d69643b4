package dev.zxport.interop;

import dev.zxport.sys.zircon_h;

import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static dev.zxport.sys.zircon_h.ZXPORT_PROBE_READ;
import static dev.zxport.sys.zircon_h.ZXPORT_PROBE_WRITE;
import static dev.zxport.sys.zircon_h.ZX_OK;

/**
 * Turns raw pointers from C into segments that {@link dev.zxport.Kernel} can check. The kernel
 * rejects {@code NULL}, too-short, read-only and zero-page segments with
 * {@code ZX_ERR_INVALID_ARGS} at the point of each syscall where Zircon copies user memory, and
 * treats {@code NULL} as "not requested" for optional outputs. So each check returns
 * {@link MemorySegment#NULL} for {@code NULL}, the pointer resized to its C size when the memory
 * is accessible, and {@link #BAD_POINTER} (a segment in the zero page) when it is not.
 *
 * <p>Accessibility is tested by {@code zxport_shim_probe}, which never dereferences the pointer,
 * so unmapped or read-only memory gives a status instead of a fault. It costs one system call per
 * pointer to read and two per pointer to write (for ranges within 16 pages). NOTE: the probe and the
 * kernel's later access are two steps, so a C thread that unmaps the memory between them can
 * still crash the process, as it could crash itself.
 */
final class UserPointers {
    /** Segment passed in place of a pointer to inaccessible memory; the kernel rejects it because it lies in the zero page. */
    static final MemorySegment BAD_POINTER = MemorySegment.ofAddress(1);

    private UserPointers() {
    }

    /** Returns {@code pointer} resized to {@code size} readable bytes, or NULL or {@link #BAD_POINTER}. */
    static MemorySegment readable(MemorySegment pointer, long size) {
        return check(pointer, size, ZXPORT_PROBE_READ());
    }

    /** Returns {@code pointer} resized to {@code size} writable bytes, or NULL or {@link #BAD_POINTER}. */
    static MemorySegment writable(MemorySegment pointer, long size) {
        return check(pointer, size, ZXPORT_PROBE_WRITE());
    }

    /** Returns whether {@code size} bytes at {@code address} allow {@code access} ({@code ZXPORT_PROBE_READ} or {@code ZXPORT_PROBE_WRITE}). */
    static boolean probe(long address, long size, int access) {
        try {
            return (int) Probe.HANDLE.invokeExact(MemorySegment.ofAddress(address), size, access) == ZX_OK();
        } catch (Throwable e) {
            // The downcall has no checked failure; anything here is a broken shim.
            throw new IllegalStateException("zxport_shim_probe failed", e);
        }
    }

    private static MemorySegment check(MemorySegment pointer, long size, int access) {
        long address = pointer.address();
        if (address == 0) {
            return MemorySegment.NULL;
        }
        if (size < 0 || !probe(address, size, access)) {
            return BAD_POINTER;
        }
        return pointer.reinterpret(size);
    }

    // Initialized on first use, after Shim has loaded the library that defines the symbol.
    private static final class Probe {
        // A critical downcall skips the thread-state transition: the probe makes a few
        // short system calls that never block, and it never calls back into Java.
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(
                zircon_h.zxport_shim_probe$address(),
                zircon_h.zxport_shim_probe$descriptor(),
                Linker.Option.critical(false));
    }
}
