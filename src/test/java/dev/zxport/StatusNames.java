package dev.zxport;

import dev.zxport.sys.ZxStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Status assertions whose failure messages name both statuses. */
final class StatusNames {
    private StatusNames() {
    }

    /** Returns the {@code ZX_*} name of {@code status} with its value, for messages. */
    static String name(int status) {
        return ZxStatus.name(status) + " (" + status + ")";
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
}
