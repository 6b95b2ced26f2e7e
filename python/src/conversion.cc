#include "conversion.h"

#include <pybind11/numpy.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <string>

#include "ballista/arrow/temporal_util.h"

namespace ballista::python {
namespace py = pybind11;
using arrow::Array;
using arrow::TimeUnit;
using arrow::TypeId;

namespace {

constexpr int64_t kNanosPerSecond = 1'000'000'000;
constexpr int64_t kNanosPerDay = arrow::temporal::kSecondsPerDay * kNanosPerSecond;
/// datetime.date.toordinal() of 1970-01-01.
constexpr int64_t kEpochOrdinal = 719163;
constexpr int64_t kMaxDateOrdinal = 3652059;  // 9999-12-31

/// Rounds toward negative infinity (Arrow temporal values before the epoch are negative).
int64_t FloorDiv(int64_t value, int64_t divisor) {
  int64_t quotient = value / divisor;
  if ((value % divisor != 0) && ((value < 0) != (divisor < 0))) {
    --quotient;
  }
  return quotient;
}

/// IEEE half-precision bits to double (exact).
double HalfToDouble(uint16_t bits) {
  int exponent = (bits >> 10) & 0x1f;
  int mantissa = bits & 0x3ff;
  double magnitude;
  if (exponent == 0) {
    magnitude = std::ldexp(mantissa, -24);
  } else if (exponent == 31) {
    magnitude = mantissa != 0 ? std::numeric_limits<double>::quiet_NaN() : std::numeric_limits<double>::infinity();
  } else {
    magnitude = std::ldexp(mantissa + 1024, exponent - 25);
  }
  return (bits & 0x8000) != 0 ? -magnitude : magnitude;
}

template <TypeId kId>
auto NumericValue(const Array& array, int64_t i) {
  return static_cast<const arrow::NumericArray<kId>&>(array).Value(i);
}

[[noreturn]] void RaiseValueError(PyObject* type, const std::string& message) {
  PyErr_SetString(type, message.c_str());
  throw py::error_already_set();
}

/// Turns single array slots into Python objects; holds the Python classes it builds, imported
/// once per conversion.
class Converter {
 public:
  Converter()
      : decimal_(py::module_::import("decimal").attr("Decimal")),
        datetime_module_(py::module_::import("datetime")),
        date_(datetime_module_.attr("date")),
        datetime_(datetime_module_.attr("datetime")),
        time_(datetime_module_.attr("time")),
        timedelta_(datetime_module_.attr("timedelta")) {}

