package dev.zxport;

import dev.zxport.sys.zx_info_handle_basic_t;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.util.HashSet;
import java.util.Set;

import static dev.zxport.StatusNames.assertStatus;
import static dev.zxport.sys.zircon_h.*;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code zx_object_get_info} with the topics {@code ZX_INFO_HANDLE_VALID} and {@code ZX_INFO_HANDLE_BASIC}. */
class ObjectGetInfoTest {
    private static final long RECORD_SIZE = 32;
    private static final byte FILL = (byte) 0xA5;

    private final SyscallFixture zx = SyscallFixture.create();
    private final Kernel kernel = zx.kernel;

    @AfterEach
    void closeFixture() {
        zx.close();
    }

    // ---------------------------------------------------------------------------------------
    // ZX_INFO_HANDLE_VALID
    // ---------------------------------------------------------------------------------------

    @Test
    void handleValidForOpenHandle() {
        int event = zx.createEvent();

        int status = kernel.zx_object_get_info(event, ZX_INFO_HANDLE_VALID(), MemorySegment.NULL, 0,
                MemorySegment.NULL, MemorySegment.NULL);

        assertStatus(ZX_OK(), status);
    }

    @Test
    void handleValidForClosedHandle() {
        int event = zx.createEvent();
        assertStatus(ZX_OK(), kernel.zx_handle_close(event));

        int status = kernel.zx_object_get_info(event, ZX_INFO_HANDLE_VALID(), MemorySegment.NULL, 0,
                MemorySegment.NULL, MemorySegment.NULL);

        assertStatus(ZX_ERR_BAD_HANDLE(), status);
    }

    @Test
    void handleValidForInvalidHandle() {
        int status = kernel.zx_object_get_info(ZX_HANDLE_INVALID(), ZX_INFO_HANDLE_VALID(), MemorySegment.NULL, 0,
                MemorySegment.NULL, MemorySegment.NULL);

        assertStatus(ZX_ERR_BAD_HANDLE(), status);
    }

    @Test
    void handleValidWritesNoRecord() {
        int port = zx.createPort();
        MemorySegment buffer = filled(64);

        int status = kernel.zx_object_get_info(port, ZX_INFO_HANDLE_VALID(), buffer, buffer.byteSize(),
                MemorySegment.NULL, MemorySegment.NULL);

        assertStatus(ZX_OK(), status);
        assertUnchanged(buffer);
    }

    @Test
    void handleValidNeedsNoRight() {
        int powerless = zx.duplicate(zx.createEvent(), ZX_RIGHT_NONE());

        int status = kernel.zx_object_get_info(powerless, ZX_INFO_HANDLE_VALID(), MemorySegment.NULL, 0,
                MemorySegment.NULL, MemorySegment.NULL);

        assertStatus(ZX_OK(), status);
    }

    // ---------------------------------------------------------------------------------------
    // ZX_INFO_HANDLE_BASIC
    // ---------------------------------------------------------------------------------------

    @Test
    void basicRecordOfPort() {
        int port = zx.createPort();
        MemorySegment buffer = filled(RECORD_SIZE);
        MemorySegment actual = counter();
        MemorySegment avail = counter();

        int status = kernel.zx_object_get_info(port, ZX_INFO_HANDLE_BASIC(), buffer, RECORD_SIZE, actual, avail);

        assertStatus(ZX_OK(), status);
        assertTrue(zx_info_handle_basic_t.koid(buffer) >= ZX_KOID_FIRST());
        assertEquals(ZX_DEFAULT_PORT_RIGHTS(), zx_info_handle_basic_t.rights(buffer));
        assertEquals(ZX_OBJ_TYPE_PORT(), zx_info_handle_basic_t.type(buffer));
        assertEquals(0, zx_info_handle_basic_t.related_koid(buffer));
        assertEquals(0, zx_info_handle_basic_t.reserved(buffer));
        assertEquals(0, buffer.get(JAVA_BYTE, 28), "padding byte 28");
        assertEquals(0, buffer.get(JAVA_BYTE, 29), "padding byte 29");
        assertEquals(0, buffer.get(JAVA_BYTE, 30), "padding byte 30");
        assertEquals(0, buffer.get(JAVA_BYTE, 31), "padding byte 31");
        assertEquals(1, actual.get(JAVA_LONG, 0));
        assertEquals(1, avail.get(JAVA_LONG, 0));
    }

