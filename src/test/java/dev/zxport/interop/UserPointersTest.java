package dev.zxport.interop;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;

import static dev.zxport.sys.zircon_h.ZXPORT_PROBE_READ;
import static dev.zxport.sys.zircon_h.ZXPORT_PROBE_WRITE;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pointer checks, on memory that C code maps, unmaps and makes read-only. */
class UserPointersTest {
    private static CProgram library;
    private static long pageSize;

    @BeforeAll
    static void compileLibrary() throws Throwable {
        library = TestLibraries.abiProbe();
        MemorySegment function = library.symbols().find("abi_page_size").orElseThrow();
        pageSize = (long) Linker.nativeLinker().downcallHandle(function, FunctionDescriptor.of(JAVA_LONG)).invokeExact();
    }

    @Test
    void shouldAcceptNativeMemory() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment memory = arena.allocate(48);
            MemorySegment pointer = MemorySegment.ofAddress(memory.address());

            MemorySegment checked = UserPointers.writable(pointer, 48);

            assertEquals(memory.address(), checked.address());
            assertEquals(48, checked.byteSize());
        }
    }

    @Test
    void shouldKeepBytesWhenProbingWrite() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment memory = arena.allocate(3 * pageSize);
            for (long i = 0; i < memory.byteSize(); i++) {
                memory.set(JAVA_BYTE, i, (byte) (i * 31));
            }

            boolean writable = UserPointers.probe(memory.address(), memory.byteSize(), ZXPORT_PROBE_WRITE());

            assertTrue(writable);
            for (long i = 0; i < memory.byteSize(); i++) {
                assertEquals((byte) (i * 31), memory.get(JAVA_BYTE, i), "byte " + i);
            }
        }
    }

    @Test
    void shouldMapNullToNull() {
        MemorySegment checked = UserPointers.readable(MemorySegment.NULL, 48);

        assertEquals(0, checked.address());
    }

    @Test
    void shouldRejectZeroPage() {
        MemorySegment checked = UserPointers.readable(MemorySegment.ofAddress(8), 4);

        assertSame(UserPointers.BAD_POINTER, checked);
    }

    @Test
    void shouldRejectUnmappedMemory() {
        MemorySegment unmapped = pointer("abi_unmapped_address");

        boolean readable = UserPointers.probe(unmapped.address(), 4, ZXPORT_PROBE_READ());

        assertFalse(readable);
    }

    @Test
    void shouldRejectRangeIntoHole() {
        MemorySegment page = pointer("abi_page_before_hole");

        boolean wholePage = UserPointers.probe(page.address(), pageSize, ZXPORT_PROBE_WRITE());
        boolean acrossEnd = UserPointers.probe(page.address() + pageSize - 8, 16, ZXPORT_PROBE_READ());

        assertTrue(wholePage);
        assertFalse(acrossEnd);
    }

    @Test
    void shouldRejectWriteToReadOnly() {
        MemorySegment literal = pointer("abi_read_only_address");

        boolean readable = UserPointers.probe(literal.address(), 48, ZXPORT_PROBE_READ());
        boolean writable = UserPointers.probe(literal.address(), 48, ZXPORT_PROBE_WRITE());

        assertTrue(readable);
        assertFalse(writable);
    }

    @Test
    void shouldRejectWrappingRange() {
        boolean wraps = UserPointers.probe(-16L, 32, ZXPORT_PROBE_READ());

        assertFalse(wraps);
    }

    @Test
    void shouldRejectNegativeSize() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment memory = arena.allocate(8);

            MemorySegment checked = UserPointers.readable(MemorySegment.ofAddress(memory.address()), -1);

            assertSame(UserPointers.BAD_POINTER, checked);
        }
    }

    private static MemorySegment pointer(String function) {
        MemorySegment address = library.symbols().find(function).orElseThrow();
        try {
            return (MemorySegment) Linker.nativeLinker().downcallHandle(address, FunctionDescriptor.of(ADDRESS))
                    .invokeExact();
        } catch (Throwable e) {
            throw new AssertionError("calling " + function + " failed", e);
        }
    }
}
