#include "ballista/formats/csv/column_decoder.h"

#include <charconv>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "ballista/arrow/decimal_util.h"
#include "ballista/arrow/temporal_util.h"
#include "ballista/arrow/validate.h"
#include "ballista/common/buffer.h"

namespace ballista::formats::csv {

using arrow::ArrayData;
using arrow::ArrayDataPtr;
using arrow::DataTypePtr;
using arrow::TypeId;

bool ParseInt64(std::string_view text, int64_t* out) {
  // Fast path: up to 18 plain digits cannot overflow, so skip from_chars' general machinery.
  if (!text.empty() && text.size() <= 18) {
    size_t i = text[0] == '-' ? 1 : 0;
    if (i < text.size()) {
      int64_t value = 0;
      size_t j = i;
      for (; j < text.size(); ++j) {
        unsigned digit = static_cast<unsigned char>(text[j]) - '0';
        if (digit > 9) break;
        value = value * 10 + digit;
      }
      if (j == text.size()) {
        *out = i == 1 ? -value : value;
        return true;
      }
    }
  }
  text = TrimBlanks(text);
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size();
}

namespace {
bool ParseUInt64(std::string_view text, uint64_t* out) {
  text = TrimBlanks(text);
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size();
}
}  // namespace

bool ParseFloat64(std::string_view text, double* out) {
  text = TrimBlanks(text);
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size();
}

bool ParseBool(std::string_view text, bool* out) {
  text = TrimBlanks(text);
  auto equals = [&](std::string_view word) {
    if (text.size() != word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i) {
      char c = text[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != word[i]) return false;
    }
    return true;
  };
  if (equals("true")) {
    *out = true;
    return true;
  }
  if (equals("false")) {
    *out = false;
    return true;
  }
  return false;
}

bool ParseDate32(std::string_view text, int32_t* out) {
  text = TrimBlanks(text);
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int digits[8];
  static constexpr int kPositions[8] = {0, 1, 2, 3, 5, 6, 8, 9};
  for (int i = 0; i < 8; ++i) {
    char c = text[static_cast<size_t>(kPositions[i])];
    if (c < '0' || c > '9') return false;
    digits[i] = c - '0';
  }
  int year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3];
  int month = digits[4] * 10 + digits[5];
  int day = digits[6] * 10 + digits[7];
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDaysInMonth[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (day > kDaysInMonth[month - 1]) return false;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && day == 29 && !leap) return false;
  *out = static_cast<int32_t>(arrow::temporal::DaysFromCivil(year, month, day));
  return true;
}