  py::object Convert(const Array& array, int64_t i) {
    if (array.IsNull(i)) {
      return py::none();
    }
    switch (array.type_id()) {
      case TypeId::kNull:
        return py::none();
      case TypeId::kBool:
        return py::bool_(static_cast<const arrow::BooleanArray&>(array).Value(i));
      case TypeId::kInt8:
        return py::int_(NumericValue<TypeId::kInt8>(array, i));
      case TypeId::kInt16:
        return py::int_(NumericValue<TypeId::kInt16>(array, i));
      case TypeId::kInt32:
        return py::int_(NumericValue<TypeId::kInt32>(array, i));
      case TypeId::kInt64:
        return py::int_(NumericValue<TypeId::kInt64>(array, i));
      case TypeId::kUInt8:
        return py::int_(NumericValue<TypeId::kUInt8>(array, i));
      case TypeId::kUInt16:
        return py::int_(NumericValue<TypeId::kUInt16>(array, i));
      case TypeId::kUInt32:
        return py::int_(NumericValue<TypeId::kUInt32>(array, i));
      case TypeId::kUInt64:
        return py::int_(NumericValue<TypeId::kUInt64>(array, i));
      case TypeId::kFloat16:
        return py::float_(HalfToDouble(NumericValue<TypeId::kFloat16>(array, i)));
      case TypeId::kFloat32:
        return py::float_(NumericValue<TypeId::kFloat32>(array, i));
      case TypeId::kFloat64:
        return py::float_(NumericValue<TypeId::kFloat64>(array, i));
      case TypeId::kDecimal32:
      case TypeId::kDecimal64:
      case TypeId::kDecimal128:
      case TypeId::kDecimal256:
        return decimal_(static_cast<const arrow::DecimalArray&>(array).FormatValue(i));
      case TypeId::kUtf8:
        return Text(static_cast<const arrow::StringArray&>(array).GetView(i));
      case TypeId::kLargeUtf8:
        return Text(static_cast<const arrow::LargeStringArray&>(array).GetView(i));
      case TypeId::kUtf8View:
        return Text(static_cast<const arrow::StringViewArray&>(array).GetView(i));
      case TypeId::kBinary:
        return Bytes(static_cast<const arrow::BinaryArray&>(array).GetView(i));
      case TypeId::kLargeBinary:
        return Bytes(static_cast<const arrow::LargeBinaryArray&>(array).GetView(i));
      case TypeId::kBinaryView:
        return Bytes(static_cast<const arrow::BinaryViewArray&>(array).GetView(i));
      case TypeId::kFixedSizeBinary:
        return Bytes(static_cast<const arrow::FixedSizeBinaryArray&>(array).GetView(i));
      case TypeId::kDate32:
        return Date(NumericValue<TypeId::kDate32>(array, i));
      case TypeId::kDate64:
        return Date(FloorDiv(NumericValue<TypeId::kDate64>(array, i), arrow::temporal::kMillisPerDay));
      case TypeId::kTime32:
        return TimeOfDay(NumericValue<TypeId::kTime32>(array, i), array.type()->unit());
      case TypeId::kTime64:
        return TimeOfDay(NumericValue<TypeId::kTime64>(array, i), array.type()->unit());
      case TypeId::kTimestamp:
        return Timestamp(NumericValue<TypeId::kTimestamp>(array, i), array.type()->unit(), array.type()->timezone());
      case TypeId::kDuration:
        return Duration(NumericValue<TypeId::kDuration>(array, i), array.type()->unit());
      case TypeId::kIntervalYearMonth:
        return py::int_(NumericValue<TypeId::kIntervalYearMonth>(array, i));
      case TypeId::kIntervalDayTime: {
        auto value = NumericValue<TypeId::kIntervalDayTime>(array, i);
        return py::make_tuple(value.days, value.millis);
      }
      case TypeId::kIntervalMonthDayNano: {
        auto value = NumericValue<TypeId::kIntervalMonthDayNano>(array, i);
        return py::make_tuple(value.months, value.days, value.nanos);
      }
      case TypeId::kList:
        return List(*static_cast<const arrow::ListArray&>(array).value_slice(i));
      case TypeId::kLargeList:
        return List(*static_cast<const arrow::LargeListArray&>(array).value_slice(i));
      case TypeId::kFixedSizeList:
        return List(*static_cast<const arrow::FixedSizeListArray&>(array).value_slice(i));
      case TypeId::kMap: {
        const auto& map = static_cast<const arrow::MapArray&>(array);
        int64_t begin = map.value_offset(i);
        int64_t end = begin + map.value_length(i);
        py::list entries;
        for (int64_t entry = begin; entry < end; ++entry) {
          entries.append(py::make_tuple(Convert(*map.keys(), entry), Convert(*map.items(), entry)));
        }
        return entries;
      }
      case TypeId::kStruct: {
        const auto& structure = static_cast<const arrow::StructArray&>(array);
        py::dict members;
        for (int f = 0; f < structure.num_fields(); ++f) {
          members[py::str(array.type()->field(f)->name())] = Convert(*structure.field(f), i);
        }
        return members;
      }
      case TypeId::kDictionary: {
        const auto& dictionary = static_cast<const arrow::DictionaryArray&>(array);
        return Convert(*dictionary.dictionary(), dictionary.GetValueIndex(i));
      }
    }
    RaiseValueError(PyExc_NotImplementedError, "no Python conversion for " + array.type()->ToString());
  }

  /// A tzinfo for an Arrow time zone: UTC and "+HH:MM" offsets as datetime.timezone, other
  /// names through zoneinfo.
  py::object Zone(const std::string& name) {
    auto found = zones_.find(name);
    if (found != zones_.end()) {
      return found->second;
    }
    py::object zone;
    py::object timezone = datetime_module_.attr("timezone");
    bool is_offset = (name.size() == 6 && (name[0] == '+' || name[0] == '-') && name[3] == ':') ||
                     (name.size() == 5 && (name[0] == '+' || name[0] == '-'));
    if (name == "UTC" || name == "Z" || name == "utc") {
      zone = timezone.attr("utc");
    } else if (is_offset) {
      int hours = std::stoi(name.substr(1, 2));
      int minutes = std::stoi(name.substr(name.size() - 2));
      int sign = name[0] == '-' ? -1 : 1;
      zone = timezone(timedelta_(py::arg("minutes") = sign * (hours * 60 + minutes)));
    } else {
      zone = py::module_::import("zoneinfo").attr("ZoneInfo")(name);
    }
    zones_.emplace(name, zone);
    return zone;
  }

