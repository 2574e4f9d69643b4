/**
 * zxport: Fuchsia Zircon ports simulated on the JVM.
 *
 * <p>{@code dev.zxport} holds the syscalls ({@link dev.zxport.Kernel}), {@code dev.zxport.sys}
 * the jextract bindings of the Zircon headers (packet layouts, constants) plus hand-written
 * helpers for what jextract cannot generate. The engine in {@code dev.zxport.kernel} is internal.
 */
module dev.zxport {
    requires static info.picocli;

    exports dev.zxport;
    exports dev.zxport.sys;
    exports dev.zxport.interop;

    opens dev.zxport.cli to info.picocli;
}
