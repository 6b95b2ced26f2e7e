#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ballista/arrow/type.h"
#include "ballista/common/status.h"
#include "ballista/exec/operator.h"
#include "ballista/exec/sink.h"
#include "ballista/exec/source.h"

namespace ballista::exec {

/// Index of a pipeline in its PipelineGraph.
using PipelineId = int;

/// Source -> streaming operators -> sink: the unit the executor runs on several threads at once.
/// A null sink means "the query result": the executor connects such pipelines to the result
/// stream. Immutable once built; the operators are shared (const) objects of the physical plan.
class Pipeline {
 public:
  Pipeline(std::shared_ptr<const Source> source,
           std::vector<std::shared_ptr<const Operator>> operators,
           std::shared_ptr<const Sink> sink);

  const std::shared_ptr<const Source>& source() const { return source_; }
  const std::vector<std::shared_ptr<const Operator>>& operators() const { return operators_; }
  const std::shared_ptr<const Sink>& sink() const { return sink_; }
  bool is_result() const { return sink_ == nullptr; }

  /// Schema of the batches that reach the sink (last operator's, else the source's).
  arrow::SchemaPtr output_schema() const;

  /// "VectorSource -> Double -> SumSink" ("-> <result>" for a result pipeline).
  std::string ToString() const;

 private:
  std::shared_ptr<const Source> source_;
  std::vector<std::shared_ptr<const Operator>> operators_;
  std::shared_ptr<const Sink> sink_;
};

/// The pipelines of one execution and the order they must run in: a pipeline starts once every
/// pipeline it depends on has finished (its sink finalized). A physical plan becomes a graph by
/// cutting it at every pipeline breaker: the breaker is the sink of the pipeline below it and
/// the source (or, for a hash join, a probe operator) of a pipeline above it, which depends on
/// the one below. Built single-threaded, then read-only.
class PipelineGraph {
 public:
  /// Adds `pipeline` and returns its id (ids count up from 0).
  PipelineId AddPipeline(Pipeline pipeline);

  /// `pipeline` must not start before `dependency` has finished. InvalidArgument for unknown ids
  /// or a self-dependency; cycles are found by Validate.
  Status AddDependency(PipelineId pipeline, PipelineId dependency);

  int num_pipelines() const { return static_cast<int>(pipelines_.size()); }
  const Pipeline& pipeline(PipelineId id) const { return pipelines_[static_cast<size_t>(id)]; }
  const std::vector<PipelineId>& dependencies(PipelineId id) const {
    return dependencies_[static_cast<size_t>(id)];
  }

  /// Checks the graph can run: no null source or operator, no cycle, and all result pipelines
  /// produce the same number of columns.
  Status Validate() const;

  /// Schema of the query result: the first result pipeline's output, or null when no pipeline
  /// produces a result (a shuffle-writing task).
  arrow::SchemaPtr result_schema() const;

  /// One line per pipeline: "#1 Scan -> HashJoinProbe -> <result> (after #0)".
  std::string ToString() const;

 private:
  std::vector<Pipeline> pipelines_;
  std::vector<std::vector<PipelineId>> dependencies_;
};

}  // namespace ballista::exec
