// String functions: length, case, substrings, trimming, padding, concatenation, search,
// hashing and the rest of the PostgreSQL/DataFusion set.

#include <openssl/evp.h>

#include <cctype>
#include <cstdio>

#include "ballista/compute/unicode_case.h"
#include "ballista/compute/kernel_util.h"
#include "ballista/compute/registry.h"
#include "ballista/compute/string_kernel.h"
#include "ballista/compute/type_coercion.h"

namespace ballista::compute {

using arrow::DataTypePtr;
using arrow::TypeId;
using namespace internal;  // NOLINT(build/namespaces)

void RegisterPatternFunctions(FunctionRegistry* r);

namespace {

// Argument kinds of a string function's signature.
enum class Arg { kString, kInt, kAny };

// Resolves a fixed signature: strings to VARCHAR, integers to BIGINT; `optional` trailing
// arguments may be left out.
Result<ResolvedScalar> ResolveSignature(const char* name, const std::vector<DataTypePtr>& types,
                                        const std::vector<Arg>& sig, size_t required,
                                        DataTypePtr out, ScalarKernel k) {
  RETURN_NOT_OK(CheckArity(name, types, required, sig.size()));
  std::vector<DataTypePtr> arg_types;
  for (size_t i = 0; i < types.size(); ++i) {
    const TypeId id = EngineType(types[i])->id();
    switch (sig[i]) {
      case Arg::kString:
        if (id != TypeId::kUtf8 && id != TypeId::kNull) return ArgumentTypeError(name, types);
        arg_types.push_back(arrow::Utf8());
        break;
      case Arg::kInt:
        if (!arrow::IsInteger(id) && id != TypeId::kNull) return ArgumentTypeError(name, types);
        arg_types.push_back(arrow::Int64());
        break;
      case Arg::kAny: arg_types.push_back(types[i]); break;
    }
  }
  return ResolvedScalar{std::move(arg_types), std::move(out), std::move(k)};
}

void AddFn(FunctionRegistry* r, const char* name, const char* sig_text, const char* doc,
           std::vector<Arg> sig, size_t required, DataTypePtr out, ScalarKernel k) {
  r->AddScalar(std::make_unique<CallableScalarFunction>(
      name, sig_text, std::string(sig_text) + " - " + doc,
      [=](const std::vector<DataTypePtr>& types) {
        return ResolveSignature(name, types, sig, required, out, k);
      }));
}

// A string -> string function of the row's text alone.
template <typename F>
ScalarKernel MapText(F f) {
  return [f](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
    StringReader s(args[0]);
    return StringResult(args, n, ctx, false, [&](int64_t i, std::string* out) -> Result<bool> {
      f(s[i], out);
      return true;
    });
  };
}

std::string_view Substr(std::string_view s, int64_t start, int64_t count) {
  // PostgreSQL: characters [start, start + count) with 1-based start; positions before 1 count.
  int64_t end = count < 0 ? INT64_MAX : start + count;
  if (count >= 0 && __builtin_add_overflow(start, count, &end)) end = INT64_MAX;
  start = std::max<int64_t>(start, 1);
  if (end <= start) return {};
  const size_t b = CodePointOffset(s, start - 1);
  const size_t e = end == INT64_MAX ? s.size() : b + CodePointOffset(s.substr(b), end - start);
  return s.substr(b, e - b);
}

bool InSet(std::string_view set, std::string_view ch) { return set.find(ch) != std::string_view::npos; }

// Next UTF-8 character of s from byte i.
std::string_view CharAt(std::string_view s, size_t i) {
  size_t j = i + 1;
  while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
  return s.substr(i, j - i);
}

std::string_view Trim(std::string_view s, std::string_view chars, bool left, bool right) {
  if (left) {
    while (!s.empty()) {
      const auto c = CharAt(s, 0);
      if (!InSet(chars, c)) break;
      s.remove_prefix(c.size());
    }
  }
  if (right) {
    while (!s.empty()) {
      size_t k = s.size() - 1;
      while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
      if (!InSet(chars, s.substr(k))) break;
      s.remove_suffix(s.size() - k);
    }
  }
  return s;
}

ScalarKernel TrimKernel(bool left, bool right) {
  return [=](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
    StringReader s(args[0]);
    std::unique_ptr<StringReader> chars;
    if (args.size() > 1) chars = std::make_unique<StringReader>(args[1]);
    return StringResult(args, n, ctx, false, [&](int64_t i, std::string* out) -> Result<bool> {
      *out = Trim(s[i], chars ? (*chars)[i] : std::string_view(" "), left, right);
      return true;
    });
  };
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xC0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out += static_cast<char>(0xE0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (cp >> 18));
    *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

uint32_t DecodeUtf8(std::string_view c) {
  const auto b0 = static_cast<unsigned char>(c[0]);
  if (b0 < 0x80 || c.size() == 1) return b0;
  uint32_t cp = b0 & (c.size() == 2 ? 0x1F : c.size() == 3 ? 0x0F : 0x07);
  for (size_t k = 1; k < c.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(c[k]) & 0x3F);
  return cp;
}

ScalarKernel PadKernel(bool left) {
  return [=](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
    StringReader s(args[0]);
    ValuesReader<int64_t> len(args[1]);
    std::unique_ptr<StringReader> fill;
    if (args.size() > 2) fill = std::make_unique<StringReader>(args[2]);
    return StringResult(args, n, ctx, false, [&](int64_t i, std::string* out) -> Result<bool> {
      const int64_t target = len[i];
      const std::string_view text = s[i];
      const std::string_view f = fill ? (*fill)[i] : std::string_view(" ");
      if (target <= 0) return true;
      if (target > (1 << 28)) return Status::ExecutionError("requested length too large");
      const int64_t have = CodePoints(text);
      if (have >= target) {
        *out = text.substr(0, CodePointOffset(text, target));
        return true;
      }
      std::string padding;
      if (!f.empty()) {
        const int64_t fill_chars = CodePoints(f);
        int64_t need = target - have;
        while (need > 0) {
          const int64_t take = std::min(need, fill_chars);
          padding += f.substr(0, CodePointOffset(f, take));
          need -= take;
        }
      }
      *out = left ? padding + std::string(text) : std::string(text) + padding;
      return true;
    });
  };
}

std::string Hex(const unsigned char* bytes, size_t n) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 15];
  }
  return out;
}

