package dev.zxport.interop;

import dev.zxport.interop.IncludeList.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IncludeListTest {
    private static final String TEXT = """
            # Comment line.
            --include-constant ZX_OK             # header: headers/zircon/errors.h
            --include-function zxport_shim_probe # header: headers/zxport/shim.h
            --include-typedef zx_handle_t        # no provenance
            --include-struct zx_port_packet
            """;

    @Test
    void headerComesFromProvenanceComment() {
        IncludeList includes = IncludeList.parse(TEXT);

        assertEquals(Optional.of("headers/zircon/errors.h"), includes.header(Kind.CONSTANT, "ZX_OK"));
        assertEquals(Optional.of("headers/zxport/shim.h"), includes.header(Kind.FUNCTION, "zxport_shim_probe"));
    }

    @Test
    void headerMissingWithoutProvenance() {
        IncludeList includes = IncludeList.parse(TEXT);

        assertEquals(Optional.empty(), includes.header(Kind.TYPEDEF, "zx_handle_t"));
        assertEquals(Optional.empty(), includes.header(Kind.STRUCT, "zx_port_packet"));
        assertEquals(Optional.empty(), includes.header(Kind.FUNCTION, "ZX_OK"));
    }

    @Test
    void entriesKeepFileOrder() {
        IncludeList includes = IncludeList.parse(TEXT);

        assertEquals(List.of("ZX_OK"), includes.names(Kind.CONSTANT));
        assertEquals(4, includes.entries().size());
    }

    @Test
    void packagedListNamesShimHeader() {
        IncludeList includes = IncludeList.load();

        assertEquals(Optional.of("headers/zxport/shim.h"), includes.header(Kind.STRUCT, "zxport_syscall_table"));
        assertEquals(Optional.of("headers/zircon/syscalls.h"), includes.header(Kind.FUNCTION, "zx_port_create"));
    }
}
