#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ballista/arrow/record_batch_reader.h"
#include "ballista/logical/plan.h"
#include "ballista/session/session_state.h"

namespace ballista::session {

enum class JoinKind { kInner, kLeft, kRight, kFull, kSemi, kAnti };

/// A lazily evaluated query: a logical plan plus the session it runs in. Transformations
/// return new DataFrames and run nothing; Collect, Show, Count, ExecuteStream and Write* run the
/// plan. Expressions are SQL text bound against the frame's columns ("l_quantity * 2 AS q",
/// "sum(x)"), so everything the SQL dialect offers is available, with the same error messages.
/// Immutable and cheap to copy; thread-safe.
class DataFrame {
 public:
  DataFrame(std::shared_ptr<SessionState> state, logical::LogicalPlanPtr plan)
      : state_(std::move(state)), plan_(std::move(plan)) {}

  const logical::LogicalPlanPtr& logical_plan() const { return plan_; }
  /// The output schema.
  arrow::SchemaPtr Schema() const { return plan_->ToArrowSchema(); }

  /// SELECT items (expressions with optional AS aliases).
  Result<DataFrame> Select(const std::vector<std::string>& items) const;
  /// WHERE condition.
  Result<DataFrame> Filter(const std::string& condition) const;
  /// GROUP BY `groups`, computing `aggregates` ("sum(x) AS total"); output is groups then
  /// aggregates.
  Result<DataFrame> Aggregate(const std::vector<std::string>& groups,
                              const std::vector<std::string>& aggregates) const;
  /// Joins with `right` on a condition over both frames' column names.
  Result<DataFrame> Join(const DataFrame& right, JoinKind kind, const std::string& on) const;
  /// ORDER BY keys ("x DESC NULLS FIRST").
  Result<DataFrame> Sort(const std::vector<std::string>& keys) const;
  /// At most `fetch` rows after skipping `skip`.
  Result<DataFrame> Limit(int64_t fetch, int64_t skip = 0) const;
  Result<DataFrame> Distinct() const;
  /// UNION ALL (`distinct` false) or UNION.
  Result<DataFrame> Union(const DataFrame& other, bool distinct = false) const;
  /// Adds (or replaces) column `name` computed by `expr`.
  Result<DataFrame> WithColumn(const std::string& name, const std::string& expr) const;

  /// Runs the plan and returns every batch, in order.
  Result<std::vector<arrow::RecordBatchPtr>> Collect() const;
  /// Runs the plan, streaming batches as they are produced.
  Result<arrow::RecordBatchReaderPtr> ExecuteStream() const;
  /// Number of rows.
  Result<int64_t> Count() const;
  /// Collects and prints the result as a table (the pretty printer), or to a string.
  Status Show(std::ostream& out) const;
  Result<std::string> ToTableString() const;
  /// The optimized plan as text (EXPLAIN); `verbose` adds the plan after each optimizer pass.
  Result<std::string> Explain(bool verbose = false) const;

  Status WriteCsv(const std::string& path) const;
  Status WriteParquet(const std::string& path) const;
  Status WriteJson(const std::string& path) const;

 private:
  /// Binds `sql`, where `__df` names this frame and `__right` names `right` when given.
  Result<DataFrame> Derive(const std::string& sql, const DataFrame* right = nullptr) const;

  std::shared_ptr<SessionState> state_;
  logical::LogicalPlanPtr plan_;
};

}  // namespace ballista::session
