package dev.zxport;

import dev.zxport.sys.zx_port_packet_t;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static dev.zxport.StatusNames.assertStatus;
import static dev.zxport.sys.zircon_h.*;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Handle values and the handle syscalls: {@code zx_handle_close}, {@code zx_handle_close_many},
 * {@code zx_handle_duplicate}, {@code zx_handle_replace}, and the rights of new handles.
 */
class HandleTest {
    private final SyscallFixture zx = SyscallFixture.create();
    private final Kernel kernel = zx.kernel;

    @AfterEach
    void closeFixture() {
        zx.close();
    }

    // ---------------------------------------------------------------------------------------
    // Handle values
    // ---------------------------------------------------------------------------------------

    @Test
    void handleValuesHaveLowBitsSet() {
        Set<Integer> values = new HashSet<>();

        for (int i = 0; i < 100; i++) {
            values.add(zx.createPort());
            values.add(zx.createEvent());
            values.add(zx.createInterrupt());
        }

        for (int value : values) {
            assertEquals(ZX_HANDLE_FIXED_BITS_MASK(), value & ZX_HANDLE_FIXED_BITS_MASK(),
                    () -> "handle 0x" + Integer.toHexString(value) + " must have both low bits set");
        }
    }

    @Test
    void handleValuesAreUniqueWhileOpen() {
        Set<Integer> values = new HashSet<>();

        for (int i = 0; i < 300; i++) {
            values.add(zx.createEvent());
        }

        assertEquals(300, values.size());
    }

    @Test
    void handleValuesDifferBetweenKernels() {
        try (SyscallFixture other = SyscallFixture.create()) {
            int[] first = new int[4];
            int[] second = new int[4];

            for (int i = 0; i < first.length; i++) {
                first[i] = zx.createPort();
                second[i] = other.createPort();
            }

            // Each kernel scrambles its values with its own random mask, so a value that one
            // simulated process made up or kept from another kernel does not find anything.
            assertFalse(Arrays.equals(first, second), "two kernels handed out the same handle values");
            assertNotEquals(first[0], second[0]);
        }
    }

    @Test
    void handleSeedMakesValuesReproducible() {
        try (SyscallFixture one = SyscallFixture.of(Kernel.builder().handleSeed(42).build());
             SyscallFixture two = SyscallFixture.of(Kernel.builder().handleSeed(42).build())) {

            int first = one.createPort();
            int second = two.createPort();

            assertEquals(first, second);
        }
    }

    @Test
    void closedValueIsNotReusedAtOnce() {
        int previous = zx.createEvent();

        for (int i = 0; i < 1000; i++) {
            assertStatus(ZX_OK(), kernel.zx_handle_close(previous));
            int next = zx.createEvent();

            assertNotEquals(previous, next, "a closed handle value came back at once");
            previous = next;
        }
    }

    @Test
    void staleValueDoesNotFindNewHandle() {
        int stale = zx.createEvent();
        assertStatus(ZX_OK(), kernel.zx_handle_close(stale));

        for (int i = 0; i < 200; i++) {
            zx.createEvent();
        }

        assertStatus(ZX_ERR_BAD_HANDLE(), kernel.zx_object_signal(stale, 0, ZX_USER_SIGNAL_0()));
    }

    @Test
    void valueWithClearedLowBitsIsBadHandle() {
        int event = zx.createEvent();

        int status = kernel.zx_object_signal(event & ~1, 0, ZX_USER_SIGNAL_0());

        assertStatus(ZX_ERR_BAD_HANDLE(), status);
        assertStatus(ZX_ERR_BAD_HANDLE(), kernel.zx_handle_close(event & ~2));
        assertTrue(zx.isValid(event), "the real handle must survive the attempts");
    }

    // ---------------------------------------------------------------------------------------
    // Rights of new handles
    // ---------------------------------------------------------------------------------------

    @Test
    void portHandleHasDefaultPortRights() {
        int port = zx.createPort();

        assertEquals(0x800F, zx.rights(port));
        assertEquals(ZX_DEFAULT_PORT_RIGHTS(), zx.rights(port));
    }

