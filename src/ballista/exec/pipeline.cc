#include "ballista/exec/pipeline.h"

#include <algorithm>

namespace ballista::exec {

Pipeline::Pipeline(std::shared_ptr<const Source> source,
                   std::vector<std::shared_ptr<const Operator>> operators,
                   std::shared_ptr<const Sink> sink)
    : source_(std::move(source)), operators_(std::move(operators)), sink_(std::move(sink)) {}

arrow::SchemaPtr Pipeline::output_schema() const {
  if (!operators_.empty() && operators_.back()) return operators_.back()->output_schema();
  return source_ ? source_->output_schema() : nullptr;
}

std::string Pipeline::ToString() const {
  std::string out = source_ ? source_->name() : "<null source>";
  for (const auto& op : operators_) out += " -> " + (op ? op->name() : "<null operator>");
  out += " -> " + (sink_ ? sink_->name() : std::string("<result>"));
  return out;
}

PipelineId PipelineGraph::AddPipeline(Pipeline pipeline) {
  pipelines_.push_back(std::move(pipeline));
  dependencies_.emplace_back();
  return static_cast<PipelineId>(pipelines_.size() - 1);
}

Status PipelineGraph::AddDependency(PipelineId pipeline, PipelineId dependency) {
  const int n = num_pipelines();
  if (pipeline < 0 || pipeline >= n || dependency < 0 || dependency >= n) {
    return Status::InvalidArgument("pipeline dependency " + std::to_string(pipeline) + " -> " +
                                   std::to_string(dependency) + " names an unknown pipeline");
  }
  if (pipeline == dependency) {
    return Status::InvalidArgument("pipeline " + std::to_string(pipeline) + " depends on itself");
  }
  auto& deps = dependencies_[static_cast<size_t>(pipeline)];
  if (std::find(deps.begin(), deps.end(), dependency) == deps.end()) deps.push_back(dependency);
  return Status::OK();
}

Status PipelineGraph::Validate() const {
  const int n = num_pipelines();
  int result_columns = -1;
  for (int id = 0; id < n; ++id) {
    const Pipeline& p = pipeline(id);
    if (!p.source())
      return Status::InvalidArgument("pipeline " + std::to_string(id) + " has no source");
    for (const auto& op : p.operators()) {
      if (!op)
        return Status::InvalidArgument("pipeline " + std::to_string(id) + " has a null operator");
    }
    if (p.is_result()) {
      auto schema = p.output_schema();
      int columns = schema ? schema->num_fields() : 0;
      if (result_columns >= 0 && columns != result_columns) {
        return Status::InvalidArgument("result pipelines disagree on the number of columns: " +
                                       std::to_string(result_columns) + " vs " +
                                       std::to_string(columns));
      }
      result_columns = columns;
    }
  }
  // Kahn's algorithm: every pipeline must become ready.
  std::vector<int> missing(static_cast<size_t>(n));
  std::vector<std::vector<PipelineId>> dependents(static_cast<size_t>(n));
  for (int id = 0; id < n; ++id) {
    missing[static_cast<size_t>(id)] = static_cast<int>(dependencies(id).size());
    for (PipelineId dep : dependencies(id)) dependents[static_cast<size_t>(dep)].push_back(id);
  }
  std::vector<PipelineId> ready;
  for (int id = 0; id < n; ++id) {
    if (missing[static_cast<size_t>(id)] == 0) ready.push_back(id);
  }
  int visited = 0;
  while (!ready.empty()) {
    PipelineId id = ready.back();
    ready.pop_back();
    ++visited;
    for (PipelineId next : dependents[static_cast<size_t>(id)]) {
      if (--missing[static_cast<size_t>(next)] == 0) ready.push_back(next);
    }
  }
  if (visited != n) return Status::InvalidArgument("pipeline dependencies form a cycle");
  return Status::OK();
}

arrow::SchemaPtr PipelineGraph::result_schema() const {
  for (const auto& p : pipelines_) {
    if (p.is_result()) return p.output_schema();
  }
  return nullptr;
}

std::string PipelineGraph::ToString() const {
  std::string out;
  for (int id = 0; id < num_pipelines(); ++id) {
    out += "#" + std::to_string(id) + " " + pipeline(id).ToString();
    const auto& deps = dependencies(id);
    if (!deps.empty()) {
      out += " (after";
      for (size_t i = 0; i < deps.size(); ++i) out += (i ? ", #" : " #") + std::to_string(deps[i]);
      out += ")";
    }
    out += "\n";
  }
  return out;
}

}  // namespace ballista::exec
