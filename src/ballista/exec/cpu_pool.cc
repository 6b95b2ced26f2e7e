#include "ballista/exec/cpu_pool.h"

namespace ballista::exec {

ThreadPool* DefaultCpuThreadPool() {
  // Leaked on purpose: see the header.
  static ThreadPool* pool = new ThreadPool(ThreadPool::HardwareConcurrency());
  return pool;
}

}  // namespace ballista::exec