    @Test
    void interruptPortHasDefaultPortRights() {
        int port = zx.createPort(ZX_PORT_BIND_TO_INTERRUPT());

        assertEquals(0x800F, zx.rights(port));
    }

    @Test
    void eventHandleHasDefaultEventRights() {
        int event = zx.createEvent();

        assertEquals(0xD003, zx.rights(event));
        assertEquals(ZX_DEFAULT_EVENT_RIGHTS(), zx.rights(event));
    }

    @Test
    void interruptHandleHasDefaultInterruptRights() {
        int interrupt = zx.createInterrupt();

        assertEquals(0xD00F, zx.rights(interrupt));
        assertEquals(ZX_DEFAULT_INTERRUPT_RIGHTS(), zx.rights(interrupt));
    }

    @Test
    void portHandleLacksWaitAndSignal() {
        int port = zx.createPort();

        int rights = zx.rights(port);

        assertEquals(0, rights & ZX_RIGHT_WAIT());
        assertEquals(0, rights & ZX_RIGHT_SIGNAL());
    }

    // ---------------------------------------------------------------------------------------
    // zx_handle_close
    // ---------------------------------------------------------------------------------------

    @Test
    void closeInvalidHandleIsOk() {
        int before = kernel.handleCount();

        int status = kernel.zx_handle_close(ZX_HANDLE_INVALID());

        assertStatus(ZX_OK(), status);
        assertEquals(before, kernel.handleCount());
    }

    @Test
    void closeRemovesHandle() {
        int event = zx.createEvent();
        int before = kernel.handleCount();

        int status = kernel.zx_handle_close(event);

        assertStatus(ZX_OK(), status);
        assertFalse(zx.isValid(event));
        assertEquals(before - 1, kernel.handleCount());
    }

    @Test
    void closeTwiceGivesBadHandle() {
        int event = zx.createEvent();
        assertStatus(ZX_OK(), kernel.zx_handle_close(event));

        int status = kernel.zx_handle_close(event);

        assertStatus(ZX_ERR_BAD_HANDLE(), status);
    }

    @Test
    void closeUnknownValueGivesBadHandle() {
        int status = kernel.zx_handle_close(0x7FFF_FFFF);

        assertStatus(ZX_ERR_BAD_HANDLE(), status);
    }

    @Test
    void closeOfDuplicateKeepsOriginal() {
        int event = zx.createEvent();
        int copy = zx.duplicate(event, ZX_RIGHT_SAME_RIGHTS());

        assertStatus(ZX_OK(), kernel.zx_handle_close(copy));

        assertTrue(zx.isValid(event));
        assertFalse(zx.isValid(copy));
    }

    // ---------------------------------------------------------------------------------------
    // zx_handle_close_many
    // ---------------------------------------------------------------------------------------

    @Test
    void closeManyClosesEveryHandle() {
        int first = zx.createEvent();
        int second = zx.createPort();

        int status = kernel.zx_handle_close_many(handleArray(first, second), 2);

        assertStatus(ZX_OK(), status);
        assertFalse(zx.isValid(first));
        assertFalse(zx.isValid(second));
    }

    @Test
    void closeManySkipsInvalidEntries() {
        int first = zx.createEvent();
        int second = zx.createEvent();

        int status = kernel.zx_handle_close_many(
                handleArray(ZX_HANDLE_INVALID(), first, ZX_HANDLE_INVALID(), second), 4);

        assertStatus(ZX_OK(), status);
        assertFalse(zx.isValid(first));
        assertFalse(zx.isValid(second));
    }

    @Test
    void closeManyClosesRestAfterBadEntry() {
        int first = zx.createEvent();
        int closed = zx.createEvent();
        int last = zx.createEvent();
        assertStatus(ZX_OK(), kernel.zx_handle_close(closed));

        int status = kernel.zx_handle_close_many(handleArray(first, closed, last), 3);

        assertStatus(ZX_ERR_BAD_HANDLE(), status);
        assertFalse(zx.isValid(first), "the entry before the bad one must be closed");
        assertFalse(zx.isValid(last), "the entry after the bad one must be closed");
    }