    @Test
    void basicRecordOfEvent() {
        int event = zx.createEvent();

        MemorySegment info = zx.basicInfo(event);

        assertEquals(ZX_OBJ_TYPE_EVENT(), zx_info_handle_basic_t.type(info));
        assertEquals(ZX_DEFAULT_EVENT_RIGHTS(), zx_info_handle_basic_t.rights(info));
        assertEquals(0, zx_info_handle_basic_t.related_koid(info));
    }

    @Test
    void basicRecordOfInterrupt() {
        int interrupt = zx.createInterrupt();

        MemorySegment info = zx.basicInfo(interrupt);

        assertEquals(ZX_OBJ_TYPE_INTERRUPT(), zx_info_handle_basic_t.type(info));
        assertEquals(ZX_DEFAULT_INTERRUPT_RIGHTS(), zx_info_handle_basic_t.rights(info));
        assertEquals(0, zx_info_handle_basic_t.related_koid(info));
    }

    @Test
    void basicShowsRightsOfThisHandle() {
        int event = zx.createEvent();
        int restricted = zx.duplicate(event, ZX_RIGHT_WAIT());

        int rights = zx.rights(restricted);

        assertEquals(ZX_RIGHT_WAIT(), rights);
    }

    @Test
    void basicNeedsNoRight() {
        int powerless = zx.duplicate(zx.createInterrupt(), ZX_RIGHT_NONE());
        MemorySegment buffer = filled(RECORD_SIZE);

        int status = kernel.zx_object_get_info(powerless, ZX_INFO_HANDLE_BASIC(), buffer, RECORD_SIZE,
                MemorySegment.NULL, MemorySegment.NULL);

        assertStatus(ZX_OK(), status);
        assertEquals(ZX_RIGHT_NONE(), zx_info_handle_basic_t.rights(buffer));
    }

    @Test
    void basicAcceptsNullActualAndAvail() {
        int event = zx.createEvent();
        MemorySegment buffer = filled(RECORD_SIZE);

        int status = kernel.zx_object_get_info(event, ZX_INFO_HANDLE_BASIC(), buffer, RECORD_SIZE,
                MemorySegment.NULL, MemorySegment.NULL);

        assertStatus(ZX_OK(), status);
        assertEquals(ZX_OBJ_TYPE_EVENT(), zx_info_handle_basic_t.type(buffer));
    }

    @Test
    void basicBufferTooSmall() {
        int event = zx.createEvent();
        MemorySegment buffer = filled(RECORD_SIZE);
        MemorySegment actual = counter();
        MemorySegment avail = counter();

        int status = kernel.zx_object_get_info(event, ZX_INFO_HANDLE_BASIC(), buffer, RECORD_SIZE - 1, actual, avail);

        assertStatus(ZX_ERR_BUFFER_TOO_SMALL(), status);
        assertEquals(0, actual.get(JAVA_LONG, 0));
        assertEquals(1, avail.get(JAVA_LONG, 0));
        assertUnchanged(buffer);
    }

    @Test
    void basicNullBufferOfSizeZero() {
        int event = zx.createEvent();
        MemorySegment actual = counter();
        MemorySegment avail = counter();

        int status = kernel.zx_object_get_info(event, ZX_INFO_HANDLE_BASIC(), MemorySegment.NULL, 0, actual, avail);

        assertStatus(ZX_ERR_BUFFER_TOO_SMALL(), status);
        assertEquals(0, actual.get(JAVA_LONG, 0));
        assertEquals(1, avail.get(JAVA_LONG, 0));
    }

    @Test
    void basicTooSmallWithNullCounters() {
        int event = zx.createEvent();

        int status = kernel.zx_object_get_info(event, ZX_INFO_HANDLE_BASIC(), MemorySegment.NULL, 0,
                MemorySegment.NULL, MemorySegment.NULL);

        assertStatus(ZX_ERR_BUFFER_TOO_SMALL(), status);
    }

