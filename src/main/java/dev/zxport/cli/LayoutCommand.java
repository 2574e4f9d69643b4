package dev.zxport.cli;

import dev.zxport.interop.AbiCheck;
import dev.zxport.interop.CCompiler;
import dev.zxport.interop.CCompiler.CompilerException;
import dev.zxport.interop.CStruct;
import dev.zxport.interop.HeaderFiles;
import dev.zxport.interop.ZirconStructs;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code zxport layout}: prints the packet layouts of the bindings the way pahole prints a struct,
 * and with {@code --check} compares them with what the C compiler computes from the headers.
 */
@Command(name = "layout",
        mixinStandardHelpOptions = true,
        description = {
                "Print the layout of zx_port_packet_t and its union members (or of STRUCT) with the offset, "
                        + "size and C type of every member, holes and padding.",
                "With --check, also compile a probe against the Zircon headers and <zxport/shim.h> and compare "
                        + "every size, offset, constant and function signature with the Java bindings."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:layout printed; with --check, everything matches",
                "1:--check found mismatches",
                "2:invalid usage, or --check found no working C compiler"})
final class LayoutCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "STRUCT",
            description = "Struct to print: a typedef name (zx_packet_signal_t) or a tag (zx_packet_signal). "
                    + "Default: zx_port_packet_t and each of its union members.")
    private String structName;

    @Option(names = "--check", description = "Also cross-check the bindings with the C compiler.")
    private boolean check;

    @Option(names = "--expand", description = "Print the members of nested packet structs in place, "
            + "with offsets from the start of the outer struct.")
    private boolean expand;

    @Option(names = "--cc", paramLabel = "COMMAND",
            description = "C compiler for --check, with arguments if needed. Default: $CC, else cc.")
    private String compilerCommand;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LayoutPrinter printer = new LayoutPrinter(expand);
        String layouts = selectedStructs().stream().map(printer::print).collect(Collectors.joining("\n"));
        out.print(layouts);
        out.flush();
        return check ? runCheck(out) : ExitCode.OK;
    }

    private List<CStruct> selectedStructs() {
        if (structName == null) {
            // The packet, then the type of each member that is itself a listed struct: the union members.
            CStruct packet = ZirconStructs.find("zx_port_packet_t").orElseThrow();
            List<CStruct> structs = new ArrayList<>();
            structs.add(packet);
            packet.memberTypes().values().stream().distinct()
                    .flatMap(type -> ZirconStructs.find(type).stream())
                    .forEach(structs::add);
            return structs;
        }
        return List.of(ZirconStructs.find(structName).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "Unknown struct '" + structName + "'. Known structs: " + ZirconStructs.all().stream()
                        .map(CStruct::typedefName).collect(Collectors.joining(", ")))));
    }

    private int runCheck(PrintWriter out) {
        CCompiler compiler = compilerCommand != null ? CCompiler.of(compilerCommand) : CCompiler.fromEnvironment();
        AbiCheck.Report report;
        try {
            report = AbiCheck.run(compiler, HeaderFiles.includeDirectory());
        } catch (CompilerException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("zxport layout --check: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        out.println();
        if (report.passed()) {
            out.println(report.summary());
            out.flush();
            return ExitCode.OK;
        }
        out.println("ABI check failed: " + report.mismatches().size() + " mismatches between the Java bindings and "
                + report.compiler() + ":");
        for (String mismatch : report.mismatches()) {
            out.println("  " + mismatch);
        }
        out.flush();
        return ExitCode.SOFTWARE;
    }
}
