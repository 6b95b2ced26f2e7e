#include "ballista/tpch/queries.h"

#include <string>

#include "ballista/tpch/query_text.h"  // generated from bench/tpch/queries

namespace ballista::tpch {

Result<std::string_view> TpchQuery(int number) {
  if (number < 1 || number > 22) {
    return Status::InvalidArgument("TPC-H has queries 1 to 22, not " + std::to_string(number));
  }
  return std::string_view(internal::kQueryText[number - 1]);
}

}  // namespace ballista::tpch
