package dev.zxport.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code zxport} command. Each tool is a subcommand class listed in {@code subcommands}
 * below; a new tool adds its class there.
 *
 * <p>Exit codes follow picocli: 0 success, 1 a check found a problem or the command failed,
 * 2 invalid usage or a missing prerequisite such as the C compiler. {@code run} is the exception:
 * it exits with the C program's own status, or 125 when the program cannot be built or loaded.
 */
@Command(name = "zxport",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Fuchsia Zircon ports simulated on the JVM.",
        subcommands = {
                LayoutCommand.class,
                RunCommand.class,
                BenchCommand.class,
                HelpCommand.class,
        })
public final class Main implements Runnable {
    @Spec
    private CommandSpec spec;

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Returns a new {@code zxport} command line, for tests and embedding. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    /** Rejects a call without subcommand, which prints the usage and exits with code 2. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /** Reads the version from the jar manifest, which the shaded jar carries. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"zxport " + (version != null ? version : "(version unknown: not run from the jar)")};
        }
    }
}