ScalarKernel DigestKernel(const EVP_MD* (*md)()) {
  return MapText([md](std::string_view v, std::string* out) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(v.data(), v.size(), digest, &len, md(), nullptr);
    *out = Hex(digest, len);
  });
}

// Arguments of concat/concat_ws/||: anything, shown as text.
Result<ResolvedScalar> ResolveConcat(const char* name, const std::vector<DataTypePtr>& types,
                                     size_t min, ScalarKernel k) {
  RETURN_NOT_OK(CheckArity(name, types, min, 1 << 20));
  for (const auto& t : types) {
    if (arrow::IsNested(t->id())) return ArgumentTypeError(name, types);
  }
  return ResolvedScalar{std::vector<DataTypePtr>(types.size(), arrow::Utf8()), arrow::Utf8(), k};
}

// lower/upper: when every byte is ASCII the mapping keeps byte lengths, so a Utf8 array keeps
// its offsets and only its data bytes are rewritten. Otherwise each string is mapped code point
// by code point (unicode_case.h), which may change its length.
/// lower/upper string by string, code point by code point.
Result<Datum> MapUnicode(const std::vector<Datum>& args, int64_t n, ExecContext* ctx, bool upper) {
  StringReader s(args[0]);
  return StringResult(args, n, ctx, false, [&](int64_t i, std::string* out) -> Result<bool> {
    out->clear();
    AppendCaseMapped(s[i], upper, out);
    return true;
  });
}

