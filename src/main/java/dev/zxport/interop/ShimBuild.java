package dev.zxport.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Compiles {@code zxport_shim.c} into a shared library and caches it. The cache key is a
 * SHA-256 hash over the shim source, every header, the compiler command and the flags, so a
 * change to any of them builds a new library beside the old one. Each library is compiled under
 * a temporary name and renamed into place, so JVMs that build the same key at the same time
 * each see either no file or a complete one.
 */
final class ShimBuild {
    /** Resource path of the C source, which is packaged beside the headers under {@code /zxport/}. */
    static final String SOURCE_RESOURCE = "/zxport/c/zxport_shim.c";

    private static final List<String> FLAGS = List.of(
            "-shared", "-fPIC", "-O2", "-pthread", "-fvisibility=hidden", "-Wall");

    private ShimBuild() {
    }

    /**
     * Returns the cached shim library for {@code compiler}, compiling it first when the cache has
     * no library for the current source, headers and compiler command.
     *
     * @throws CCompiler.CompilerException when the compiler is missing or fails; the message
     *         names the command line and carries the compiler output
     * @throws UncheckedIOException when the cache directory or the packaged source cannot be used
     */
    static Path libraryFor(CCompiler compiler) {
        return libraryFor(compiler, cacheDirectory());
    }

    /** Returns the shim library for {@code compiler} in {@code directory}; see {@link #libraryFor(CCompiler)}. */
    static Path libraryFor(CCompiler compiler, Path directory) {
        Path includeDirectory = HeaderFiles.includeDirectory();
        byte[] source = readSource();
        String key = cacheKey(source, includeDirectory, compiler);
        String fileName = "libzxport_shim-" + key + ".so";
        Path library = directory.resolve(fileName);
        if (Files.isRegularFile(library)) {
            return library;
        }
        try {
            Files.createDirectories(directory);
            Path sourceFile = Files.createTempFile(directory, ".zxport_shim-", ".c");
            Path output = Files.createTempFile(directory, ".libzxport_shim-", ".so.tmp");
            try {
                Files.write(sourceFile, source);
                List<String> arguments = new ArrayList<>(FLAGS);
                arguments.addAll(List.of(
                        "-Wl,-soname," + fileName,
                        "-I", includeDirectory.toString(),
                        "-o", output.toString(),
                        sourceFile.toString()));
                compiler.run(arguments).orThrow();
                moveIntoPlace(output, library);
            } finally {
                Files.deleteIfExists(sourceFile);
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the zxport shim in " + directory, e);
        }
        return library;
    }

    /**
     * Returns the cache directory: the system property {@code zxport.cache.dir} when set, else
     * {@code $XDG_CACHE_HOME/zxport}, else {@code ~/.cache/zxport}, else (when the home directory
     * is not writable) {@code ${java.io.tmpdir}/zxport-cache-<user>}.
     */
    static Path cacheDirectory() {
        String configured = System.getProperty("zxport.cache.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path preferred = xdg != null && !xdg.isBlank()
                ? Path.of(xdg, "zxport")
                : Path.of(System.getProperty("user.home"), ".cache", "zxport");
        try {
            Files.createDirectories(preferred);
            if (Files.isWritable(preferred)) {
                return preferred.toAbsolutePath();
            }
        } catch (IOException | SecurityException e) {
            // Fall through to the temporary directory, which is always writable.
        }
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "zxport-cache-" + user).toAbsolutePath();
    }

    static String cacheKey(byte[] source, Path includeDirectory, CCompiler compiler) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
        update(digest, "source", source);
        for (String header : HeaderFiles.HEADERS) {
            try {
                update(digest, header, Files.readAllBytes(includeDirectory.resolve(header)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read header " + header + " in " + includeDirectory, e);
            }
        }
        update(digest, "compiler", compiler.command().getBytes(StandardCharsets.UTF_8));
        update(digest, "flags", String.join(" ", FLAGS).getBytes(StandardCharsets.UTF_8));
        update(digest, "arch", System.getProperty("os.arch").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest(), 0, 12);
    }

    static byte[] readSource() {
        try (InputStream in = ShimBuild.class.getResourceAsStream(SOURCE_RESOURCE)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException(
                        "the shim source " + SOURCE_RESOURCE + " is not packaged with zxport; rebuild the jar"));
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shim source " + SOURCE_RESOURCE, e);
        }
    }

    // Each part is prefixed by its name and length, so that moving bytes from one part to the
    // next changes the key.
    private static void update(MessageDigest digest, String name, byte[] bytes) {
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(Long.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(bytes);
    }

    private static void moveIntoPlace(Path output, Path library) throws IOException {
        // rename(2) within one directory: it replaces a library that another JVM renamed into
        // place meanwhile, which has the same content, and a reader never sees a partial file.
        Files.move(output, library, StandardCopyOption.ATOMIC_MOVE);
    }
}