    @Test
    void closeManyOnlyInvalidEntriesIsOk() {
        int status = kernel.zx_handle_close_many(handleArray(ZX_HANDLE_INVALID(), ZX_HANDLE_INVALID()), 2);

        assertStatus(ZX_OK(), status);
    }

    @Test
    void closeManyNullArrayGivesInvalidArgs() {
        int event = zx.createEvent();

        int status = kernel.zx_handle_close_many(MemorySegment.NULL, 1);

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        assertTrue(zx.isValid(event));
    }

    @Test
    void closeManyNullWithZeroCount() {
        int status = kernel.zx_handle_close_many(MemorySegment.NULL, 0);

        assertStatus(ZX_OK(), status);
    }

    @Test
    void closeManyCountPastArrayClosesNothing() {
        int first = zx.createEvent();
        int second = zx.createEvent();

        int status = kernel.zx_handle_close_many(handleArray(first, second), 3);

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        assertTrue(zx.isValid(first), "the array is read whole before anything is closed");
        assertTrue(zx.isValid(second));
    }

    @Test
    void closeManyAcceptsReadOnlyArray() {
        int event = zx.createEvent();

        int status = kernel.zx_handle_close_many(handleArray(event).asReadOnly(), 1);

        assertStatus(ZX_OK(), status);
        assertFalse(zx.isValid(event));
    }

    @Test
    void closeManyOnlyFirstCountEntries() {
        int first = zx.createEvent();
        int second = zx.createEvent();

        int status = kernel.zx_handle_close_many(handleArray(first, second), 1);

        assertStatus(ZX_OK(), status);
        assertFalse(zx.isValid(first));
        assertTrue(zx.isValid(second));
    }

    // ---------------------------------------------------------------------------------------
    // zx_handle_duplicate
    // ---------------------------------------------------------------------------------------

    @Test
    void duplicateSameRightsCopiesRights() {
        int event = zx.createEvent();
        MemorySegment out = zx.handleSlot();

        int status = kernel.zx_handle_duplicate(event, ZX_RIGHT_SAME_RIGHTS(), out);

        assertStatus(ZX_OK(), status);
        int copy = out.get(JAVA_INT, 0);
        assertNotEquals(event, copy);
        assertEquals(ZX_DEFAULT_EVENT_RIGHTS(), zx.rights(copy));
        assertEquals(zx.koid(event), zx.koid(copy));
    }

    @Test
    void duplicateSubsetGetsExactRights() {
        int event = zx.createEvent();

        int copy = zx.duplicate(event, ZX_RIGHT_WAIT() | ZX_RIGHT_DUPLICATE());

        assertEquals(ZX_RIGHT_WAIT() | ZX_RIGHT_DUPLICATE(), zx.rights(copy));
    }

    @Test
    void duplicateWithNoRightsIsValid() {
        int event = zx.createEvent();
        MemorySegment out = zx.handleSlot();

        int status = kernel.zx_handle_duplicate(event, ZX_RIGHT_NONE(), out);

        assertStatus(ZX_OK(), status);
        assertEquals(ZX_RIGHT_NONE(), zx.rights(out.get(JAVA_INT, 0)));
    }

    @Test
    void duplicateKeepsSource() {
        int event = zx.createEvent();

        zx.duplicate(event, ZX_RIGHT_SAME_RIGHTS());

        assertTrue(zx.isValid(event));
        assertEquals(ZX_DEFAULT_EVENT_RIGHTS(), zx.rights(event));
    }

