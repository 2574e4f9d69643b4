// Input header for jextract, which generates zxport's Java bindings from it.
// It includes <zircon/syscalls.h> and <zircon/syscalls-next.h> so that the
// bindings cover every type, constant and syscall that zxport declares, and
// <zxport/shim.h> for the table that connects the C shim to the Java kernel.
// C code should include the <zircon/...> headers directly instead of this one.

#ifndef ZXPORT_H_
#define ZXPORT_H_

#include <zircon/syscalls.h>
#include <zircon/syscalls-next.h>
#include <zxport/shim.h>

#endif  // ZXPORT_H_
