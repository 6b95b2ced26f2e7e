#include "ballista/catalog/table_provider.h"

namespace ballista::catalog {

std::string_view TableTypeName(TableType type) {
  switch (type) {
    case TableType::kBaseTable:
      return "BASE TABLE";
    case TableType::kView:
      return "VIEW";
    case TableType::kLocalTemporary:
      return "LOCAL TEMPORARY";
    case TableType::kSystem:
      return "SYSTEM VIEW";
  }
  return "BASE TABLE";
}

Status TableProvider::Insert(const std::vector<arrow::RecordBatchPtr>&) {
  return Status::InvalidArgument(std::string("cannot insert into a table of type ") +
                                 std::string(TableTypeName(table_type())));
}

}  // namespace ballista::catalog
