#pragma once

#include "ballista/common/thread_pool.h"

namespace ballista::exec {

/// The process-wide CPU pool that executions run on when their owner has no pool of its own: one
/// thread per hardware thread, made on first use and never destroyed (worker threads must not be
/// joined during static destruction while a late execution might still queue work). An executor
/// with `--vcores` makes its own ThreadPool instead. Thread-safe.
ThreadPool* DefaultCpuThreadPool();

}  // namespace ballista::exec
