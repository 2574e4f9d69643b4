// The interface between zxport's C shim (libzxport_shim) and the Java kernel.
//
// The shim exports every syscall of <zircon/syscalls.h>. Each export forwards
// to the matching entry of a table of function pointers, which the Java side
// installs after it has loaded the library. The entries are FFM upcall stubs
// into dev.zxport.Kernel. C programs include <zircon/syscalls.h> only and
// never call anything declared here.

#ifndef ZXPORT_SHIM_H_
#define ZXPORT_SHIM_H_

#include <stddef.h>
#include <stdint.h>
#include <zircon/syscalls/port.h>
#include <zircon/time.h>
#include <zircon/types.h>

#ifdef __cplusplus
extern "C" {
#endif

// One entry per syscall, named after it without the zx_ prefix and with the
// same signature. The Java side checks every pointer argument before it
// touches the memory.
typedef struct zxport_syscall_table {
  zx_status_t (*port_create)(uint32_t options, zx_handle_t* out);
  zx_status_t (*port_queue)(zx_handle_t handle, const zx_port_packet_t* packet);
  zx_status_t (*port_wait)(zx_handle_t handle, zx_instant_mono_t deadline, zx_port_packet_t* packet);
  zx_status_t (*port_cancel)(zx_handle_t handle, zx_handle_t source, uint64_t key);
  zx_status_t (*port_cancel_key)(zx_handle_t handle, uint32_t options, uint64_t key);
  zx_status_t (*object_wait_async)(zx_handle_t handle, zx_handle_t port, uint64_t key,
                                   zx_signals_t signals, uint32_t options);
  zx_status_t (*object_wait_one)(zx_handle_t handle, zx_signals_t signals, zx_instant_mono_t deadline,
                                 zx_signals_t* observed);
  zx_status_t (*object_signal)(zx_handle_t handle, uint32_t clear_mask, uint32_t set_mask);
  zx_status_t (*object_get_info)(zx_handle_t handle, uint32_t topic, void* buffer, size_t buffer_size,
                                 size_t* actual, size_t* avail);
  zx_status_t (*event_create)(uint32_t options, zx_handle_t* out);
  zx_status_t (*handle_close)(zx_handle_t handle);
  zx_status_t (*handle_close_many)(const zx_handle_t* handles, size_t num_handles);
  zx_status_t (*handle_duplicate)(zx_handle_t handle, zx_rights_t rights, zx_handle_t* out);
  zx_status_t (*handle_replace)(zx_handle_t handle, zx_rights_t rights, zx_handle_t* out);
  zx_status_t (*interrupt_create)(zx_handle_t src_obj, uint32_t src_num, uint32_t options,
                                  zx_handle_t* out_handle);
  zx_status_t (*interrupt_bind)(zx_handle_t handle, zx_handle_t port_handle, uint64_t key, uint32_t options);
  zx_status_t (*interrupt_trigger)(zx_handle_t handle, uint32_t options, zx_instant_boot_t timestamp);
  zx_status_t (*interrupt_ack)(zx_handle_t handle);
  zx_status_t (*interrupt_destroy)(zx_handle_t handle);
  zx_status_t (*interrupt_wait)(zx_handle_t handle, zx_instant_boot_t* out_timestamp);
  zx_instant_mono_t (*clock_get_monotonic)(void);
  zx_instant_mono_t (*deadline_after)(zx_duration_mono_t nanoseconds);
} zxport_syscall_table_t;

// Makes every syscall export call through `table`, or, when `table` is NULL,
// makes them fail again as before the first install. The shim keeps the
// pointer, not a copy, so the table must stay valid until it is replaced and
// no call through it is still running.
//
// Before a table is installed, each syscall returns ZX_ERR_BAD_STATE (the two
// clock calls return 0), and the first such call prints one line to stderr.
void zxport_shim_install(const zxport_syscall_table_t* table);

// Access modes of zxport_shim_probe().
#define ZXPORT_PROBE_READ ((uint32_t)1u)
#define ZXPORT_PROBE_WRITE ((uint32_t)2u)

// Checks, without dereferencing `address`, that `size` bytes from it can be
// read (ZXPORT_PROBE_READ) or read and written (ZXPORT_PROBE_WRITE). Returns
// ZX_OK, or ZX_ERR_INVALID_ARGS for NULL, an address in the zero page, a range
// that wraps around, unmapped memory or, for writing, read-only memory. A
// write probe reads one byte per page and writes the same value back, so a
// store that another thread makes to that byte in between can be lost.
zx_status_t zxport_shim_probe(const void* address, size_t size, uint32_t access);

// Flushes every C stdio stream (fflush(NULL)).
void zxport_shim_flush_stdio(void);

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // ZXPORT_SHIM_H_
