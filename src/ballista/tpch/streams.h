#pragma once

#include <cstdint>

namespace ballista::tpch {

/// The initial seed of each column's random stream and the number of draws each row of its
/// table reserves on it (TPC-H dbgen 2.14, table of seeds in rnd.h). Rows of the detail tables
/// (partsupp, lineitem) draw on their master row's position: a part reserves 4 partsupp rows,
/// an order 7 lineitems.
struct StreamSpec {
  int64_t seed;
  int64_t draws_per_row;
};

namespace streams {

// part
inline constexpr StreamSpec kPartMfgr{1, 1};
inline constexpr StreamSpec kPartBrand{46831694, 1};
inline constexpr StreamSpec kPartType{1841581359, 1};
inline constexpr StreamSpec kPartSize{1193163244, 1};
inline constexpr StreamSpec kPartContainer{727633698, 1};
inline constexpr StreamSpec kPartComment{804159733, 2};
inline constexpr StreamSpec kPartName{709314158, 92};
// partsupp (4 rows per part)
inline constexpr StreamSpec kPartSuppQty{1671059989, 4};
inline constexpr StreamSpec kPartSuppCost{1051288424, 4};
inline constexpr StreamSpec kPartSuppComment{1961692154, 8};
// orders
inline constexpr StreamSpec kOrderClerk{1171034773, 1};
inline constexpr StreamSpec kOrderComment{276090261, 2};
inline constexpr StreamSpec kOrderDate{1066728069, 1};
inline constexpr StreamSpec kOrderPriority{591449447, 1};
inline constexpr StreamSpec kOrderCustKey{851767375, 1};
inline constexpr StreamSpec kOrderLineCount{1434868289, 1};
// lineitem (up to 7 rows per order)
inline constexpr StreamSpec kLineQty{209208115, 7};
inline constexpr StreamSpec kLineDiscount{554590007, 7};
inline constexpr StreamSpec kLineTax{721958466, 7};
inline constexpr StreamSpec kLineShipInstruct{1371272478, 7};
inline constexpr StreamSpec kLineShipMode{675466456, 7};
inline constexpr StreamSpec kLinePartKey{1808217256, 7};
inline constexpr StreamSpec kLineSuppKey{2095021727, 7};
inline constexpr StreamSpec kLineShipDate{1769349045, 7};
inline constexpr StreamSpec kLineCommitDate{904914315, 7};
inline constexpr StreamSpec kLineReceiptDate{373135028, 7};
inline constexpr StreamSpec kLineReturnFlag{717419739, 7};
inline constexpr StreamSpec kLineComment{1095462486, 14};
// customer
inline constexpr StreamSpec kCustAddress{881155353, 9};
inline constexpr StreamSpec kCustNation{1489529863, 1};
inline constexpr StreamSpec kCustPhone{1521138112, 3};
inline constexpr StreamSpec kCustAcctbal{298370230, 1};
inline constexpr StreamSpec kCustSegment{1140279430, 1};
inline constexpr StreamSpec kCustComment{1335826707, 2};
// supplier
inline constexpr StreamSpec kSuppAddress{706178559, 9};
inline constexpr StreamSpec kSuppNation{110356601, 1};
inline constexpr StreamSpec kSuppPhone{884434366, 3};
inline constexpr StreamSpec kSuppAcctbal{962338209, 1};
inline constexpr StreamSpec kSuppComment{1341315363, 2};
inline constexpr StreamSpec kSuppBbbJunk{263032577, 1};
inline constexpr StreamSpec kSuppBbbType{753643799, 1};
inline constexpr StreamSpec kSuppBbbComment{202794285, 1};
inline constexpr StreamSpec kSuppBbbOffset{715851524, 1};
// nation, region
inline constexpr StreamSpec kNationComment{606179079, 2};
inline constexpr StreamSpec kRegionComment{1500869201, 2};

/// The stream the text pool is generated from (dbgen stream 5, used for nothing else).
inline constexpr int64_t kTextPoolSeed = 933588178;

}  // namespace streams
}  // namespace ballista::tpch
