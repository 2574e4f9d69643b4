// The zx_object_get_info() topics that zxport implements, and the record that
// ZX_INFO_HANDLE_BASIC returns.

#ifndef SYSROOT_ZIRCON_SYSCALLS_OBJECT_H_
#define SYSROOT_ZIRCON_SYSCALLS_OBJECT_H_

#include <stdint.h>
#include <zircon/types.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef uint32_t zx_object_info_topic_t;

// Checks that the handle is valid. Writes no record, so the buffer may be NULL.
#define ZX_INFO_HANDLE_VALID ((zx_object_info_topic_t)1u)
// Returns one zx_info_handle_basic_t record. Needs no right on the handle.
#define ZX_INFO_HANDLE_BASIC ((zx_object_info_topic_t)2u)

// Record returned for ZX_INFO_HANDLE_BASIC (32 bytes).
typedef struct zx_info_handle_basic {
  // Koid of the object behind the handle.
  zx_koid_t koid;
  // Rights of this handle.
  zx_rights_t rights;
  // A ZX_OBJ_TYPE_* value.
  zx_obj_type_t type;
  // Koid of the linked object, such as a channel's peer, or 0 when there is
  // none. Ports, events and interrupts report 0.
  zx_koid_t related_koid;
  uint32_t reserved;
  uint8_t padding1[4];
} zx_info_handle_basic_t;

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // SYSROOT_ZIRCON_SYSCALLS_OBJECT_H_
