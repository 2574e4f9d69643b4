package dev.zxport.sys;

import dev.zxport.interop.IncludeList;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.zxport.sys.zircon_h.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZxStatusTest {
    @Test
    void everyErrorConstantHasItsName() throws ReflectiveOperationException {
        List<String> errors = IncludeList.load().names(IncludeList.Kind.CONSTANT).stream()
                .filter(name -> name.startsWith("ZX_ERR_"))
                .toList();

        assertEquals(46, errors.size(), "ZX_ERR_* constants in includes.txt");
        for (String name : errors) {
            int value = (int) zircon_h.class.getMethod(name).invoke(null);
            assertEquals(name, ZxStatus.name(value), "name of " + value);
        }
    }

    @Test
    void nameOfOkAndKnownErrors() {
        assertEquals("ZX_OK", ZxStatus.name(0));
        assertEquals("ZX_ERR_SHOULD_WAIT", ZxStatus.name(-22));
        assertEquals("ZX_ERR_INTERNAL_INTR_KILLED", ZxStatus.name(-502));
    }

    @Test
    void nameOfUnknownKeepsNumber() {
        assertEquals("ZX_ERR_<unknown -99>", ZxStatus.name(-99));
        assertEquals("ZX_ERR_<unknown -5>", ZxStatus.name(-5));
        assertEquals("ZX_ERR_<unknown 1>", ZxStatus.name(1));
        assertEquals("ZX_ERR_<unknown -2147483648>", ZxStatus.name(Integer.MIN_VALUE));
    }

    @Test
    void isOkOnlyForZero() {
        assertTrue(ZxStatus.isOk(ZX_OK()));
        assertFalse(ZxStatus.isOk(ZX_ERR_TIMED_OUT()));
        assertFalse(ZxStatus.isOk(1));
    }
}
