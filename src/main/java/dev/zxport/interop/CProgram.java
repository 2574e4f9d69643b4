package dev.zxport.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * A C program or test library compiled against the zxport headers into a shared library that is
 * linked against the shim, then loaded into this process. Its calls to {@code zx_*} go to the
 * kernel installed in the {@link Shim}.
 *
 * <p>The library is compiled with {@code -shared -fPIC -O2 -g -Wall -pthread} and linked with
 * {@code -Wl,--no-undefined}, so a misspelled syscall fails at link time as it would for an
 * executable. The caller's flags come last on the command line, so {@code -O0} wins and
 * {@code -lm} works. It stays loaded until the
 * process exits, because C threads that the program started may still be running.
 */
public final class CProgram {
    private static final List<String> FLAGS = List.of("-shared", "-fPIC", "-O2", "-g", "-Wall", "-pthread");
    /** Stack of the thread that runs {@code main}: the usual 8 MiB of a Linux main thread. */
    private static final long MAIN_STACK_BYTES = 8L << 20;

    private final SymbolLookup symbols;
    private final String compilerOutput;

    private CProgram(SymbolLookup symbols, String compilerOutput) {
        this.symbols = symbols;
        this.compilerOutput = compilerOutput;
    }

    /** A compiler run that failed. {@link #result()} contains the command line and what the compiler printed. */
    public static final class BuildException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final transient CCompiler.Result result;

        BuildException(CCompiler.Result result) {
            super("C compiler failed with exit code " + result.exitCode() + ": " + String.join(" ", result.commandLine()));
            this.result = result;
        }

        public CCompiler.Result result() {
            return result;
        }
    }

    /**
     * Compiles {@code sources} into a shared library linked against {@code shim}, and loads it.
     * The library file is written to a new temporary directory, which is deleted once the library
     * is loaded.
     *
     * @param cflags extra compiler and linker arguments, appended after the sources
     * @throws BuildException when the compiler reports an error
     * @throws CCompiler.CompilerException when the compiler cannot be run
     * @throws IllegalArgumentException when the compiled library cannot be loaded
     * @throws UncheckedIOException when the temporary directory cannot be used
     */
    public static CProgram compile(Shim shim, CCompiler compiler, List<Path> sources, List<String> cflags) {
        Objects.requireNonNull(shim, "shim");
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no C source files given");
        }
        Path directory;
        try {
            directory = Files.createTempDirectory("zxport-program");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the compiled program", e);
        }
        Path library = directory.resolve("libprogram.so");

        Path shimLibrary = shim.libraryPath();
        List<String> arguments = new ArrayList<>(FLAGS);
        arguments.addAll(List.of("-I", HeaderFiles.includeDirectory().toString()));
        arguments.addAll(List.of("-o", library.toString()));
        for (Path source : sources) {
            arguments.add(source.toString());
        }
        arguments.addAll(List.of(
                shimLibrary.toString(),
                "-Wl,-rpath," + shimLibrary.getParent(),
                "-Wl,--no-undefined"));
        // Last, so that a later -O or -D wins and -l options follow the objects that need them.
        arguments.addAll(cflags);

        try {
            CCompiler.Result result = compiler.run(arguments);
            if (!result.succeeded()) {
                throw new BuildException(result);
            }
            SymbolLookup symbols = SymbolLookup.libraryLookup(library, Arena.global());
            return new CProgram(symbols, result.output());
        } finally {
            deleteQuietly(library);
            deleteQuietly(directory);
        }
    }

    /** Returns the symbols that the library defines, for calling test functions other than {@code main}. */
    public SymbolLookup symbols() {
        return symbols;
    }

    /** Returns what the compiler printed on success (warnings), or an empty string. */
    public String compilerOutput() {
        return compilerOutput;
    }

    /**
     * Calls the program's {@code main(argc, argv)} on a new Java thread and waits for it to
     * return. {@code argv[0]} is {@code programName}, then come {@code arguments}, then NULL.
     * If the program calls {@code exit()}, the process exits with that status.
     *
     * @return the value that {@code main} returned
     * @throws IllegalStateException when the library has no {@code main} function
     * @throws InterruptedException when this thread is interrupted while {@code main} runs; the
     *         C code keeps running
     */
    public int runMain(String programName, List<String> arguments) throws InterruptedException {
        MemorySegment main = symbols.find("main").orElseThrow(() -> new IllegalStateException(
                "the program defines no main function: add int main(int argc, char** argv)"));
        MethodHandle handle = Linker.nativeLinker().downcallHandle(main, FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        // argv stays allocated for the life of the process, as in a C process, because threads
        // started by main may read it after main returns.
        MemorySegment argv = allocateArgv(Arena.global(), programName, arguments);
        int argc = arguments.size() + 1;

        AtomicReference<Integer> status = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                status.set((int) handle.invokeExact(argc, argv));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "zxport-main", MAIN_STACK_BYTES);
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw new IllegalStateException("calling main failed", failure.get());
        }
        return status.get();
    }

    private static MemorySegment allocateArgv(Arena arena, String programName, List<String> arguments) {
        MemorySegment argv = arena.allocate(ADDRESS, arguments.size() + 2L);
        argv.setAtIndex(ADDRESS, 0, arena.allocateFrom(programName));
        for (int i = 0; i < arguments.size(); i++) {
            argv.setAtIndex(ADDRESS, i + 1, arena.allocateFrom(arguments.get(i)));
        }
        argv.setAtIndex(ADDRESS, arguments.size() + 1, MemorySegment.NULL);
        return argv;
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // A leftover file in the temporary directory is harmless.
        }
    }
}
