package dev.zxport.interop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShimBuildTest {
    @Test
    void shouldReuseCachedLibrary(@TempDir Path cache) throws Exception {
        CCompiler compiler = CCompiler.fromEnvironment();
        Path first = ShimBuild.libraryFor(compiler, cache);
        FileTime built = Files.getLastModifiedTime(first);

        Path second = ShimBuild.libraryFor(compiler, cache);

        assertEquals(first, second);
        assertEquals(built, Files.getLastModifiedTime(second));
    }

    @Test
    void shouldLeaveOnlyLibraryInCache(@TempDir Path cache) throws Exception {
        ShimBuild.libraryFor(CCompiler.fromEnvironment(), cache);

        List<String> names;
        try (Stream<Path> files = Files.list(cache)) {
            names = files.map(path -> path.getFileName().toString()).toList();
        }

        assertEquals(1, names.size(), names.toString());
        assertTrue(names.getFirst().matches("libzxport_shim-[0-9a-f]{24}\\.so"), names.getFirst());
    }

    @Test
    void shouldAgreeOnParallelBuilds(@TempDir Path cache) throws Exception {
        CCompiler compiler = CCompiler.fromEnvironment();
        Callable<Path> build = () -> ShimBuild.libraryFor(compiler, cache);
        List<Future<Path>> results = new ArrayList<>();

        try (ExecutorService executor = Executors.newFixedThreadPool(3)) {
            for (int i = 0; i < 3; i++) {
                results.add(executor.submit(build));
            }
        }

        Path expected = results.getFirst().get();
        for (Future<Path> result : results) {
            assertEquals(expected, result.get());
        }
        assertTrue(Files.size(expected) > 0, "library size");
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(List.of(expected), files.toList(), "files left in the cache");
        }
    }

    @Test
    void shouldKeyOnCompilerCommand() {
        byte[] source = ShimBuild.readSource();
        Path headers = HeaderFiles.includeDirectory();

        String plain = ShimBuild.cacheKey(source, headers, CCompiler.of("cc"));
        String withFlag = ShimBuild.cacheKey(source, headers, CCompiler.of("cc -m64"));

        assertNotEquals(plain, withFlag);
    }

    @Test
    void shouldKeyOnSource() {
        byte[] source = ShimBuild.readSource();
        byte[] changed = (new String(source, StandardCharsets.UTF_8) + "\n// changed\n").getBytes(StandardCharsets.UTF_8);
        Path headers = HeaderFiles.includeDirectory();

        String original = ShimBuild.cacheKey(source, headers, CCompiler.of("cc"));
        String edited = ShimBuild.cacheKey(changed, headers, CCompiler.of("cc"));

        assertNotEquals(original, edited);
    }

    @Test
    void shouldNameMissingCompiler(@TempDir Path cache) {
        CCompiler missing = CCompiler.of("zxport-no-such-cc --version");

        CCompiler.CompilerException error = assertThrows(CCompiler.CompilerException.class,
                () -> ShimBuild.libraryFor(missing, cache));

        assertTrue(error.getMessage().contains("zxport-no-such-cc --version"), error.getMessage());
    }

    @Test
    void shouldReportFailingCompilerCommand(@TempDir Path cache) {
        CCompiler failing = CCompiler.of("cc -DZXPORT_BROKEN=1 -include no-such-header.h");

        CCompiler.CompilerException error = assertThrows(CCompiler.CompilerException.class,
                () -> ShimBuild.libraryFor(failing, cache));

        assertTrue(error.getMessage().contains("cc -DZXPORT_BROKEN=1 -include no-such-header.h"), error.getMessage());
        assertTrue(error.getMessage().contains("no-such-header.h"), error.getMessage());
    }
}
