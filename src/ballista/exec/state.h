#pragma once

#include "ballista/arrow/record_batch.h"
#include "ballista/exec/resume_signal.h"

namespace ballista::exec {

/// Mutable state of one operator for one execution, shared by every thread that runs the
/// operator's pipeline. Operators are const and keep everything that changes here (a hash table,
/// a morsel cursor, a row counter). Whatever several threads touch must be synchronized by the
/// subclass. Destroyed when the execution ends (a sink's state: with the ExecContext, since later
/// pipelines may read it).
class GlobalState {
 public:
  virtual ~GlobalState() = default;
};

/// Mutable state of one operator on one task (one thread at a time): a partial aggregate, a local
/// sort buffer, the current morsel. Never shared, so never locked. Destroyed when its task ends.
class LocalState {
 public:
  virtual ~LocalState() = default;
};

/// What a Source::GetData or Operator::Execute call hands back besides its result code.
struct OperatorOutput {
  /// The produced batch; null (or zero rows) when the call produced nothing.
  arrow::RecordBatchPtr batch;
  /// Set exactly when the result is kBlocked: the signal that fires when calling again can make
  /// progress. The call's producer keeps its own reference and calls Notify() on it.
  ResumeSignalPtr resume;
};

}  // namespace ballista::exec
