package dev.zxport.interop;

import dev.zxport.Kernel;
import dev.zxport.sys.zircon_h;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The C shim, {@code libzxport_shim}: a shared library that exports every syscall of
 * {@code <zircon/syscalls.h>} and forwards each one to a {@link Kernel} through FFM upcalls. C
 * code linked against it runs unchanged against the simulated kernel, and Java code reaches the
 * same entry points through the generated downcalls in {@link zircon_h}.
 *
 * <pre>{@code
 * Shim shim = Shim.load();
 * try (Kernel kernel = Kernel.create(); Shim.Installation installed = shim.install(kernel);
 *      Arena arena = Arena.ofConfined()) {
 *     MemorySegment out = arena.allocate(zircon_h.zx_handle_t);
 *     zircon_h.zx_port_create(0, out);   // C entry point, then the upcall into kernel
 * }
 * }</pre>
 *
 * <p>A process has one shim and one syscall table, so at most one kernel is installed at a time.
 * While none is, every syscall returns {@code ZX_ERR_BAD_STATE} (the clock calls return 0) and
 * the first one prints a line to stderr. The generated downcalls resolve their symbol on first
 * use, so {@link #load()} must come before the first call of a {@code zircon_h} function.
 */
public final class Shim {
    private static Shim loaded;

    private final Path library;
    private final MemorySegment table;

    private Shim(Path library, MemorySegment table) {
        this.library = library;
        this.table = table;
    }

    /**
     * Loads the shim, building it with the compiler named by {@code $CC} (else {@code cc}) when
     * the cache has none. See {@link #load(CCompiler)}.
     */
    public static Shim load() {
        return load(CCompiler.fromEnvironment());
    }

    /**
     * Loads the shim into this process, building it with {@code compiler} when the cache contains
     * no library for the current source, headers and compiler command. Later calls return the
     * shim already loaded, whatever compiler they name.
     *
     * @throws CCompiler.CompilerException when the compiler is missing or fails (the message
     *         names the command line)
     * @throws UncheckedIOException when the cache directory or the packaged source cannot be used
     */
    public static synchronized Shim load(CCompiler compiler) {
        Objects.requireNonNull(compiler, "compiler");
        if (loaded == null) {
            Path library = ShimBuild.libraryFor(compiler);
            // System.load from this module registers the library with the class loader that
            // zircon_h's SymbolLookup.loaderLookup() searches.
            System.load(library.toString());
            // The upcall stubs live as long as the process: C threads may still hold the table
            // after an installation is closed, and a freed stub would crash them.
            loaded = new Shim(library, KernelUpcalls.allocateTable(Arena.global()));
        }
        return loaded;
    }

    /** Returns the path of the loaded shim library, which C programs link against. */
    public Path libraryPath() {
        return library;
    }

    /** Installs {@code kernel} without tracing. See {@link #install(Kernel, PrintStream)}. */
    public Installation install(Kernel kernel) {
        return install(kernel, null);
    }

    /**
     * Makes every syscall from C, and every {@code zircon_h} downcall, run on {@code kernel}
     * until the returned installation is closed. The caller keeps ownership of the kernel.
     *
     * @param trace where to print one line per syscall, or null for no tracing
     * @throws IllegalStateException when another kernel is installed
     */
    public Installation install(Kernel kernel, PrintStream trace) {
        Objects.requireNonNull(kernel, "kernel");
        synchronized (Shim.class) {
            if (KernelUpcalls.bound() != null) {
                throw new IllegalStateException("a kernel is already installed in the zxport shim; "
                        + "close its Installation before installing another");
            }
            KernelUpcalls.bind(new KernelUpcalls.Binding(kernel, trace == null ? null : new SyscallTrace(trace)));
            zircon_h.zxport_shim_install(table);
            return new Installation(kernel);
        }
    }

    /** Flushes every C stdio stream of the process ({@code fflush(NULL)}). */
    public void flushStdio() {
        zircon_h.zxport_shim_flush_stdio();
    }

    /** A kernel installed in the shim; closing it uninstalls the kernel but does not close it. */
    public static final class Installation implements AutoCloseable {
        private final Kernel kernel;
        private boolean closed;

        private Installation(Kernel kernel) {
            this.kernel = kernel;
        }

        public Kernel kernel() {
            return kernel;
        }

        /**
         * Uninstalls the kernel: later syscalls return {@code ZX_ERR_BAD_STATE}. A call already
         * running in the kernel, such as a blocked {@code zx_port_wait}, keeps running until the
         * kernel returns it. Idempotent.
         */
        @Override
        public void close() {
            synchronized (Shim.class) {
                if (closed) {
                    return;
                }
                closed = true;
                zircon_h.zxport_shim_install(MemorySegment.NULL);
                KernelUpcalls.bind(null);
            }
        }
    }
}
