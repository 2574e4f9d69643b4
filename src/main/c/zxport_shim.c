// libzxport_shim: the Zircon syscalls of <zircon/syscalls.h> for Linux, each
// forwarded to the Java kernel through the table declared in <zxport/shim.h>.
//
// Built by dev.zxport.interop.Shim with the system C compiler:
//   cc -shared -fPIC -O2 -pthread -fvisibility=hidden -Wall
//      -Wl,-soname,libzxport_shim-KEY.so -I headers -o libzxport_shim-KEY.so zxport_shim.c
// Only the syscalls and the zxport_shim_* functions are exported.

#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>
#include <zircon/syscalls.h>
#include <zxport/shim.h>

#define EXPORT __attribute__((visibility("default")))

// Zircon never maps the first page, so an address below this is a bad pointer
// even if Linux has something mapped there.
#define ZERO_PAGE_END ((uintptr_t)4096)

// Pages probed per process_vm_readv/process_vm_writev call.
#define PROBE_BATCH 16

static _Atomic(const zxport_syscall_table_t*) installed_table;
static atomic_flag missing_table_reported = ATOMIC_FLAG_INIT;

// Prints, once per process, that a syscall ran without an installed table.
static void report_missing_table(const char* syscall) {
  if (!atomic_flag_test_and_set(&missing_table_reported)) {
    fprintf(stderr,
            "zxport: %s was called before a Java kernel was installed (load the shim with "
            "dev.zxport.interop.Shim); it and later such calls return ZX_ERR_BAD_STATE\n",
            syscall);
  }
}

static const zxport_syscall_table_t* current_table(void) {
  return atomic_load_explicit(&installed_table, memory_order_acquire);
}

// Returns from the enclosing syscall: the result of the table entry, or
// `fallback` when no table (or no such entry) is installed.
#define FORWARD(entry, fallback, ...)                      \
  do {                                                     \
    const zxport_syscall_table_t* table = current_table(); \
    if (table == NULL || table->entry == NULL) {           \
      report_missing_table(__func__);                      \
      return (fallback);                                   \
    }                                                      \
    return table->entry(__VA_ARGS__);                      \
  } while (0)

EXPORT void zxport_shim_install(const zxport_syscall_table_t* table) {
  atomic_store_explicit(&installed_table, table, memory_order_release);
}

EXPORT void zxport_shim_flush_stdio(void) {
  fflush(NULL);
}

// ---------------------------------------------------------------------------
// Pointer probes
// ---------------------------------------------------------------------------

enum probe_method { PROBE_UNDECIDED, PROBE_VM, PROBE_PIPE };

static _Atomic int probe_method = PROBE_UNDECIDED;

// Chooses process_vm_readv/writev unless ZXPORT_PROBE=pipe selects the pipe
// method. The pipe method is also the fallback when the kernel or a seccomp
// filter rejects process_vm_readv/writev.
static int current_probe_method(void) {
  int method = atomic_load_explicit(&probe_method, memory_order_relaxed);
  if (method == PROBE_UNDECIDED) {
    const char* requested = getenv("ZXPORT_PROBE");
    method = requested != NULL && strcmp(requested, "pipe") == 0 ? PROBE_PIPE : PROBE_VM;
    atomic_store_explicit(&probe_method, method, memory_order_relaxed);
  }
  return method;
}

// getpid() is a system call since glibc 2.25 dropped its pid cache, which
// would add one to every probe, so the pid is cached here and refreshed in the
// child after fork().
static _Atomic pid_t cached_pid;

static void forget_pid(void) {
  atomic_store_explicit(&cached_pid, 0, memory_order_relaxed);
}

__attribute__((constructor)) static void register_fork_handler(void) {
  pthread_atfork(NULL, NULL, forget_pid);
}

static pid_t own_pid(void) {
  pid_t pid = atomic_load_explicit(&cached_pid, memory_order_relaxed);
  if (pid == 0) {
    pid = getpid();
    atomic_store_explicit(&cached_pid, pid, memory_order_relaxed);
  }
  return pid;
}

