package dev.zxport.cli;

import dev.zxport.cli.ZxportProcess.Run;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The C conformance programs in {@code src/test/c/conformance/}, each run through {@code zxport run}.
 * Every program checks a group of syscall rules the way a Fuchsia core test would, prints one
 * {@code FAIL} line per failed check, ends with {@code NAME: N checks, F failed} and exits 1 when
 * a check failed.
 *
 * <p>{@code t08_close}, {@code t09_threads} and {@code t14_irq_two_waiters} are left out: they
 * assume that a new thread blocks in a syscall within a fixed sleep, which a loaded build machine
 * does not promise. Run them by hand with {@code ./zxport run}.
 */
class CConformanceIT {
    private static final Pattern SUMMARY = Pattern.compile("(\\w+): (\\d+) checks, (\\d+) failed");

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {
            "t01_port_create_queue", "t02_port_wait", "t03_limit", "t04_wait_async", "t05_cancel",
            "t06_interrupt", "t07_handles", "t10_interrupt_corners", "t11_observers", "t12_bad_pointers",
            "t13_misc"})
    void programPassesEveryCheck(String name) throws Exception {
        Run run = ZxportProcess.run(ZxportProcess.BASEDIR, directory, "run", "src/test/c/conformance/" + name + ".c");

        Matcher summary = SUMMARY.matcher(run.stdout());
        assertTrue(summary.find(), () -> "no summary line\n" + run.describe());
        assertEquals(name, summary.group(1), run.describe());
        assertTrue(Integer.parseInt(summary.group(2)) > 0, () -> "no check ran\n" + run.describe());
        assertEquals("0", summary.group(3), run.describe());
        assertEquals(0, run.exitCode(), run.describe());
    }
}