namespace {

/// Packs one byte per slot (1 = valid) into an Arrow validity bitmap; null when all are valid.
Result<std::shared_ptr<Buffer>> PackValidity(const std::vector<uint8_t>& valid, int64_t* nulls) {
  int64_t n = static_cast<int64_t>(valid.size());
  int64_t count = 0;
  for (uint8_t v : valid) count += v == 0;
  *nulls = count;
  if (count == 0) return std::shared_ptr<Buffer>();
  ASSIGN_OR_RAISE(auto buffer, AllocateBuffer((n + 7) / 8));
  uint8_t* bits = buffer->mutable_data();
  for (int64_t i = 0; i < n; ++i) {
    if (valid[static_cast<size_t>(i)]) bits[i >> 3] |= static_cast<uint8_t>(1u << (i & 7));
  }
  return buffer;
}

Result<std::shared_ptr<Buffer>> CopyBytes(const void* data, int64_t size) {
  ASSIGN_OR_RAISE(auto buffer, AllocateBuffer(size));
  if (size > 0) std::memcpy(buffer->mutable_data(), data, static_cast<size_t>(size));
  return buffer;
}

/// Fixed-width values parsed by `Parser` (a functor: bool(std::string_view, T*)).
template <typename T, typename Parser>
class FixedDecoder final : public ColumnDecoder {
 public:
  FixedDecoder(DataTypePtr type, std::string null_string, Parser parser)
      : type_(std::move(type)), null_string_(std::move(null_string)), parser_(parser) {}
  /// As ColumnDecoder::Append; single-threaded.
  int64_t Append(const TokenizedRows& rows, int column) override {
    int64_t n = rows.num_rows();
    values_.reserve(values_.size() + static_cast<size_t>(n));
    valid_.reserve(valid_.size() + static_cast<size_t>(n));
    for (int64_t r = 0; r < n; ++r) {
      const FieldRef& field = rows.at(r, column);
      T value{};
      if (IsNullField(field, false, null_string_)) {
        valid_.push_back(0);
      } else if (parser_(field.view(), &value)) {
        valid_.push_back(1);
      } else {
        return r;
      }
      values_.push_back(value);
    }
    return -1;
  }
  /// As ColumnDecoder::Truncate.
  void Truncate(int64_t length) override {
    values_.resize(static_cast<size_t>(length));
    valid_.resize(static_cast<size_t>(length));
  }
  /// As ColumnDecoder::length.
  int64_t length() const override { return static_cast<int64_t>(values_.size()); }
  /// As ColumnDecoder::Finish; leaves the decoder empty for the next batch.
  Result<ArrayDataPtr> Finish() override {
    int64_t n = length();
    int64_t nulls = 0;
    ASSIGN_OR_RAISE(auto validity, PackValidity(valid_, &nulls));
    std::shared_ptr<Buffer> values;
    if constexpr (std::is_same_v<T, bool>) {
      ASSIGN_OR_RAISE(values, AllocateBuffer((n + 7) / 8));
      uint8_t* bits = values->mutable_data();
      for (int64_t i = 0; i < n; ++i) {
        if (values_[static_cast<size_t>(i)]) bits[i >> 3] |= static_cast<uint8_t>(1u << (i & 7));
      }
    } else {
      ASSIGN_OR_RAISE(values, CopyBytes(values_.data(), n * static_cast<int64_t>(sizeof(T))));
    }
    values_.clear();
    valid_.clear();
    return ArrayData::Make(type_, n, {std::move(validity), std::move(values)}, nulls);
  }

