package dev.zxport.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.zxport.interop.CCompiler.CompilerException;

/**
 * Compiles a small C program against the Zircon headers with the system C compiler, runs it and
 * returns what it printed. The ABI check and the tests use it to ask the compiler for sizes,
 * offsets and macro values.
 */
public final class CProbe {
    private static final long RUN_TIMEOUT_SECONDS = 60;

    private CProbe() {
    }

    /**
     * Compiles {@code source} as C11 with {@code -I includeDirectory}, runs the program and returns
     * its standard output.
     *
     * @throws CompilerException when the compiler is missing or fails (the message carries its
     *         output), or when the program exits with a non-zero code or runs longer than 60 s
     * @throws UncheckedIOException when the temporary directory cannot be written
     */
    public static String run(CCompiler compiler, Path includeDirectory, String source) {
        Path directory;
        try {
            directory = Files.createTempDirectory("zxport-probe");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the C probe", e);
        }
        try {
            Path sourceFile = directory.resolve("probe.c");
            Path program = directory.resolve("probe");
            Files.writeString(sourceFile, source, StandardCharsets.UTF_8);
            compiler.run(List.of("-std=c11", "-Wall", "-I", includeDirectory.toString(),
                    "-o", program.toString(), sourceFile.toString())).orThrow();
            return execute(program, directory.resolve("probe.out"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the C probe in " + directory, e);
        } finally {
            deleteRecursively(directory);
        }
    }

    /** Returns the first line of {@code cc --version}, or the command itself when that fails. */
    public static String compilerVersion(CCompiler compiler) {
        CCompiler.Result result = compiler.run(List.of("--version"));
        String firstLine = result.output().lines().findFirst().orElse("").strip();
        return result.succeeded() && !firstLine.isEmpty() ? firstLine : compiler.command();
    }

    private static String execute(Path program, Path output) throws IOException {
        try {
            Process process = new ProcessBuilder(program.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new CompilerException("C probe " + program + " did not finish within "
                        + RUN_TIMEOUT_SECONDS + " s");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new CompilerException("C probe " + program + " exited with code " + process.exitValue()
                        + (text.isEmpty() ? "" : ":\n" + text));
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompilerException("interrupted while running the C probe " + program, e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // A leftover probe in the temporary directory is harmless.
        }
    }
}
