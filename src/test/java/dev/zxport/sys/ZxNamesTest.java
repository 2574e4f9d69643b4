package dev.zxport.sys;

import org.junit.jupiter.api.Test;

import static dev.zxport.sys.zircon_h.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ZxNamesTest {
    @Test
    void rightsOfDefaultPortRights() {
        assertEquals("ZX_RIGHT_DUPLICATE|ZX_RIGHT_TRANSFER|ZX_RIGHT_READ|ZX_RIGHT_WRITE|ZX_RIGHT_INSPECT",
                ZxNames.rights(ZX_DEFAULT_PORT_RIGHTS()));
    }

    @Test
    void rightsOfNoneAndUnnamedBits() {
        assertEquals("ZX_RIGHT_NONE", ZxNames.rights(0));
        assertEquals("ZX_RIGHT_SAME_RIGHTS", ZxNames.rights(ZX_RIGHT_SAME_RIGHTS()));
        assertEquals("ZX_RIGHT_WAIT|0x6000000", ZxNames.rights(ZX_RIGHT_WAIT() | 0x0600_0000));
    }

    @Test
    void rightsNameEverySingleRight() {
        ZirconConstants.withPrefix("ZX_RIGHT_").forEach((name, value) -> {
            if (Integer.bitCount((int) (long) value) == 1) {
                assertEquals(name, ZxNames.rights((int) (long) value));
            }
        });
    }

    @Test
    void signalsOfEventAndUserBits() {
        assertEquals("ZX_EVENT_SIGNALED|ZX_USER_SIGNAL_0|ZX_USER_SIGNAL_7",
                ZxNames.signals(ZX_EVENT_SIGNALED() | ZX_USER_SIGNAL_0() | ZX_USER_SIGNAL_7()));
        assertEquals("ZX_VIRTUAL_INTERRUPT_UNTRIGGERED", ZxNames.signals(ZX_VIRTUAL_INTERRUPT_UNTRIGGERED()));
        assertEquals("ZX_SIGNAL_HANDLE_CLOSED", ZxNames.signals(ZX_SIGNAL_HANDLE_CLOSED()));
        assertEquals("__ZX_OBJECT_READABLE|__ZX_OBJECT_SIGNAL_22", ZxNames.signals(1 | 1 << 22));
        assertEquals("ZX_SIGNAL_NONE", ZxNames.signals(0));
    }

    @Test
    void signalsNameAllThirtyTwoBits() {
        for (int bit = 0; bit < 32; bit++) {
            String name = ZxNames.signals(1 << bit);

            assertFalse(name.startsWith("0x"), "bit " + bit + " has no name: " + name);
        }
    }

    @Test
    void waitAsyncOptionsNames() {
        assertEquals("ZX_WAIT_ASYNC_ONCE", ZxNames.waitAsyncOptions(0));
        assertEquals("ZX_WAIT_ASYNC_TIMESTAMP|ZX_WAIT_ASYNC_EDGE", ZxNames.waitAsyncOptions(3));
        assertEquals("ZX_WAIT_ASYNC_BOOT_TIMESTAMP|0x10", ZxNames.waitAsyncOptions(0x14));
        assertEquals("0x8", ZxNames.waitAsyncOptions(8));
    }

    @Test
    void objectTypeNames() {
        assertEquals("ZX_OBJ_TYPE_PORT", ZxNames.objectType(ZX_OBJ_TYPE_PORT()));
        assertEquals("ZX_OBJ_TYPE_EVENT", ZxNames.objectType(5));
        assertEquals("ZX_OBJ_TYPE_INTERRUPT", ZxNames.objectType(9));
        assertEquals("0x7", ZxNames.objectType(7));
        assertEquals("0xffffffff", ZxNames.objectType(-1));
    }
}
