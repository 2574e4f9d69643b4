package dev.zxport.sys;

import java.util.HashMap;
import java.util.Map;

import static dev.zxport.sys.zircon_h.*;

/**
 * Renders rights, signals, wait-async options and object types as the constant names of the
 * Zircon headers, for traces and messages. A bit set is written as {@code A|B}, followed by
 * {@code |0x...} for bits that no constant names; zero is written as the header's name for "none"
 * ({@code ZX_RIGHT_NONE}, {@code ZX_SIGNAL_NONE}, {@code ZX_WAIT_ASYNC_ONCE}). The names are read
 * from the generated {@link zircon_h} constants, and no method throws.
 */
public final class ZxNames {
    private static final String[] RIGHT_BITS = bitNames(ZirconConstants.withPrefix("ZX_RIGHT_"));
    private static final String[] SIGNAL_BITS = signalBitNames();
    private static final String[] WAIT_ASYNC_BITS = bitNames(ZirconConstants.withPrefix("ZX_WAIT_ASYNC_"));
    private static final Map<Integer, String> OBJECT_TYPES = enumNames("ZX_OBJ_TYPE_");

    private ZxNames() {
    }

    /** Returns {@code rights} as {@code ZX_RIGHT_*} names, such as {@code "ZX_RIGHT_READ|ZX_RIGHT_WRITE"}. */
    public static String rights(int rights) {
        return flags(rights, RIGHT_BITS, "ZX_RIGHT_NONE");
    }

    /**
     * Returns {@code signals} as signal names. User signals are {@code ZX_USER_SIGNAL_0} to
     * {@code _7}, bit 23 is {@code ZX_SIGNAL_HANDLE_CLOSED}, and bits 3 and 4 carry the names of the
     * objects that zxport simulates ({@code ZX_EVENT_SIGNALED},
     * {@code ZX_VIRTUAL_INTERRUPT_UNTRIGGERED}). The other object bits, whose meaning depends on
     * the object type, use the generic {@code __ZX_OBJECT_*} names.
     */
    public static String signals(int signals) {
        return flags(signals, SIGNAL_BITS, "ZX_SIGNAL_NONE");
    }

    /** Returns the options of {@code zx_object_wait_async} as {@code ZX_WAIT_ASYNC_*} names. */
    public static String waitAsyncOptions(int options) {
        return flags(options, WAIT_ASYNC_BITS, "ZX_WAIT_ASYNC_ONCE");
    }

    /** Returns the {@code ZX_OBJ_TYPE_*} name of {@code type}, or the value in hexadecimal. */
    public static String objectType(int type) {
        String name = OBJECT_TYPES.get(type);
        return name != null ? name : "0x" + Integer.toHexString(type);
    }

    private static String flags(int value, String[] bitNames, String zeroName) {
        if (value == 0) {
            return zeroName;
        }
        StringBuilder text = new StringBuilder();
        int unnamed = 0;
        for (int bit = 0; bit < Integer.SIZE; bit++) {
            int mask = 1 << bit;
            if ((value & mask) == 0) {
                continue;
            }
            if (bitNames[bit] == null) {
                unnamed |= mask;
                continue;
            }
            if (!text.isEmpty()) {
                text.append('|');
            }
            text.append(bitNames[bit]);
        }
        if (unnamed != 0) {
            if (!text.isEmpty()) {
                text.append('|');
            }
            text.append("0x").append(Integer.toHexString(unnamed));
        }
        return text.toString();
    }

    /** Maps each bit to the first constant, by name, whose value is exactly that bit. */
    private static String[] bitNames(Map<String, Long> constants) {
        String[] names = new String[Integer.SIZE];
        constants.forEach((name, value) -> {
            int bits = (int) (long) value;
            if (Integer.bitCount(bits) == 1) {
                int bit = Integer.numberOfTrailingZeros(bits);
                if (names[bit] == null) {
                    names[bit] = name;
                }
            }
        });
        return names;
    }

    private static String[] signalBitNames() {
        String[] names = bitNames(ZirconConstants.withPrefix("__ZX_OBJECT_"));
        String[] preferred = bitNames(ZirconConstants.withPrefix("ZX_USER_SIGNAL_"));
        for (int bit = 0; bit < Integer.SIZE; bit++) {
            if (preferred[bit] != null) {
                names[bit] = preferred[bit];
            }
        }
        names[Integer.numberOfTrailingZeros(ZX_SIGNAL_HANDLE_CLOSED())] = "ZX_SIGNAL_HANDLE_CLOSED";
        names[Integer.numberOfTrailingZeros(ZX_EVENT_SIGNALED())] = "ZX_EVENT_SIGNALED";
        names[Integer.numberOfTrailingZeros(ZX_VIRTUAL_INTERRUPT_UNTRIGGERED())] = "ZX_VIRTUAL_INTERRUPT_UNTRIGGERED";
        return names;
    }

    private static Map<Integer, String> enumNames(String prefix) {
        Map<Integer, String> names = new HashMap<>();
        ZirconConstants.withPrefix(prefix).forEach((name, value) -> names.putIfAbsent((int) (long) value, name));
        return Map.copyOf(names);
    }
}