 private:
  static py::object Text(std::string_view text) { return py::str(text.data(), text.size()); }
  static py::object Bytes(std::string_view bytes) { return py::bytes(bytes.data(), bytes.size()); }

  py::object Date(int64_t days) {
    int64_t ordinal = days + kEpochOrdinal;
    if (ordinal < 1 || ordinal > kMaxDateOrdinal) {
      RaiseValueError(PyExc_ValueError,
                      "date " + arrow::temporal::FormatDate(days) + " is outside datetime.date's years 1..9999");
    }
    return date_.attr("fromordinal")(ordinal);
  }

  py::object TimeOfDay(int64_t value, TimeUnit unit) {
    int64_t per_second = arrow::temporal::UnitsPerSecond(unit);
    int64_t seconds = FloorDiv(value, per_second);
    int64_t micros = (value - seconds * per_second) * 1'000'000 / per_second;
    return time_(seconds / 3600 % 24, seconds / 60 % 60, seconds % 60, micros);
  }

  py::object Timestamp(int64_t value, TimeUnit unit, const std::string& timezone) {
    if (unit == TimeUnit::kNano && value % 1000 != 0) {
      py::object timestamp = py::module_::import("pandas").attr("Timestamp")(value);
      if (timezone.empty()) {
        return timestamp;
      }
      return timestamp.attr("tz_localize")("UTC").attr("tz_convert")(Zone(timezone));
    }
    int64_t per_second = arrow::temporal::UnitsPerSecond(unit);
    int64_t seconds = FloorDiv(value, per_second);
    int64_t micros = (value - seconds * per_second) * 1'000'000 / per_second;
    int64_t days = FloorDiv(seconds, arrow::temporal::kSecondsPerDay);
    int64_t second_of_day = seconds - days * arrow::temporal::kSecondsPerDay;
    py::object day = Date(days);
    py::object result = datetime_(day.attr("year"), day.attr("month"), day.attr("day"), second_of_day / 3600,
                                  second_of_day / 60 % 60, second_of_day % 60, micros);
    if (timezone.empty()) {
      return result;
    }
    return result.attr("replace")(py::arg("tzinfo") = Zone("UTC")).attr("astimezone")(Zone(timezone));
  }

  py::object Duration(int64_t value, TimeUnit unit) {
    if (unit == TimeUnit::kNano && value % 1000 != 0) {
      return py::module_::import("pandas").attr("Timedelta")(value);
    }
    int64_t per_second = arrow::temporal::UnitsPerSecond(unit);
    int64_t seconds = FloorDiv(value, per_second);
    int64_t micros = (value - seconds * per_second) * 1'000'000 / per_second;
    return timedelta_(py::arg("seconds") = seconds, py::arg("microseconds") = micros);
  }

  py::object List(const Array& values) {
    py::list items;
    for (int64_t i = 0; i < values.length(); ++i) {
      items.append(Convert(values, i));
    }
    return items;
  }

