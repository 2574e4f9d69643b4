package dev.zxport.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Zeroed off-heap memory whose pages are committed only when first touched.
 *
 * <p>{@link Arena#allocate} writes zeros over the whole block, so every page of a port's ring
 * would be resident from the start, half a megabyte per port at the default limit. On Linux
 * this class maps anonymous memory instead, which the kernel hands out as zero pages on demand,
 * so an idle port costs a page or two. The mapping is unmapped when the arena closes. Elsewhere
 * it falls back to {@link Arena#allocate}.
 */
final class NativeMemory {
    private static final int PROT_READ_WRITE = 0x1 | 0x2;
    /** MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, the same values on x86_64 and aarch64 Linux. */
    private static final int MAP_FLAGS = 0x02 | 0x20 | 0x4000;
    private static final long MAP_FAILED = -1;

    private static final MethodHandle MMAP;
    private static final MethodHandle MUNMAP;

    static {
        Linker linker = Linker.nativeLinker();
        boolean linux = System.getProperty("os.name", "").startsWith("Linux");
        Optional<MemorySegment> mmap = linux ? linker.defaultLookup().find("mmap") : Optional.empty();
        Optional<MemorySegment> munmap = linux ? linker.defaultLookup().find("munmap") : Optional.empty();
        if (mmap.isPresent() && munmap.isPresent()) {
            MMAP = linker.downcallHandle(mmap.get(),
                    FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
            MUNMAP = linker.downcallHandle(munmap.get(), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
        } else {
            MMAP = null;
            MUNMAP = null;
        }
    }

    private NativeMemory() {
    }

    /**
     * Returns {@code size} zeroed bytes aligned to at least {@code alignment} (at most a page),
     * freed when {@code arena} closes.
     *
     * @throws OutOfMemoryError when the memory cannot be mapped or allocated
     */
    static MemorySegment allocateZeroed(Arena arena, long size, long alignment) {
        if (MMAP == null) {
            return arena.allocate(size, alignment);
        }
        MemorySegment address;
        try {
            address = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, size, PROT_READ_WRITE, MAP_FLAGS, -1, 0L);
        } catch (Throwable e) {
            throw new IllegalStateException("mmap downcall failed", e);
        }
        if (address.address() == MAP_FAILED) {
            throw new OutOfMemoryError("mmap of " + size + " bytes failed");
        }
        return address.reinterpret(size, arena, NativeMemory::unmap);
    }

    private static void unmap(MemorySegment segment) {
        try {
            int result = (int) MUNMAP.invokeExact(segment, segment.byteSize());
            assert result == 0 : "munmap failed for " + segment;
        } catch (Throwable e) {
            throw new IllegalStateException("munmap downcall failed", e);
        }
    }
}
