// Zircon time types, the infinite deadlines, and saturating arithmetic on
// times and durations.
//
// All times and durations are signed 64-bit nanosecond counts. Instead of
// wrapping, every helper here clamps a result that does not fit in int64_t
// to ZX_TIME_INFINITE or ZX_TIME_INFINITE_PAST. The ZX_NSEC() ... ZX_HOUR()
// macros call the helpers, so they are not constant expressions.

#ifndef SYSROOT_ZIRCON_TIME_H_
#define SYSROOT_ZIRCON_TIME_H_

#include <stdint.h>

// A point in time, in nanoseconds since the start of its timeline.
typedef int64_t zx_time_t;
// A span of time, in nanoseconds.
typedef int64_t zx_duration_t;
// A count of ticks of the platform timer.
typedef int64_t zx_ticks_t;

// Timeline-specific spellings of the types above. The monotonic timeline
// stops while the system is suspended, but the boot timeline keeps running.
// Every alias is int64_t, so they document intent without changing the ABI.
typedef int64_t zx_instant_mono_t;
typedef int64_t zx_instant_boot_t;
typedef int64_t zx_duration_mono_t;
typedef int64_t zx_duration_boot_t;
typedef int64_t zx_instant_mono_ticks_t;
typedef int64_t zx_instant_boot_ticks_t;
typedef int64_t zx_duration_mono_ticks_t;
typedef int64_t zx_duration_boot_ticks_t;

// A deadline that never passes, and one that has always passed.
#define ZX_TIME_INFINITE INT64_MAX
#define ZX_TIME_INFINITE_PAST INT64_MIN

// Returns time + duration, saturated to the infinite past or future.
static inline zx_time_t zx_time_add_duration(zx_time_t time, zx_duration_t duration) {
  zx_time_t sum;
  if (__builtin_add_overflow(time, duration, &sum)) {
    return duration > 0 ? ZX_TIME_INFINITE : ZX_TIME_INFINITE_PAST;
  }
  return sum;
}

// Returns time - duration, saturated to the infinite past or future.
static inline zx_time_t zx_time_sub_duration(zx_time_t time, zx_duration_t duration) {
  zx_time_t difference;
  if (__builtin_sub_overflow(time, duration, &difference)) {
    return duration < 0 ? ZX_TIME_INFINITE : ZX_TIME_INFINITE_PAST;
  }
  return difference;
}

// Returns the duration from time2 to time1 (time1 - time2), saturated.
static inline zx_duration_t zx_time_sub_time(zx_time_t time1, zx_time_t time2) {
  zx_duration_t difference;
  if (__builtin_sub_overflow(time1, time2, &difference)) {
    return time2 < 0 ? ZX_TIME_INFINITE : ZX_TIME_INFINITE_PAST;
  }
  return difference;
}

// Returns dur1 + dur2, saturated.
static inline zx_duration_t zx_duration_add_duration(zx_duration_t dur1, zx_duration_t dur2) {
  zx_duration_t sum;
  if (__builtin_add_overflow(dur1, dur2, &sum)) {
    return dur2 > 0 ? ZX_TIME_INFINITE : ZX_TIME_INFINITE_PAST;
  }
  return sum;
}

// Returns dur1 - dur2, saturated.
static inline zx_duration_t zx_duration_sub_duration(zx_duration_t dur1, zx_duration_t dur2) {
  zx_duration_t difference;
  if (__builtin_sub_overflow(dur1, dur2, &difference)) {
    return dur2 < 0 ? ZX_TIME_INFINITE : ZX_TIME_INFINITE_PAST;
  }
  return difference;
}

// Returns duration * multiplier, saturated. The overflow direction follows
// the sign of the exact product.
static inline zx_duration_t zx_duration_mul_int64(zx_duration_t duration, int64_t multiplier) {
  zx_duration_t product;
  if (__builtin_mul_overflow(duration, multiplier, &product)) {
    return (duration < 0) == (multiplier < 0) ? ZX_TIME_INFINITE : ZX_TIME_INFINITE_PAST;
  }
  return product;
}

// Conversions from a count of units to nanoseconds, saturated.
static inline zx_duration_t zx_duration_from_nsec(int64_t n) {
  return n;
}

static inline zx_duration_t zx_duration_from_usec(int64_t n) {
  return zx_duration_mul_int64(n, 1000);
}

static inline zx_duration_t zx_duration_from_msec(int64_t n) {
  return zx_duration_mul_int64(n, 1000000);
}

static inline zx_duration_t zx_duration_from_sec(int64_t n) {
  return zx_duration_mul_int64(n, 1000000000);
}

static inline zx_duration_t zx_duration_from_min(int64_t n) {
  return zx_duration_mul_int64(n, 60000000000);
}

static inline zx_duration_t zx_duration_from_hour(int64_t n) {
  return zx_duration_mul_int64(n, 3600000000000);
}

#define ZX_NSEC(n) (zx_duration_from_nsec(n))
#define ZX_USEC(n) (zx_duration_from_usec(n))
#define ZX_MSEC(n) (zx_duration_from_msec(n))
#define ZX_SEC(n) (zx_duration_from_sec(n))
#define ZX_MIN(n) (zx_duration_from_min(n))
#define ZX_HOUR(n) (zx_duration_from_hour(n))

#endif  // SYSROOT_ZIRCON_TIME_H_
