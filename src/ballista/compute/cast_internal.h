#pragma once

// Pieces of the cast kernel shared between its files. Internal to compute/.

#include <memory>
#include <string>
#include <string_view>

#include "ballista/compute/kernel_util.h"

namespace ballista::compute::internal {

/// Parses SQL interval text: "1 day", "2 hours 30 minutes", "-1 year 2 mons", "3 days 04:05:06",
/// "1.5 seconds", "90" (seconds). InvalidArgument for anything else.
Result<MonthDayNanoInterval> ParseInterval(std::string_view text);

/// Parses a boolean: true/false, t/f, yes/no, y/n, on/off, 1/0 (any case, blanks trimmed).
bool ParseBool(std::string_view text, bool* out);

/// Text of slot i as CAST(x AS VARCHAR) shows it: timestamps "2024-01-31 12:00:00", booleans
/// "true"/"false", floats and decimals as the pretty printer shows them.
std::string CastValueToString(const ArrayData& data, int64_t i);

/// `cannot cast 'abc' to INTEGER`.
Status CastValueError(std::string_view value_text, const DataTypePtr& to);

/// Strings to any engine type, and any engine type to strings.
Result<std::shared_ptr<ArrayData>> CastFromString(const std::shared_ptr<ArrayData>& in,
                                                  const DataTypePtr& to, bool safe,
                                                  ExecContext* ctx);
Result<std::shared_ptr<ArrayData>> CastToString(const std::shared_ptr<ArrayData>& in,
                                                const DataTypePtr& to, ExecContext* ctx);

/// Trims ASCII blanks from both ends.
std::string_view TrimBlanks(std::string_view s);

}  // namespace ballista::compute::internal
