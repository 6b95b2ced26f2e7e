#pragma once

#include <memory>
#include <string>

#include "ballista/session/session_context.h"

namespace ballista {

/// What a standalone context starts in-process.
struct StandaloneOptions {
  int executors = 1;
  int vcores_per_executor = 0;  ///< 0: the machine's cores
  std::string scheduler_policy = "push-staged";
};

/// The user's entry point: the local SessionContext's SQL and DataFrame API, run in-process
/// (the default constructor), on a cluster (Remote) or on a cluster started inside this process
/// on loopback ports with real gRPC and Flight (Standalone).
class SessionContext : public session::SessionContext {
 public:
  explicit SessionContext(session::SessionConfig config = {}) : session::SessionContext(std::move(config)) {}

  /// A context whose queries run on the cluster whose scheduler is at `url` ("df://host:port").
  static Result<SessionContext> Remote(const std::string& url, session::SessionConfig config = {});
  /// A context with its own scheduler and executor(s) in this process; they stop with the
  /// context's last copy (and its DataFrames).
  static Result<SessionContext> Standalone(session::SessionConfig config = {}, StandaloneOptions options = {});
};

}  // namespace ballista
