#include "ballista/common/json.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace ballista::json {

Value Value::MakeBool(bool b) {
  Value v;
  v.kind_ = Kind::kBool;
  v.bool_ = b;
  return v;
}

Value Value::MakeNumber(std::string text) {
  Value v;
  v.kind_ = Kind::kNumber;
  v.text_ = std::move(text);
  return v;
}

Value Value::MakeString(std::string text) {
  Value v;
  v.kind_ = Kind::kString;
  v.text_ = std::move(text);
  return v;
}

Value Value::MakeArray(Array items) {
  Value v;
  v.kind_ = Kind::kArray;
  v.array_ = std::make_shared<const Array>(std::move(items));
  return v;
}

Value Value::MakeObject(Object members) {
  Value v;
  v.kind_ = Kind::kObject;
  v.object_ = std::make_shared<const Object>(std::move(members));
  return v;
}

double Value::AsDouble() const {
  if (kind_ == Kind::kBool) return bool_ ? 1.0 : 0.0;
  return std::strtod(text_.c_str(), nullptr);
}

Result<int64_t> Value::AsInt64() const {
  if (kind_ != Kind::kNumber && kind_ != Kind::kString) {
    return Status::TypeError("JSON value is not a number");
  }
  int64_t out = 0;
  const char* begin = text_.data();
  const char* end = begin + text_.size();
  auto [ptr, ec] = std::from_chars(begin, end, out);
  if (ec != std::errc() || ptr != end) {
    return Status::TypeError("JSON number \"" + text_ + "\" is not a 64-bit integer");
  }
  return out;
}

const Value::Array& Value::array() const {
  static const Array kEmpty;
  return array_ ? *array_ : kEmpty;
}

const Value::Object& Value::object() const {
  static const Object kEmpty;
  return object_ ? *object_ : kEmpty;
}

const Value* Value::Get(std::string_view key) const {
  if (!object_) return nullptr;
  for (const auto& [name, value] : *object_) {
    if (name == key) return &value;
  }
  return nullptr;
}

