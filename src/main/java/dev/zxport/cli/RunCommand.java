package dev.zxport.cli;

import dev.zxport.Kernel;
import dev.zxport.interop.CCompiler;
import dev.zxport.interop.CProgram;
import dev.zxport.interop.Shim;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code zxport run}: compiles a C program written against {@code <zircon/syscalls.h>}, runs its
 * {@code main} against a fresh {@link Kernel}, and exits with the status that {@code main}
 * returned.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        customSynopsis = "zxport run [-hV] [--trace] [--cc=CMD] [--cflags=FLAGS] PROGRAM.c... [-- ARGS...]",
        description = {
                "Compile C sources against the Zircon headers and run their main() against a fresh simulated kernel.",
                "The program's stdout and stderr pass through, and its exit status becomes zxport's."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "N:the value main() returned, or the status passed to exit()",
                "2:invalid command line",
                "125:the program could not be compiled or loaded"})
public final class RunCommand implements Callable<Integer> {
    /** Exit status when zxport itself could not build or load the program. */
    static final int BUILD_FAILED = 125;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--trace", description = "Print each syscall to stderr, with arguments, result and decoded packets.")
    private boolean trace;

    @Option(names = "--cc", paramLabel = "CMD",
            description = "C compiler command, which may carry arguments (default: $CC, else cc).")
    private String compiler;

    @Option(names = "--cflags", paramLabel = "FLAGS",
            description = "Extra compiler and linker flags, split on whitespace and passed after the sources, "
                    + "e.g. --cflags='-O0 -DDEBUG -lm'.")
    private String cflags;

    @Parameters(paramLabel = "PROGRAM.c", arity = "1..*",
            description = "C source files, then optionally -- and the arguments passed to main().")
    private List<String> operands = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        List<String> arguments = programArguments();
        List<String> sourceNames = operands.subList(0, operands.size() - arguments.size());
        if (sourceNames.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no C source file given before --");
        }
        List<Path> sources = new ArrayList<>();
        for (String name : sourceNames) {
            Path source = Path.of(name);
            if (!Files.isRegularFile(source)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "C source file not found: " + name);
            }
            sources.add(source);
        }
        PrintStream err = System.err;
        CCompiler cc = compiler == null ? CCompiler.fromEnvironment() : CCompiler.of(compiler);
        List<String> flags = cflags == null || cflags.isBlank() ? List.of() : List.of(cflags.trim().split("\\s+"));

        Shim shim;
        CProgram program;
        try {
            shim = Shim.load(cc);
            program = CProgram.compile(shim, cc, sources, flags);
        } catch (CProgram.BuildException e) {
            err.print(e.result().output());
            err.println("zxport: " + e.getMessage());
            return BUILD_FAILED;
        } catch (CCompiler.CompilerException | UncheckedIOException | IllegalArgumentException e) {
            err.println("zxport: " + e.getMessage());
            return BUILD_FAILED;
        }
        err.print(program.compilerOutput());

        try (Kernel kernel = Kernel.create(); Shim.Installation _ = shim.install(kernel, trace ? err : null)) {
            String programName = sources.getFirst().getFileName().toString().replaceFirst("\\.c$", "");
            try {
                return program.runMain(programName, arguments);
            } catch (IllegalStateException e) {
                err.println("zxport: " + e.getMessage());
                return BUILD_FAILED;
            } finally {
                shim.flushStdio();
            }
        }
    }

    // Everything after the first "--" goes to main(). Picocli also collects those words as
    // operands, at the end of the list, so they are counted from the original arguments.
    private List<String> programArguments() {
        List<String> original = spec.commandLine().getParseResult().originalArgs();
        int separator = original.indexOf("--");
        return separator < 0 ? List.of() : List.copyOf(original.subList(separator + 1, original.size()));
    }
}