// Copies one byte per entry of `remote` into `saved`, then writes the same
// bytes back when `writable` is set. Returns 1 when every transfer succeeded,
// 0 when one faulted, and -1 when the system calls themselves are unavailable.
static int probe_with_vm(struct iovec* remote, uint8_t* saved, int count, bool writable) {
  struct iovec local[PROBE_BATCH];
  for (int i = 0; i < count; i++) {
    local[i].iov_base = &saved[i];
    local[i].iov_len = 1;
  }
  pid_t self = own_pid();
  ssize_t copied = process_vm_readv(self, local, (unsigned long)count, remote, (unsigned long)count, 0);
  if (copied < 0 && (errno == ENOSYS || errno == EPERM || errno == EACCES)) {
    return -1;
  }
  if (copied != count) {
    return 0;
  }
  if (writable) {
    copied = process_vm_writev(self, local, (unsigned long)count, remote, (unsigned long)count, 0);
    if (copied < 0 && (errno == ENOSYS || errno == EPERM || errno == EACCES)) {
      return -1;
    }
    if (copied != count) {
      return 0;
    }
  }
  return 1;
}

// The same check through a pipe: write(2) from an unreadable address and
// read(2) into an unwritable one fail with EFAULT instead of faulting.
static int probe_with_pipe(struct iovec* remote, int count, bool writable) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    return 0;
  }
  int result = 1;
  for (int i = 0; i < count && result == 1; i++) {
    if (write(fds[1], remote[i].iov_base, 1) != 1) {
      result = 0;
      break;
    }
    uint8_t drained;
    void* target = writable ? remote[i].iov_base : &drained;
    if (read(fds[0], target, 1) != 1) {
      result = 0;
    }
  }
  close(fds[0]);
  close(fds[1]);
  return result;
}

static int probe_batch(struct iovec* remote, int count, bool writable) {
  uint8_t saved[PROBE_BATCH];
  if (current_probe_method() == PROBE_VM) {
    int result = probe_with_vm(remote, saved, count, writable);
    if (result >= 0) {
      return result;
    }
    atomic_store_explicit(&probe_method, PROBE_PIPE, memory_order_relaxed);
  }
  return probe_with_pipe(remote, count, writable);
}

EXPORT zx_status_t zxport_shim_probe(const void* address, size_t size, uint32_t access) {
  uintptr_t start = (uintptr_t)address;
  if (start < ZERO_PAGE_END || (access & ~(ZXPORT_PROBE_READ | ZXPORT_PROBE_WRITE)) != 0) {
    return ZX_ERR_INVALID_ARGS;
  }
  if (size == 0) {
    return ZX_OK;
  }
  if (size - 1 > UINTPTR_MAX - start) {
    return ZX_ERR_INVALID_ARGS;
  }
  uintptr_t last = start + (size - 1);
  uintptr_t page_size = (uintptr_t)sysconf(_SC_PAGESIZE);
  bool writable = (access & ZXPORT_PROBE_WRITE) != 0;

  // Access rights are per page, so probing one byte in every page that the
  // range touches decides for the whole range.
  uintptr_t next = start;
  bool more = true;
  while (more) {
    struct iovec remote[PROBE_BATCH];
    int count = 0;
    while (more && count < PROBE_BATCH) {
      remote[count].iov_base = (void*)next;
      remote[count].iov_len = 1;
      count++;
      uintptr_t following = (next & ~(page_size - 1)) + page_size;
      more = following != 0 && following <= last;
      next = following;
    }
    if (probe_batch(remote, count, writable) != 1) {
      return ZX_ERR_INVALID_ARGS;
    }
  }
  return ZX_OK;
}

// ---------------------------------------------------------------------------
// Syscalls
// ---------------------------------------------------------------------------

EXPORT zx_status_t zx_port_create(uint32_t options, zx_handle_t* out) {
  FORWARD(port_create, ZX_ERR_BAD_STATE, options, out);
}

EXPORT zx_status_t zx_port_queue(zx_handle_t handle, const zx_port_packet_t* packet) {
  FORWARD(port_queue, ZX_ERR_BAD_STATE, handle, packet);
}

EXPORT zx_status_t zx_port_wait(zx_handle_t handle, zx_instant_mono_t deadline, zx_port_packet_t* packet) {
  FORWARD(port_wait, ZX_ERR_BAD_STATE, handle, deadline, packet);
}