 private:
  DataTypePtr type_;
  std::string null_string_;
  Parser parser_;
  std::vector<T> values_;
  std::vector<uint8_t> valid_;
};

template <typename T>
struct IntParser {
  bool operator()(std::string_view text, T* out) const {
    if constexpr (std::is_signed_v<T>) {
      int64_t v;
      if (!ParseInt64(text, &v)) return false;
      if (v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max()) return false;
      *out = static_cast<T>(v);
    } else {
      uint64_t v;
      if (!ParseUInt64(text, &v)) return false;
      if (v > std::numeric_limits<T>::max()) return false;
      *out = static_cast<T>(v);
    }
    return true;
  }
};

struct Float64Parser {
  bool operator()(std::string_view text, double* out) const { return ParseFloat64(text, out); }
};

struct Float32Parser {
  bool operator()(std::string_view text, float* out) const {
    text = TrimBlanks(text);
    if (!text.empty() && text[0] == '+') text.remove_prefix(1);
    if (text.empty()) return false;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
    return ec == std::errc() && end == text.data() + text.size();
  }
};

struct BoolParser {
  bool operator()(std::string_view text, bool* out) const {
    if (ParseBool(text, out)) return true;
    text = TrimBlanks(text);
    if (text == "1" || text == "0") {
      *out = text == "1";
      return true;
    }
    return false;
  }
};

struct Date32Parser {
  bool operator()(std::string_view text, int32_t* out) const {
    if (ParseDate32(text, out)) return true;
    auto days = arrow::temporal::ParseDate(TrimBlanks(text));  // extended years ("+12345-01-01")
    if (!days.ok()) return false;
    if (*days < std::numeric_limits<int32_t>::min() ||
        *days > std::numeric_limits<int32_t>::max()) {
      return false;
    }
    *out = static_cast<int32_t>(*days);
    return true;
  }
};

struct TimestampParser {
  arrow::TimeUnit unit;
  bool operator()(std::string_view text, int64_t* out) const {
    auto value = arrow::temporal::ParseTimestamp(TrimBlanks(text), unit);
    if (!value.ok()) return false;
    *out = *value;
    return true;
  }
};

/// Decimals of 4, 8, 16 or 32 bytes per value.
class DecimalDecoder final : public ColumnDecoder {
 public:
  DecimalDecoder(DataTypePtr type, std::string null_string)
      : type_(std::move(type)),
        null_string_(std::move(null_string)),
        width_(static_cast<size_t>(type_->byte_width())) {}
  /// As ColumnDecoder::Append; single-threaded.
  int64_t Append(const TokenizedRows& rows, int column) override {
    int64_t n = rows.num_rows();
    for (int64_t r = 0; r < n; ++r) {
      const FieldRef& field = rows.at(r, column);
      size_t at = bytes_.size();
      bytes_.resize(at + width_, 0);
      if (IsNullField(field, false, null_string_)) {
        valid_.push_back(0);
        continue;
      }
      Status st =
          arrow::decimal::ParseDecimal(TrimBlanks(field.view()), type_->precision(), type_->scale(),
                                       static_cast<int>(width_), bytes_.data() + at);
      if (!st.ok()) {
        bytes_.resize(at);
        return r;
      }
      valid_.push_back(1);
    }
    return -1;
  }
  /// As ColumnDecoder::Truncate.
  void Truncate(int64_t length) override {
    bytes_.resize(static_cast<size_t>(length) * width_);
    valid_.resize(static_cast<size_t>(length));
  }
  /// As ColumnDecoder::length.
  int64_t length() const override { return static_cast<int64_t>(valid_.size()); }
  /// As ColumnDecoder::Finish; leaves the decoder empty for the next batch.
  Result<ArrayDataPtr> Finish() override {
    int64_t n = length();
    int64_t nulls = 0;
    ASSIGN_OR_RAISE(auto validity, PackValidity(valid_, &nulls));
    ASSIGN_OR_RAISE(auto values, CopyBytes(bytes_.data(), static_cast<int64_t>(bytes_.size())));
    bytes_.clear();
    valid_.clear();
    return ArrayData::Make(type_, n, {std::move(validity), std::move(values)}, nulls);
  }

 private:
  DataTypePtr type_;
  std::string null_string_;
  size_t width_;
  std::vector<uint8_t> bytes_;
  std::vector<uint8_t> valid_;
};

/// Utf8 (int32 offsets) or LargeUtf8 (int64 offsets). A field that is not valid UTF-8 does not
/// convert (the reader reports or skips its row), so string arrays are always valid Arrow.
template <typename Offset>
class StringDecoder final : public ColumnDecoder {
 public:
  StringDecoder(DataTypePtr type, std::string null_string)
      : type_(std::move(type)), null_string_(std::move(null_string)) {
    offsets_.push_back(0);
  }
  /// As ColumnDecoder::Append; single-threaded.
  int64_t Append(const TokenizedRows& rows, int column) override {
    int64_t n = rows.num_rows();
    offsets_.reserve(offsets_.size() + static_cast<size_t>(n));
    valid_.reserve(valid_.size() + static_cast<size_t>(n));
    for (int64_t r = 0; r < n; ++r) {
      const FieldRef& field = rows.at(r, column);
      if (IsNullField(field, true, null_string_)) {
        valid_.push_back(0);
      } else {
        if constexpr (sizeof(Offset) == 4) {
          if (data_.size() + field.size >
              static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
            return r;  // the batch's string data would overflow 32-bit offsets
          }
        }
        if (!arrow::IsValidUtf8(reinterpret_cast<const uint8_t*>(field.data),
                                static_cast<int64_t>(field.size))) {
          return r;
        }
        data_.append(field.data, field.size);
        valid_.push_back(1);
      }
      offsets_.push_back(static_cast<Offset>(data_.size()));
    }
    return -1;
  }
  /// As ColumnDecoder::Truncate.
  void Truncate(int64_t length) override {
    offsets_.resize(static_cast<size_t>(length) + 1);
    valid_.resize(static_cast<size_t>(length));
    data_.resize(static_cast<size_t>(offsets_.back()));
  }
  /// As ColumnDecoder::length.
  int64_t length() const override { return static_cast<int64_t>(valid_.size()); }
  /// As ColumnDecoder::Finish; leaves the decoder empty for the next batch.
  Result<ArrayDataPtr> Finish() override {
    int64_t n = length();
    int64_t nulls = 0;
    ASSIGN_OR_RAISE(auto validity, PackValidity(valid_, &nulls));
    ASSIGN_OR_RAISE(auto offsets, CopyBytes(offsets_.data(), static_cast<int64_t>(offsets_.size() *
                                                                                  sizeof(Offset))));
    ASSIGN_OR_RAISE(auto data, CopyBytes(data_.data(), static_cast<int64_t>(data_.size())));
    offsets_.assign(1, 0);
    valid_.clear();
    data_.clear();
    return ArrayData::Make(type_, n, {std::move(validity), std::move(offsets), std::move(data)},
                           nulls);
  }

