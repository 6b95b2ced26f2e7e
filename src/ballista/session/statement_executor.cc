#include "ballista/session/statement_executor.h"

#include <algorithm>

#include "ballista/catalog/memory_table.h"
#include "ballista/catalog/sql_type_name.h"
#include "ballista/catalog/view_table.h"
#include "ballista/compute/cast.h"
#include "ballista/compute/registry.h"
#include "ballista/compute/type_coercion.h"
#include "ballista/logical/binder.h"
#include "ballista/logical/expr_factory.h"
#include "ballista/logical/type_names.h"
#include "ballista/session/execute.h"
#include "ballista/session/external_tables.h"
#include "ballista/session/file_writers.h"
#include "ballista/sql/parser.h"
#include "ballista/sql/sql_printer.h"

namespace ballista::session {
namespace a = ballista::arrow;
using logical::LogicalPlanPtr;

namespace {

const compute::FunctionRegistry& Registry() { return compute::FunctionRegistry::Default(); }

/// A frame over constant text rows (SHOW, DESCRIBE, EXPLAIN output).
DataFrame TextFrame(const std::shared_ptr<SessionState>& state, const std::vector<std::string>& names,
                    const std::vector<std::vector<std::string>>& rows) {
  std::vector<logical::OutputColumn> output;
  for (const auto& n : names) output.push_back({logical::NextColumnId(), "", n, a::Utf8(), false});
  std::vector<std::vector<logical::ExprPtr>> values;
  for (const auto& row : rows) {
    std::vector<logical::ExprPtr> r;
    for (const auto& cell : row) r.push_back(logical::ExprFactory::Literal(a::Scalar::Utf8(cell)));
    values.push_back(std::move(r));
  }
  if (values.empty()) {
    return DataFrame(state, std::make_shared<logical::EmptyPlan>(false, std::move(output)));
  }
  return DataFrame(state, std::make_shared<logical::ValuesPlan>(std::move(values), std::move(output)));
}

/// A one-row frame with a BIGINT `count` column (INSERT and COPY report rows written).
DataFrame CountFrame(const std::shared_ptr<SessionState>& state, int64_t count) {
  std::vector<logical::OutputColumn> output{{logical::NextColumnId(), "", "count", a::Int64(), false}};
  std::vector<std::vector<logical::ExprPtr>> rows{{logical::ExprFactory::Literal(a::Scalar::Int64(count))}};
  return DataFrame(state, std::make_shared<logical::ValuesPlan>(std::move(rows), std::move(output)));
}

/// The frame of a statement without result rows.
DataFrame EmptyFrame(const std::shared_ptr<SessionState>& state) {
  return DataFrame(state, std::make_shared<logical::EmptyPlan>(false, std::vector<logical::OutputColumn>{}));
}

catalog::TableReference Reference(const sql::ObjectName& name) {
  catalog::TableReference ref;
  ref.table = name.back().value;
  if (name.size() >= 2) ref.schema = name[name.size() - 2].value;
  if (name.size() >= 3) ref.catalog = name[name.size() - 3].value;
  return ref;
}

Result<LogicalPlanPtr> BindQuery(const std::shared_ptr<SessionState>& state, const sql::Query& query,
                                 const std::vector<a::Scalar>& parameters,
                                 const std::vector<a::DataTypePtr>& parameter_types = {}) {
  logical::Binder binder(state->catalogs_ptr().get(), &Registry(), SessionBinderHooks(state));
  if (!parameter_types.empty()) binder.SetParameterTypes(parameter_types);
  if (!parameters.empty()) binder.SetParameterValues(parameters);
  return binder.BindQuery(query);
}

Result<std::vector<a::RecordBatchPtr>> Run(const std::shared_ptr<SessionState>& state,
                                           const LogicalPlanPtr& plan) {
  return DataFrame(state, plan).Collect();
}

/// A literal or a bare word as the text of a setting or option value.
Result<std::string> ConstantText(const sql::Expr& expr) {
  if (expr.kind == sql::ExprKind::kLiteral) return expr.As<sql::LiteralExpr>().value;
  if (expr.kind == sql::ExprKind::kColumnRef) {
    std::string out;
    for (const auto& part : expr.As<sql::ColumnRefExpr>().name) out += (out.empty() ? "" : ".") + part.value;
    return out;
  }
  if (expr.kind == sql::ExprKind::kUnary && expr.As<sql::UnaryExpr>().op == sql::UnaryOp::kMinus) {
    ASSIGN_OR_RAISE(auto inner, ConstantText(*expr.As<sql::UnaryExpr>().operand));
    return "-" + inner;
  }
  return Status::InvalidArgument("expected a constant, not " + sql::ToSql(expr));
}

Result<DataFrame> CreateTable(const std::shared_ptr<SessionState>& state,
                              const sql::CreateTableStatement& create,
                              const std::vector<a::Scalar>& parameters) {
  catalog::TableReference ref = Reference(create.name);
  if (state->catalogs().ResolveTable(ref).ok()) {
    if (create.if_not_exists) return EmptyFrame(state);
    if (!create.or_replace) {
      return Status::AlreadyExists("table \"" + ref.ToString() + "\" already exists");
    }
  }
  catalog::TableProviderPtr table;
  if (create.external) {
    ASSIGN_OR_RAISE(table, CreateExternalTable(create));
  } else if (create.as_query) {
    ASSIGN_OR_RAISE(auto plan, BindQuery(state, *create.as_query, parameters));
    ASSIGN_OR_RAISE(auto batches, Run(state, plan));
    a::FieldVector fields;
    for (size_t i = 0; i < plan->output().size(); ++i) {
      const auto& c = plan->output()[i];
      std::string name = i < create.columns.size() ? create.columns[i].name.value : c.name;
      fields.push_back(a::MakeField(name, c.type, true));
    }
    ASSIGN_OR_RAISE(table, catalog::MemoryTable::Make(a::MakeSchema(std::move(fields)), std::move(batches)));
  } else {
    if (create.columns.empty()) return Status::PlanError("CREATE TABLE needs columns or AS query");
    a::FieldVector fields;
    for (const auto& column : create.columns) {
      ASSIGN_OR_RAISE(auto type, logical::ResolveTypeName(column.type));
      fields.push_back(a::MakeField(column.name.value, type,
                                    column.nullability != sql::Nullability::kNotNull));
    }
    ASSIGN_OR_RAISE(table, catalog::MemoryTable::Make(a::MakeSchema(std::move(fields)), {}));
  }
  RETURN_NOT_OK(state->catalogs().RegisterTable(ref, std::move(table), true));
  return EmptyFrame(state);
}

Result<DataFrame> CreateView(const std::shared_ptr<SessionState>& state,
                             const sql::CreateViewStatement& create) {
  catalog::TableReference ref = Reference(create.name);
  if (state->catalogs().ResolveTable(ref).ok()) {
    if (create.if_not_exists) return EmptyFrame(state);
    if (!create.or_replace) return Status::AlreadyExists("view \"" + ref.ToString() + "\" already exists");
  }
  ASSIGN_OR_RAISE(auto plan, BindQuery(state, *create.query, {}));
  std::vector<std::string> names;
  for (const auto& c : create.columns) names.push_back(c.value);
  if (names.size() > plan->output().size()) {
    return Status::PlanError("view \"" + ref.ToString() + "\" names " + std::to_string(names.size()) +
                             " columns but its query has " + std::to_string(plan->output().size()));
  }
  a::FieldVector fields;
  for (size_t i = 0; i < plan->output().size(); ++i) {
    const auto& c = plan->output()[i];
    fields.push_back(a::MakeField(i < names.size() ? names[i] : c.name, c.type, c.nullable));
  }
  auto view = std::make_shared<catalog::ViewTable>(sql::ToSql(*create.query), create.query->Clone(),
                                                   std::move(names), a::MakeSchema(std::move(fields)));
  RETURN_NOT_OK(state->catalogs().RegisterTable(ref, std::move(view), true));
  return EmptyFrame(state);
}

Result<DataFrame> Drop(const std::shared_ptr<SessionState>& state, const sql::DropStatement& drop) {
  catalog::TableReference ref = Reference(drop.name);
  const char* what = drop.object_kind == sql::ObjectKind::kView ? "view" : "table";
  auto resolved = state->catalogs().ResolveTable(ref);
  if (!resolved.ok()) {
    if (drop.if_exists) return EmptyFrame(state);
    return Status::NotFound(std::string(what) + " \"" + ref.ToString() + "\" does not exist");
  }
  bool is_view = resolved->provider->table_type() == catalog::TableType::kView;
  if (is_view != (drop.object_kind == sql::ObjectKind::kView)) {
    return Status::InvalidArgument("\"" + ref.ToString() + "\" is a " + (is_view ? "view" : "table") +
                                   "; use DROP " + (is_view ? "VIEW" : "TABLE"));
  }
  RETURN_NOT_OK(state->catalogs().DeregisterTable(ref));
  return EmptyFrame(state);
}

Result<DataFrame> Insert(const std::shared_ptr<SessionState>& state, const sql::InsertStatement& insert,
                         const std::vector<a::Scalar>& parameters) {
  catalog::TableReference ref = Reference(insert.table);
  ASSIGN_OR_RAISE(auto target, state->catalogs().ResolveTable(ref));
  auto schema = target.provider->schema();
  ASSIGN_OR_RAISE(auto source, BindQuery(state, *insert.source, parameters));
  // Map the source's columns onto the table's: by the listed names, else by position.
  std::vector<int> source_of(static_cast<size_t>(schema->num_fields()), -1);
  if (insert.columns.empty()) {
    if (source->output().size() != static_cast<size_t>(schema->num_fields())) {
      return Status::PlanError("table \"" + ref.ToString() + "\" has " + std::to_string(schema->num_fields()) +
                               " columns but the INSERT gives " + std::to_string(source->output().size()));
    }
    for (int i = 0; i < schema->num_fields(); ++i) source_of[static_cast<size_t>(i)] = i;
  } else {
    if (insert.columns.size() != source->output().size()) {
      return Status::PlanError("INSERT names " + std::to_string(insert.columns.size()) +
                               " columns but gives " + std::to_string(source->output().size()) + " values");
    }
    for (size_t i = 0; i < insert.columns.size(); ++i) {
      int index = -1;
      for (int f = 0; f < schema->num_fields(); ++f) {
        if (schema->field(f)->name() == insert.columns[i].value) index = f;
      }
      if (index < 0) {
        return Status::PlanError("column \"" + insert.columns[i].value + "\" of table \"" +
                                 ref.ToString() + "\" not found");
      }
      source_of[static_cast<size_t>(index)] = static_cast<int>(i);
    }
  }
  logical::ExprFactory factory(&Registry());
  std::vector<logical::ExprPtr> exprs;
  std::vector<std::string> names;
  std::vector<logical::OutputColumn> output;
  for (int f = 0; f < schema->num_fields(); ++f) {
    const auto& field = schema->field(f);
    int s = source_of[static_cast<size_t>(f)];
    logical::ExprPtr e = s < 0 ? logical::ExprFactory::Literal(a::Scalar::Null(field->type()))
                               : source->output()[static_cast<size_t>(s)].ToExpr();
    if (!e->type->Equals(*field->type())) {
      if (!compute::CanCast(e->type, field->type())) {
        return Status::TypeError("cannot insert " + catalog::SqlTypeName(*e->type) + " into column \"" +
                                 field->name() + "\" of type " + catalog::SqlTypeName(*field->type()));
      }
      e = factory.Cast(e, field->type());
    }
    output.push_back({logical::NextColumnId(), "", field->name(), field->type(), field->nullable()});
    exprs.push_back(std::move(e));
  }
  LogicalPlanPtr plan = std::make_shared<logical::ProjectionPlan>(source, std::move(exprs), std::move(output));
  ASSIGN_OR_RAISE(auto batches, Run(state, plan));
  int64_t rows = 0;
  std::vector<a::RecordBatchPtr> relabelled;
  for (const auto& b : batches) {
    rows += b->num_rows();
    relabelled.push_back(std::make_shared<a::RecordBatch>(schema, b->num_rows(), b->columns()));
  }
  RETURN_NOT_OK(target.provider->Insert(relabelled));
  return CountFrame(state, rows);
}

Result<DataFrame> Copy(const std::shared_ptr<SessionState>& state, const sql::CopyStatement& copy,
                       const std::vector<a::Scalar>& parameters) {
  LogicalPlanPtr plan;
  if (copy.query) {
    ASSIGN_OR_RAISE(plan, BindQuery(state, *copy.query, parameters));
  } else {
    std::string name;
    for (const auto& part : copy.table) name += (name.empty() ? "" : ".") + sql::FormatIdentifier(part.value);
    ASSIGN_OR_RAISE(auto query, sql::ParseQuery("SELECT * FROM " + name));
    ASSIGN_OR_RAISE(plan, BindQuery(state, *query, parameters));
  }
  std::vector<std::pair<std::string, std::string>> options;
  for (const auto& option : copy.options) {
    ASSIGN_OR_RAISE(auto value, ConstantText(*option.value));
    options.emplace_back(option.key, value);
  }
  SessionConfig config = state->config();
  ASSIGN_OR_RAISE(auto optimized, OptimizePlan(plan, config));
  ASSIGN_OR_RAISE(auto reader, state->runner()->Execute(optimized, config));
  int64_t rows = 0;
  if (copy.partitioned_by.empty()) {
    ASSIGN_OR_RAISE(rows, WriteQueryResult(copy.target, copy.stored_as, options, *reader));
  } else {
    std::vector<std::string> columns;
    for (const auto& c : copy.partitioned_by) columns.push_back(c.value);
    ASSIGN_OR_RAISE(rows, WritePartitionedQueryResult(copy.target, copy.stored_as, options, columns, *reader));
  }
  return CountFrame(state, rows);
}

Result<DataFrame> Explain(const std::shared_ptr<SessionState>& state, const sql::ExplainStatement& explain,
                          const std::vector<a::Scalar>& parameters) {
  if (explain.statement->kind != sql::StatementKind::kQuery) {
    return Status::PlanError("EXPLAIN supports queries only");
  }
  ASSIGN_OR_RAISE(auto plan, BindQuery(state, *explain.statement->As<sql::QueryStatement>().query, parameters));
  SessionConfig config = state->config();
  if (explain.analyze) {
    ASSIGN_OR_RAISE(auto optimized, OptimizePlan(plan, config));
    ASSIGN_OR_RAISE(auto text, state->runner()->Analyze(optimized, config));
    return TextFrame(state, {"plan_type", "plan"}, {{"Plan with Metrics", text}});
  }
  std::vector<std::vector<std::string>> rows;
  std::vector<optimizer::PassRecord> passes;
  ASSIGN_OR_RAISE(auto optimized, OptimizePlan(plan, config, &passes, explain.verbose));
  if (explain.verbose) {
    rows.push_back({"initial_logical_plan", logical::PlanToString(*plan)});
    for (const auto& pass : passes) {
      rows.push_back({"logical_plan after " + pass.name,
                      pass.skipped ? "SAME TEXT AS ABOVE (skipped)" : pass.plan_after});
    }
  }
  rows.push_back({"logical_plan", logical::PlanToString(*optimized)});
  ASSIGN_OR_RAISE(auto physical, state->runner()->Explain(optimized, config));
  rows.push_back({"physical_plan", physical});
  return TextFrame(state, {"plan_type", "plan"}, rows);
}

Result<DataFrame> DescribeTable(const std::shared_ptr<SessionState>& state, const sql::ObjectName& name) {
  ASSIGN_OR_RAISE(auto table, state->catalogs().ResolveTable(Reference(name)));
  std::vector<std::vector<std::string>> rows;
  auto schema = table.provider->schema();
  for (int i = 0; i < schema->num_fields(); ++i) {
    const auto& f = schema->field(i);
    rows.push_back({f->name(), catalog::SqlTypeName(*f->type()), f->nullable() ? "YES" : "NO"});
  }
  return TextFrame(state, {"column_name", "data_type", "is_nullable"}, rows);
}

bool LikeMatch(std::string_view text, std::string_view pattern) {
  // % and _ wildcards, case-insensitive (SHOW FUNCTIONS LIKE).
  if (pattern.empty()) return text.empty();
  if (pattern[0] == '%') {
    for (size_t i = 0; i <= text.size(); ++i) {
      if (LikeMatch(text.substr(i), pattern.substr(1))) return true;
    }
    return false;
  }
  if (text.empty()) return false;
  if (pattern[0] != '_' && std::tolower(static_cast<unsigned char>(pattern[0])) !=
                               std::tolower(static_cast<unsigned char>(text[0]))) {
    return false;
  }
  return LikeMatch(text.substr(1), pattern.substr(1));
}

}  // namespace

logical::BinderHooks SessionBinderHooks(const std::shared_ptr<SessionState>& state) {
  logical::BinderHooks hooks;
  hooks.table_function = [](const std::string& name, const std::vector<a::Scalar>& args) {
    return MakeTableFunction(name, args);
  };
  hooks.file_table = [](const std::string& path) { return MakeFileTable(path); };
  (void)state;
  return hooks;
}

Result<DataFrame> ExecuteStatement(const std::shared_ptr<SessionState>& state,
                                   const sql::Statement& statement,
                                   const std::vector<a::Scalar>& parameters) {
  switch (statement.kind) {
    case sql::StatementKind::kQuery: {
      ASSIGN_OR_RAISE(auto plan, BindQuery(state, *statement.As<sql::QueryStatement>().query, parameters));
      return DataFrame(state, std::move(plan));
    }
    case sql::StatementKind::kCreateTable:
      return CreateTable(state, statement.As<sql::CreateTableStatement>(), parameters);
    case sql::StatementKind::kCreateView:
      return CreateView(state, statement.As<sql::CreateViewStatement>());
    case sql::StatementKind::kDrop:
      return Drop(state, statement.As<sql::DropStatement>());
    case sql::StatementKind::kInsert:
      return Insert(state, statement.As<sql::InsertStatement>(), parameters);
    case sql::StatementKind::kCopy:
      return Copy(state, statement.As<sql::CopyStatement>(), parameters);
    case sql::StatementKind::kExplain:
      return Explain(state, statement.As<sql::ExplainStatement>(), parameters);
    case sql::StatementKind::kShowTables: {
      ASSIGN_OR_RAISE(auto query, sql::ParseQuery(
                                      "SELECT table_catalog, table_schema, table_name, table_type FROM "
                                      "information_schema.tables ORDER BY table_schema, table_name"));
      ASSIGN_OR_RAISE(auto plan, BindQuery(state, *query, {}));
      return DataFrame(state, std::move(plan));
    }
    case sql::StatementKind::kShowColumns:
      return DescribeTable(state, statement.As<sql::ShowColumnsStatement>().table);
    case sql::StatementKind::kDescribe:
      return DescribeTable(state, statement.As<sql::DescribeStatement>().table);
    case sql::StatementKind::kShowFunctions: {
      const auto& show = statement.As<sql::ShowFunctionsStatement>();
      std::vector<std::vector<std::string>> rows;
      for (const auto& f : Registry().List()) {
        if (show.like_pattern && !LikeMatch(f.name, *show.like_pattern)) continue;
        rows.push_back({f.name, f.kind, f.signature, f.doc});
      }
      return TextFrame(state, {"function_name", "function_type", "signature", "description"}, rows);
    }
    case sql::StatementKind::kShowVariable: {
      const auto& show = statement.As<sql::ShowVariableStatement>();
      SessionConfig config = state->config();
      if (show.name.empty()) {
        std::vector<std::vector<std::string>> rows;
        for (const auto& [k, v] : config.All()) rows.push_back({k, v});
        return TextFrame(state, {"name", "value"}, rows);
      }
      std::string key;
      for (const auto& part : show.name) key += (key.empty() ? "" : ".") + part.value;
      ASSIGN_OR_RAISE(auto value, config.Get(key));
      return TextFrame(state, {"name", "value"}, {{key, value}});
    }
    case sql::StatementKind::kSetVariable: {
      const auto& set = statement.As<sql::SetVariableStatement>();
      std::string key;
      for (const auto& part : set.name) key += (key.empty() ? "" : ".") + part.value;
      ASSIGN_OR_RAISE(auto value, ConstantText(*set.value));
      RETURN_NOT_OK(state->SetConfig(key, value));
      return EmptyFrame(state);
    }
    case sql::StatementKind::kPrepare: {
      const auto& prepare = statement.As<sql::PrepareStatement>();
      PreparedStatement prepared;
      prepared.statement = std::shared_ptr<const sql::Statement>(prepare.statement->Clone());
      for (const auto& t : prepare.param_types) {
        ASSIGN_OR_RAISE(auto type, logical::ResolveTypeName(t));
        prepared.parameter_types.push_back(type);
      }
      RETURN_NOT_OK(state->Prepare(prepare.name.value, std::move(prepared)));
      return EmptyFrame(state);
    }
    case sql::StatementKind::kExecute: {
      const auto& execute = statement.As<sql::ExecuteStatement>();
      ASSIGN_OR_RAISE(auto prepared, state->Prepared(execute.name.value));
      std::vector<a::Scalar> values;
      logical::Binder binder(state->catalogs_ptr().get(), &Registry());
      auto empty = std::make_shared<logical::EmptyPlan>(true, std::vector<logical::OutputColumn>{});
      for (size_t i = 0; i < execute.args.size(); ++i) {
        ASSIGN_OR_RAISE(auto bound, binder.BindExpr(*execute.args[i], *empty));
        if (bound->kind != logical::ExprKind::kLiteral) {
          return Status::InvalidArgument("EXECUTE arguments must be constants");
        }
        a::Scalar value = bound->As<logical::LiteralExpr>().value;
        if (i < prepared.parameter_types.size() && !value.type()->Equals(*prepared.parameter_types[i])) {
          ASSIGN_OR_RAISE(value, compute::CastScalar(value, prepared.parameter_types[i]));
        }
        values.push_back(std::move(value));
      }
      if (!prepared.parameter_types.empty() && values.size() != prepared.parameter_types.size()) {
        return Status::InvalidArgument("prepared statement \"" + execute.name.value + "\" takes " +
                                       std::to_string(prepared.parameter_types.size()) + " parameters, not " +
                                       std::to_string(values.size()));
      }
      return ExecuteStatement(state, *prepared.statement, values);
    }
    case sql::StatementKind::kDeallocate:
      RETURN_NOT_OK(state->Deallocate(statement.As<sql::DeallocateStatement>().name.value));
      return EmptyFrame(state);
  }
  return Status::Internal("unknown statement kind");
}

}  // namespace ballista::session
