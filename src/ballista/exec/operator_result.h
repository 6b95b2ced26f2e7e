#pragma once

#include <string_view>

namespace ballista::exec {

/// What an Operator::Execute / FinalExecute call asks the pipeline driver to do next.
enum class OperatorResult {
  /// The input batch is consumed; call again with the next input. The output may be empty.
  kNeedMoreInput,
  /// The output holds a batch and the operator has more for the same input: call again with the
  /// same input (FinalExecute: call FinalExecute again).
  kHaveMoreOutput,
  /// The operator accepts no more input, from any thread of this pipeline (a LIMIT that is full).
  /// The output may still hold a last batch. The driver stops the pipeline's source everywhere.
  kFinished,
  /// The operator cannot make progress now; the output's resume signal fires when it can. The
  /// driver parks the task without holding a thread and repeats the same call after the signal.
  kBlocked,
};

/// What a Source::GetData call produced.
enum class SourceResult {
  /// The output may hold a batch (or be empty); call again for more.
  kHaveMoreOutput,
  /// This thread's share of the source is exhausted; the output may hold a last batch.
  kFinished,
  /// No data is ready; the output's resume signal fires when there is. The call is repeated.
  kBlocked,
};

/// What a Sink::Sink call asks the pipeline driver to do next.
enum class SinkResult {
  /// The batch is consumed; send the next one.
  kNeedMoreInput,
  /// The sink needs no more input from any thread; the pipeline stops its source everywhere and
  /// goes on to Combine and Finalize.
  kFinished,
  /// The sink cannot take the batch now; the resume signal fires when it can. The driver offers
  /// the same batch again after the signal.
  kBlocked,
};

std::string_view ToString(OperatorResult result);
std::string_view ToString(SourceResult result);
std::string_view ToString(SinkResult result);

}  // namespace ballista::exec