    @Test
    void duplicateSameRightsWithOtherBitsFails() {
        int event = zx.createEvent();
        int before = kernel.handleCount();
        MemorySegment out = zx.handleSlot();

        int status = kernel.zx_handle_duplicate(event, ZX_RIGHT_SAME_RIGHTS() | ZX_RIGHT_DUPLICATE(), out);

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        assertEquals(before, kernel.handleCount());
        assertEquals(0x5A5A5A5A, out.get(JAVA_INT, 0), "nothing may be written on failure");
    }

    @Test
    void duplicateWithExtraRightFails() {
        int event = zx.createEvent();
        int before = kernel.handleCount();

        int status = kernel.zx_handle_duplicate(event, ZX_RIGHT_WAIT() | ZX_RIGHT_READ(), zx.handleSlot());

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        assertEquals(before, kernel.handleCount());
    }

    @Test
    void duplicateNeedsDuplicateRight() {
        int event = zx.createEvent();
        int restricted = zx.duplicate(event, ZX_RIGHT_WAIT() | ZX_RIGHT_SIGNAL());

        int status = kernel.zx_handle_duplicate(restricted, ZX_RIGHT_SAME_RIGHTS(), zx.handleSlot());

        assertStatus(ZX_ERR_ACCESS_DENIED(), status);
    }

    @Test
    void duplicateRightCheckedBeforeSubset() {
        int event = zx.createEvent();
        int restricted = zx.duplicate(event, ZX_RIGHT_WAIT());

        int status = kernel.zx_handle_duplicate(restricted, ZX_RIGHT_READ(), zx.handleSlot());

        assertStatus(ZX_ERR_ACCESS_DENIED(), status);
    }

    @Test
    void duplicateBadHandle() {
        int status = kernel.zx_handle_duplicate(0x7FFF_FFFF, ZX_RIGHT_SAME_RIGHTS(), zx.handleSlot());

        assertStatus(ZX_ERR_BAD_HANDLE(), status);
    }

    @Test
    void duplicateOfClosedHandle() {
        int event = zx.createEvent();
        assertStatus(ZX_OK(), kernel.zx_handle_close(event));

        int status = kernel.zx_handle_duplicate(event, ZX_RIGHT_SAME_RIGHTS(), zx.handleSlot());

        assertStatus(ZX_ERR_BAD_HANDLE(), status);
    }

    // ---------------------------------------------------------------------------------------
    // zx_handle_replace
    // ---------------------------------------------------------------------------------------

    @Test
    void replaceClosesSourceOnSuccess() {
        int event = zx.createEvent();
        long koid = zx.koid(event);
        MemorySegment out = zx.handleSlot();

        int status = kernel.zx_handle_replace(event, ZX_RIGHT_WAIT(), out);

        assertStatus(ZX_OK(), status);
        int replacement = out.get(JAVA_INT, 0);
        assertFalse(zx.isValid(event));
        assertEquals(ZX_RIGHT_WAIT(), zx.rights(replacement));
        assertEquals(koid, zx.koid(replacement));
    }

    @Test
    void replaceSameRightsKeepsRights() {
        int port = zx.createPort();
        MemorySegment out = zx.handleSlot();

        int status = kernel.zx_handle_replace(port, ZX_RIGHT_SAME_RIGHTS(), out);

        assertStatus(ZX_OK(), status);
        assertEquals(ZX_DEFAULT_PORT_RIGHTS(), zx.rights(out.get(JAVA_INT, 0)));
    }

    @Test
    void replaceNeedsNoRight() {
        int event = zx.createEvent();
        int powerless = zx.duplicate(event, ZX_RIGHT_NONE());
        MemorySegment out = zx.handleSlot();

        int status = kernel.zx_handle_replace(powerless, ZX_RIGHT_NONE(), out);

        assertStatus(ZX_OK(), status);
        assertFalse(zx.isValid(powerless));
        assertEquals(ZX_RIGHT_NONE(), zx.rights(out.get(JAVA_INT, 0)));
    }

