// Basic Zircon types and constants for zxport: status, handle, signal,
// object-type, clock, koid and address types, the signal bits, object type
// numbers and interrupt options.
//
// zx_rights_t comes from <zircon/rights.h>, and the time and duration types
// come from <zircon/time.h>. This header includes both, as Fuchsia's does.

#ifndef SYSROOT_ZIRCON_TYPES_H_
#define SYSROOT_ZIRCON_TYPES_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <zircon/errors.h>
#include <zircon/rights.h>
#include <zircon/time.h>

// A ZX_OK or ZX_ERR_* value from <zircon/errors.h>.
typedef int32_t zx_status_t;

// A process-local handle value. Every valid handle has both bits of
// ZX_HANDLE_FIXED_BITS_MASK set. Code may keep its own data in those bits
// but must set them back to 1 before passing the handle to a syscall.
typedef uint32_t zx_handle_t;

#define ZX_HANDLE_INVALID ((zx_handle_t)0)
#define ZX_HANDLE_FIXED_BITS_MASK ((zx_handle_t)0x3)

typedef uint32_t zx_signals_t;
typedef uint32_t zx_obj_type_t;
typedef uint32_t zx_clock_t;

// A kernel object id. Ids are unique per object and never reused.
typedef uint64_t zx_koid_t;

typedef uint64_t zx_off_t;
typedef uintptr_t zx_vaddr_t;
typedef uintptr_t zx_paddr_t;
// A guest-physical address.
typedef uintptr_t zx_gpaddr_t;

// Signals. Bits 0 to 23 belong to the object, and their meaning depends on
// its type. Bits 24 to 31 are user signals, which zx_object_signal() may set
// or clear on any waitable object.
#define ZX_SIGNAL_NONE ((zx_signals_t)0u)
#define ZX_USER_SIGNAL_ALL ((zx_signals_t)0xff000000u)
#define __ZX_OBJECT_SIGNAL_ALL ((zx_signals_t)0x00ffffffu)

// Generic names of the object-specific bits.
#define __ZX_OBJECT_READABLE ((zx_signals_t)1u << 0)
#define __ZX_OBJECT_WRITABLE ((zx_signals_t)1u << 1)
#define __ZX_OBJECT_PEER_CLOSED ((zx_signals_t)1u << 2)
#define __ZX_OBJECT_SIGNALED ((zx_signals_t)1u << 3)
#define __ZX_OBJECT_SIGNAL_4 ((zx_signals_t)1u << 4)
#define __ZX_OBJECT_SIGNAL_5 ((zx_signals_t)1u << 5)
#define __ZX_OBJECT_SIGNAL_6 ((zx_signals_t)1u << 6)
#define __ZX_OBJECT_SIGNAL_7 ((zx_signals_t)1u << 7)
#define __ZX_OBJECT_SIGNAL_8 ((zx_signals_t)1u << 8)
#define __ZX_OBJECT_SIGNAL_9 ((zx_signals_t)1u << 9)
#define __ZX_OBJECT_SIGNAL_10 ((zx_signals_t)1u << 10)
#define __ZX_OBJECT_SIGNAL_11 ((zx_signals_t)1u << 11)
#define __ZX_OBJECT_SIGNAL_12 ((zx_signals_t)1u << 12)
#define __ZX_OBJECT_SIGNAL_13 ((zx_signals_t)1u << 13)
#define __ZX_OBJECT_SIGNAL_14 ((zx_signals_t)1u << 14)
#define __ZX_OBJECT_SIGNAL_15 ((zx_signals_t)1u << 15)
#define __ZX_OBJECT_SIGNAL_16 ((zx_signals_t)1u << 16)
#define __ZX_OBJECT_SIGNAL_17 ((zx_signals_t)1u << 17)
#define __ZX_OBJECT_SIGNAL_18 ((zx_signals_t)1u << 18)
#define __ZX_OBJECT_SIGNAL_19 ((zx_signals_t)1u << 19)
#define __ZX_OBJECT_SIGNAL_20 ((zx_signals_t)1u << 20)
#define __ZX_OBJECT_SIGNAL_21 ((zx_signals_t)1u << 21)
#define __ZX_OBJECT_SIGNAL_22 ((zx_signals_t)1u << 22)
#define __ZX_OBJECT_HANDLE_CLOSED ((zx_signals_t)1u << 23)

#define ZX_USER_SIGNAL_0 ((zx_signals_t)1u << 24)
#define ZX_USER_SIGNAL_1 ((zx_signals_t)1u << 25)
#define ZX_USER_SIGNAL_2 ((zx_signals_t)1u << 26)
#define ZX_USER_SIGNAL_3 ((zx_signals_t)1u << 27)
#define ZX_USER_SIGNAL_4 ((zx_signals_t)1u << 28)
#define ZX_USER_SIGNAL_5 ((zx_signals_t)1u << 29)
#define ZX_USER_SIGNAL_6 ((zx_signals_t)1u << 30)
#define ZX_USER_SIGNAL_7 ((zx_signals_t)1u << 31)

