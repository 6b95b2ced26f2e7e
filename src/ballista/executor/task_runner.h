#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "ballista/common/memory_pool.h"
#include "ballista/common/thread_pool.h"
#include "ballista/exec/query_execution.h"
#include "ballista/logical/plan.h"
#include "proto/ballista.pb.h"

namespace ballista::executor {

/// What every task of one executor shares.
struct TaskEnvironment {
  std::string executor_id;
  std::string host;         ///< as peers reach this executor
  int flight_port = 0;
  std::string work_dir;
  ThreadPool* cpu_pool = nullptr;
  MemoryPool* memory_pool = nullptr;
  int threads_per_task = 1;
};

/// Lets another thread cancel a running task (CancelTasks, shutdown). Thread-safe.
class TaskCancellation {
 public:
  void Cancel();
  bool cancelled() const { return cancelled_.load(); }
  /// The task's running execution, cancelled at once if Cancel came first.
  void Attach(exec::QueryExecution* execution);
  void Detach();

 private:
  std::atomic<bool> cancelled_{false};
  std::mutex mutex_;
  exec::QueryExecution* execution_ = nullptr;
};

/// Runs task `partition` of a stage: binds the stage plan to the partition, runs it on the
/// executor's threads and writes its output as shuffle files. Returns the report for the
/// scheduler: the output locations, or the error (a lost input marked fetch_failed with what
/// was lost, so only those map tasks run again).
protobuf::TaskStatus RunTask(const TaskEnvironment& env, const protobuf::StageTasks& work,
                             const logical::LogicalPlanPtr& plan, uint32_t partition, uint32_t attempt,
                             TaskCancellation* cancellation);

}  // namespace ballista::executor