    @Test
    void replaceWithExtraRightClosesSource() {
        int event = zx.createEvent();
        int before = kernel.handleCount();
        MemorySegment out = zx.handleSlot();

        int status = kernel.zx_handle_replace(event, ZX_RIGHT_READ(), out);

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        assertFalse(zx.isValid(event), "the kernel closes the source when the rights are not a subset");
        assertEquals(before - 1, kernel.handleCount());
        assertEquals(0x5A5A5A5A, out.get(JAVA_INT, 0), "nothing may be written on failure");
    }

    @Test
    void replaceSameRightsWithOtherBitsClosesSource() {
        int event = zx.createEvent();

        int status = kernel.zx_handle_replace(event, ZX_RIGHT_SAME_RIGHTS() | ZX_RIGHT_WAIT(), zx.handleSlot());

        assertStatus(ZX_ERR_INVALID_ARGS(), status);
        assertFalse(zx.isValid(event));
    }

    @Test
    void replaceBadHandleChangesNothing() {
        int event = zx.createEvent();
        int before = kernel.handleCount();

        int status = kernel.zx_handle_replace(event ^ 0x100, ZX_RIGHT_SAME_RIGHTS(), zx.handleSlot());

        assertStatus(ZX_ERR_BAD_HANDLE(), status);
        assertEquals(before, kernel.handleCount());
        assertTrue(zx.isValid(event));
    }

    @Test
    void replaceKeepsQueuedPackets() {
        int port = zx.createPort();
        zx.queue(port, 7);
        MemorySegment out = zx.handleSlot();

        assertStatus(ZX_OK(), kernel.zx_handle_replace(port, ZX_RIGHT_SAME_RIGHTS(), out));
        int replacement = out.get(JAVA_INT, 0);

        assertEquals(7, zx_port_packet_t.key(zx.take(replacement)),
                "replacing the only handle must not free the port");
    }

    // ---------------------------------------------------------------------------------------
    // Handle table limit
    // ---------------------------------------------------------------------------------------

    @Test
    void createPastHandleLimitIsNoMemory() {
        try (SyscallFixture limited = SyscallFixture.of(Kernel.builder().maxHandles(2).build())) {
            limited.createEvent();
            limited.createPort();
            MemorySegment out = limited.handleSlot();

            int event = limited.kernel.zx_event_create(0, out);
            int port = limited.kernel.zx_port_create(0, out);
            int interrupt = limited.kernel.zx_interrupt_create(ZX_HANDLE_INVALID(), 0, ZX_INTERRUPT_VIRTUAL(), out);

            assertStatus(ZX_ERR_NO_MEMORY(), event);
            assertStatus(ZX_ERR_NO_MEMORY(), port);
            assertStatus(ZX_ERR_NO_MEMORY(), interrupt);
            assertEquals(2, limited.kernel.handleCount());
            assertEquals(0x5A5A5A5A, out.get(JAVA_INT, 0), "nothing may be written on failure");
        }
    }

    @Test
    void duplicatePastHandleLimitIsNoMemory() {
        try (SyscallFixture limited = SyscallFixture.of(Kernel.builder().maxHandles(1).build())) {
            int event = limited.createEvent();

            int status = limited.kernel.zx_handle_duplicate(event, ZX_RIGHT_SAME_RIGHTS(), limited.handleSlot());

            assertStatus(ZX_ERR_NO_MEMORY(), status);
            assertTrue(limited.isValid(event));
            assertEquals(1, limited.kernel.handleCount());
        }
    }

    @Test
    void closingFreesRoomUnderHandleLimit() {
        try (SyscallFixture limited = SyscallFixture.of(Kernel.builder().maxHandles(1).build())) {
            int event = limited.createEvent();
            assertStatus(ZX_OK(), limited.kernel.zx_handle_close(event));

            int status = limited.kernel.zx_port_create(0, limited.handleSlot());

            assertStatus(ZX_OK(), status);
        }
    }

    private MemorySegment handleArray(int... values) {
        MemorySegment array = zx.arena.allocate(JAVA_INT, values.length);
        for (int i = 0; i < values.length; i++) {
            array.setAtIndex(JAVA_INT, i, values[i]);
        }
        return array;
    }
}
