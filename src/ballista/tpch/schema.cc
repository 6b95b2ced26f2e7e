#include "ballista/tpch/schema.h"

namespace ballista::tpch {
namespace {

arrow::DataTypePtr ArrowTypeOf(std::string_view sql_type) {
  if (sql_type == "BIGINT") return arrow::Int64();
  if (sql_type == "INTEGER") return arrow::Int32();
  if (sql_type == "DATE") return arrow::Date32();
  if (sql_type == "DECIMAL(15,2)") return arrow::Decimal128(15, 2);
  return arrow::Utf8();
}

}  // namespace

const std::vector<std::string_view>& TableColumnTypes(Table table) {
  static const std::vector<std::string_view> kTypes[] = {
      // part
      {"BIGINT", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "INTEGER", "VARCHAR", "DECIMAL(15,2)",
       "VARCHAR"},
      // partsupp
      {"BIGINT", "BIGINT", "INTEGER", "DECIMAL(15,2)", "VARCHAR"},
      // supplier
      {"BIGINT", "VARCHAR", "VARCHAR", "INTEGER", "VARCHAR", "DECIMAL(15,2)", "VARCHAR"},
      // customer
      {"BIGINT", "VARCHAR", "VARCHAR", "INTEGER", "VARCHAR", "DECIMAL(15,2)", "VARCHAR", "VARCHAR"},
      // orders
      {"BIGINT", "BIGINT", "VARCHAR", "DECIMAL(15,2)", "DATE", "VARCHAR", "VARCHAR", "INTEGER",
       "VARCHAR"},
      // lineitem
      {"BIGINT", "BIGINT", "BIGINT", "INTEGER", "DECIMAL(15,2)", "DECIMAL(15,2)", "DECIMAL(15,2)",
       "DECIMAL(15,2)", "VARCHAR", "VARCHAR", "DATE", "DATE", "DATE", "VARCHAR", "VARCHAR",
       "VARCHAR"},
      // nation
      {"INTEGER", "VARCHAR", "INTEGER", "VARCHAR"},
      // region
      {"INTEGER", "VARCHAR", "VARCHAR"},
  };
  return kTypes[static_cast<int>(table)];
}

arrow::SchemaPtr TableSchema(Table table) {
  const auto& names = TableColumns(table);
  const auto& types = TableColumnTypes(table);
  arrow::FieldVector fields;
  for (size_t i = 0; i < names.size(); ++i) {
    fields.push_back(std::make_shared<arrow::Field>(std::string(names[i]), ArrowTypeOf(types[i]),
                                                    /*nullable=*/false));
  }
  return std::make_shared<arrow::Schema>(std::move(fields));
}

std::string TableColumnDefinitions(Table table) {
  const auto& names = TableColumns(table);
  const auto& types = TableColumnTypes(table);
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ", ";
    out += names[i];
    out += ' ';
    out += types[i];
  }
  return out;
}

}  // namespace ballista::tpch
