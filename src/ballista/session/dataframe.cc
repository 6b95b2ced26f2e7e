#include "ballista/session/dataframe.h"

#include <ostream>
#include <sstream>

#include "ballista/arrow/pretty_print.h"
#include "ballista/compute/registry.h"
#include "ballista/formats/csv/csv_writer.h"
#include "ballista/logical/binder.h"
#include "ballista/session/execute.h"
#include "ballista/session/file_writers.h"
#include "ballista/sql/parser.h"

namespace ballista::session {
namespace a = ballista::arrow;

namespace {

std::string JoinList(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out;
}

}  // namespace

Result<DataFrame> DataFrame::Derive(const std::string& sql, const DataFrame* right) const {
  ASSIGN_OR_RAISE(auto query, sql::ParseQuery(sql));
  logical::BinderHooks hooks;
  hooks.plan_tables["__df"] = plan_;
  if (right) hooks.plan_tables["__right"] = right->plan_;
  logical::Binder binder(state_->catalogs_ptr().get(), &compute::FunctionRegistry::Default(),
                         std::move(hooks));
  ASSIGN_OR_RAISE(auto plan, binder.BindQuery(*query));
  return DataFrame(state_, std::move(plan));
}

Result<DataFrame> DataFrame::Select(const std::vector<std::string>& items) const {
  if (items.empty()) return Status::InvalidArgument("Select needs at least one expression");
  return Derive("SELECT " + JoinList(items) + " FROM __df");
}

Result<DataFrame> DataFrame::Filter(const std::string& condition) const {
  return Derive("SELECT * FROM __df WHERE " + condition);
}

Result<DataFrame> DataFrame::Aggregate(const std::vector<std::string>& groups,
                                       const std::vector<std::string>& aggregates) const {
  std::vector<std::string> items = groups;
  items.insert(items.end(), aggregates.begin(), aggregates.end());
  if (items.empty()) return Status::InvalidArgument("Aggregate needs groups or aggregates");
  std::string sql = "SELECT " + JoinList(items) + " FROM __df";
  if (!groups.empty()) sql += " GROUP BY " + JoinList(groups);
  return Derive(sql);
}

Result<DataFrame> DataFrame::Join(const DataFrame& right, JoinKind kind, const std::string& on) const {
  const char* join = "JOIN";
  switch (kind) {
    case JoinKind::kInner: join = "JOIN"; break;
    case JoinKind::kLeft: join = "LEFT JOIN"; break;
    case JoinKind::kRight: join = "RIGHT JOIN"; break;
    case JoinKind::kFull: join = "FULL JOIN"; break;
    case JoinKind::kSemi: join = "SEMI JOIN"; break;
    case JoinKind::kAnti: join = "ANTI JOIN"; break;
  }
  return Derive("SELECT * FROM __df " + std::string(join) + " __right ON " + on, &right);
}

Result<DataFrame> DataFrame::Sort(const std::vector<std::string>& keys) const {
  if (keys.empty()) return *this;
  return Derive("SELECT * FROM __df ORDER BY " + JoinList(keys));
}

Result<DataFrame> DataFrame::Limit(int64_t fetch, int64_t skip) const {
  if (fetch < 0 || skip < 0) return Status::InvalidArgument("Limit takes non-negative counts");
  return Derive("SELECT * FROM __df LIMIT " + std::to_string(fetch) + " OFFSET " + std::to_string(skip));
}

Result<DataFrame> DataFrame::Distinct() const { return Derive("SELECT DISTINCT * FROM __df"); }

Result<DataFrame> DataFrame::Union(const DataFrame& other, bool distinct) const {
  return Derive(std::string("SELECT * FROM __df UNION ") + (distinct ? "" : "ALL ") +
                    "SELECT * FROM __right",
                &other);
}

Result<DataFrame> DataFrame::WithColumn(const std::string& name, const std::string& expr) const {
  bool exists = false;
  for (const auto& c : plan_->output()) exists = exists || c.name == name;
  std::string quoted = "\"" + name + "\"";
  if (exists) return Derive("SELECT * EXCLUDE (" + quoted + "), " + expr + " AS " + quoted + " FROM __df");
  return Derive("SELECT *, " + expr + " AS " + quoted + " FROM __df");
}

Result<a::RecordBatchReaderPtr> DataFrame::ExecuteStream() const {
  SessionConfig config = state_->config();
  ASSIGN_OR_RAISE(auto optimized, OptimizePlan(plan_, config));
  return state_->runner()->Execute(optimized, config);
}

Result<std::vector<a::RecordBatchPtr>> DataFrame::Collect() const {
  ASSIGN_OR_RAISE(auto reader, ExecuteStream());
  return reader->ReadAll();
}

Result<int64_t> DataFrame::Count() const {
  ASSIGN_OR_RAISE(auto counted, Derive("SELECT count(*) FROM __df"));
  ASSIGN_OR_RAISE(auto batches, counted.Collect());
  for (const auto& b : batches) {
    if (b->num_rows() > 0) return b->column_data(0)->GetValues<int64_t>(1)[0];
  }
  return Status::Internal("count(*) returned no row");
}

Result<std::string> DataFrame::ToTableString() const {
  ASSIGN_OR_RAISE(auto batches, Collect());
  return a::PrettyFormat(Schema(), batches);
}

Status DataFrame::Show(std::ostream& out) const {
  ASSIGN_OR_RAISE(auto text, ToTableString());
  out << text;
  if (!text.empty() && text.back() != '\n') out << "\n";
  return Status::OK();
}

Result<std::string> DataFrame::Explain(bool verbose) const {
  SessionConfig config = state_->config();
  std::vector<optimizer::PassRecord> passes;
  ASSIGN_OR_RAISE(auto optimized, OptimizePlan(plan_, config, &passes, verbose));
  std::string out;
  if (verbose) {
    out += "initial_logical_plan\n" + logical::PlanToString(*plan_);
    for (const auto& pass : passes) {
      if (pass.skipped) {
        out += "logical_plan after " + pass.name + ": skipped\n";
      } else {
        out += "logical_plan after " + pass.name + " (" + std::to_string(pass.elapsed.count()) +
               " us)\n" + pass.plan_after;
      }
    }
  }
  out += "logical_plan\n" + logical::PlanToString(*optimized);
  ASSIGN_OR_RAISE(auto physical, state_->runner()->Explain(optimized, config));
  out += "physical_plan\n" + physical;
  return out;
}

Status DataFrame::WriteCsv(const std::string& path) const {
  ASSIGN_OR_RAISE(auto reader, ExecuteStream());
  return WriteCsvFile(path, *reader).status();
}

Status DataFrame::WriteParquet(const std::string& path) const {
  ASSIGN_OR_RAISE(auto reader, ExecuteStream());
  return WriteParquetFile(path, *reader).status();
}

Status DataFrame::WriteJson(const std::string& path) const {
  ASSIGN_OR_RAISE(auto reader, ExecuteStream());
  return WriteJsonFile(path, *reader).status();
}

}  // namespace ballista::session
