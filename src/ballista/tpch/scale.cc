#include "ballista/tpch/scale.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace ballista::tpch {

Result<TpchScale> TpchScale::Make(double scale_factor) {
  if (!(scale_factor > 0) || !std::isfinite(scale_factor)) {
    return Status::InvalidArgument("TPC-H scale factor must be positive, got " +
                                   std::to_string(scale_factor));
  }
  if (scale_factor >= 30000) {
    return Status::Unsupported("TPC-H scale factors from 30000 on are not supported, got " +
                               std::to_string(scale_factor));
  }
  TpchScale s;
  s.scale_factor = scale_factor;
  if (scale_factor < 1.0) {
    const int64_t per_mille = static_cast<int>(1000 * scale_factor);
    auto scaled = [per_mille](int64_t base) {
      return std::max<int64_t>(1, per_mille * base / 1000);
    };
    s.scale = 1;
    s.parts = scaled(200000);
    s.suppliers = scaled(10000);
    s.customers = scaled(150000);
    s.orders = scaled(1500000);
  } else {
    s.scale = static_cast<int64_t>(scale_factor);
    s.parts = 200000 * s.scale;
    s.suppliers = 10000 * s.scale;
    s.customers = 150000 * s.scale;
    s.orders = 1500000 * s.scale;
  }
  return s;
}

}  // namespace ballista::tpch