  py::object decimal_;
  py::module_ datetime_module_;
  py::object date_;
  py::object datetime_;
  py::object time_;
  py::object timedelta_;
  std::map<std::string, py::object> zones_;
};

/// One column across all batches.
struct ColumnChunks {
  std::string name;
  arrow::DataTypePtr type;
  std::vector<std::shared_ptr<Array>> arrays;
  int64_t length = 0;
  int64_t null_count = 0;
  /// Every chunk has exactly the schema's type id (the typed fast paths rely on it).
  bool uniform = true;
};

ColumnChunks GatherColumn(const arrow::Schema& schema, const std::vector<arrow::RecordBatchPtr>& batches, int c) {
  ColumnChunks chunks;
  chunks.name = schema.field(c)->name();
  chunks.type = schema.field(c)->type();
  for (const auto& batch : batches) {
    auto array = arrow::Column(*batch, c);
    chunks.length += array->length();
    chunks.null_count += array->null_count();
    chunks.uniform = chunks.uniform && array->type_id() == chunks.type->id();
    chunks.arrays.push_back(std::move(array));
  }
  return chunks;
}

py::tuple Piece(const char* kind, py::object values, py::object mask = py::none(), py::object timezone = py::none()) {
  return py::make_tuple(kind, std::move(values), std::move(mask), std::move(timezone));
}

template <TypeId kId>
py::tuple IntegerColumn(const ColumnChunks& chunks) {
  using CType = typename arrow::NumericArray<kId>::c_type;
  py::array_t<CType> values(chunks.length);
  CType* out = values.mutable_data();
  if (chunks.null_count == 0) {
    for (const auto& array : chunks.arrays) {
      const auto& typed = static_cast<const arrow::NumericArray<kId>&>(*array);
      if (array->length() > 0) {
        std::memcpy(out, typed.raw_values(), static_cast<size_t>(array->length()) * sizeof(CType));
      }
      out += array->length();
    }
    return Piece("numpy", std::move(values));
  }
  py::array_t<bool> mask(chunks.length);
  bool* is_null = mask.mutable_data();
  for (const auto& array : chunks.arrays) {
    const auto& typed = static_cast<const arrow::NumericArray<kId>&>(*array);
    for (int64_t i = 0; i < array->length(); ++i) {
      bool valid = typed.IsValid(i);
      *out++ = valid ? typed.Value(i) : CType{0};
      *is_null++ = !valid;
    }
  }
  return Piece("integer", std::move(values), std::move(mask));
}

py::tuple BooleanColumn(const ColumnChunks& chunks) {
  py::array_t<bool> values(chunks.length);
  bool* out = values.mutable_data();
  py::array_t<bool> mask(chunks.null_count > 0 ? chunks.length : 0);
  bool* is_null = mask.mutable_data();
  for (const auto& array : chunks.arrays) {
    const auto& typed = static_cast<const arrow::BooleanArray&>(*array);
    for (int64_t i = 0; i < array->length(); ++i) {
      bool valid = typed.IsValid(i);
      *out++ = valid && typed.Value(i);
      if (chunks.null_count > 0) {
        *is_null++ = !valid;
      }
    }
  }
  if (chunks.null_count == 0) {
    return Piece("numpy", std::move(values));
  }
  return Piece("boolean", std::move(values), std::move(mask));
}

template <TypeId kId>
py::tuple FloatColumn(const ColumnChunks& chunks) {
  using CType = typename arrow::NumericArray<kId>::c_type;
  py::array_t<CType> values(chunks.length);
  CType* out = values.mutable_data();
  for (const auto& array : chunks.arrays) {
    const auto& typed = static_cast<const arrow::NumericArray<kId>&>(*array);
    for (int64_t i = 0; i < array->length(); ++i) {
      *out++ = typed.IsValid(i) ? typed.Value(i) : std::numeric_limits<CType>::quiet_NaN();
    }
  }
  return Piece("numpy", std::move(values));
}

py::tuple HalfFloatColumn(const ColumnChunks& chunks) {
  constexpr uint16_t kHalfNaN = 0x7e00;
  py::array values(py::dtype("float16"), std::vector<py::ssize_t>{chunks.length});
  auto* out = static_cast<uint16_t*>(values.mutable_data());
  for (const auto& array : chunks.arrays) {
    const auto& typed = static_cast<const arrow::Float16Array&>(*array);
    for (int64_t i = 0; i < array->length(); ++i) {
      *out++ = typed.IsValid(i) ? typed.Value(i) : kHalfNaN;
    }
  }
  return Piece("numpy", std::move(values));
}

/// Nanoseconds for datetime64[ns] / timedelta64[ns]: each value times `factor`, nulls as NaT
/// (INT64_MIN). A product that overflows or lands on NaT raises OverflowError.
template <TypeId kId>
py::tuple NanosecondColumn(const ColumnChunks& chunks, const char* kind, int64_t factor, py::object timezone) {
  py::array_t<int64_t> values(chunks.length);
  int64_t* out = values.mutable_data();
  constexpr int64_t kNaT = std::numeric_limits<int64_t>::min();
  for (const auto& array : chunks.arrays) {
    const auto& typed = static_cast<const arrow::NumericArray<kId>&>(*array);
    for (int64_t i = 0; i < array->length(); ++i) {
      if (!typed.IsValid(i)) {
        *out++ = kNaT;
        continue;
      }
      int64_t value = static_cast<int64_t>(typed.Value(i));
      int64_t nanos = 0;
      if (__builtin_mul_overflow(value, factor, &nanos) || nanos == kNaT) {
        RaiseValueError(PyExc_OverflowError, "column '" + chunks.name + "': the " + chunks.type->ToString() +
                                                 " value " + std::to_string(value) +
                                                 " is outside the range of " + kind + "64[ns] (years 1677..2262)");
      }
      *out++ = nanos;
    }
  }
  return Piece(kind, std::move(values), py::none(), std::move(timezone));
}

py::tuple ObjectColumn(const ColumnChunks& chunks, Converter& converter) {
  py::array objects = py::module_::import("numpy").attr("empty")(chunks.length, py::arg("dtype") = "object");
  auto** slots = static_cast<PyObject**>(objects.mutable_data());
  for (const auto& array : chunks.arrays) {
    for (int64_t i = 0; i < array->length(); ++i) {
      py::object value = converter.Convert(*array, i);
      PyObject* previous = *slots;
      *slots++ = value.release().ptr();
      Py_XDECREF(previous);
    }
  }
  return Piece("object", std::move(objects));
}

int64_t NanosPerUnit(TimeUnit unit) { return kNanosPerSecond / arrow::temporal::UnitsPerSecond(unit); }

py::tuple PandasColumn(const ColumnChunks& chunks, Converter& converter) {
  if (!chunks.uniform) {
    return ObjectColumn(chunks, converter);
  }
  const arrow::DataType& type = *chunks.type;
  switch (type.id()) {
    case TypeId::kInt8:
      return IntegerColumn<TypeId::kInt8>(chunks);
    case TypeId::kInt16:
      return IntegerColumn<TypeId::kInt16>(chunks);
    case TypeId::kInt32:
      return IntegerColumn<TypeId::kInt32>(chunks);
    case TypeId::kInt64:
      return IntegerColumn<TypeId::kInt64>(chunks);
    case TypeId::kUInt8:
      return IntegerColumn<TypeId::kUInt8>(chunks);
    case TypeId::kUInt16:
      return IntegerColumn<TypeId::kUInt16>(chunks);
    case TypeId::kUInt32:
      return IntegerColumn<TypeId::kUInt32>(chunks);
    case TypeId::kUInt64:
      return IntegerColumn<TypeId::kUInt64>(chunks);
    case TypeId::kBool:
      return BooleanColumn(chunks);
    case TypeId::kFloat16:
      return HalfFloatColumn(chunks);
    case TypeId::kFloat32:
      return FloatColumn<TypeId::kFloat32>(chunks);
    case TypeId::kFloat64:
      return FloatColumn<TypeId::kFloat64>(chunks);
    case TypeId::kDate32:
      return NanosecondColumn<TypeId::kDate32>(chunks, "datetime", kNanosPerDay, py::none());
    case TypeId::kDate64:
      return NanosecondColumn<TypeId::kDate64>(chunks, "datetime", 1'000'000, py::none());
    case TypeId::kTimestamp: {
      py::object timezone = type.timezone().empty() ? py::none() : converter.Zone(type.timezone());
      return NanosecondColumn<TypeId::kTimestamp>(chunks, "datetime", NanosPerUnit(type.unit()), timezone);
    }
    case TypeId::kDuration:
      return NanosecondColumn<TypeId::kDuration>(chunks, "timedelta", NanosPerUnit(type.unit()), py::none());
    default:
      return ObjectColumn(chunks, converter);
  }
}

}  // namespace

py::object ValueToPython(const Array& array, int64_t i) {
  Converter converter;
  return converter.Convert(array, i);
}

py::list BatchesToPylist(const arrow::Schema& schema, const std::vector<arrow::RecordBatchPtr>& batches) {
  Converter converter;
  std::vector<py::str> names;
  for (const auto& field : schema.fields()) {
    names.emplace_back(field->name());
  }
  py::list rows;
  for (const auto& batch : batches) {
    std::vector<std::shared_ptr<Array>> columns;
    for (int c = 0; c < batch->num_columns(); ++c) {
      columns.push_back(arrow::Column(*batch, c));
    }
    for (int64_t r = 0; r < batch->num_rows(); ++r) {
      py::dict row;
      for (size_t c = 0; c < columns.size(); ++c) {
        row[names[c]] = converter.Convert(*columns[c], r);
      }
      rows.append(std::move(row));
    }
  }
  return rows;
}

py::list BatchesToPandasColumns(const arrow::Schema& schema, const std::vector<arrow::RecordBatchPtr>& batches) {
  Converter converter;
  py::list columns;
  for (int c = 0; c < schema.num_fields(); ++c) {
    columns.append(PandasColumn(GatherColumn(schema, batches, c), converter));
  }
  return columns;
}

}  // namespace ballista::python
