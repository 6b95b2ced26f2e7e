#include "ballista/exec/query_execution.h"

#include "ballista/exec/execution_state.h"

namespace ballista::exec {

Result<std::unique_ptr<QueryExecution>> QueryExecution::Start(ExecContextPtr ctx,
                                                              PipelineGraph graph,
                                                              ThreadPool* pool) {
  if (!ctx || pool == nullptr)
    return Status::InvalidArgument("execution needs a context and a pool");
  arrow::SchemaPtr schema = graph.result_schema();
  if (!schema) schema = arrow::MakeSchema({});
  auto state = std::make_shared<internal::ExecutionState>(ctx, std::move(graph), pool);
  RETURN_NOT_OK(state->Start());
  return std::unique_ptr<QueryExecution>(
      new QueryExecution(std::move(ctx), std::move(state), std::move(schema)));
}

QueryExecution::QueryExecution(ExecContextPtr ctx, std::shared_ptr<internal::ExecutionState> state,
                               arrow::SchemaPtr result_schema)
    : ctx_(std::move(ctx)), state_(std::move(state)), result_schema_(std::move(result_schema)) {}

QueryExecution::~QueryExecution() {
  if (!state_->completed()) Cancel(Status::Cancelled("query execution dropped before it finished"));
  state_->Wait();
}

arrow::SchemaPtr QueryExecution::result_schema() const { return result_schema_; }

Result<arrow::RecordBatchPtr> QueryExecution::Next() { return state_->results().Pop(); }

bool QueryExecution::WaitReady(std::chrono::milliseconds timeout) {
  return state_->results().WaitReady(timeout);
}

Result<std::vector<arrow::RecordBatchPtr>> QueryExecution::Collect() {
  std::vector<arrow::RecordBatchPtr> batches;
  while (true) {
    ASSIGN_OR_RAISE(auto batch, Next());
    if (!batch) break;
    batches.push_back(std::move(batch));
  }
  RETURN_NOT_OK(Wait());
  return batches;
}

void QueryExecution::Cancel(Status reason) { ctx_->cancellation().Cancel(std::move(reason)); }

bool QueryExecution::WaitFor(std::chrono::milliseconds timeout) { return state_->WaitFor(timeout); }

Status QueryExecution::Wait() {
  state_->Wait();
  return state_->final_status();
}

bool QueryExecution::finished() const { return state_->completed(); }

Status QueryExecution::status() const { return state_->final_status(); }

Result<std::unique_ptr<QueryResultStream>> ExecuteStream(ExecContextPtr ctx, PipelineGraph graph,
                                                         ThreadPool* pool) {
  ASSIGN_OR_RAISE(auto execution, QueryExecution::Start(std::move(ctx), std::move(graph), pool));
  return std::make_unique<QueryResultStream>(std::move(execution));
}

Result<std::vector<arrow::RecordBatchPtr>> ExecuteCollect(ExecContextPtr ctx, PipelineGraph graph,
                                                          ThreadPool* pool) {
  ASSIGN_OR_RAISE(auto execution, QueryExecution::Start(std::move(ctx), std::move(graph), pool));
  return execution->Collect();
}

}  // namespace ballista::exec
