package dev.zxport.interop;

import dev.zxport.interop.CDeclarations.Aggregate;
import dev.zxport.interop.CDeclarations.Member;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CDeclarationsTest {
    private static final String SOURCE = """
            typedef unsigned int __uint32_t;
            typedef __uint32_t uint32_t;
            typedef struct {
              long long __max_align_ll __attribute__((__aligned__(__alignof__(long long))));
            } max_align_t;
            static inline long helper(long a) { if (a) { return 1; } return 0; }
            typedef uint32_t zx_handle_t;
            typedef struct zx_example {
              uint32_t type;
              unsigned char padding1[4];
              __extension__ union {
                struct {
                  uint32_t mask;
                } interrupt;
                __extension__ struct {
                  uint32_t u32;
                };
              };
              _Bool flag;
            } zx_example_t;
            int zx_call(zx_handle_t handle, const zx_example_t* packet, unsigned long size) __attribute__ ((__nothrow__));
            long zx_now(void);
            """;

    @Test
    void membersOfNestedAggregates() {
        CDeclarations declarations = CDeclarations.parse(SOURCE);

        Aggregate example = declarations.aggregate("zx_example").orElseThrow();
        List<String> names = example.members().stream().map(Member::name).toList();
        assertEquals(java.util.Arrays.asList("type", "padding1", null, "flag"), names);
        assertEquals(List.of(4), example.members().get(1).arrayLengths());
        assertEquals("unsigned char", example.members().get(1).type());
        Aggregate union = example.members().get(2).body();
        assertTrue(union.union());
        assertEquals("interrupt", union.members().get(0).name());
        assertEquals("struct", union.members().get(0).type());
        assertNull(union.members().get(1).name());
        assertEquals("u32", union.members().get(1).body().members().getFirst().name());
        assertEquals("_Bool", example.members().get(3).type());
    }

    @Test
    void typedefsResolveToAggregates() {
        CDeclarations declarations = CDeclarations.parse(SOURCE);

        assertEquals("struct zx_example", declarations.typedef("zx_example_t").orElseThrow().type());
        assertEquals("uint32_t", declarations.typedef("zx_handle_t").orElseThrow().type());
        assertEquals("zx_example", declarations.resolveAggregate("zx_example_t").orElseThrow().tag());
        assertTrue(declarations.resolveAggregate("zx_handle_t").isEmpty());
        assertEquals(1, declarations.typedef("max_align_t").orElseThrow().body().members().size());
    }

    @Test
    void functionParametersLoseNames() {
        CDeclarations declarations = CDeclarations.parse(SOURCE);

        CDeclarations.Function call = declarations.function("zx_call").orElseThrow();
        assertEquals("int", call.returnType());
        assertEquals(List.of("zx_handle_t", "const zx_example_t *", "unsigned long"), call.parameterTypes());
        assertEquals(List.of(), declarations.function("zx_now").orElseThrow().parameterTypes());
    }

    @Test
    void functionDefinitionsAreSkipped() {
        CDeclarations declarations = CDeclarations.parse(SOURCE);

        assertTrue(declarations.function("helper").isEmpty());
        assertTrue(declarations.typedef("zx_handle_t").isPresent());
    }

    @Test
    void severalDeclaratorsAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CDeclarations.parse("struct pair { int a, b; };"));

        assertTrue(error.getMessage().contains("several declarators"), error.getMessage());
    }
}
