// Job-policy exception codes that Zircon raises when a port exceeds one of
// its kernel limits.

#ifndef SYSROOT_ZIRCON_SYSCALLS_EXCEPTION_H_
#define SYSROOT_ZIRCON_SYSCALLS_EXCEPTION_H_

// Raised by zx_port_queue() when the port already contains more than its
// limit of pending user packets, which is 4096 by default. So 4097 user
// packets can be pending, and the next zx_port_queue() fails with
// ZX_ERR_SHOULD_WAIT. Signal and interrupt packets do not count toward the
// limit.
#define ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_PACKETS 17u

// Raised by zx_object_wait_async() when the port already has its limit of
// registered observers, which is 50000 by default (kernel boot option
// kernel.port.max-observers).
#define ZX_EXCP_POLICY_CODE_PORT_TOO_MANY_OBSERVERS 19u

#endif  // SYSROOT_ZIRCON_SYSCALLS_EXCEPTION_H_
