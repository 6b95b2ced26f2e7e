#include "ballista/formats/scan_predicate.h"

#include <algorithm>
#include <cmath>
#include <variant>

namespace ballista::formats {
namespace {

namespace a = ballista::arrow;
using Id = a::TypeId;

enum class Family { kInteger, kFloat, kDecimal, kTemporal, kBytes, kBool, kOther };

Family FamilyOf(const a::DataType& t) {
  if (a::IsInteger(t.id())) return Family::kInteger;
  if (a::IsFloating(t.id())) return Family::kFloat;
  if (t.id() == Id::kDecimal32 || t.id() == Id::kDecimal64 || t.id() == Id::kDecimal128) {
    return Family::kDecimal;
  }
  if (t.id() == Id::kDate32 || t.id() == Id::kTime32 || t.id() == Id::kTime64 ||
      t.id() == Id::kTimestamp || t.id() == Id::kDate64) {
    return Family::kTemporal;
  }
  if (a::IsStringLike(t.id()) || a::IsBinaryLike(t.id()) || t.id() == Id::kFixedSizeBinary) {
    return Family::kBytes;
  }
  if (t.id() == Id::kBool) return Family::kBool;
  return Family::kOther;
}

/// An integer or decimal scalar as an unscaled 128-bit value at `scale`; false if it does not
/// fit exactly.
bool AsScaled(const a::Scalar& s, int scale, __int128* out) {
  __int128 v;
  int from_scale = 0;
  if (const auto* i = std::get_if<int64_t>(&s.value())) {
    v = *i;
  } else if (const auto* u = std::get_if<uint64_t>(&s.value())) {
    v = static_cast<__int128>(*u);
  } else if (const auto* d = std::get_if<__int128>(&s.value())) {
    v = *d;
    from_scale = s.type()->scale();
  } else {
    return false;
  }
  if (from_scale > scale) return false;
  for (int k = from_scale; k < scale; ++k) {
    if (v > (static_cast<__int128>(1) << 120) || v < -(static_cast<__int128>(1) << 120))
      return false;
    v *= 10;
  }
  *out = v;
  return true;
}

double AsDouble(const a::Scalar& s) {
  if (const auto* i = std::get_if<int64_t>(&s.value())) return static_cast<double>(*i);
  if (const auto* u = std::get_if<uint64_t>(&s.value())) return static_cast<double>(*u);
  if (const auto* d = std::get_if<double>(&s.value())) return *d;
  return NAN;
}

template <typename T>
int Three(const T& x, const T& y) {
  return x < y ? -1 : (y < x ? 1 : 0);
}

}  // namespace

std::optional<int> CompareScalars(const a::Scalar& x, const a::Scalar& y) {
  if (!x.is_valid() || !y.is_valid()) return std::nullopt;
  Family fx = FamilyOf(*x.type()), fy = FamilyOf(*y.type());
  if (fx == Family::kOther || fy == Family::kOther) return std::nullopt;
  if (fx == Family::kFloat || fy == Family::kFloat) {
    if ((fx != Family::kFloat && fx != Family::kInteger) ||
        (fy != Family::kFloat && fy != Family::kInteger)) {
      return std::nullopt;
    }
    double dx = AsDouble(x), dy = AsDouble(y);
    if (std::isnan(dx) || std::isnan(dy)) return std::nullopt;
    return Three(dx, dy);
  }
  if ((fx == Family::kInteger || fx == Family::kDecimal) &&
      (fy == Family::kInteger || fy == Family::kDecimal)) {
    int scale = std::max(fx == Family::kDecimal ? x.type()->scale() : 0,
                         fy == Family::kDecimal ? y.type()->scale() : 0);
    __int128 vx, vy;
    if (!AsScaled(x, scale, &vx) || !AsScaled(y, scale, &vy)) return std::nullopt;
    return Three(vx, vy);
  }
  if (fx != fy) return std::nullopt;
  switch (fx) {
    case Family::kTemporal:
      if (x.type()->id() != y.type()->id() || x.type()->unit() != y.type()->unit()) {
        return std::nullopt;
      }
      return Three(x.As<int64_t>(), y.As<int64_t>());
    case Family::kBytes:
      return Three(x.As<std::string>(), y.As<std::string>());  // unsigned bytewise
    case Family::kBool:
      return Three(x.As<bool>(), y.As<bool>());
    default:
      return std::nullopt;
  }
}

bool StatisticsMayMatch(const ColumnPredicate& p, const ColumnStatistics& s) {
  bool all_null = s.null_count && s.num_values >= 0 && *s.null_count == s.num_values;
  switch (p.op) {
    case PredicateOp::kIsNull:
      return !(s.null_count && *s.null_count == 0);
    case PredicateOp::kIsNotNull:
      return !all_null;
    default:
      break;
  }
  if (all_null) return false;  // comparisons are never true on nulls
  if (!s.min || !s.max) return true;
  auto cmp_min = [&](const a::Scalar& v) { return CompareScalars(v, *s.min); };
  auto cmp_max = [&](const a::Scalar& v) { return CompareScalars(v, *s.max); };
  auto outside = [&](const a::Scalar& v) {
    if (!v.is_valid()) return true;  // `= NULL` matches nothing
    auto lo = cmp_min(v), hi = cmp_max(v);
    return (lo && *lo < 0) || (hi && *hi > 0);
  };
  if (p.op == PredicateOp::kIn) {
    for (const auto& v : p.values) {
      if (!outside(v)) return true;
    }
    return false;
  }
  if (p.values.size() != 1) return true;
  const a::Scalar& v = p.values[0];
  if (!v.is_valid()) return false;  // comparisons with NULL are never true
  auto lo = cmp_min(v), hi = cmp_max(v);
  switch (p.op) {
    case PredicateOp::kEq:
      return !outside(v);
    case PredicateOp::kNe:
      // Only a single repeated value equal to v everywhere is excluded.
      return !(lo && hi && *lo == 0 && *hi == 0);
    case PredicateOp::kLt:  // some value < v  <=>  min < v
      return !(lo && *lo <= 0);
    case PredicateOp::kLe:
      return !(lo && *lo < 0);
    case PredicateOp::kGt:  // some value > v  <=>  max > v
      return !(hi && *hi >= 0);
    case PredicateOp::kGe:
      return !(hi && *hi > 0);
    default:
      return true;
  }
}

}  // namespace ballista::formats
