package dev.zxport.sys;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The object-like macros that jextract turned into static no-argument methods of {@link zircon_h}
 * ({@code ZX_OK()}, {@code ZX_RIGHT_READ()}, ...), read once by reflection. Downcall methods
 * without parameters, such as {@code zx_clock_get_monotonic()}, are told apart by the
 * {@code name$descriptor()} method that jextract generates next to every function.
 */
public final class ZirconConstants {
    private static final Map<String, Long> ALL = readAll();

    private ZirconConstants() {
    }

    /**
     * Returns every constant of {@link zircon_h}, sorted by name. Values of {@code int} and
     * {@code short} constants are sign-extended, so {@code (int) value} gives back the Java value.
     */
    public static Map<String, Long> all() {
        return ALL;
    }

    /**
     * Returns the constants whose name starts with {@code prefix}, ordered by unsigned value and
     * then by name.
     */
    public static Map<String, Long> withPrefix(String prefix) {
        return ALL.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(prefix))
                .sorted(Map.Entry.<String, Long>comparingByValue(Long::compareUnsigned)
                        .thenComparing(Map.Entry.comparingByKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /** Returns the constant accessors of {@link zircon_h}, sorted by name. */
    public static Map<String, Method> accessors() {
        Set<String> functions = java.util.Arrays.stream(zircon_h.class.getDeclaredMethods())
                .map(Method::getName)
                .filter(name -> name.endsWith("$descriptor"))
                .map(name -> name.substring(0, name.length() - "$descriptor".length()))
                .collect(Collectors.toSet());
        Map<String, Method> accessors = new TreeMap<>(Comparator.naturalOrder());
        for (Method method : zircon_h.class.getDeclaredMethods()) {
            int modifiers = method.getModifiers();
            boolean constant = Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers)
                    && method.getParameterCount() == 0
                    && method.getReturnType().isPrimitive()
                    && method.getReturnType() != void.class
                    && !functions.contains(method.getName());
            if (constant) {
                accessors.put(method.getName(), method);
            }
        }
        return accessors;
    }

    private static Map<String, Long> readAll() {
        Map<String, Long> values = new TreeMap<>();
        for (Map.Entry<String, Method> entry : accessors().entrySet()) {
            values.put(entry.getKey(), invoke(entry.getValue()));
        }
        return java.util.Collections.unmodifiableMap(values);
    }

    private static long invoke(Method accessor) {
        try {
            Object value = accessor.invoke(null);
            return switch (value) {
                case Boolean flag -> flag ? 1 : 0;
                case Character character -> character;
                case Number number -> number.longValue();
                default -> throw new IllegalStateException("unexpected constant type " + value.getClass());
            };
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + accessor.getName() + " from zircon_h", e);
        }
    }
}
