#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ballista/common/result.h"

namespace ballista::json {

/// A parsed JSON document node. Numbers keep their source text so that 64-bit integers and
/// decimals are not rounded through double. Objects keep member order. Immutable after parsing.
class Value {
 public:
  enum class Kind : uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };
  using Array = std::vector<Value>;
  using Object = std::vector<std::pair<std::string, Value>>;

  Value() = default;
  static Value MakeNull() { return Value(); }
  static Value MakeBool(bool b);
  static Value MakeNumber(std::string text);
  static Value MakeString(std::string text);
  static Value MakeArray(Array items);
  static Value MakeObject(Object members);

  Kind kind() const { return kind_; }
  bool IsNull() const { return kind_ == Kind::kNull; }
  bool IsBool() const { return kind_ == Kind::kBool; }
  bool IsNumber() const { return kind_ == Kind::kNumber; }
  bool IsString() const { return kind_ == Kind::kString; }
  bool IsArray() const { return kind_ == Kind::kArray; }
  bool IsObject() const { return kind_ == Kind::kObject; }

  bool AsBool() const { return bool_; }
  /// The number as double (also parses the text of a string value).
  double AsDouble() const;
  /// The number as int64, when its text is an integer in range; otherwise an error.
  Result<int64_t> AsInt64() const;
  /// Raw source text of a number.
  const std::string& number_text() const { return text_; }
  /// String contents (unescaped).
  const std::string& AsString() const { return text_; }
  const Array& array() const;
  const Object& object() const;
  /// Member `key` of an object, or nullptr (also for non-objects).
  const Value* Get(std::string_view key) const;

  /// Compact JSON text of this value.
  std::string Serialize() const;

 private:
  Kind kind_ = Kind::kNull;
  bool bool_ = false;
  std::string text_;
  std::shared_ptr<const Array> array_;
  std::shared_ptr<const Object> object_;
};

/// Parses one JSON document (RFC 8259). Errors name the byte offset, line and column.
/// Nesting deeper than 512 levels is refused rather than overflowing the stack.
Result<Value> Parse(std::string_view text);

/// Appends `text` to `out` as a JSON string literal (quoted, escaped).
void AppendQuoted(std::string_view text, std::string* out);

}  // namespace ballista::json
