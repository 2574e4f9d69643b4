/**
 * zxport: Fuchsia Zircon ports simulated on the JVM.
 *
 * <p>{@code dev.zxport} holds the syscalls ({@link dev.zxport.Kernel}), {@code dev.zxport.sys}
 * the jextract bindings of the Zircon headers (packet layouts, constants) plus hand-written
 * helpers for what jextract cannot generate. The engine in {@code dev.zxport.kernel} is internal.
 */
module dev.zxport {
    // Used only by dev.zxport.cli, so the core library needs none of them at run time.
    requires static info.picocli;
    // HdrHistogram 2.2.2 has no module descriptor or Automatic-Module-Name, so its module name
    // comes from the jar's file name.
    requires static HdrHistogram;
    requires static jdk.management;

    exports dev.zxport;
    exports dev.zxport.sys;
    exports dev.zxport.interop;

    // picocli sets the annotated option fields of the command classes by reflection.
    opens dev.zxport.cli to info.picocli;
}
