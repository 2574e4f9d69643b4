// Zircon declarations that are not yet part of the stable Zircon ABI. Fuchsia code
// includes this header explicitly, and <zircon/syscalls.h> does not include it.

#ifndef SYSROOT_ZIRCON_SYSCALLS_NEXT_H_
#define SYSROOT_ZIRCON_SYSCALLS_NEXT_H_

#include <stdint.h>
#include <zircon/syscalls/port.h>
#include <zircon/types.h>

// Packet type whose payload is
// zx_packet_processor_power_level_transition_request_t, the
// processor_power_level_transition member of zx_port_packet_t.
#define ZX_PKT_TYPE_PROCESSOR_POWER_LEVEL_TRANSITION_REQUEST ((zx_packet_type_t)0x0Au)

// Option of zx_interrupt_create(). It cannot be combined with
// ZX_INTERRUPT_VIRTUAL.
#define ZX_INTERRUPT_WAKE_VECTOR ((uint32_t)0x20u)

#endif  // SYSROOT_ZIRCON_SYSCALLS_NEXT_H_
