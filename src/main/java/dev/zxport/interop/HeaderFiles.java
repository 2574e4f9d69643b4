package dev.zxport.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Locates the Zircon headers that C code is compiled against. In a checkout that is the
 * {@code headers/} directory; from a jar, the copies packaged under {@code /zxport/headers/}
 * are written once to a cache directory.
 */
public final class HeaderFiles {
    /** Every header, relative to the include directory; kept in step with {@code headers/}. */
    static final List<String> HEADERS = List.of(
            "zxport.h",
            "zircon/errors.h",
            "zircon/rights.h",
            "zircon/syscalls.h",
            "zircon/syscalls-next.h",
            "zircon/time.h",
            "zircon/types.h",
            "zircon/syscalls/exception.h",
            "zircon/syscalls/object.h",
            "zircon/syscalls/port.h",
            "zxport/shim.h");

    private HeaderFiles() {
    }

    /**
     * Returns an include directory holding {@code zircon/syscalls.h}: the system property
     * {@code zxport.headers} when set, else {@code ./headers} when it exists, else the packaged
     * copies extracted under {@code ${java.io.tmpdir}/zxport-headers-<version>}.
     *
     * @throws UncheckedIOException when the packaged headers cannot be extracted
     */
    public static Path includeDirectory() {
        String configured = System.getProperty("zxport.headers");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        Path local = Path.of("headers");
        if (Files.isRegularFile(local.resolve("zircon/syscalls.h"))) {
            return local.toAbsolutePath();
        }
        return extractPackaged();
    }

    private static Path extractPackaged() {
        String version = String.valueOf(HeaderFiles.class.getModule().getDescriptor() == null
                ? "dev" : HeaderFiles.class.getModule().getDescriptor().toNameAndVersion());
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "zxport-headers-" + version.replaceAll("[^A-Za-z0-9.-]", "_"));
        try {
            for (String header : HEADERS) {
                try (InputStream in = HeaderFiles.class.getResourceAsStream("/zxport/headers/" + header)) {
                    if (in == null) {
                        throw new IOException("header " + header + " is not packaged in the zxport jar");
                    }
                    Path file = target.resolve(header);
                    Files.createDirectories(file.getParent());
                    Path temporary = Files.createTempFile(file.getParent(), ".header", ".tmp");
                    Files.copy(in, temporary, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the Zircon headers to " + target, e);
        }
        return target;
    }
}
