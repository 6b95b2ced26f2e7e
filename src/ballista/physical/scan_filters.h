#pragma once

#include <vector>

#include "ballista/catalog/table_provider.h"
#include "ballista/logical/plan.h"

namespace ballista::physical {

/// Translates the conjuncts the optimizer pushed into `scan` into the simple comparisons a
/// provider understands (`column op literal`, `column IS [NOT] NULL`, `column IN (literals)`
/// written as an OR of equalities). Conjuncts of any other shape are left out: the filters are
/// hints that only let a provider skip data, and the full predicate still runs above the scan.
/// Column names are those of the provider's schema.
std::vector<catalog::ScanFilter> ToScanFilters(const logical::TableScan& scan);

}  // namespace ballista::physical
