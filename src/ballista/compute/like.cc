// LIKE / ILIKE / SIMILAR TO and the regexp_* functions (RE2).

#include "ballista/compute/like.h"

#include <re2/re2.h>

#include <unordered_map>

#include "ballista/arrow/builder.h"
#include "ballista/compute/kernel_util.h"
#include "ballista/compute/registry.h"
#include "ballista/compute/string_kernel.h"
#include "ballista/compute/type_coercion.h"

namespace ballista::compute {

using arrow::DataTypePtr;
using arrow::TypeId;
using namespace internal;  // NOLINT(build/namespaces)

LikeMatcher::~LikeMatcher() = default;

Result<std::shared_ptr<const LikeMatcher>> LikeMatcher::Make(std::string_view pattern,
                                                             bool case_insensitive, char escape) {
  // Tokens: literal text runs and the wildcards.
  std::string regex = "(?s)";
  std::string literal;
  std::vector<std::string> literals;
  std::vector<char> shape;  // 'L' literal run, '%' or '_'
  std::string only_literal;
  bool pending_literal = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (escape != 0 && c == escape) {
      if (i + 1 >= pattern.size()) {
        return Status::InvalidArgument("LIKE pattern must not end with the escape character");
      }
      literal += pattern[++i];
      pending_literal = true;
      continue;
    }
    if (c == '%' || c == '_') {
      if (pending_literal) {
        regex += RE2::QuoteMeta(literal);
        only_literal = literal;
        literals.push_back(literal);
        shape.push_back('L');
        literal.clear();
        pending_literal = false;
      }
      if (c == '%' && !shape.empty() && shape.back() == '%') continue;
      regex += c == '%' ? ".*" : ".";
      shape.push_back(c);
      continue;
    }
    literal += c;
    pending_literal = true;
  }
  if (pending_literal) {
    regex += RE2::QuoteMeta(literal);
    only_literal = literal;
    literals.push_back(literal);
    shape.push_back('L');
  }
  std::shared_ptr<LikeMatcher> m(new LikeMatcher());
  const std::string s(shape.begin(), shape.end());
  if (!case_insensitive) {
    m->literal_ = only_literal;
    if (s.empty() || s == "L") {
      m->kind_ = Kind::kExact;
      return std::shared_ptr<const LikeMatcher>(std::move(m));
    }
    if (s == "L%") m->kind_ = Kind::kPrefix;
    else if (s == "%L") m->kind_ = Kind::kSuffix;
    else if (s == "%L%") m->kind_ = Kind::kContains;
    else if (s == "%") m->kind_ = Kind::kAll;
    if (m->kind_ == Kind::kRegex && s.find('_') == std::string::npos) {
      m->kind_ = Kind::kSegments;
      m->segments_ = std::move(literals);
      m->anchored_start_ = s.front() == 'L';
      m->anchored_end_ = s.back() == 'L';
    }
    if (m->kind_ != Kind::kRegex) return std::shared_ptr<const LikeMatcher>(std::move(m));
  }
  RE2::Options options;
  options.set_case_sensitive(!case_insensitive);
  options.set_dot_nl(true);
  options.set_log_errors(false);
  m->regex_ = std::make_unique<RE2>(regex, options);
  if (!m->regex_->ok()) {
    return Status::InvalidArgument("invalid LIKE pattern '" + std::string(pattern) + "'");
  }
  m->kind_ = Kind::kRegex;
  return std::shared_ptr<const LikeMatcher>(std::move(m));
}

bool LikeMatcher::Match(std::string_view v) const {
  switch (kind_) {
    case Kind::kExact: return v == literal_;
    case Kind::kPrefix: return v.starts_with(literal_);
    case Kind::kSuffix: return v.ends_with(literal_);
    case Kind::kContains: return v.find(literal_) != std::string_view::npos;
    case Kind::kAll: return true;
    case Kind::kSegments: {
      // Greedy leftmost search is exact when '%' is the only wildcard.
      size_t pos = 0;
      size_t first = 0, last = segments_.size();
      if (anchored_start_) {
        if (!v.starts_with(segments_[0])) return false;
        pos = segments_[0].size();
        first = 1;
      }
      if (anchored_end_) {
        if (last == 0 || !v.ends_with(segments_[last - 1])) return false;
        if (v.size() - segments_[last - 1].size() < pos) return false;
        --last;
        v = v.substr(0, v.size() - segments_[last].size());
      }
      for (size_t k = first; k < last; ++k) {
        const size_t hit = v.find(segments_[k], pos);
        if (hit == std::string_view::npos) return false;
        pos = hit + segments_[k].size();
      }
      return true;
    }
    case Kind::kRegex: return RE2::FullMatch(re2::StringPiece(v.data(), v.size()), *regex_);
  }
  return false;
}

