package dev.zxport.interop;

import java.nio.file.Path;
import java.util.List;

/** The shim and the C test library that the interop tests share, each built once per JVM. */
final class TestLibraries {
    private static CProgram abiProbe;

    private TestLibraries() {
    }

    static Path basedir() {
        return Path.of(System.getProperty("zxport.basedir", ".")).toAbsolutePath();
    }

    static Shim shim() {
        return Shim.load();
    }

    /** Returns src/test/c/abi_probe.c compiled and linked against the shim. */
    static synchronized CProgram abiProbe() {
        if (abiProbe == null) {
            abiProbe = CProgram.compile(shim(), CCompiler.fromEnvironment(),
                    List.of(basedir().resolve("src/test/c/abi_probe.c")), List.of("-Werror"));
        }
        return abiProbe;
    }
}