 private:
  DataTypePtr type_;
  std::string null_string_;
  std::vector<Offset> offsets_;
  std::vector<uint8_t> valid_;
  std::string data_;
};

template <typename T, typename Parser>
std::unique_ptr<ColumnDecoder> MakeFixed(const DataTypePtr& type, const CsvReadOptions& options,
                                         Parser parser = Parser{}) {
  return std::make_unique<FixedDecoder<T, Parser>>(type, options.null_string, parser);
}

}  // namespace

Result<std::unique_ptr<ColumnDecoder>> ColumnDecoder::Make(const DataTypePtr& type,
                                                           const CsvReadOptions& options) {
  switch (type->id()) {
    case TypeId::kBool:
      return MakeFixed<bool, BoolParser>(type, options);
    case TypeId::kInt8:
      return MakeFixed<int8_t, IntParser<int8_t>>(type, options);
    case TypeId::kInt16:
      return MakeFixed<int16_t, IntParser<int16_t>>(type, options);
    case TypeId::kInt32:
      return MakeFixed<int32_t, IntParser<int32_t>>(type, options);
    case TypeId::kInt64:
      return MakeFixed<int64_t, IntParser<int64_t>>(type, options);
    case TypeId::kUInt8:
      return MakeFixed<uint8_t, IntParser<uint8_t>>(type, options);
    case TypeId::kUInt16:
      return MakeFixed<uint16_t, IntParser<uint16_t>>(type, options);
    case TypeId::kUInt32:
      return MakeFixed<uint32_t, IntParser<uint32_t>>(type, options);
    case TypeId::kUInt64:
      return MakeFixed<uint64_t, IntParser<uint64_t>>(type, options);
    case TypeId::kFloat32:
      return MakeFixed<float, Float32Parser>(type, options);
    case TypeId::kFloat64:
      return MakeFixed<double, Float64Parser>(type, options);
    case TypeId::kDate32:
      return MakeFixed<int32_t, Date32Parser>(type, options);
    case TypeId::kTimestamp:
      return MakeFixed<int64_t, TimestampParser>(type, options, TimestampParser{type->unit()});
    case TypeId::kDecimal32:
    case TypeId::kDecimal64:
    case TypeId::kDecimal128:
    case TypeId::kDecimal256:
      return std::unique_ptr<ColumnDecoder>(new DecimalDecoder(type, options.null_string));
    case TypeId::kUtf8:
      return std::unique_ptr<ColumnDecoder>(new StringDecoder<int32_t>(type, options.null_string));
    case TypeId::kLargeUtf8:
      return std::unique_ptr<ColumnDecoder>(new StringDecoder<int64_t>(type, options.null_string));
    default:
      break;
  }
  return Status::Unsupported("CSV columns cannot have type " + type->ToString());
}

}  // namespace ballista::formats::csv