#define ZX_SIGNAL_HANDLE_CLOSED __ZX_OBJECT_HANDLE_CLOSED

// Event signals. ZX_EVENT_SIGNAL_MASK is the set that zx_object_signal() may
// change on an event.
#define ZX_EVENT_SIGNALED __ZX_OBJECT_SIGNALED
#define ZX_EVENT_SIGNAL_MASK (ZX_USER_SIGNAL_ALL | ZX_EVENT_SIGNALED)

// Event pair signals.
#define ZX_EVENTPAIR_SIGNALED __ZX_OBJECT_SIGNALED
#define ZX_EVENTPAIR_PEER_CLOSED __ZX_OBJECT_PEER_CLOSED

// Channel signals.
#define ZX_CHANNEL_READABLE __ZX_OBJECT_READABLE
#define ZX_CHANNEL_WRITABLE __ZX_OBJECT_WRITABLE
#define ZX_CHANNEL_PEER_CLOSED __ZX_OBJECT_PEER_CLOSED

// Timer signals.
#define ZX_TIMER_SIGNALED __ZX_OBJECT_SIGNALED

// A newly created virtual interrupt has this signal asserted.
#define ZX_VIRTUAL_INTERRUPT_UNTRIGGERED __ZX_OBJECT_SIGNAL_4

// Object types, as reported by zx_object_get_info(ZX_INFO_HANDLE_BASIC).
// Only the types that zxport simulates or mentions are listed.
#define ZX_OBJ_TYPE_NONE ((zx_obj_type_t)0u)
#define ZX_OBJ_TYPE_PROCESS ((zx_obj_type_t)1u)
#define ZX_OBJ_TYPE_THREAD ((zx_obj_type_t)2u)
#define ZX_OBJ_TYPE_VMO ((zx_obj_type_t)3u)
#define ZX_OBJ_TYPE_CHANNEL ((zx_obj_type_t)4u)
#define ZX_OBJ_TYPE_EVENT ((zx_obj_type_t)5u)
#define ZX_OBJ_TYPE_PORT ((zx_obj_type_t)6u)
#define ZX_OBJ_TYPE_INTERRUPT ((zx_obj_type_t)9u)
#define ZX_OBJ_TYPE_EVENTPAIR ((zx_obj_type_t)16u)
#define ZX_OBJ_TYPE_TIMER ((zx_obj_type_t)22u)

// Koids. The koids of ordinary objects start at ZX_KOID_FIRST.
#define ZX_KOID_INVALID ((zx_koid_t)0u)
#define ZX_KOID_KERNEL ((zx_koid_t)1u)
#define ZX_KOID_FIRST ((zx_koid_t)1024u)

// Options of zx_interrupt_create(). The trigger modes share the bits of
// ZX_INTERRUPT_MODE_MASK. ZX_INTERRUPT_WAKE_VECTOR is in
// <zircon/syscalls-next.h>.
#define ZX_INTERRUPT_REMAP_IRQ ((uint32_t)0x1u)
#define ZX_INTERRUPT_MODE_DEFAULT ((uint32_t)0u)
#define ZX_INTERRUPT_MODE_EDGE_LOW ((uint32_t)0x2u)
#define ZX_INTERRUPT_MODE_EDGE_HIGH ((uint32_t)0x4u)
#define ZX_INTERRUPT_MODE_LEVEL_LOW ((uint32_t)0x6u)
#define ZX_INTERRUPT_MODE_LEVEL_HIGH ((uint32_t)0x8u)
#define ZX_INTERRUPT_MODE_EDGE_BOTH ((uint32_t)0xAu)
#define ZX_INTERRUPT_MODE_MASK ((uint32_t)0xEu)
#define ZX_INTERRUPT_VIRTUAL ((uint32_t)0x10u)

// Makes a physical interrupt record its timestamps on the monotonic timeline
// instead of the boot timeline. A virtual interrupt always reports the
// timestamp passed to zx_interrupt_trigger().
#define ZX_INTERRUPT_TIMESTAMP_MONO ((uint32_t)1u << 6)

// Options of zx_interrupt_bind().
#define ZX_INTERRUPT_BIND ((uint32_t)0u)
#define ZX_INTERRUPT_UNBIND ((uint32_t)1u)

// Interrupt wait slot numbers.
#define ZX_INTERRUPT_SLOT_USER ((uint32_t)62u)
#define ZX_INTERRUPT_MAX_SLOTS ((uint32_t)62u)

// Maximum number of items that one zx_object_wait_many() call accepts.
#define ZX_WAIT_MANY_MAX_ITEMS ((size_t)64)

// Clock ids.
#define ZX_CLOCK_MONOTONIC ((zx_clock_t)0u)
#define ZX_CLOCK_BOOT ((zx_clock_t)1u)

#endif  // SYSROOT_ZIRCON_TYPES_H_
