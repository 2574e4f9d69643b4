package dev.zxport.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the shaded command-line jar as a child process, as the {@code ./zxport} launcher does, for
 * the end-to-end tests. The jar, the project directory and the shim cache come from the system
 * properties that failsafe sets ({@code zxport.cliJar}, {@code zxport.basedir},
 * {@code zxport.cache.dir}).
 */
final class ZxportProcess {
    /** The project directory. */
    static final Path BASEDIR = Path.of(System.getProperty("zxport.basedir", ".")).toAbsolutePath();
    private static final long TIMEOUT_SECONDS = 300;

    /** Exit status and output of one run. */
    record Run(int exitCode, String stdout, String stderr) {
        String describe() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private ZxportProcess() {
    }

    /**
     * Runs {@code zxport ARGUMENTS} in {@code workingDirectory}, keeping its output in files under
     * {@code scratch}, and fails when it runs longer than 300 seconds.
     */
    static Run run(Path workingDirectory, Path scratch, String... arguments) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("zxport.cliJar",
                BASEDIR.resolve("target/zxport-0.1.0-SNAPSHOT-cli.jar").toString()));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED"));
        String cache = System.getProperty("zxport.cache.dir");
        if (cache != null) {
            command.add("-Dzxport.cache.dir=" + cache);
        }
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(arguments));
        Path stdout = Files.createTempFile(scratch, "stdout", ".txt");
        Path stderr = Files.createTempFile(scratch, "stderr", ".txt");

        Process process = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("zxport " + String.join(" ", arguments) + " did not finish in "
                    + TIMEOUT_SECONDS + " s");
        }
        return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
