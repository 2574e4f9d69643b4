package dev.zxport.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code zxport} command line: one subcommand per task. */
@Command(name = "zxport", mixinStandardHelpOptions = true, version = "zxport 0.1.0",
        description = "Fuchsia Zircon ports simulated on the JVM.",
        subcommands = {BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    /** Runs the command line and exits with the subcommand's exit code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand; see 'zxport help'");
    }
}