void AppendQuoted(std::string_view text, std::string* out) {
  out->push_back('"');
  for (char c : text) {
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      case '\b': *out += "\\b"; break;
      case '\f': *out += "\\f"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", static_cast<unsigned>(c));
          *out += buf;
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

std::string Value::Serialize() const {
  std::string out;
  switch (kind_) {
    case Kind::kNull: return "null";
    case Kind::kBool: return bool_ ? "true" : "false";
    case Kind::kNumber: return text_;
    case Kind::kString: AppendQuoted(text_, &out); return out;
    case Kind::kArray: {
      out.push_back('[');
      bool first = true;
      for (const auto& item : array()) {
        if (!first) out.push_back(',');
        first = false;
        out += item.Serialize();
      }
      out.push_back(']');
      return out;
    }
    case Kind::kObject: {
      out.push_back('{');
      bool first = true;
      for (const auto& [key, value] : object()) {
        if (!first) out.push_back(',');
        first = false;
        AppendQuoted(key, &out);
        out.push_back(':');
        out += value.Serialize();
      }
      out.push_back('}');
      return out;
    }
  }
  return out;
}

namespace {

constexpr int kMaxDepth = 512;

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Result<Value> ParseDocument() {
    ASSIGN_OR_RAISE(Value v, ParseValue(0));
    SkipSpace();
    if (pos_ != text_.size()) return Error("unexpected trailing characters");
    return v;
  }

 private:
  Status Error(const std::string& what) const {
    size_t line = 1, column = 1;
    for (size_t i = 0; i < pos_ && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    return Status::InvalidData("JSON line " + std::to_string(line) + ", column " +
                               std::to_string(column) + ": " + what);
  }

  void SkipSpace() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\r' || text_[pos_] == '\t')) {
      ++pos_;
    }
  }

  bool Consume(std::string_view word) {
    if (text_.substr(pos_, word.size()) == word) {
      pos_ += word.size();
      return true;
    }
    return false;
  }

  Result<Value> ParseValue(int depth) {
    if (depth > kMaxDepth) return Error("nesting deeper than 512 levels");
    SkipSpace();
    if (pos_ >= text_.size()) return Error("unexpected end of input, expected a value");
    char c = text_[pos_];
    if (c == '{') return ParseObject(depth);
    if (c == '[') return ParseArray(depth);
    if (c == '"') {
      ASSIGN_OR_RAISE(std::string s, ParseString());
      return Value::MakeString(std::move(s));
    }
    if (Consume("null")) return Value::MakeNull();
    if (Consume("true")) return Value::MakeBool(true);
    if (Consume("false")) return Value::MakeBool(false);
    if (c == '-' || (c >= '0' && c <= '9')) return ParseNumber();
    return Error(std::string("unexpected character '") + c + "'");
  }

  Result<Value> ParseNumber() {
    size_t start = pos_;
    if (text_[pos_] == '-') ++pos_;
    auto digits = [&] {
      size_t begin = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
      return pos_ > begin;
    };
    if (!digits()) return Error("expected digits in number");
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      if (!digits()) return Error("expected digits after decimal point");
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (!digits()) return Error("expected digits in exponent");
    }
    return Value::MakeNumber(std::string(text_.substr(start, pos_ - start)));
  }

  static void AppendUtf8(uint32_t cp, std::string* out) {
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  Result<uint32_t> ParseHex4() {
    if (pos_ + 4 > text_.size()) return Error("truncated \\u escape");
    uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      char h = text_[pos_++];
      value <<= 4;
      if (h >= '0' && h <= '9') value |= static_cast<uint32_t>(h - '0');
      else if (h >= 'a' && h <= 'f') value |= static_cast<uint32_t>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') value |= static_cast<uint32_t>(h - 'A' + 10);
      else return Error("invalid hex digit in \\u escape");
    }
    return value;
  }

  Result<std::string> ParseString() {
    ++pos_;  // opening quote
    std::string out;
    while (true) {
      if (pos_ >= text_.size()) return Error("unterminated string");
      char c = text_[pos_++];
      if (c == '"') return out;
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (pos_ >= text_.size()) return Error("unterminated escape");
      char e = text_[pos_++];
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          ASSIGN_OR_RAISE(uint32_t cp, ParseHex4());
          if (cp >= 0xD800 && cp <= 0xDBFF && Consume("\\u")) {
            ASSIGN_OR_RAISE(uint32_t low, ParseHex4());
            if (low >= 0xDC00 && low <= 0xDFFF) cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          AppendUtf8(cp, &out);
          break;
        }
        default: return Error(std::string("invalid escape '\\") + e + "'");
      }
    }
  }

  Result<Value> ParseArray(int depth) {
    ++pos_;
    Value::Array items;
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      return Value::MakeArray(std::move(items));
    }
    while (true) {
      ASSIGN_OR_RAISE(Value item, ParseValue(depth + 1));
      items.push_back(std::move(item));
      SkipSpace();
      if (pos_ >= text_.size()) return Error("unterminated array, expected ',' or ']'");
      char c = text_[pos_++];
      if (c == ']') return Value::MakeArray(std::move(items));
      if (c != ',') return Error("expected ',' or ']' in array");
    }
  }

  Result<Value> ParseObject(int depth) {
    ++pos_;
    Value::Object members;
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      return Value::MakeObject(std::move(members));
    }
    while (true) {
      SkipSpace();
      if (pos_ >= text_.size() || text_[pos_] != '"') return Error("expected a quoted member name");
      ASSIGN_OR_RAISE(std::string key, ParseString());
      SkipSpace();
      if (pos_ >= text_.size() || text_[pos_] != ':') return Error("expected ':' after member name");
      ++pos_;
      ASSIGN_OR_RAISE(Value value, ParseValue(depth + 1));
      members.emplace_back(std::move(key), std::move(value));
      SkipSpace();
      if (pos_ >= text_.size()) return Error("unterminated object, expected ',' or '}'");
      char c = text_[pos_++];
      if (c == '}') return Value::MakeObject(std::move(members));
      if (c != ',') return Error("expected ',' or '}' in object");
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

Result<Value> Parse(std::string_view text) { return Parser(text).ParseDocument(); }

}  // namespace ballista::json
