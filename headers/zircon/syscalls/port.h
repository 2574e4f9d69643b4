// Zircon port packets: zx_port_packet_t, the packet types and the layout of
// every packet kind, plus the options of zx_port_create() and
// zx_object_wait_async().
//
// Each packet is 48 bytes: a 16-byte header (key, type, status) followed by a
// 32-byte union whose member is chosen by `type`. The layouts follow the
// newest public Fuchsia ABI on LP64 targets.

#ifndef SYSROOT_ZIRCON_SYSCALLS_PORT_H_
#define SYSROOT_ZIRCON_SYSCALLS_PORT_H_

#include <stdbool.h>
#include <stdint.h>
#include <zircon/types.h>

#ifdef __cplusplus
extern "C" {
#endif

// Option of zx_port_create(): the port also accepts interrupt bindings.
#define ZX_PORT_BIND_TO_INTERRUPT ((uint32_t)1u << 0)

// Packet types. The value is a plain enumeration with no sub-fields or flag
// bits. Values 0x02 and 0x08 belonged to packet types that were removed.
// Value 0x0A (ZX_PKT_TYPE_PROCESSOR_POWER_LEVEL_TRANSITION_REQUEST) is
// declared in <zircon/syscalls-next.h>. The kernel reserves 0xFFFFFFFF for
// internal use and never delivers it.
typedef uint32_t zx_packet_type_t;

#define ZX_PKT_TYPE_USER ((zx_packet_type_t)0x00u)
#define ZX_PKT_TYPE_SIGNAL_ONE ((zx_packet_type_t)0x01u)
#define ZX_PKT_TYPE_GUEST_BELL ((zx_packet_type_t)0x03u)
#define ZX_PKT_TYPE_GUEST_MEM ((zx_packet_type_t)0x04u)
#define ZX_PKT_TYPE_GUEST_IO ((zx_packet_type_t)0x05u)
#define ZX_PKT_TYPE_GUEST_VCPU ((zx_packet_type_t)0x06u)
#define ZX_PKT_TYPE_INTERRUPT ((zx_packet_type_t)0x07u)
#define ZX_PKT_TYPE_PAGE_REQUEST ((zx_packet_type_t)0x09u)

// Each ZX_PKT_IS_* macro compares the whole type value, with no mask.
#define ZX_PKT_IS_USER(type) ((type) == ZX_PKT_TYPE_USER)
#define ZX_PKT_IS_SIGNAL_ONE(type) ((type) == ZX_PKT_TYPE_SIGNAL_ONE)
#define ZX_PKT_IS_GUEST_BELL(type) ((type) == ZX_PKT_TYPE_GUEST_BELL)
#define ZX_PKT_IS_GUEST_MEM(type) ((type) == ZX_PKT_TYPE_GUEST_MEM)
#define ZX_PKT_IS_GUEST_IO(type) ((type) == ZX_PKT_TYPE_GUEST_IO)
#define ZX_PKT_IS_GUEST_VCPU(type) ((type) == ZX_PKT_TYPE_GUEST_VCPU)
#define ZX_PKT_IS_INTERRUPT(type) ((type) == ZX_PKT_TYPE_INTERRUPT)
#define ZX_PKT_IS_PAGE_REQUEST(type) ((type) == ZX_PKT_TYPE_PAGE_REQUEST)

// Values of zx_packet_guest_vcpu_t.type.
#define ZX_PKT_GUEST_VCPU_INTERRUPT ((uint32_t)0u)
#define ZX_PKT_GUEST_VCPU_STARTUP ((uint32_t)1u)

// Values of zx_packet_page_request_t.command.
#define ZX_PAGER_VMO_READ ((uint16_t)0u)
#define ZX_PAGER_VMO_COMPLETE ((uint16_t)1u)
#define ZX_PAGER_VMO_DIRTY ((uint16_t)2u)

// Options of zx_object_wait_async(). TIMESTAMP and BOOT_TIMESTAMP cannot be
// combined. ZX_WAIT_ASYNC_ONCE is a deprecated name for "no options".
#define ZX_WAIT_ASYNC_ONCE ((uint32_t)0u)
// Store the monotonic time at which the packet is queued in signal.timestamp.
#define ZX_WAIT_ASYNC_TIMESTAMP ((uint32_t)1u)
// Fire only on an inactive-to-active transition after the call, not on
// signals that are already asserted.
#define ZX_WAIT_ASYNC_EDGE ((uint32_t)2u)
// Store the boot time at which the packet is queued in signal.timestamp.
#define ZX_WAIT_ASYNC_BOOT_TIMESTAMP ((uint32_t)4u)

// Payload of a ZX_PKT_TYPE_USER packet: 32 bytes that zx_port_queue() copies
// unchanged.
typedef union zx_packet_user {
  uint64_t u64[4];
  uint32_t u32[8];
  uint16_t u16[16];
  uint8_t c8[32];
} zx_packet_user_t;

// Payload of a ZX_PKT_TYPE_SIGNAL_ONE packet, queued by zx_object_wait_async().
typedef struct zx_packet_signal {
  // The signals argument of zx_object_wait_async().
  zx_signals_t trigger;
  // All signals active on the object when the wait matched, which may
  // include bits outside `trigger`.
  zx_signals_t observed;
  // Always 1 in current kernels.
  uint64_t count;
  // Zero unless the wait used ZX_WAIT_ASYNC_TIMESTAMP or
  // ZX_WAIT_ASYNC_BOOT_TIMESTAMP.
  zx_time_t timestamp;
  uint64_t reserved1;
} zx_packet_signal_t;

// Payload of a ZX_PKT_TYPE_GUEST_BELL packet.
typedef struct zx_packet_guest_bell {
  zx_gpaddr_t addr;
  uint64_t reserved0;
  uint64_t reserved1;
  uint64_t reserved2;
} zx_packet_guest_bell_t;

// Payload of a ZX_PKT_TYPE_GUEST_MEM packet. The layout depends on the
// architecture that the header is compiled for.
typedef struct zx_packet_guest_mem {
  zx_gpaddr_t addr;
#if defined(__aarch64__)
  uint8_t access_size;
  bool sign_extend;
  uint8_t xt;
  bool read;
  uint8_t padding1[4];
  uint64_t data;
  uint64_t reserved;
#elif defined(__x86_64__)
  zx_gpaddr_t cr3;
  zx_vaddr_t rip;
  uint8_t instruction_size;
  uint8_t default_operand_size;
  uint8_t reserved[6];
#else
  uint64_t reserved[3];
#endif
} zx_packet_guest_mem_t;

// Payload of a ZX_PKT_TYPE_GUEST_IO packet. The anonymous union at offset 4
// contains the data, read through the member that matches access_size.
typedef struct zx_packet_guest_io {
  uint16_t port;
  uint8_t access_size;
  bool input;
  __extension__ union {
    __extension__ struct {
      uint8_t u8;
      uint8_t padding1[3];
    };
    __extension__ struct {
      uint16_t u16;
      uint8_t padding2[2];
    };
    uint32_t u32;
    uint8_t data[4];
  };
  uint64_t reserved0;
  uint64_t reserved1;
  uint64_t reserved2;
} zx_packet_guest_io_t;

// Payload of a ZX_PKT_TYPE_GUEST_VCPU packet. `type` is a
// ZX_PKT_GUEST_VCPU_* value and selects the member of the union.
typedef struct zx_packet_guest_vcpu {
  uint32_t type;
  uint8_t padding1[4];
  __extension__ union {
    struct {
      uint64_t mask;
      uint8_t vector;
      uint8_t padding1[7];
    } interrupt;
    struct {
      uint64_t id;
      zx_gpaddr_t entry;
    } startup;
  };
  uint64_t reserved;
} zx_packet_guest_vcpu_t;

// Payload of a ZX_PKT_TYPE_INTERRUPT packet.
typedef struct zx_packet_interrupt {
  // Boot time of the trigger by default, monotonic time for an interrupt
  // created with ZX_INTERRUPT_TIMESTAMP_MONO, or for a virtual interrupt the
  // value passed to zx_interrupt_trigger().
  zx_instant_boot_t timestamp;
  uint64_t reserved0;
  uint64_t reserved1;
  uint64_t reserved2;
} zx_packet_interrupt_t;

// Payload of a ZX_PKT_TYPE_PAGE_REQUEST packet. `command` is a
// ZX_PAGER_VMO_* value.
typedef struct zx_packet_page_request {
  uint16_t command;
  uint16_t flags;
  uint32_t reserved0;
  uint64_t offset;
  uint64_t length;
  uint64_t reserved1;
} zx_packet_page_request_t;

// Payload of a ZX_PKT_TYPE_PROCESSOR_POWER_LEVEL_TRANSITION_REQUEST packet.
// The packet type itself is declared in <zircon/syscalls-next.h>.
typedef struct zx_packet_processor_power_level_transition_request {
  uint32_t domain_id;
  uint32_t options;
  uint64_t control_interface;
  uint64_t control_argument;
  uint64_t reserved;
} zx_packet_processor_power_level_transition_request_t;

// A port packet, as passed to zx_port_queue() and returned by zx_port_wait().
typedef struct zx_port_packet {
  uint64_t key;
  zx_packet_type_t type;
  zx_status_t status;
  __extension__ union {
    zx_packet_user_t user;
    zx_packet_signal_t signal;
    zx_packet_guest_bell_t guest_bell;
    zx_packet_guest_mem_t guest_mem;
    zx_packet_guest_io_t guest_io;
    zx_packet_guest_vcpu_t guest_vcpu;
    zx_packet_interrupt_t interrupt;
    zx_packet_page_request_t page_request;
    zx_packet_processor_power_level_transition_request_t processor_power_level_transition;
  };
} zx_port_packet_t;

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // SYSROOT_ZIRCON_SYSCALLS_PORT_H_