ScalarKernel CaseKernel(bool upper) {
  auto map_byte = [upper](unsigned char c) {
    return static_cast<char>(upper ? ((c >= 'a' && c <= 'z') ? c - 32 : c) : ((c >= 'A' && c <= 'Z') ? c + 32 : c));
  };
  return [map_byte, upper](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) -> Result<Datum> {
    const Datum& in = args[0];
    if (in.is_array() && in.array()->type->id() == TypeId::kUtf8) {
      const arrow::ArrayData& a = *in.array();
      const int32_t* offsets = a.GetValues<int32_t>(1);
      const int32_t first = a.length > 0 ? offsets[0] : 0;
      const int32_t bytes = a.length > 0 ? offsets[a.length] - first : 0;
      const char* src = a.buffers[2] ? a.buffers[2]->data_as<char>() + first : nullptr;
      unsigned char high = 0;
      for (int32_t k = 0; k < bytes; ++k) high |= static_cast<unsigned char>(src[k]);
      if (high >= 0x80) return MapUnicode(args, n, ctx, upper);
      MemoryPool* pool = PoolOf(ctx);
      ASSIGN_OR_RAISE(auto new_offsets, AllocateValues<int32_t>(a.length + 1, pool));
      int32_t* no = new_offsets->mutable_data_as<int32_t>();
      for (int64_t i = 0; i <= a.length; ++i) no[i] = a.length > 0 ? offsets[i] - first : 0;
      ASSIGN_OR_RAISE(auto data, AllocateBuffer(bytes, pool));
      char* dst = data->mutable_data_as<char>();
      for (int32_t k = 0; k < bytes; ++k) dst[k] = map_byte(static_cast<unsigned char>(src[k]));
      std::shared_ptr<Buffer> validity;
      if (a.validity() && a.GetNullCount() > 0) {
        ASSIGN_OR_RAISE(validity, AllocateBitmap(a.length, pool));
        arrow::bit_util::CopyBitmap(a.validity(), a.offset, a.length, validity->mutable_data(), 0);
      }
      return Datum(arrow::ArrayData::Make(arrow::Utf8(), a.length,
                                          {std::move(validity), std::move(new_offsets), std::move(data)},
                                          a.GetNullCount()));
    }
    return MapUnicode(args, n, ctx, upper);
  };
}

}  // namespace

