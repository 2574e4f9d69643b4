package dev.zxport.sys;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code ZX_PKT_IS_*} macros of {@code <zircon/syscalls/port.h>}, which jextract skips
 * because they take arguments, plus display names of packet types.
 *
 * <p>The packet type is a plain 32-bit enumeration: every predicate compares the whole value, so
 * {@code isUser(0x100)} is false. Headers before 2021 masked the type with 0xFF for exception
 * packets only; the current ABI has no mask.
 */
public final class ZxPacketTypes {
    private static final Map<Integer, String> NAMES = buildNames();

    private ZxPacketTypes() {
    }

    /** Returns {@code ZX_PKT_IS_USER(type)}: whether {@code type} is exactly {@code ZX_PKT_TYPE_USER}. */
    public static boolean isUser(int type) {
        return type == zircon_h.ZX_PKT_TYPE_USER();
    }

    /** Returns {@code ZX_PKT_IS_SIGNAL_ONE(type)}. */
    public static boolean isSignalOne(int type) {
        return type == zircon_h.ZX_PKT_TYPE_SIGNAL_ONE();
    }

    /** Returns {@code ZX_PKT_IS_GUEST_BELL(type)}. */
    public static boolean isGuestBell(int type) {
        return type == zircon_h.ZX_PKT_TYPE_GUEST_BELL();
    }

    /** Returns {@code ZX_PKT_IS_GUEST_MEM(type)}. */
    public static boolean isGuestMem(int type) {
        return type == zircon_h.ZX_PKT_TYPE_GUEST_MEM();
    }

    /** Returns {@code ZX_PKT_IS_GUEST_IO(type)}. */
    public static boolean isGuestIo(int type) {
        return type == zircon_h.ZX_PKT_TYPE_GUEST_IO();
    }

    /** Returns {@code ZX_PKT_IS_GUEST_VCPU(type)}. */
    public static boolean isGuestVcpu(int type) {
        return type == zircon_h.ZX_PKT_TYPE_GUEST_VCPU();
    }

    /** Returns {@code ZX_PKT_IS_INTERRUPT(type)}. */
    public static boolean isInterrupt(int type) {
        return type == zircon_h.ZX_PKT_TYPE_INTERRUPT();
    }

    /** Returns {@code ZX_PKT_IS_PAGE_REQUEST(type)}. */
    public static boolean isPageRequest(int type) {
        return type == zircon_h.ZX_PKT_TYPE_PAGE_REQUEST();
    }

    /**
     * Returns the constant name of {@code type}, such as {@code "ZX_PKT_TYPE_SIGNAL_ONE"}, or the
     * value in hexadecimal ({@code "0x100"}) when no {@code ZX_PKT_TYPE_*} constant has it.
     */
    public static String name(int type) {
        String name = NAMES.get(type);
        return name != null ? name : "0x" + Integer.toHexString(type);
    }

    private static Map<Integer, String> buildNames() {
        Map<Integer, String> names = new HashMap<>();
        ZirconConstants.withPrefix("ZX_PKT_TYPE_")
                .forEach((name, value) -> names.putIfAbsent((int) (long) value, name));
        return Map.copyOf(names);
    }
}
