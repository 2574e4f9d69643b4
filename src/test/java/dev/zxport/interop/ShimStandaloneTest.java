package dev.zxport.interop;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shim in a plain C executable, with no JVM and so no kernel installed. */
class ShimStandaloneTest {
    @TempDir
    static Path directory;

    private static Path executable;

    @BeforeAll
    static void compileExecutable() {
        Path shim = TestLibraries.shim().libraryPath();
        executable = directory.resolve("standalone_shim");
        CCompiler.fromEnvironment().run(List.of(
                "-O2", "-Wall", "-Werror",
                "-I", HeaderFiles.includeDirectory().toString(),
                "-o", executable.toString(),
                TestLibraries.basedir().resolve("src/test/c/standalone_shim.c").toString(),
                shim.toString(), "-Wl,-rpath," + shim.getParent())).orThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vm", "pipe"})
    void shouldProbeAndFailWithoutKernel(String probeMethod) throws IOException, InterruptedException {
        Path stdout = directory.resolve("stdout-" + probeMethod);
        Path stderr = directory.resolve("stderr-" + probeMethod);
        ProcessBuilder builder = new ProcessBuilder(executable.toString())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().put("ZXPORT_PROBE", probeMethod);

        Process process = builder.start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);

        String output = Files.readString(stdout, StandardCharsets.UTF_8);
        List<String> errors = Files.readAllLines(stderr, StandardCharsets.UTF_8);
        assertTrue(finished, "standalone_shim finished");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("standalone_shim: 16 checks, 0 failed"), output);
        assertEquals(1, errors.size(), String.join("\n", errors));
        assertTrue(errors.getFirst().startsWith("zxport: zx_port_create was called before a Java kernel was installed"),
                errors.getFirst());
    }
}
