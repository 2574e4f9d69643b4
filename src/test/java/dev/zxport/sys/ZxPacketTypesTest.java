package dev.zxport.sys;

import dev.zxport.interop.CCompiler;
import dev.zxport.interop.CProbe;
import dev.zxport.interop.HeaderFiles;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZxPacketTypesTest {
    /** Each ZX_PKT_IS_* macro with its Java equivalent, in the column order that the probe prints. */
    private static final List<String> MACROS = List.of("USER", "SIGNAL_ONE", "GUEST_BELL", "GUEST_MEM",
            "GUEST_IO", "GUEST_VCPU", "INTERRUPT", "PAGE_REQUEST");
    private static final List<IntPredicate> PREDICATES = List.of(ZxPacketTypes::isUser,
            ZxPacketTypes::isSignalOne, ZxPacketTypes::isGuestBell, ZxPacketTypes::isGuestMem,
            ZxPacketTypes::isGuestIo, ZxPacketTypes::isGuestVcpu, ZxPacketTypes::isInterrupt,
            ZxPacketTypes::isPageRequest);

    /** Returns every defined type, the removed ones, and values that only a masking macro would accept. */
    private static int[] typeValues() {
        List<Integer> values = new ArrayList<>();
        for (int type = 0; type <= 0x10; type++) {
            values.add(type);
        }
        for (int type : new int[] {0x100, 0x101, 0x103, 0x107, 0x1FF, 0x201, 0xFF01, 0x10000, 0x01000001,
                0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFF00, 0xFFFFFF01, 0xFFFFFFFE, 0xFFFFFFFF}) {
            values.add(type);
        }
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void predicatesMatchCMacros() {
        int[] types = typeValues();
        String source = """
                #include <stdint.h>
                #include <stdio.h>
                #include <zircon/syscalls/port.h>

                int main(void) {
                    static const uint32_t types[] = {%s};
                    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
                        uint32_t t = types[i];
                        printf("%%d%%d%%d%%d%%d%%d%%d%%d\\n", ZX_PKT_IS_USER(t), ZX_PKT_IS_SIGNAL_ONE(t),
                               ZX_PKT_IS_GUEST_BELL(t), ZX_PKT_IS_GUEST_MEM(t), ZX_PKT_IS_GUEST_IO(t),
                               ZX_PKT_IS_GUEST_VCPU(t), ZX_PKT_IS_INTERRUPT(t), ZX_PKT_IS_PAGE_REQUEST(t));
                    }
                    return 0;
                }
                """.formatted(java.util.Arrays.stream(types)
                .mapToObj(type -> "0x" + Integer.toHexString(type) + "u").collect(Collectors.joining(", ")));

        List<String> lines = CProbe.run(CCompiler.fromEnvironment(), HeaderFiles.includeDirectory(), source)
                .lines().toList();

        assertEquals(types.length, lines.size(), "lines printed by the probe");
        for (int i = 0; i < types.length; i++) {
            for (int macro = 0; macro < MACROS.size(); macro++) {
                boolean c = lines.get(i).charAt(macro) == '1';
                boolean java = PREDICATES.get(macro).test(types[i]);
                assertEquals(c, java, "ZX_PKT_IS_" + MACROS.get(macro) + "(0x" + Integer.toHexString(types[i]) + ")");
            }
        }
    }

    @Test
    void predicatesCompareWholeValue() {
        assertTrue(ZxPacketTypes.isUser(0), "isUser(0)");
        assertFalse(ZxPacketTypes.isUser(0x100), "isUser(0x100)");
        assertFalse(ZxPacketTypes.isSignalOne(0x101), "isSignalOne(0x101)");
        assertFalse(ZxPacketTypes.isInterrupt(0xFFFFFF07), "isInterrupt(0xFFFFFF07)");
    }

    @Test
    void nameOfKnownTypes() {
        assertEquals("ZX_PKT_TYPE_USER", ZxPacketTypes.name(0));
        assertEquals("ZX_PKT_TYPE_SIGNAL_ONE", ZxPacketTypes.name(1));
        assertEquals("ZX_PKT_TYPE_INTERRUPT", ZxPacketTypes.name(7));
        assertEquals("ZX_PKT_TYPE_PAGE_REQUEST", ZxPacketTypes.name(9));
        assertEquals("ZX_PKT_TYPE_PROCESSOR_POWER_LEVEL_TRANSITION_REQUEST", ZxPacketTypes.name(0x0A));
    }

    @Test
    void nameOfUnknownTypesIsHex() {
        assertEquals("0x2", ZxPacketTypes.name(2));
        assertEquals("0x8", ZxPacketTypes.name(8));
        assertEquals("0x100", ZxPacketTypes.name(0x100));
        assertEquals("0xffffffff", ZxPacketTypes.name(0xFFFFFFFF));
    }
}
