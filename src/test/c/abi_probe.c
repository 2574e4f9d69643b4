// Test helpers for the C side of the shim ABI, compiled by CAbiTest into a
// library linked against libzxport_shim. Each function makes syscalls the way
// a C program would, and reports what it saw through plain C types.

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zircon/syscalls.h>

// Byte i of the pattern that abi_queue_pattern writes.
uint8_t abi_pattern_byte(int i) {
  return (uint8_t)(i * 7 + 3);
}

// Queues a packet whose 48 bytes all follow abi_pattern_byte.
zx_status_t abi_queue_pattern(zx_handle_t port) {
  zx_port_packet_t packet;
  uint8_t* bytes = (uint8_t*)&packet;
  for (int i = 0; i < (int)sizeof(packet); i++) {
    bytes[i] = abi_pattern_byte(i);
  }
  return zx_port_queue(port, &packet);
}

// Waits for one packet and copies its 48 bytes to `out`.
zx_status_t abi_wait_copy(zx_handle_t port, zx_instant_mono_t deadline, uint8_t* out) {
  zx_port_packet_t packet;
  memset(&packet, 0xEE, sizeof(packet));
  zx_status_t status = zx_port_wait(port, deadline, &packet);
  memcpy(out, &packet, sizeof(packet));
  return status;
}

// Writes the sizes and offsets that the C compiler uses for the packet, in
// this order: sizeof(zx_port_packet_t), offsets of key, type, status, user,
// signal.trigger, signal.observed, signal.count, signal.timestamp,
// interrupt.timestamp, and sizeof(zx_info_handle_basic_t).
void abi_layout(uint64_t* out) {
  out[0] = sizeof(zx_port_packet_t);
  out[1] = offsetof(zx_port_packet_t, key);
  out[2] = offsetof(zx_port_packet_t, type);
  out[3] = offsetof(zx_port_packet_t, status);
  out[4] = offsetof(zx_port_packet_t, user);
  out[5] = offsetof(zx_port_packet_t, signal.trigger);
  out[6] = offsetof(zx_port_packet_t, signal.observed);
  out[7] = offsetof(zx_port_packet_t, signal.count);
  out[8] = offsetof(zx_port_packet_t, signal.timestamp);
  out[9] = offsetof(zx_port_packet_t, interrupt.timestamp);
  out[10] = sizeof(zx_info_handle_basic_t);
}

long abi_page_size(void) {
  return sysconf(_SC_PAGESIZE);
}

// Returns the address of a page that was mapped and then unmapped.
void* abi_unmapped_address(void) {
  long page = sysconf(_SC_PAGESIZE);
  void* address = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (address == MAP_FAILED) {
    return NULL;
  }
  munmap(address, (size_t)page);
  return address;
}

// Returns the address of a readable page followed by an unmapped one.
void* abi_page_before_hole(void) {
  long page = sysconf(_SC_PAGESIZE);
  uint8_t* address = mmap(NULL, 2 * (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (address == MAP_FAILED) {
    return NULL;
  }
  munmap(address + page, (size_t)page);
  return address;
}

// Returns the address of a string literal, which lives in read-only memory.
const char* abi_read_only_address(void) {
  return "a string literal in read-only memory, longer than one packet";
}

// Makes syscalls with bad pointers and stores each status in `statuses`, in
// the order listed in CAbiTest.BAD_POINTER_CALLS. Returns how many it stored.
int abi_bad_pointer_calls(zx_handle_t port, zx_handle_t event, zx_status_t* statuses) {
  void* unmapped = abi_unmapped_address();
  void* zero_page = (void*)8;
  void* literal = (void*)(uintptr_t)abi_read_only_address();
  size_t actual;
  int n = 0;
  statuses[n++] = zx_port_create(0, NULL);
  statuses[n++] = zx_port_create(0, zero_page);
  statuses[n++] = zx_port_create(0, unmapped);
  statuses[n++] = zx_port_create(0, literal);
  statuses[n++] = zx_port_queue(port, NULL);
  statuses[n++] = zx_port_queue(port, zero_page);
  statuses[n++] = zx_port_queue(port, unmapped);
  statuses[n++] = zx_port_wait(port, 0, zero_page);
  statuses[n++] = zx_port_wait(port, 0, unmapped);
  statuses[n++] = zx_port_wait(port, 0, literal);
  statuses[n++] = zx_object_wait_one(event, ZX_USER_SIGNAL_0, 0, literal);
  statuses[n++] = zx_object_get_info(event, ZX_INFO_HANDLE_BASIC, unmapped, 32, &actual, NULL);
  statuses[n++] = zx_handle_close_many(unmapped, 1);
  statuses[n++] = zx_handle_duplicate(event, ZX_RIGHT_SAME_RIGHTS, literal);
  return n;
}

// Waiter threads: each blocks in zx_port_wait until it takes a packet with
// key `stop_key`, and counts the other packets it takes and their keys.
struct waiter {
  pthread_t thread;
  zx_handle_t port;
  uint64_t stop_key;
  uint64_t packets;
  uint64_t key_sum;
  zx_status_t status;
};

#define MAX_WAITERS 16
static struct waiter waiters[MAX_WAITERS];
static int waiter_count;

static void* run_waiter(void* arg) {
  struct waiter* waiter = arg;
  for (;;) {
    zx_port_packet_t packet;
    zx_status_t status = zx_port_wait(waiter->port, ZX_TIME_INFINITE, &packet);
    if (status != ZX_OK) {
      waiter->status = status;
      return NULL;
    }
    if (packet.key == waiter->stop_key) {
      return NULL;
    }
    waiter->packets++;
    waiter->key_sum += packet.key;
  }
}

// Starts `count` waiter threads on `port`; returns 0, or -1 on failure.
int abi_start_waiters(zx_handle_t port, int count, uint64_t stop_key) {
  if (count < 1 || count > MAX_WAITERS) {
    return -1;
  }
  waiter_count = count;
  for (int i = 0; i < count; i++) {
    waiters[i] = (struct waiter){.port = port, .stop_key = stop_key, .status = ZX_OK};
    if (pthread_create(&waiters[i].thread, NULL, run_waiter, &waiters[i]) != 0) {
      return -1;
    }
  }
  return 0;
}

// Joins the waiter threads and reports, per waiter, packets taken, sum of
// keys and final status: out[3 * i], out[3 * i + 1], out[3 * i + 2].
void abi_join_waiters(int64_t* out) {
  for (int i = 0; i < waiter_count; i++) {
    pthread_join(waiters[i].thread, NULL);
    out[3 * i] = (int64_t)waiters[i].packets;
    out[3 * i + 1] = (int64_t)waiters[i].key_sum;
    out[3 * i + 2] = waiters[i].status;
  }
}