    @Test
    void basicLargerBufferGetsOneRecord() {
        int event = zx.createEvent();
        MemorySegment buffer = filled(2 * RECORD_SIZE);
        MemorySegment actual = counter();
        MemorySegment avail = counter();

        int status = kernel.zx_object_get_info(event, ZX_INFO_HANDLE_BASIC(), buffer, buffer.byteSize(),
                actual, avail);

        assertStatus(ZX_OK(), status);
        assertEquals(1, actual.get(JAVA_LONG, 0));
        assertEquals(1, avail.get(JAVA_LONG, 0));
        for (long offset = RECORD_SIZE; offset < buffer.byteSize(); offset++) {
            assertEquals(FILL, buffer.get(JAVA_BYTE, offset), "byte " + offset + " lies past the one record");
        }
    }

    @Test
    void basicBadHandle() {
        int event = zx.createEvent();
        assertStatus(ZX_OK(), kernel.zx_handle_close(event));
        MemorySegment buffer = filled(RECORD_SIZE);

        int status = kernel.zx_object_get_info(event, ZX_INFO_HANDLE_BASIC(), buffer, RECORD_SIZE,
                MemorySegment.NULL, MemorySegment.NULL);

        assertStatus(ZX_ERR_BAD_HANDLE(), status);
        assertUnchanged(buffer);
    }

    @Test
    void badHandleWinsOverSmallBuffer() {
        int status = kernel.zx_object_get_info(0x1234_5673, ZX_INFO_HANDLE_BASIC(), MemorySegment.NULL, 0,
                MemorySegment.NULL, MemorySegment.NULL);

        assertStatus(ZX_ERR_BAD_HANDLE(), status);
    }

    // ---------------------------------------------------------------------------------------
    // Koids
    // ---------------------------------------------------------------------------------------

    @Test
    void koidsAreUniqueAndFromFirst() {
        Set<Long> koids = new HashSet<>();

        for (int i = 0; i < 50; i++) {
            koids.add(zx.koid(zx.createPort()));
            koids.add(zx.koid(zx.createEvent()));
            koids.add(zx.koid(zx.createInterrupt()));
        }

        assertEquals(150, koids.size());
        for (long koid : koids) {
            assertTrue(koid >= ZX_KOID_FIRST(), () -> "koid " + koid + " is below ZX_KOID_FIRST");
        }
    }

    @Test
    void koidIsNotReusedAfterClose() {
        Set<Long> seen = new HashSet<>();

        for (int i = 0; i < 100; i++) {
            int event = zx.createEvent();
            long koid = zx.koid(event);
            assertTrue(seen.add(koid), () -> "koid " + koid + " was handed out twice");
            assertStatus(ZX_OK(), kernel.zx_handle_close(event));
        }
    }

    @Test
    void duplicateSharesKoid() {
        int event = zx.createEvent();

        int copy = zx.duplicate(event, ZX_RIGHT_WAIT());

        assertEquals(zx.koid(event), zx.koid(copy));
    }

    // ---------------------------------------------------------------------------------------
    // Other topics
    // ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 4, 9, 0x7FFF_FFFF, -1})
    void otherTopicIsNotSupported(int topic) {
        int event = zx.createEvent();
        MemorySegment buffer = filled(256);

        int status = kernel.zx_object_get_info(event, topic, buffer, buffer.byteSize(), counter(), counter());

        assertStatus(ZX_ERR_NOT_SUPPORTED(), status);
    }

    private MemorySegment filled(long size) {
        MemorySegment segment = zx.arena.allocate(size, 8);
        segment.fill(FILL);
        return segment;
    }

    /** Returns a {@code size_t} out parameter holding a marker value. */
    private MemorySegment counter() {
        MemorySegment counter = zx.arena.allocate(JAVA_LONG);
        counter.set(JAVA_LONG, 0, 0x5A5A_5A5AL);
        return counter;
    }

    private static void assertUnchanged(MemorySegment buffer) {
        for (long offset = 0; offset < buffer.byteSize(); offset++) {
            assertEquals(FILL, buffer.get(JAVA_BYTE, offset), "byte " + offset + " must stay as it was");
        }
    }
}
