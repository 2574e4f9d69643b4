package dev.zxport.interop;

import java.util.Collections;
import java.util.List;

/**
 * Values that the ABI probe prints on a line of its own, prefixed with the index of the
 * expectation, together with the Java values they must equal.
 */
sealed interface ProbeExpectation permits ProbeExpectation.LayoutValues, ProbeExpectation.ConstantValue,
        ProbeExpectation.FunctionSizes {
    /** Returns what the values belong to, as mismatch lines name it. */
    String label();

    /** Returns the C statements that print the line with index {@code id}. */
    String probeStatement(int id, String printfArguments);

    /** Adds a line to {@code mismatches} for every C value in {@code cValues} that differs from Java. */
    void compare(String[] cValues, List<String> mismatches);

    /** Size, alignment and, for a member ({@code offset >= 0}), the offset. */
    record LayoutValues(String label, long size, long alignment, long offset) implements ProbeExpectation {
        @Override
        public String probeStatement(int id, String printfArguments) {
            String format = offset >= 0 ? "%zu %zu %zu" : "%zu %zu";
            return "printf(\"" + id + " " + format + "\\n\", " + printfArguments + ");";
        }

        @Override
        public void compare(String[] cValues, List<String> mismatches) {
            long cSize = Long.parseLong(cValues[0]);
            long cAlignment = Long.parseLong(cValues[1]);
            if (cSize != size) {
                mismatches.add(label + ": size C " + cSize + ", Java " + size);
            }
            if (cAlignment != alignment) {
                mismatches.add(label + ": alignment C " + cAlignment + ", Java " + alignment);
            }
            if (offset >= 0 && Long.parseLong(cValues[2]) != offset) {
                mismatches.add(label + ": offset C " + cValues[2] + ", Java " + offset);
            }
        }
    }

    /**
     * A macro value. The probe prints whether its C type is signed, its size, and its bits as an
     * unsigned 64-bit hexadecimal number, or "missing" when the macro is not defined.
     * NOTE: the probe tests for the constant with #ifdef, so an enum constant would count as
     * missing; every constant of the Zircon headers is a macro.
     */
    record ConstantValue(String label, Class<?> javaType, long javaValue) implements ProbeExpectation {
        @Override
        public String probeStatement(int id, String macro) {
            String value = "(" + macro + ")";
            return "#ifdef " + macro + "\n"
                    + "printf(\"" + id + " %d %zu %llx\\n\", (int)((__typeof__(" + value + "))-1 < 0), sizeof "
                    + value + ", (unsigned long long)" + value + ");\n"
                    + "#else\n"
                    + "printf(\"" + id + " missing\\n\");\n"
                    + "#endif";
        }

        @Override
        public void compare(String[] cValues, List<String> mismatches) {
            if (cValues[0].equals("missing")) {
                mismatches.add("constant " + label + ": listed in includes.txt but the headers do not define it");
                return;
            }
            boolean signed = cValues[0].equals("1");
            int cSize = Integer.parseInt(cValues[1]);
            long cBits = Long.parseUnsignedLong(cValues[2], 16);
            int javaSize = javaWidth(javaType);
            long mask = cSize >= 8 ? -1L : (1L << (8 * cSize)) - 1;
            String cText = signed ? Long.toString(cSize >= 8 ? cBits : signExtend(cBits, cSize))
                    : Long.toUnsignedString(cBits & mask);
            if ((cBits & mask) != (javaValue & mask)) {
                mismatches.add("constant " + label + ": value C " + cText + " (0x" + Long.toHexString(cBits & mask)
                        + "), Java " + javaValue + " (0x" + Long.toHexString(javaValue & mask) + ")");
            }
            if (cSize != javaSize) {
                mismatches.add("constant " + label + ": width C " + cSize + " bytes, Java " + javaType + " ("
                        + javaSize + " bytes)");
            }
        }

        private static long signExtend(long bits, int size) {
            int shift = 64 - 8 * size;
            return (bits << shift) >> shift;
        }

        private static int javaWidth(Class<?> type) {
            if (type == long.class || type == double.class) {
                return 8;
            }
            if (type == int.class || type == float.class) {
                return 4;
            }
            if (type == short.class || type == char.class) {
                return 2;
            }
            return 1;
        }
    }

    /**
     * The return size (0 for void) and the parameter sizes of a function or of the function that a
     * function pointer points to, in order.
     */
    record FunctionSizes(String label, List<Long> sizes) implements ProbeExpectation {
        @Override
        public String probeStatement(int id, String printfArguments) {
            String format = String.join(" ", Collections.nCopies(sizes.size(), "%zu"));
            return "printf(\"" + id + " " + format + "\\n\", " + printfArguments + ");";
        }

        @Override
        public void compare(String[] cValues, List<String> mismatches) {
            for (int i = 0; i < sizes.size(); i++) {
                long cSize = Long.parseLong(cValues[i]);
                if (cSize != sizes.get(i)) {
                    String position = i == 0 ? "return value" : "parameter " + i;
                    mismatches.add(label() + " " + position + ": size C " + cSize + ", Java " + sizes.get(i));
                }
            }
        }
    }
}
