package dev.zxport;

import dev.zxport.sys.zircon_h;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Status names for failure messages, read from the generated constants so they match the headers. */
final class StatusNames {
    private static final Map<Integer, String> NAMES = loadNames();

    private StatusNames() {
    }

    /** Returns the {@code ZX_*} name of {@code status}, or its decimal value when it has none. */
    static String name(int status) {
        String name = NAMES.get(status);
        return name != null ? name + " (" + status + ")" : "unknown status " + status;
    }

    /** Asserts that a syscall returned {@code expected}, naming both statuses on failure. */
    static void assertStatus(int expected, int actual) {
        assertEquals(expected, actual, () -> "expected " + name(expected) + " but got " + name(actual));
    }

    /** Same as {@link #assertStatus(int, int)}, with {@code context} in front of the message. */
    static void assertStatus(int expected, int actual, String context) {
        assertEquals(expected, actual,
                () -> context + ": expected " + name(expected) + " but got " + name(actual));
    }

    private static Map<Integer, String> loadNames() {
        Map<Integer, String> names = new HashMap<>();
        for (Method method : zircon_h.class.getMethods()) {
            String methodName = method.getName();
            boolean isStatus = methodName.equals("ZX_OK") || methodName.startsWith("ZX_ERR_");
            if (isStatus && method.getParameterCount() == 0 && Modifier.isStatic(method.getModifiers())
                    && method.getReturnType() == int.class) {
                try {
                    names.putIfAbsent((Integer) method.invoke(null), methodName);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + methodName, e);
                }
            }
        }
        return names;
    }
}