void RegisterStringFunctions(FunctionRegistry* r) {
  RegisterPatternFunctions(r);
  const auto S = Arg::kString;
  const auto I = Arg::kInt;
  auto length_kernel = [](bool bytes) -> ScalarKernel {
    return [bytes](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
      StringReader s(args[0]);
      return FixedResult<int32_t>(args, n, arrow::Int32(), ctx, [&](int64_t i, int32_t* out) -> Result<bool> {
        *out = static_cast<int32_t>(bytes ? static_cast<int64_t>(s[i].size()) : CodePoints(s[i]));
        return true;
      });
    };
  };
  AddFn(r, "length", "length(s)", "Number of characters in s", {S}, 1, arrow::Int32(),
        length_kernel(false));
  r->AddAlias("char_length", "length");
  r->AddAlias("character_length", "length");
  AddFn(r, "octet_length", "octet_length(s)", "Number of bytes in s", {S}, 1, arrow::Int32(),
        length_kernel(true));
  AddFn(r, "bit_length", "bit_length(s)", "Number of bits in s", {S}, 1, arrow::Int32(),
        [](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
          StringReader s(args[0]);
          return FixedResult<int32_t>(args, n, arrow::Int32(), ctx, [&](int64_t i, int32_t* out) -> Result<bool> {
            *out = static_cast<int32_t>(s[i].size() * 8);
            return true;
          });
        });
  AddFn(r, "lower", "lower(s)", "s in lower case", {S}, 1, arrow::Utf8(), CaseKernel(false));
  AddFn(r, "upper", "upper(s)", "s in upper case", {S}, 1, arrow::Utf8(), CaseKernel(true));
  AddFn(r, "initcap", "initcap(s)", "Capitalizes the first letter of each word", {S}, 1,
        arrow::Utf8(), MapText([](std::string_view v, std::string* out) {
          bool start = true;
          for (char c : v) {
            const auto u = static_cast<unsigned char>(c);
            *out += static_cast<char>(start ? std::toupper(u) : std::tolower(u));
            start = !std::isalnum(u);
          }
        }));
  AddFn(r, "substr", "substr(s, start [, count])",
        "count characters of s from position start (1-based)", {S, I, I}, 2, arrow::Utf8(),
        [](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
          StringReader s(args[0]);
          ValuesReader<int64_t> start(args[1]);
          std::unique_ptr<ValuesReader<int64_t>> count;
          if (args.size() > 2) count = std::make_unique<ValuesReader<int64_t>>(args[2]);
          return StringResult(args, n, ctx, false, [&](int64_t i, std::string* out) -> Result<bool> {
            const int64_t c = count ? (*count)[i] : -1;
            if (count && c < 0) return Status::ExecutionError("negative substring length not allowed");
            *out = Substr(s[i], start[i], c);
            return true;
          });
        });
  r->AddAlias("substring", "substr");
  AddFn(r, "left", "left(s, n)", "The first n characters (all but the last -n when negative)",
        {S, I}, 2, arrow::Utf8(), [](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
          StringReader s(args[0]);
          ValuesReader<int64_t> k(args[1]);
          return StringResult(args, n, ctx, false, [&](int64_t i, std::string* out) -> Result<bool> {
            const std::string_view v = s[i];
            const int64_t len = CodePoints(v);
            const int64_t keep = k[i] >= 0 ? std::min(k[i], len) : std::max<int64_t>(0, len + k[i]);
            *out = v.substr(0, CodePointOffset(v, keep));
            return true;
          });
        });
  AddFn(r, "right", "right(s, n)", "The last n characters (all but the first -n when negative)",
        {S, I}, 2, arrow::Utf8(), [](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
          StringReader s(args[0]);
          ValuesReader<int64_t> k(args[1]);
          return StringResult(args, n, ctx, false, [&](int64_t i, std::string* out) -> Result<bool> {
            const std::string_view v = s[i];
            const int64_t len = CodePoints(v);
            const int64_t keep = k[i] >= 0 ? std::min(k[i], len) : std::max<int64_t>(0, len + k[i]);
            *out = v.substr(CodePointOffset(v, len - keep));
            return true;
          });
        });
  AddFn(r, "trim", "trim(s [, chars])", "Removes chars (default spaces) from both ends", {S, S}, 1,
        arrow::Utf8(), TrimKernel(true, true));
  r->AddAlias("btrim", "trim");
  AddFn(r, "ltrim", "ltrim(s [, chars])", "Removes chars (default spaces) from the start", {S, S},
        1, arrow::Utf8(), TrimKernel(true, false));
  AddFn(r, "rtrim", "rtrim(s [, chars])", "Removes chars (default spaces) from the end", {S, S}, 1,
        arrow::Utf8(), TrimKernel(false, true));
  AddFn(r, "lpad", "lpad(s, length [, fill])", "Pads s on the left to length characters",
        {S, I, S}, 2, arrow::Utf8(), PadKernel(true));
  AddFn(r, "rpad", "rpad(s, length [, fill])", "Pads s on the right to length characters",
        {S, I, S}, 2, arrow::Utf8(), PadKernel(false));
  AddFn(r, "replace", "replace(s, from, to)", "Replaces every occurrence of from with to",
        {S, S, S}, 3, arrow::Utf8(), [](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
          StringReader s(args[0]), from(args[1]), to(args[2]);
          return StringResult(args, n, ctx, false, [&](int64_t i, std::string* out) -> Result<bool> {
            const std::string_view v = s[i], f = from[i], t = to[i];
            if (f.empty()) {
              *out = v;
              return true;
            }
            size_t pos = 0;
            while (true) {
              const size_t hit = v.find(f, pos);
              if (hit == std::string_view::npos) break;
              out->append(v.substr(pos, hit - pos));
              out->append(t);
              pos = hit + f.size();
            }
            out->append(v.substr(pos));
            return true;
          });
        });
  AddFn(r, "strpos", "strpos(s, substring)",
        "Position (1-based, in characters) of the first occurrence of substring; 0 if absent",
        {S, S}, 2, arrow::Int32(), [](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
          StringReader s(args[0]), sub(args[1]);
          return FixedResult<int32_t>(args, n, arrow::Int32(), ctx, [&](int64_t i, int32_t* out) -> Result<bool> {
            const std::string_view v = s[i];
            const size_t hit = v.find(sub[i]);
            *out = hit == std::string_view::npos ? 0
                                                 : static_cast<int32_t>(CodePoints(v.substr(0, hit)) + 1);
            return true;
          });
        });
  r->AddAlias("position", "strpos");
  r->AddAlias("instr", "strpos");
  auto affix = [](bool prefix) -> ScalarKernel {
    return [prefix](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
      StringReader s(args[0]), a(args[1]);
      return BoolResult(args, n, ctx, [&](int64_t i, bool* out) -> Result<bool> {
        *out = prefix ? s[i].starts_with(a[i]) : s[i].ends_with(a[i]);
        return true;
      });
    };
  };
  AddFn(r, "starts_with", "starts_with(s, prefix)", "True when s begins with prefix", {S, S}, 2,
        arrow::Boolean(), affix(true));
  AddFn(r, "ends_with", "ends_with(s, suffix)", "True when s ends with suffix", {S, S}, 2,
        arrow::Boolean(), affix(false));
  AddFn(r, "split_part", "split_part(s, delimiter, n)",
        "The n-th field of s split on delimiter (from the end when n < 0)", {S, S, I}, 3,
        arrow::Utf8(), [](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
          StringReader s(args[0]), d(args[1]);
          ValuesReader<int64_t> k(args[2]);
          return StringResult(args, n, ctx, false, [&](int64_t i, std::string* out) -> Result<bool> {
            const std::string_view v = s[i], delim = d[i];
            const int64_t field = k[i];
            if (field == 0) return Status::ExecutionError("field position must not be zero");
            std::vector<std::string_view> parts;
            if (delim.empty()) {
              parts.push_back(v);
            } else {
              size_t pos = 0;
              while (true) {
                const size_t hit = v.find(delim, pos);
                if (hit == std::string_view::npos) break;
                parts.push_back(v.substr(pos, hit - pos));
                pos = hit + delim.size();
              }
              parts.push_back(v.substr(pos));
            }
            const int64_t count = static_cast<int64_t>(parts.size());
            const int64_t index = field > 0 ? field - 1 : count + field;
            if (index >= 0 && index < count) *out = parts[static_cast<size_t>(index)];
            return true;
          });
        });
  AddFn(r, "reverse", "reverse(s)", "s with its characters in reverse order", {S}, 1, arrow::Utf8(),
        MapText([](std::string_view v, std::string* out) {
          size_t i = v.size();
          while (i > 0) {
            size_t start = i - 1;
            while (start > 0 && (static_cast<unsigned char>(v[start]) & 0xC0) == 0x80) --start;
            out->append(v.substr(start, i - start));
            i = start;
          }
        }));
  AddFn(r, "repeat", "repeat(s, n)", "s repeated n times", {S, I}, 2, arrow::Utf8(),
        [](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
          StringReader s(args[0]);
          ValuesReader<int64_t> k(args[1]);
          return StringResult(args, n, ctx, false, [&](int64_t i, std::string* out) -> Result<bool> {
            const int64_t times = k[i];
            if (times > 0 && static_cast<int64_t>(s[i].size()) * times > (1LL << 30)) {
              return Status::ExecutionError("repeat: result too large");
            }
            for (int64_t t = 0; t < times; ++t) out->append(s[i]);
            return true;
          });
        });
  AddFn(r, "ascii", "ascii(s)", "Code point of the first character of s (0 for '')", {S}, 1,
        arrow::Int32(), [](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
          StringReader s(args[0]);
          return FixedResult<int32_t>(args, n, arrow::Int32(), ctx, [&](int64_t i, int32_t* out) -> Result<bool> {
            const std::string_view v = s[i];
            *out = v.empty() ? 0 : static_cast<int32_t>(DecodeUtf8(CharAt(v, 0)));
            return true;
          });
        });
  AddFn(r, "chr", "chr(code)", "The character with the given code point", {I}, 1, arrow::Utf8(),
        [](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
          ValuesReader<int64_t> c(args[0]);
          return StringResult(args, n, ctx, false, [&](int64_t i, std::string* out) -> Result<bool> {
            const int64_t cp = c[i];
            if (cp <= 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
              return Status::ExecutionError("chr: invalid code point " + std::to_string(cp));
            }
            AppendUtf8(static_cast<uint32_t>(cp), out);
            return true;
          });
        });
  AddFn(r, "md5", "md5(s)", "MD5 digest of s as 32 hex digits", {S}, 1, arrow::Utf8(),
        DigestKernel(&EVP_md5));
  AddFn(r, "sha256", "sha256(s)", "SHA-256 digest of s as 64 hex digits", {S}, 1, arrow::Utf8(),
        DigestKernel(&EVP_sha256));
  AddFn(r, "to_hex", "to_hex(n)", "n in hexadecimal (two's complement for negatives)", {I}, 1,
        arrow::Utf8(), [](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
          ValuesReader<int64_t> v(args[0]);
          return StringResult(args, n, ctx, false, [&](int64_t i, std::string* out) -> Result<bool> {
            char buf[32];
            std::snprintf(buf, sizeof(buf), "%llx", static_cast<unsigned long long>(v[i]));
            *out = buf;
            return true;
          });
        });
  AddFn(r, "translate", "translate(s, from, to)",
        "Replaces each character of from with the matching one of to (dropped when to is shorter)",
        {S, S, S}, 3, arrow::Utf8(), [](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
          StringReader s(args[0]), from(args[1]), to(args[2]);
          return StringResult(args, n, ctx, false, [&](int64_t i, std::string* out) -> Result<bool> {
            std::vector<std::string_view> f, t;
            for (size_t k = 0; k < from[i].size(); k += CharAt(from[i], k).size()) f.push_back(CharAt(from[i], k));
            for (size_t k = 0; k < to[i].size(); k += CharAt(to[i], k).size()) t.push_back(CharAt(to[i], k));
            const std::string_view v = s[i];
            for (size_t k = 0; k < v.size();) {
              const std::string_view c = CharAt(v, k);
              k += c.size();
              const auto it = std::find(f.begin(), f.end(), c);
              if (it == f.end()) {
                out->append(c);
              } else if (static_cast<size_t>(it - f.begin()) < t.size()) {
                out->append(t[static_cast<size_t>(it - f.begin())]);
              }
            }
            return true;
          });
        });

  ScalarKernel concat = [](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
    std::vector<StringReader> readers;
    for (const auto& a : args) readers.emplace_back(a);
    return StringResult(args, n, ctx, true, [&](int64_t i, std::string* out) -> Result<bool> {
      for (const auto& r : readers) {
        if (r.IsValid(i)) out->append(r[i]);
      }
      return true;
    });
  };
  r->AddScalar(std::make_unique<CallableScalarFunction>(
      "concat", "concat(x, ...)", "concat(x, ...) - The arguments as text, joined; NULLs are skipped",
      [concat](const std::vector<DataTypePtr>& types) { return ResolveConcat("concat", types, 1, concat); }));
  ScalarKernel concat_ws = [](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
    std::vector<StringReader> readers;
    for (const auto& a : args) readers.emplace_back(a);
    return StringResult(args, n, ctx, true, [&](int64_t i, std::string* out) -> Result<bool> {
      if (!readers[0].IsValid(i)) return false;
      bool first = true;
      for (size_t k = 1; k < readers.size(); ++k) {
        if (!readers[k].IsValid(i)) continue;
        if (!first) out->append(readers[0][i]);
        out->append(readers[k][i]);
        first = false;
      }
      return true;
    });
  };
  r->AddScalar(std::make_unique<CallableScalarFunction>(
      "concat_ws", "concat_ws(separator, x, ...)",
      "concat_ws(separator, x, ...) - The arguments as text joined by separator; NULLs skipped",
      [concat_ws](const std::vector<DataTypePtr>& types) {
        return ResolveConcat("concat_ws", types, 2, concat_ws);
      }));
  ScalarKernel concat_op = [](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
    StringReader a(args[0]), b(args[1]);
    return StringResult(args, n, ctx, false, [&](int64_t i, std::string* out) -> Result<bool> {
      out->append(a[i]);
      out->append(b[i]);
      return true;
    });
  };
  r->AddScalar(std::make_unique<CallableScalarFunction>(
      "concat_op", "a || b", "a || b - Concatenates two strings (NULL if either is NULL)",
      [concat_op](const std::vector<DataTypePtr>& types) -> Result<ResolvedScalar> {
        RETURN_NOT_OK(CheckArity("||", types, 2, 2));
        const bool a_text = EngineType(types[0])->id() == TypeId::kUtf8;
        const bool b_text = EngineType(types[1])->id() == TypeId::kUtf8;
        const bool a_null = types[0]->id() == TypeId::kNull;
        const bool b_null = types[1]->id() == TypeId::kNull;
        if (!(a_text || b_text || (a_null && b_null)) || arrow::IsNested(types[0]->id()) ||
            arrow::IsNested(types[1]->id())) {
          return Status::TypeError("cannot apply operator || to " + SqlTypeName(types[0]) + " and " +
                                   SqlTypeName(types[1]));
        }
        return ResolvedScalar{{arrow::Utf8(), arrow::Utf8()}, arrow::Utf8(), concat_op};
      }));
}

}  // namespace ballista::compute
