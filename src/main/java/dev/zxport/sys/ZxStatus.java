package dev.zxport.sys;

import java.util.HashMap;
import java.util.Map;

/**
 * Names of {@code zx_status_t} values, for messages and traces. The table contains {@code ZX_OK}
 * and every {@code ZX_ERR_*} constant that jextract generated from errors.h, so a status added
 * to the header gets its name on the next regeneration.
 */
public final class ZxStatus {
    private static final Map<Integer, String> NAMES = buildNames();

    private ZxStatus() {
    }

    /**
     * Returns the constant name of {@code status}, such as {@code "ZX_ERR_SHOULD_WAIT"} for -22.
     * A value that errors.h does not define comes back with its number, as
     * {@code "ZX_ERR_<unknown -99>"}; this method never throws.
     */
    public static String name(int status) {
        String name = NAMES.get(status);
        return name != null ? name : "ZX_ERR_<unknown " + status + ">";
    }

    /** Returns whether {@code status} is {@code ZX_OK}. */
    public static boolean isOk(int status) {
        return status == zircon_h.ZX_OK();
    }

    private static Map<Integer, String> buildNames() {
        Map<Integer, String> names = new HashMap<>();
        names.put(zircon_h.ZX_OK(), "ZX_OK");
        // withPrefix orders equal values by name, so an alias never replaces the first name.
        ZirconConstants.withPrefix("ZX_ERR_").forEach((name, value) -> names.putIfAbsent((int) (long) value, name));
        return Map.copyOf(names);
    }
}
