package dev.zxport.interop;

import dev.zxport.sys.zircon_h;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Reflective access to what jextract generated in {@code dev.zxport.sys}. */
final class JavaBindings {
    static final String PACKAGE = "dev.zxport.sys";
    private static final String DESCRIPTOR_SUFFIX = "$descriptor";

    private JavaBindings() {
    }

    /** Returns the generated class {@code dev.zxport.sys.NAME}. */
    static Optional<Class<?>> generatedClass(String name) {
        try {
            return Optional.of(Class.forName(PACKAGE + "." + name, false, JavaBindings.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Returns the layout of a generated struct or union class, which declares a static {@code layout()}. */
    static Optional<GroupLayout> structLayout(Class<?> type) {
        try {
            Method layout = type.getDeclaredMethod("layout");
            boolean returnsGroup = GroupLayout.class.isAssignableFrom(layout.getReturnType());
            if (!Modifier.isStatic(layout.getModifiers()) || !returnsGroup) {
                return Optional.empty();
            }
            return Optional.of((GroupLayout) layout.invoke(null));
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot call " + type.getName() + ".layout()", e);
        }
    }

    /** Returns the layout that zircon_h declares for a scalar typedef, such as {@code zircon_h.zx_status_t}. */
    static Optional<MemoryLayout> typedefLayout(String name) {
        try {
            Field field = zircon_h.class.getField(name);
            boolean isLayout = Modifier.isStatic(field.getModifiers()) && field.get(null) instanceof MemoryLayout;
            return isLayout ? Optional.of((MemoryLayout) field.get(null)) : Optional.empty();
        } catch (NoSuchFieldException e) {
            return Optional.empty();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read zircon_h." + name, e);
        }
    }

    /** Returns the names of the scalar typedef layouts declared by zircon_h itself. */
    static List<String> typedefNames() {
        return Arrays.stream(zircon_h.class.getDeclaredFields())
                .filter(field -> Modifier.isPublic(field.getModifiers()) && Modifier.isStatic(field.getModifiers()))
                .filter(field -> MemoryLayout.class.isAssignableFrom(field.getType()))
                .map(Field::getName)
                .sorted()
                .toList();
    }

    /**
     * Returns the byte sizes of the return value (0 for void) and of each parameter of a generated
     * downcall, read from the Java signature of {@code zircon_h.NAME(...)}; a {@code MemorySegment}
     * is a C pointer.
     *
     * <p>Calling {@code NAME$descriptor()} would also give them, but it initialises the downcall,
     * which fails unless a loaded library defines the symbol.
     */
    static Optional<List<Long>> functionSizes(String name) {
        for (Method method : zircon_h.class.getDeclaredMethods()) {
            if (method.getName().equals(name) && Modifier.isStatic(method.getModifiers())) {
                return Optional.of(signatureSizes(method));
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the byte sizes of the return value (0 for void) and of each parameter of the
     * function-pointer member {@code member} of the generated struct class {@code structClass},
     * read from the {@code apply} method of the upcall interface {@code structClass.member.Function}
     * that jextract generates for it.
     */
    static Optional<List<Long>> functionPointerSizes(String structClass, String member) {
        Optional<Class<?>> function = generatedClass(structClass + "$" + member + "$Function");
        if (function.isEmpty() || !function.get().isInterface()) {
            return Optional.empty();
        }
        for (Method method : function.get().getDeclaredMethods()) {
            if (method.getName().equals("apply") && !Modifier.isStatic(method.getModifiers())) {
                return Optional.of(signatureSizes(method));
            }
        }
        return Optional.empty();
    }

    private static List<Long> signatureSizes(Method method) {
        List<Long> sizes = new ArrayList<>();
        sizes.add(method.getReturnType() == void.class ? 0L : carrierSize(method.getReturnType()));
        for (Class<?> parameter : method.getParameterTypes()) {
            sizes.add(carrierSize(parameter));
        }
        return sizes;
    }

    private static long carrierSize(Class<?> carrier) {
        if (carrier == MemorySegment.class) {
            return ValueLayout.ADDRESS.byteSize();
        }
        if (carrier == long.class || carrier == double.class) {
            return 8;
        }
        if (carrier == int.class || carrier == float.class) {
            return 4;
        }
        if (carrier == short.class || carrier == char.class) {
            return 2;
        }
        if (carrier == byte.class || carrier == boolean.class) {
            return 1;
        }
        throw new IllegalArgumentException("unexpected downcall or upcall carrier " + carrier.getName());
    }

    /** Returns the names of the generated downcalls. */
    static List<String> functionNames() {
        return Arrays.stream(zircon_h.class.getDeclaredMethods())
                .map(Method::getName)
                .filter(name -> name.endsWith(DESCRIPTOR_SUFFIX))
                .map(name -> name.substring(0, name.length() - DESCRIPTOR_SUFFIX.length()))
                .sorted()
                .toList();
    }

    /**
     * Returns the top-level classes of {@code dev.zxport.sys}, listed from the directory or jar
     * that zircon_h was loaded from.
     *
     * @throws UncheckedIOException when that location cannot be listed
     */
    static List<Class<?>> packageClasses() {
        Path location;
        try {
            location = Path.of(zircon_h.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("cannot locate the classes of " + PACKAGE, e));
        }
        String directory = PACKAGE.replace('.', '/');
        TreeSet<String> names = new TreeSet<>();
        try {
            if (Files.isDirectory(location)) {
                names.addAll(classNames(location.resolve(directory)));
            } else {
                try (FileSystem jar = FileSystems.newFileSystem(location)) {
                    names.addAll(classNames(jar.getPath(directory)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the classes of " + PACKAGE + " in " + location, e);
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            generatedClass(name).ifPresent(classes::add);
        }
        return classes;
    }

    private static List<String> classNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .map(name -> name.substring(0, name.length() - ".class".length()))
                    .toList();
        }
    }
}
