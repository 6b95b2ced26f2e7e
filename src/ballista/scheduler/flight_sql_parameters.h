#pragma once

#include <string_view>
#include <vector>

#include "ballista/arrow/record_batch.h"
#include "ballista/arrow/scalar.h"
#include "ballista/common/result.h"

namespace ballista::scheduler {

/// Number of parameters a Flight SQL statement text takes: the count of `?`, or the highest
/// `$n`. A syntax error of the text's tokens is returned as such.
Result<int> CountParameters(std::string_view sql_text);

/// The rows of parameter batches uploaded with DoPut, each as one parameter list.
Result<std::vector<std::vector<arrow::Scalar>>> ParameterRows(
    const std::vector<arrow::RecordBatchPtr>& batches);

}  // namespace ballista::scheduler