std::string SimilarToRegex(std::string_view pattern, char escape) {
  std::string out = "(?s)";
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (escape != 0 && c == escape && i + 1 < pattern.size()) {
      out += RE2::QuoteMeta(std::string(1, pattern[++i]));
    } else if (c == '%') {
      out += ".*";
    } else if (c == '_') {
      out += ".";
    } else if (c == '.' || c == '^' || c == '$' || c == '\\') {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

char EscapeOf(const Datum& escape) {
  if (!escape.is_scalar() || escape.scalar().is_null() ||
      escape.type()->id() == TypeId::kNull) {
    return '\\';
  }
  const std::string& e = escape.scalar().As<std::string>();
  return e.empty() ? 0 : e[0];
}

// Caches compiled patterns per distinct pattern text within one kernel call.
template <typename Compiled, typename MakeFn>
class PatternCache {
 public:
  explicit PatternCache(MakeFn make) : make_(std::move(make)) {}
  Result<const Compiled*> Get(std::string_view pattern) {
    auto it = cache_.find(std::string(pattern));
    if (it != cache_.end()) return it->second.get();
    if (cache_.size() > 1024) cache_.clear();
    ASSIGN_OR_RAISE(auto compiled, make_(pattern));
    const Compiled* raw = compiled.get();
    cache_.emplace(std::string(pattern), std::move(compiled));
    return raw;
  }

 private:
  MakeFn make_;
  std::unordered_map<std::string, std::shared_ptr<const Compiled>> cache_;
};

Result<std::shared_ptr<const RE2>> CompileRegex(std::string_view pattern, std::string_view flags) {
  RE2::Options options;
  options.set_log_errors(false);
  for (char f : flags) {
    if (f == 'i') options.set_case_sensitive(false);
    else if (f == 'c') options.set_case_sensitive(true);
    else if (f == 's') options.set_dot_nl(true);
    else if (f == 'm' || f == 'n') options.set_never_nl(false);
    else if (f != 'g') {
      return Status::InvalidArgument("invalid regular expression flag '" + std::string(1, f) + "'");
    }
  }
  auto re = std::make_shared<const RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
  if (!re->ok()) {
    return Status::InvalidArgument("invalid regular expression '" + std::string(pattern) +
                                   "': " + re->error());
  }
  return re;
}


}  // namespace

Result<Datum> Like(const Datum& value, const Datum& pattern, bool case_insensitive, bool negate,
                   int64_t num_rows, ExecContext* ctx, const Datum& escape) {
  const char esc = EscapeOf(escape);
  const std::vector<Datum> args = {value, pattern};
  StringReader values(value);
  if (pattern.is_scalar()) {
    if (pattern.scalar().is_null()) return NullDatum(arrow::Boolean(), num_rows, value.is_scalar(), ctx);
    ASSIGN_OR_RAISE(auto matcher,
                    LikeMatcher::Make(pattern.scalar().As<std::string>(), case_insensitive, esc));
    return BoolResult(args, num_rows, ctx, [&](int64_t i, bool* out) -> Result<bool> {
      *out = matcher->Match(values[i]) != negate;
      return true;
    });
  }
  StringReader patterns(pattern);
  auto make = [&](std::string_view p) { return LikeMatcher::Make(p, case_insensitive, esc); };
  PatternCache<LikeMatcher, decltype(make)> cache(make);
  return BoolResult(args, num_rows, ctx, [&](int64_t i, bool* out) -> Result<bool> {
    ASSIGN_OR_RAISE(const LikeMatcher* m, cache.Get(patterns[i]));
    *out = m->Match(values[i]) != negate;
    return true;
  });
}

namespace {

// The compiled regex of each row: pattern argument `pattern_index`, flags argument `flags_index`
// when present, plus fixed extra flags. Compiled once per distinct pattern and flags.
class RowRegex {
 public:
  RowRegex(const std::vector<Datum>& args, size_t pattern_index, size_t flags_index,
           std::string extra_flags)
      : patterns_(args[pattern_index]), extra_(std::move(extra_flags)) {
    if (args.size() > flags_index) flags_ = std::make_unique<StringReader>(args[flags_index]);
  }
  Result<const RE2*> operator()(int64_t i) {
    std::string pattern(patterns_[i]);
    std::string flags = flags_ ? std::string((*flags_)[i]) : std::string();
    flags += extra_;
    std::string key = pattern + '\x01' + flags;
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second.get();
    if (cache_.size() > 1024) cache_.clear();
    ASSIGN_OR_RAISE(auto re, CompileRegex(pattern, flags));
    const RE2* raw = re.get();
    cache_.emplace(std::move(key), std::move(re));
    return raw;
  }

 private:
  StringReader patterns_;
  std::unique_ptr<StringReader> flags_;
  std::string extra_;
  std::unordered_map<std::string, std::shared_ptr<const RE2>> cache_;
};

bool HasFlag(const std::vector<Datum>& args, size_t index, int64_t i, char flag) {
  if (args.size() <= index) return false;
  StringReader r(args[index]);
  return r[i].find(flag) != std::string_view::npos;
}

ResolvedScalar StringArgs(size_t n, DataTypePtr out, ScalarKernel k) {
  return ResolvedScalar{std::vector<DataTypePtr>(n, arrow::Utf8()), std::move(out), std::move(k)};
}

Status CheckStrings(const char* name, const std::vector<DataTypePtr>& types, size_t min, size_t max) {
  RETURN_NOT_OK(CheckArity(name, types, min, max));
  for (const auto& t : types) {
    const TypeId id = EngineType(t)->id();
    if (id != TypeId::kUtf8 && id != TypeId::kNull) return ArgumentTypeError(name, types);
  }
  return Status::OK();
}

void AddPattern(FunctionRegistry* r, const char* name, const char* sig, const char* doc,
                size_t min, size_t max, DataTypePtr out, ScalarKernel k) {
  r->AddScalar(std::make_unique<CallableScalarFunction>(
      name, sig, std::string(sig) + " - " + doc,
      [=](const std::vector<DataTypePtr>& types) -> Result<ResolvedScalar> {
        RETURN_NOT_OK(CheckStrings(name, types, min, max));
        return StringArgs(types.size(), out, k);
      }));
}

Result<Datum> RegexLike(const std::vector<Datum>& args, int64_t n, ExecContext* ctx,
                        std::string_view extra_flags, bool negate) {
  RowRegex regex_at(args, 1, 2, std::string(extra_flags));
  StringReader values(args[0]);
  return BoolResult(args, n, ctx, [&](int64_t i, bool* out) -> Result<bool> {
    ASSIGN_OR_RAISE(const RE2* re, regex_at(i));
    const std::string_view v = values[i];
    *out = RE2::PartialMatch(re2::StringPiece(v.data(), v.size()), *re) != negate;
    return true;
  });
}

}  // namespace

void RegisterPatternFunctions(FunctionRegistry* r) {
  auto like = [](bool ci, bool negate) -> ScalarKernel {
    return [ci, negate](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
      return Like(args[0], args[1], ci, negate, n, ctx, args.size() > 2 ? args[2] : Datum());
    };
  };
  AddPattern(r, "like", "s LIKE pattern [ESCAPE e]", "Pattern match with % and _", 2, 3,
             arrow::Boolean(), like(false, false));
  AddPattern(r, "not_like", "s NOT LIKE pattern [ESCAPE e]", "Negated LIKE", 2, 3,
             arrow::Boolean(), like(false, true));
  AddPattern(r, "ilike", "s ILIKE pattern [ESCAPE e]", "Case-insensitive LIKE", 2, 3,
             arrow::Boolean(), like(true, false));
  AddPattern(r, "not_ilike", "s NOT ILIKE pattern [ESCAPE e]", "Negated ILIKE", 2, 3,
             arrow::Boolean(), like(true, true));
  auto similar = [](bool negate) -> ScalarKernel {
    return [negate](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) -> Result<Datum> {
      StringReader values(args[0]);
      StringReader patterns(args[1]);
      auto make = [](std::string_view p) { return CompileRegex(SimilarToRegex(p), ""); };
      PatternCache<RE2, decltype(make)> cache(make);
      return BoolResult(args, n, ctx, [&](int64_t i, bool* out) -> Result<bool> {
        ASSIGN_OR_RAISE(const RE2* re, cache.Get(patterns[i]));
        const std::string_view v = values[i];
        *out = RE2::FullMatch(re2::StringPiece(v.data(), v.size()), *re) != negate;
        return true;
      });
    };
  };
  AddPattern(r, "similar_to", "s SIMILAR TO pattern", "SQL regular expression match of the whole string",
             2, 2, arrow::Boolean(), similar(false));
  AddPattern(r, "not_similar_to", "s NOT SIMILAR TO pattern", "Negated SIMILAR TO", 2, 2,
             arrow::Boolean(), similar(true));
  auto regex_op = [](std::string_view flags, bool negate) -> ScalarKernel {
    std::string f(flags);
    return [f, negate](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) {
      return RegexLike(args, n, ctx, f, negate);
    };
  };
  AddPattern(r, "regex_match", "s ~ pattern", "True when the regular expression matches part of s", 2,
             2, arrow::Boolean(), regex_op("", false));
  AddPattern(r, "regex_imatch", "s ~* pattern", "Case-insensitive ~", 2, 2, arrow::Boolean(),
             regex_op("i", false));
  AddPattern(r, "regex_not_match", "s !~ pattern", "Negated ~", 2, 2, arrow::Boolean(),
             regex_op("", true));
  AddPattern(r, "regex_not_imatch", "s !~* pattern", "Negated ~*", 2, 2, arrow::Boolean(),
             regex_op("i", true));
  AddPattern(r, "regexp_like", "regexp_like(s, pattern [, flags])",
             "True when the regular expression matches part of s", 2, 3, arrow::Boolean(),
             regex_op("", false));

  AddPattern(
      r, "regexp_replace", "regexp_replace(s, pattern, replacement [, flags])",
      "Replaces the first match (every match with flag 'g'); \\1 refers to a group", 3, 4,
      arrow::Utf8(), [](const std::vector<Datum>& args, int64_t n, ExecContext* ctx) -> Result<Datum> {
        RowRegex regex_at(args, 1, 3, "");
        StringReader values(args[0]);
        StringReader replacements(args[2]);
        return StringResult(args, n, ctx, false, [&](int64_t i, std::string* out) -> Result<bool> {
          ASSIGN_OR_RAISE(const RE2* re, regex_at(i));
          *out = std::string(values[i]);
          const std::string_view rep = replacements[i];
          const re2::StringPiece rewrite(rep.data(), rep.size());
          if (HasFlag(args, 3, i, 'g')) {
            RE2::GlobalReplace(out, *re, rewrite);
          } else {
            RE2::Replace(out, *re, rewrite);
          }
          return true;
        });
      });

  r->AddScalar(std::make_unique<CallableScalarFunction>(
      "regexp_match", "regexp_match(s, pattern [, flags])",
      "regexp_match(s, pattern [, flags]) - The capture groups of the first match as a list (the "
      "whole match when there are no groups); NULL when there is no match",
      [](const std::vector<DataTypePtr>& types) -> Result<ResolvedScalar> {
        RETURN_NOT_OK(CheckStrings("regexp_match", types, 2, 3));
        ScalarKernel k = [](const std::vector<Datum>& args, int64_t num_rows,
                            ExecContext* ctx) -> Result<Datum> {
          const bool as_scalar = AllScalar(args);
          const int64_t n = as_scalar ? 1 : num_rows;
          RowRegex regex_at(args, 1, 2, "");
          StringReader values(args[0]);
          arrow::ListBuilder builder(std::make_unique<arrow::StringBuilder>(PoolOf(ctx)), PoolOf(ctx));
          auto* items = static_cast<arrow::StringBuilder*>(builder.value_builder());
          for (int64_t i = 0; i < n; ++i) {
            if (AnyNull(args, i)) {
              RETURN_NOT_OK(builder.AppendNull());
              continue;
            }
            ASSIGN_OR_RAISE(const RE2* re, regex_at(i));
            const int groups = re->NumberOfCapturingGroups();
            std::vector<re2::StringPiece> parts(static_cast<size_t>(groups + 1));
            const std::string_view v = values[i];
            if (!re->Match(re2::StringPiece(v.data(), v.size()), 0, v.size(), RE2::UNANCHORED,
                           parts.data(), groups + 1)) {
              RETURN_NOT_OK(builder.AppendNull());
              continue;
            }
            RETURN_NOT_OK(builder.Append(true));
            for (int g = groups == 0 ? 0 : 1; g <= groups; ++g) {
              const auto& p = parts[static_cast<size_t>(g)];
              RETURN_NOT_OK(p.data() == nullptr ? items->AppendNull()
                                                : items->Append(std::string_view(p.data(), p.size())));
            }
          }
          ASSIGN_OR_RAISE(auto arr, builder.Finish());
          return FinishDatum(std::move(arr), as_scalar);
        };
        return StringArgs(types.size(), arrow::List(arrow::Utf8()), k);
      }));
}

}  // namespace ballista::compute
