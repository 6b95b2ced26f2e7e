#pragma once

#include <cstdint>

#include "ballista/common/result.h"

namespace ballista::tpch {

/// Row counts of a TPC-H scale factor, derived exactly as dbgen 2.14 derives them: below SF 1 the
/// base counts are multiplied by (int)(1000 * SF) / 1000 (at least 1 row); from SF 1 on the SF is
/// truncated to an integer (dbgen's `scale`) and multiplies the base counts. Keys and foreign
/// keys range over these counts.
struct TpchScale {
  double scale_factor = 1;
  int64_t scale = 1;  ///< dbgen's integer scale: 1 below SF 1
  int64_t parts = 200000;
  int64_t suppliers = 10000;
  int64_t customers = 150000;
  int64_t orders = 1500000;

  int64_t partsupps() const { return parts * 4; }
  /// Clerks are numbered 1..clerks.
  int64_t clerks() const { return scale * 1000; }

  /// Validates `scale_factor` (positive, below 30000 where dbgen switches to a 64-bit generator
  /// for some keys) and derives the counts.
  static Result<TpchScale> Make(double scale_factor);
};

}  // namespace ballista::tpch
