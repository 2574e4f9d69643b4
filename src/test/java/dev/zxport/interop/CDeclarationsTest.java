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

    private static final String TABLE = """
            typedef unsigned int uint32_t;
            typedef uint32_t zx_handle_t;
            typedef struct zx_example_table {
              int (*create)(uint32_t options, zx_handle_t* out);
              int (*queue)(zx_handle_t handle,
                           const struct zx_example* packet,
                           unsigned long size);
              long (*now)(void);
              char *(*name)(const void* address);
              uint32_t count;
            } zx_example_table_t;
            """;

    @Test
    void functionPointerMemberHasDisplayType() {
        CDeclarations declarations = CDeclarations.parse(TABLE);

        List<Member> members = declarations.aggregate("zx_example_table").orElseThrow().members();
        assertEquals(List.of("create", "queue", "now", "name", "count"), members.stream().map(Member::name).toList());
        assertEquals("int (*)(uint32_t, zx_handle_t *)", members.get(0).type());
        assertEquals("int (*)(zx_handle_t, const struct zx_example *, unsigned long)", members.get(1).type());
        assertEquals("long (*)(void)", members.get(2).type());
        assertEquals("char *(*)(const void *)", members.get(3).type());
        assertEquals(List.of(), members.get(0).arrayLengths());
        assertNull(members.get(0).body());
        assertNull(members.get(4).pointee());
    }

    @Test
    void functionPointerMemberHasPointee() {
        CDeclarations declarations = CDeclarations.parse(TABLE);

        List<Member> members = declarations.aggregate("zx_example_table").orElseThrow().members();
        CDeclarations.Function queue = members.get(1).pointee();
        assertEquals("queue", queue.name());
        assertEquals("int", queue.returnType());
        assertEquals(List.of("zx_handle_t", "const struct zx_example *", "unsigned long"), queue.parameterTypes());
        assertEquals(List.of(), members.get(2).pointee().parameterTypes());
        assertEquals("char *", members.get(3).pointee().returnType());
    }

    @Test
    void severalFunctionPointerDeclaratorsAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CDeclarations.parse("struct pair { int (*a)(int x), b; };"));

        assertTrue(error.getMessage().contains("several declarators"), error.getMessage());
    }

    @Test
    void arrayOfFunctionPointersIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CDeclarations.parse("struct table { int (*calls[4])(int x); };"));

        assertTrue(error.getMessage().contains("member declarator is not supported"), error.getMessage());
    }

    @Test
    void severalDeclaratorsAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CDeclarations.parse("struct pair { int a, b; };"));

        assertTrue(error.getMessage().contains("several declarators"), error.getMessage());
    }
}
