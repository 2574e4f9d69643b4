package dev.zxport.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The system C compiler, run as a child process. The command is {@code --cc} when given, else
 * {@code $CC}, else {@code cc}; it may carry arguments ("gcc -m64"). Every failure names the
 * command line that failed and carries what the compiler printed.
 */
public final class CCompiler {
    private static final long TIMEOUT_SECONDS = 120;

    private final List<String> command;

    private CCompiler(List<String> command) {
        this.command = List.copyOf(command);
    }

    /** Returns the compiler named by {@code $CC}, or {@code cc}. */
    public static CCompiler fromEnvironment() {
        String cc = System.getenv("CC");
        return of(cc == null || cc.isBlank() ? "cc" : cc);
    }

    /** Returns the compiler run by {@code commandLine}, split on whitespace. */
    public static CCompiler of(String commandLine) {
        List<String> words = List.of(commandLine.trim().split("\\s+"));
        if (words.isEmpty() || words.getFirst().isEmpty()) {
            throw new IllegalArgumentException("empty C compiler command");
        }
        return new CCompiler(words);
    }

    /** Returns the command, for messages. */
    public String command() {
        return String.join(" ", command);
    }

    /** The outcome of one compiler run. */
    public record Result(List<String> commandLine, int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }

        /** Throws {@link CompilerException} naming the command line unless the run succeeded. */
        public Result orThrow() {
            if (!succeeded()) {
                throw new CompilerException("C compiler failed with exit code " + exitCode + ": "
                        + String.join(" ", commandLine) + (output.isEmpty() ? "" : "\n" + output));
            }
            return this;
        }
    }

    /** A C compiler that is missing, failed or timed out; the message names the command line. */
    public static final class CompilerException extends RuntimeException {
        public CompilerException(String message) {
            super(message);
        }

        public CompilerException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Runs the compiler with {@code arguments} appended to its command, and returns its exit
     * code and combined output.
     *
     * @throws CompilerException when the compiler cannot be started or does not finish in time
     */
    public Result run(List<String> arguments) {
        List<String> commandLine = new ArrayList<>(command);
        commandLine.addAll(arguments);
        Path log;
        try {
            log = Files.createTempFile("zxport-cc", ".log");
        } catch (IOException e) {
            throw new CompilerException("cannot create a temporary file for the compiler output", e);
        }
        try {
            Process process = new ProcessBuilder(commandLine)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new CompilerException("C compiler did not finish within " + TIMEOUT_SECONDS + " s: "
                        + String.join(" ", commandLine));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            return new Result(List.copyOf(commandLine), process.exitValue(), output);
        } catch (IOException e) {
            throw new CompilerException("cannot run the C compiler '" + command()
                    + "': " + e.getMessage() + ". Install gcc or clang, or name a compiler with --cc or $CC.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompilerException("interrupted while running " + String.join(" ", commandLine), e);
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // A leftover log in the temporary directory is harmless.
            }
        }
    }
}
