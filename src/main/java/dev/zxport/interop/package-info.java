/**
 * C interop: the shim library that gives C programs the Zircon syscalls of
 * {@code <zircon/syscalls.h>} on top of a {@link dev.zxport.Kernel}, and the pieces around it.
 *
 * <p>{@link dev.zxport.interop.Shim} builds (with {@link dev.zxport.interop.CCompiler}), caches
 * and loads the shim and installs a kernel in it. Every syscall export of the shim calls an FFM
 * upcall stub, which checks the C pointers without dereferencing them (a bad one gives
 * {@code ZX_ERR_INVALID_ARGS}, as Zircon's user-copy does), calls the kernel and optionally
 * traces the call. {@link dev.zxport.interop.CProgram} compiles C sources against the headers
 * found by {@link dev.zxport.interop.HeaderFiles}, links them against the shim and runs their
 * {@code main}.
 */
package dev.zxport.interop;
