package dev.zxport.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code zxport} command: parses the arguments and runs the chosen subcommand. */
@Command(name = "zxport",
        mixinStandardHelpOptions = true,
        version = "zxport 0.1.0",
        description = "Fuchsia Zircon ports simulated on the JVM.",
        subcommands = {RunCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs {@code zxport} with {@code args} and exits with the status of the subcommand. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    /** Without a subcommand, prints the usage and fails, since there is nothing to do. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
    }
}
