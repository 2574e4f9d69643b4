// The Zircon syscalls that zxport simulates: ports, asynchronous waits,
// object signals and info, events, handles, virtual interrupts and the
// monotonic clock. The signatures match Fuchsia's, so Fuchsia C code that
// uses them compiles unchanged.
//
// Deadlines are absolute times on the monotonic timeline. Interrupt
// timestamps are on the boot timeline unless the interrupt was created with
// ZX_INTERRUPT_TIMESTAMP_MONO.

#ifndef SYSROOT_ZIRCON_SYSCALLS_H_
#define SYSROOT_ZIRCON_SYSCALLS_H_

#include <stddef.h>
#include <stdint.h>
#include <zircon/errors.h>
#include <zircon/rights.h>
#include <zircon/syscalls/exception.h>
#include <zircon/syscalls/object.h>
#include <zircon/syscalls/port.h>
#include <zircon/time.h>
#include <zircon/types.h>

#ifdef __cplusplus
extern "C" {
#endif

// Ports.
zx_status_t zx_port_create(uint32_t options, zx_handle_t* out);
zx_status_t zx_port_queue(zx_handle_t handle, const zx_port_packet_t* packet);
zx_status_t zx_port_wait(zx_handle_t handle, zx_instant_mono_t deadline,
                         zx_port_packet_t* packet);
zx_status_t zx_port_cancel(zx_handle_t handle, zx_handle_t source, uint64_t key);
zx_status_t zx_port_cancel_key(zx_handle_t handle, uint32_t options, uint64_t key);

// Objects.
zx_status_t zx_object_wait_async(zx_handle_t handle, zx_handle_t port, uint64_t key,
                                 zx_signals_t signals, uint32_t options);
zx_status_t zx_object_wait_one(zx_handle_t handle, zx_signals_t signals,
                               zx_instant_mono_t deadline, zx_signals_t* observed);
zx_status_t zx_object_signal(zx_handle_t handle, uint32_t clear_mask, uint32_t set_mask);
zx_status_t zx_object_get_info(zx_handle_t handle, uint32_t topic, void* buffer,
                               size_t buffer_size, size_t* actual, size_t* avail);

// Events.
zx_status_t zx_event_create(uint32_t options, zx_handle_t* out);

// Handles.
zx_status_t zx_handle_close(zx_handle_t handle);
zx_status_t zx_handle_close_many(const zx_handle_t* handles, size_t num_handles);
zx_status_t zx_handle_duplicate(zx_handle_t handle, zx_rights_t rights, zx_handle_t* out);
zx_status_t zx_handle_replace(zx_handle_t handle, zx_rights_t rights, zx_handle_t* out);

// Interrupts.
zx_status_t zx_interrupt_create(zx_handle_t src_obj, uint32_t src_num, uint32_t options,
                                zx_handle_t* out_handle);
zx_status_t zx_interrupt_bind(zx_handle_t handle, zx_handle_t port_handle, uint64_t key,
                              uint32_t options);
zx_status_t zx_interrupt_trigger(zx_handle_t handle, uint32_t options,
                                 zx_instant_boot_t timestamp);
zx_status_t zx_interrupt_ack(zx_handle_t handle);
zx_status_t zx_interrupt_destroy(zx_handle_t handle);
zx_status_t zx_interrupt_wait(zx_handle_t handle, zx_instant_boot_t* out_timestamp);

// Clock.
zx_instant_mono_t zx_clock_get_monotonic(void);
// Returns the current monotonic time plus `nanoseconds`, or ZX_TIME_INFINITE
// when the sum overflows.
zx_instant_mono_t zx_deadline_after(zx_duration_mono_t nanoseconds);

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // SYSROOT_ZIRCON_SYSCALLS_H_
