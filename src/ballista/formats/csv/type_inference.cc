#include "ballista/formats/csv/type_inference.h"

#include <algorithm>
#include <optional>
#include <set>

#include "ballista/arrow/temporal_util.h"
#include "ballista/formats/csv/column_decoder.h"

namespace ballista::formats::csv {

namespace {

enum Candidate : unsigned {
  kBool = 1u << 0,
  kInt = 1u << 1,
  kFloat = 1u << 2,
  kDate = 1u << 3,
  kTimestamp = 1u << 4,
  kDecimal = 1u << 5,
};

/// Digits before and after the point of a plain decimal literal (`[+-]digits[.digits]`).
struct DecimalShape {
  int integer_digits = 0;
  int fraction_digits = 0;
};

/// The shape of `text` when it is a plain decimal literal; leading zeros of the integer part
/// do not count ("0.25" needs no integer digits).
std::optional<DecimalShape> PlainDecimal(std::string_view text) {
  text = TrimBlanks(text);
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  DecimalShape shape;
  size_t digits = 0;
  bool significant = false;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++digits) {
    significant = significant || text[i] != '0';
    if (significant) ++shape.integer_digits;
  }
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++digits) ++shape.fraction_digits;
  }
  if (digits == 0 || i != text.size()) return std::nullopt;
  return shape;
}

bool HasDigit(std::string_view text) {
  for (char c : text) {
    if (c >= '0' && c <= '9') return true;
  }
  return false;
}

unsigned Candidates(std::string_view text, unsigned remaining) {
  unsigned result = 0;
  if (remaining & kBool) {
    bool b;
    if (ParseBool(text, &b)) result |= kBool;
  }
  if (remaining & kInt) {
    int64_t i;
    if (ParseInt64(text, &i)) result |= kInt;
  }
  if (remaining & (kFloat | kInt)) {
    double d;
    // Digits required so that words like "nan" or "infinity" stay strings.
    if (HasDigit(text) && ParseFloat64(text, &d)) result |= kFloat;
  }
  if (remaining & (kDate | kTimestamp)) {
    int32_t days;
    if (ParseDate32(text, &days)) result |= kDate | kTimestamp;
  }
  if ((remaining & kTimestamp) && !(result & kTimestamp)) {
    std::string_view t = TrimBlanks(text);
    if (t.size() > 10 && (t[10] == ' ' || t[10] == 'T') &&
        arrow::temporal::ParseTimestamp(t, arrow::TimeUnit::kMicro).ok()) {
      result |= kTimestamp;
    }
  }
  return result & remaining;
}

}  // namespace

std::vector<arrow::DataTypePtr> InferColumnTypes(const TokenizedRows& sample,
                                                 const CsvReadOptions& options) {
  std::vector<arrow::DataTypePtr> types;
  for (int c = 0; c < sample.num_columns; ++c) {
    // Int values stay acceptable to a float column, dates to a timestamp column: the candidate
    // set only shrinks, and the widest surviving type in each family wins at the end.
    unsigned remaining = kBool | kInt | kFloat | kDate | kTimestamp;
    if (options.infer_decimals) remaining |= kDecimal;
    DecimalShape widest;
    bool any_value = false;
    for (int64_t r = 0; r < sample.num_rows() && remaining != 0; ++r) {
      const FieldRef& field = sample.at(r, c);
      if (IsNullField(field, false, options.null_string)) continue;
      any_value = true;
      unsigned fits = Candidates(field.view(), remaining);
      if (fits & kInt) fits |= remaining & kFloat;
      if (fits & kDate) fits |= remaining & kTimestamp;
      if (remaining & kDecimal) {
        if (auto shape = PlainDecimal(field.view())) {
          fits |= kDecimal;
          widest.integer_digits = std::max(widest.integer_digits, shape->integer_digits);
          widest.fraction_digits = std::max(widest.fraction_digits, shape->fraction_digits);
        }
      }
      remaining = fits;
    }
    const int decimal_precision = std::max(1, widest.integer_digits + widest.fraction_digits);
    arrow::DataTypePtr type = arrow::Utf8();
    if (any_value) {
      if (remaining & kBool) {
        type = arrow::Boolean();
      } else if (remaining & kInt) {
        type = arrow::Int64();
      } else if ((remaining & kDecimal) && (remaining & kFloat) && decimal_precision <= 38) {
        type = arrow::Decimal128(decimal_precision, widest.fraction_digits);
      } else if (remaining & kFloat) {
        type = arrow::Float64();
      } else if (remaining & kDate) {
        type = arrow::Date32();
      } else if (remaining & kTimestamp) {
        type = arrow::Timestamp(arrow::TimeUnit::kMicro);
      }
    }
    types.push_back(type);
  }
  return types;
}

std::vector<std::string> MakeColumnNames(const std::vector<std::string>& header, int num_columns) {
  std::vector<std::string> names;
  std::set<std::string> used;
  for (int i = 0; i < num_columns; ++i) {
    std::string base =
        i < static_cast<int>(header.size()) && !header[static_cast<size_t>(i)].empty()
            ? header[static_cast<size_t>(i)]
            : "column_" + std::to_string(i + 1);
    std::string name = base;
    for (int suffix = 1; used.count(name) > 0; ++suffix) name = base + "_" + std::to_string(suffix);
    used.insert(name);
    names.push_back(name);
  }
  return names;
}

}  // namespace ballista::formats::csv