EXPORT zx_status_t zx_port_cancel(zx_handle_t handle, zx_handle_t source, uint64_t key) {
  FORWARD(port_cancel, ZX_ERR_BAD_STATE, handle, source, key);
}

EXPORT zx_status_t zx_port_cancel_key(zx_handle_t handle, uint32_t options, uint64_t key) {
  FORWARD(port_cancel_key, ZX_ERR_BAD_STATE, handle, options, key);
}

EXPORT zx_status_t zx_object_wait_async(zx_handle_t handle, zx_handle_t port, uint64_t key,
                                        zx_signals_t signals, uint32_t options) {
  FORWARD(object_wait_async, ZX_ERR_BAD_STATE, handle, port, key, signals, options);
}

EXPORT zx_status_t zx_object_wait_one(zx_handle_t handle, zx_signals_t signals, zx_instant_mono_t deadline,
                                      zx_signals_t* observed) {
  FORWARD(object_wait_one, ZX_ERR_BAD_STATE, handle, signals, deadline, observed);
}

EXPORT zx_status_t zx_object_signal(zx_handle_t handle, uint32_t clear_mask, uint32_t set_mask) {
  FORWARD(object_signal, ZX_ERR_BAD_STATE, handle, clear_mask, set_mask);
}

EXPORT zx_status_t zx_object_get_info(zx_handle_t handle, uint32_t topic, void* buffer, size_t buffer_size,
                                      size_t* actual, size_t* avail) {
  FORWARD(object_get_info, ZX_ERR_BAD_STATE, handle, topic, buffer, buffer_size, actual, avail);
}

EXPORT zx_status_t zx_event_create(uint32_t options, zx_handle_t* out) {
  FORWARD(event_create, ZX_ERR_BAD_STATE, options, out);
}

EXPORT zx_status_t zx_handle_close(zx_handle_t handle) {
  FORWARD(handle_close, ZX_ERR_BAD_STATE, handle);
}

EXPORT zx_status_t zx_handle_close_many(const zx_handle_t* handles, size_t num_handles) {
  FORWARD(handle_close_many, ZX_ERR_BAD_STATE, handles, num_handles);
}

EXPORT zx_status_t zx_handle_duplicate(zx_handle_t handle, zx_rights_t rights, zx_handle_t* out) {
  FORWARD(handle_duplicate, ZX_ERR_BAD_STATE, handle, rights, out);
}

EXPORT zx_status_t zx_handle_replace(zx_handle_t handle, zx_rights_t rights, zx_handle_t* out) {
  FORWARD(handle_replace, ZX_ERR_BAD_STATE, handle, rights, out);
}

EXPORT zx_status_t zx_interrupt_create(zx_handle_t src_obj, uint32_t src_num, uint32_t options,
                                       zx_handle_t* out_handle) {
  FORWARD(interrupt_create, ZX_ERR_BAD_STATE, src_obj, src_num, options, out_handle);
}

EXPORT zx_status_t zx_interrupt_bind(zx_handle_t handle, zx_handle_t port_handle, uint64_t key,
                                     uint32_t options) {
  FORWARD(interrupt_bind, ZX_ERR_BAD_STATE, handle, port_handle, key, options);
}

EXPORT zx_status_t zx_interrupt_trigger(zx_handle_t handle, uint32_t options, zx_instant_boot_t timestamp) {
  FORWARD(interrupt_trigger, ZX_ERR_BAD_STATE, handle, options, timestamp);
}

EXPORT zx_status_t zx_interrupt_ack(zx_handle_t handle) {
  FORWARD(interrupt_ack, ZX_ERR_BAD_STATE, handle);
}

EXPORT zx_status_t zx_interrupt_destroy(zx_handle_t handle) {
  FORWARD(interrupt_destroy, ZX_ERR_BAD_STATE, handle);
}

EXPORT zx_status_t zx_interrupt_wait(zx_handle_t handle, zx_instant_boot_t* out_timestamp) {
  FORWARD(interrupt_wait, ZX_ERR_BAD_STATE, handle, out_timestamp);
}

EXPORT zx_instant_mono_t zx_clock_get_monotonic(void) {
  FORWARD(clock_get_monotonic, 0);
}

EXPORT zx_instant_mono_t zx_deadline_after(zx_duration_mono_t nanoseconds) {
  FORWARD(deadline_after, 0, nanoseconds);
}
