package dev.zxport.cli;

import dev.zxport.cli.ZxportProcess.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code zxport run} end to end: each case starts {@code java -jar target/zxport-*-cli.jar run ...}
 * as a child process, as the {@code ./zxport} launcher does, and checks its exit status and output.
 */
class RunCommandIT {
    private static final Path BASEDIR = ZxportProcess.BASEDIR;

    @TempDir
    Path directory;

    @Test
    void eventLoopExample() throws Exception {
        Run run = zxport(BASEDIR, "run", "examples/event_loop.c");

        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.stdout().contains(
                "event_loop: 20 user packets, 6 signal packets from 3 events, 4 idle timeouts: OK"), run.describe());
    }

    @Test
    void interruptDriverExample() throws Exception {
        Run run = zxport(BASEDIR, "run", "examples/interrupt_driver.c");

        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.stdout().contains(
                "interrupt_driver: 53 interrupt packets (50 from the device thread), 2 control packets: OK"),
                run.describe());
    }

    @Test
    void workerPoolExample() throws Exception {
        Run run = zxport(BASEDIR, "run", "examples/worker_pool.c", "--", "6", "3000");

        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.stdout().matches("(?s)worker_pool: 6 workers, 3000 jobs, 3000 results, jobs per worker:"
                + "( \\d+){6}: OK\n"), run.describe());
    }

    @Test
    void badPointersExample() throws Exception {
        Run run = zxport(BASEDIR, "run", "examples/bad_pointers.c");

        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.stdout().contains("bad_pointers: 40 checks, 0 failed: OK"), run.describe());
    }

    @Test
    void shouldRunOutsideCheckout() throws Exception {
        Path example = BASEDIR.resolve("examples/event_loop.c");

        Run run = zxport(directory, "run", example.toString());

        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.stdout().contains("event_loop: "), run.describe());
    }

    @Test
    void shouldReturnMainStatus() throws Exception {
        Path program = write("status.c", """
                #include <stdio.h>
                int main(void) {
                  printf("partial line without newline");
                  return 3;
                }
                """);

        Run run = zxport(directory, "run", program.toString());

        assertEquals(3, run.exitCode(), run.describe());
        assertEquals("partial line without newline", run.stdout(), run.describe());
    }

    @Test
    void shouldExitWithExitStatus() throws Exception {
        Path program = write("exits.c", """
                #include <stdio.h>
                #include <stdlib.h>
                int main(void) {
                  printf("before exit");
                  exit(5);
                }
                """);

        Run run = zxport(directory, "run", program.toString());

        assertEquals(5, run.exitCode(), run.describe());
        assertEquals("before exit", run.stdout(), run.describe());
    }

    @Test
    void shouldPassArguments() throws Exception {
        Path program = write("args.c", """
                #include <stdio.h>
                int main(int argc, char** argv) {
                  for (int i = 0; i < argc; i++) {
                    printf("[%s]", argv[i]);
                  }
                  printf(" argc=%d argv[argc]=%s\\n", argc, argv[argc] == NULL ? "NULL" : "set");
                  return 0;
                }
                """);

        Run run = zxport(directory, "run", program.toString(), "--", "one", "two words", "--three");

        assertEquals(0, run.exitCode(), run.describe());
        assertEquals("[args][one][two words][--three] argc=4 argv[argc]=NULL\n", run.stdout(), run.describe());
    }

    @Test
    void shouldShowCompilerErrors() throws Exception {
        Path program = write("broken.c", """
                #include <zircon/syscalls.h>
                int main(void) {
                  zx_handle_t port
                  return zx_port_create(0, &port);
                }
                """);

        Run run = zxport(directory, "run", program.toString());

        assertEquals(125, run.exitCode(), run.describe());
        assertTrue(run.stderr().contains("broken.c:4:"), run.describe());
        assertTrue(run.stderr().contains("error:"), run.describe());
        assertTrue(run.stderr().contains("zxport: C compiler failed with exit code"), run.describe());
    }

    @Test
    void shouldRejectUnknownSyscallAtLink() throws Exception {
        Path program = write("typo.c", """
                #include <zircon/syscalls.h>
                zx_status_t zx_port_wiat(zx_handle_t handle);
                int main(void) {
                  return zx_port_wiat(0);
                }
                """);

        Run run = zxport(directory, "run", program.toString());

        assertEquals(125, run.exitCode(), run.describe());
        assertTrue(run.stderr().contains("zx_port_wiat"), run.describe());
    }

    @Test
    void shouldNameMissingCompiler() throws Exception {
        Run run = zxport(BASEDIR, "run", "--cc", "zxport-no-such-cc", "examples/event_loop.c");

        assertEquals(125, run.exitCode(), run.describe());
        assertTrue(run.stderr().contains("zxport-no-such-cc"), run.describe());
    }

    @Test
    void shouldApplyCflags() throws Exception {
        Path program = write("flags.c", """
                #include <math.h>
                #include <stdio.h>
                int main(int argc, char** argv) {
                  (void)argv;
                  volatile double cube = 27.0 * argc;
                  printf("%d %.0f\\n", ZXPORT_TEST_VALUE, cbrt(cube));
                  return 0;
                }
                """);

        Run run = zxport(directory, "run", "--cflags", "-DZXPORT_TEST_VALUE=41 -lm", program.toString());

        assertEquals(0, run.exitCode(), run.describe());
        assertEquals("41 3\n", run.stdout(), run.describe());
    }

    @Test
    void shouldTraceSyscalls() throws Exception {
        Run run = zxport(BASEDIR, "run", "--trace", "examples/interrupt_driver.c");

        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.stderr().matches("(?s).*zx_port_create\\(ZX_PORT_BIND_TO_INTERRUPT, \\[0x[0-9a-f]+]\\) = ZX_OK\n.*"),
                run.describe());
        assertTrue(run.stderr().contains("ZX_INTERRUPT_VIRTUAL"), run.describe());
        assertTrue(run.stderr().contains(
                ", ZX_TIME_INFINITE, {key=7, type=ZX_PKT_TYPE_INTERRUPT, status=ZX_OK, interrupt={timestamp=100}}) = ZX_OK"),
                run.describe());
        assertTrue(run.stderr().contains(") = ZX_ERR_TIMED_OUT"), run.describe());
        assertTrue(run.stderr().matches("(?s).*zx_interrupt_trigger\\(0x[0-9a-f]+, 0, 300\\) = ZX_ERR_CANCELED\n.*"),
                run.describe());
    }

    @Test
    void shouldRejectMissingSource() throws Exception {
        Run run = zxport(directory, "run", "no-such-program.c");

        assertEquals(2, run.exitCode(), run.describe());
        assertTrue(run.stderr().contains("C source file not found: no-such-program.c"), run.describe());
    }

    private Path write(String name, String source) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, source, StandardCharsets.UTF_8);
        return file;
    }

    private Run zxport(Path workingDirectory, String... arguments) throws IOException, InterruptedException {
        return ZxportProcess.run(workingDirectory, directory, arguments);
    }
}
