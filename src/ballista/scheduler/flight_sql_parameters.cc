#include "ballista/scheduler/flight_sql_parameters.h"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "ballista/sql/lexer.h"

namespace ballista::scheduler {

Result<int> CountParameters(std::string_view sql_text) {
  ASSIGN_OR_RAISE(auto tokens, sql::Tokenize(sql_text));
  int questions = 0, highest = 0;
  for (const auto& token : tokens) {
    if (token.kind != sql::TokenKind::kParameter) {
      continue;
    }
    if (token.text == "?") {
      ++questions;
    } else {
      int n = std::atoi(std::string(token.text.substr(1)).c_str());
      highest = std::max(highest, n);
    }
  }
  return std::max(questions, highest);
}

Result<std::vector<std::vector<arrow::Scalar>>> ParameterRows(
    const std::vector<arrow::RecordBatchPtr>& batches) {
  std::vector<std::vector<arrow::Scalar>> rows;
  for (const auto& batch : batches) {
    for (int64_t r = 0; r < batch->num_rows(); ++r) {
      std::vector<arrow::Scalar> row;
      for (int c = 0; c < batch->num_columns(); ++c) {
        ASSIGN_OR_RAISE(auto value, arrow::ScalarFromArray(*batch->column_data(c), r));
        row.push_back(std::move(value));
      }
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

}  // namespace ballista::scheduler
