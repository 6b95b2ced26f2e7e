#pragma once

// The 22 TPC-H queries with the specification's query-validation substitution parameters
// (TPC-H 2.x, clause 2.4.x.3 "Query Validation"); Q15's view is written as a WITH query. The
// text is bench/tpch/queries/q<N>.sql, compiled into a generated header at configure time, so
// the tests run exactly what `ballista-tpch bench` runs.

#include "ballista/tpch/query_text.h"

namespace ballista::sql::testing {

/// All 22 queries, Q1 first.
inline constexpr const auto& kTpchQueries = tpch::internal::kQueryText;

inline constexpr const char* kTpchQ1 = kTpchQueries[0];
inline constexpr const char* kTpchQ2 = kTpchQueries[1];
inline constexpr const char* kTpchQ3 = kTpchQueries[2];
inline constexpr const char* kTpchQ4 = kTpchQueries[3];
inline constexpr const char* kTpchQ5 = kTpchQueries[4];
inline constexpr const char* kTpchQ6 = kTpchQueries[5];
inline constexpr const char* kTpchQ7 = kTpchQueries[6];
inline constexpr const char* kTpchQ8 = kTpchQueries[7];
inline constexpr const char* kTpchQ9 = kTpchQueries[8];
inline constexpr const char* kTpchQ10 = kTpchQueries[9];
inline constexpr const char* kTpchQ11 = kTpchQueries[10];
inline constexpr const char* kTpchQ12 = kTpchQueries[11];
inline constexpr const char* kTpchQ13 = kTpchQueries[12];
inline constexpr const char* kTpchQ14 = kTpchQueries[13];
inline constexpr const char* kTpchQ15 = kTpchQueries[14];
inline constexpr const char* kTpchQ16 = kTpchQueries[15];
inline constexpr const char* kTpchQ17 = kTpchQueries[16];
inline constexpr const char* kTpchQ18 = kTpchQueries[17];
inline constexpr const char* kTpchQ19 = kTpchQueries[18];
inline constexpr const char* kTpchQ20 = kTpchQueries[19];
inline constexpr const char* kTpchQ21 = kTpchQueries[20];
inline constexpr const char* kTpchQ22 = kTpchQueries[21];

}  // namespace ballista::sql::testing
