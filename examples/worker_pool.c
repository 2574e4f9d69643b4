// A worker pool on a port, as Fuchsia servers build them: several pthreads
// block in zx_port_wait on one work port, the main thread queues jobs as user
// packets, and each job's result comes back on a second port. Each queued
// packet wakes exactly one waiting thread, so every job runs once.
//
// The main thread queues the jobs in batches and collects each batch before
// queuing the next, so the workers block in zx_port_wait between batches.
//
// Run: ./zxport run examples/worker_pool.c [-- WORKERS JOBS]
// Exits 0 when every job's result arrived exactly once with the right value.

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <zircon/syscalls.h>

#define MAX_WORKERS 64
#define MAX_JOBS 100000
#define BATCH 500
#define JOB_KEY 1
#define STOP_KEY 2
#define RESULT_KEY_BASE 100

struct worker {
  int index;
  zx_handle_t work_port;
  zx_handle_t result_port;
  int jobs_done;
  zx_status_t status;
};

static uint64_t compute(uint64_t input) {
  return input * input + 7;
}

static void* run_worker(void* arg) {
  struct worker* worker = arg;
  for (;;) {
    zx_port_packet_t packet;
    zx_status_t status = zx_port_wait(worker->work_port, ZX_TIME_INFINITE, &packet);
    if (status != ZX_OK) {
      worker->status = status;
      return NULL;
    }
    if (packet.key == STOP_KEY) {
      return NULL;
    }
    zx_port_packet_t result = {.key = RESULT_KEY_BASE + (uint64_t)worker->index, .type = ZX_PKT_TYPE_USER};
    result.user.u64[0] = packet.user.u64[0];  // job id
    result.user.u64[1] = compute(packet.user.u64[1]);
    status = zx_port_queue(worker->result_port, &result);
    if (status != ZX_OK) {
      worker->status = status;
      return NULL;
    }
    worker->jobs_done++;
  }
}

static int parse_count(const char* text, int max, int fallback) {
  if (text == NULL) {
    return fallback;
  }
  int value = atoi(text);
  return value >= 1 && value <= max ? value : fallback;
}

int main(int argc, char** argv) {
  int worker_count = parse_count(argc > 1 ? argv[1] : NULL, MAX_WORKERS, 4);
  int job_count = parse_count(argc > 2 ? argv[2] : NULL, MAX_JOBS, 2000);

  zx_handle_t work_port;
  zx_handle_t result_port;
  if (zx_port_create(0, &work_port) != ZX_OK || zx_port_create(0, &result_port) != ZX_OK) {
    fprintf(stderr, "worker_pool: zx_port_create failed\n");
    return 1;
  }

  struct worker workers[MAX_WORKERS];
  pthread_t threads[MAX_WORKERS];
  for (int i = 0; i < worker_count; i++) {
    workers[i] = (struct worker){.index = i, .work_port = work_port, .result_port = result_port, .status = ZX_OK};
    if (pthread_create(&threads[i], NULL, run_worker, &workers[i]) != 0) {
      fprintf(stderr, "worker_pool: pthread_create failed\n");
      return 1;
    }
  }

  unsigned char* seen = calloc((size_t)job_count, 1);
  int errors = 0;
  int results = 0;
  for (int first = 0; first < job_count; first += BATCH) {
    int last = first + BATCH < job_count ? first + BATCH : job_count;
    for (int job = first; job < last; job++) {
      zx_port_packet_t packet = {.key = JOB_KEY, .type = ZX_PKT_TYPE_USER};
      packet.user.u64[0] = (uint64_t)job;
      packet.user.u64[1] = (uint64_t)job * 3;
      zx_status_t status = zx_port_queue(work_port, &packet);
      if (status != ZX_OK) {
        fprintf(stderr, "worker_pool: queuing job %d failed with %d\n", job, status);
        return 1;
      }
    }
    for (int received = first; received < last; received++) {
      zx_port_packet_t result;
      zx_status_t status = zx_port_wait(result_port, zx_deadline_after(ZX_SEC(30)), &result);
      if (status != ZX_OK) {
        fprintf(stderr, "worker_pool: waiting for a result failed with %d after %d results\n", status, results);
        return 1;
      }
      uint64_t job = result.user.u64[0];
      int worker = (int)(result.key - RESULT_KEY_BASE);
      if (job >= (uint64_t)job_count || seen[job] || worker < 0 || worker >= worker_count ||
          result.user.u64[1] != compute(job * 3)) {
        fprintf(stderr, "worker_pool: bad result for job %lu from key %lu\n", (unsigned long)job,
                (unsigned long)result.key);
        errors++;
        continue;
      }
      seen[job] = 1;
      results++;
    }
  }

  // One stop packet per worker: each worker exits after taking one.
  for (int i = 0; i < worker_count; i++) {
    zx_port_packet_t stop = {.key = STOP_KEY, .type = ZX_PKT_TYPE_USER};
    if (zx_port_queue(work_port, &stop) != ZX_OK) {
      fprintf(stderr, "worker_pool: queuing a stop packet failed\n");
      return 1;
    }
  }
  int jobs_done = 0;
  for (int i = 0; i < worker_count; i++) {
    pthread_join(threads[i], NULL);
    jobs_done += workers[i].jobs_done;
    if (workers[i].status != ZX_OK) {
      fprintf(stderr, "worker_pool: worker %d failed with %d\n", i, workers[i].status);
      errors++;
    }
  }
  if (results != job_count || jobs_done != job_count) {
    fprintf(stderr, "worker_pool: %d results and %d jobs done, expected %d\n", results, jobs_done, job_count);
    errors++;
  }
  free(seen);
  zx_handle_close(work_port);
  zx_handle_close(result_port);

  printf("worker_pool: %d workers, %d jobs, %d results, jobs per worker:", worker_count, job_count, results);
  for (int i = 0; i < worker_count; i++) {
    printf(" %d", workers[i].jobs_done);
  }
  printf(": %s\n", errors == 0 ? "OK" : "FAILED");
  return errors == 0 ? 0 : 1;
}
