#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace ballista::tpch {

// One row of each TPC-H table as the generators produce it. Money is in cents; dates are day
// offsets from 1992-01-01 (see calendar.h); string_views point into the text pool or into static
// distribution data and stay valid for the process. Fields that dbgen derives by formatting a key
// (names like "Customer#000000001", "Clerk#000000951", "Manufacturer#1", "Brand#13") are kept as
// numbers; the formatters spell them out.

struct PartSuppRow {
  int64_t partkey;
  int64_t suppkey;
  int64_t availqty;
  int64_t supplycost;  ///< cents
  std::string_view comment;
};

struct PartRow {
  int64_t partkey;
  std::array<char, 64> name;  ///< five color words joined by spaces
  int name_length;
  int64_t mfgr;   ///< 1..5: "Manufacturer#<mfgr>"
  int64_t brand;  ///< 11..55: "Brand#<brand>"
  std::string_view type;
  int64_t size;
  std::string_view container;
  int64_t retailprice;  ///< cents
  std::string_view comment;
  std::array<PartSuppRow, 4> partsupps;  ///< the part's rows of partsupp

  std::string_view name_view() const { return {name.data(), static_cast<size_t>(name_length)}; }
};

struct SupplierRow {
  int64_t suppkey;  ///< name: "Supplier#<suppkey, 9 digits>"
  std::array<char, 40> address;
  int address_length;
  int64_t nationkey;
  std::array<char, 15> phone;
  int64_t acctbal;                ///< cents
  std::array<char, 104> comment;  ///< own copy: some carry "Customer ... Complaints/Recommends"
  int comment_length;

  std::string_view address_view() const {
    return {address.data(), static_cast<size_t>(address_length)};
  }
  std::string_view phone_view() const { return {phone.data(), phone.size()}; }
  std::string_view comment_view() const {
    return {comment.data(), static_cast<size_t>(comment_length)};
  }
};

struct CustomerRow {
  int64_t custkey;  ///< name: "Customer#<custkey, 9 digits>"
  std::array<char, 40> address;
  int address_length;
  int64_t nationkey;
  std::array<char, 15> phone;
  int64_t acctbal;  ///< cents
  std::string_view mktsegment;
  std::string_view comment;

  std::string_view address_view() const {
    return {address.data(), static_cast<size_t>(address_length)};
  }
  std::string_view phone_view() const { return {phone.data(), phone.size()}; }
};

struct LineItemRow {
  int64_t orderkey;
  int64_t partkey;
  int64_t suppkey;
  int64_t linenumber;
  int64_t quantity;
  int64_t extendedprice;  ///< cents
  int64_t discount;       ///< hundredths: 0..10
  int64_t tax;            ///< hundredths: 0..8
  char returnflag;
  char linestatus;
  int32_t shipdate;
  int32_t commitdate;
  int32_t receiptdate;
  std::string_view shipinstruct;
  std::string_view shipmode;
  std::string_view comment;
};

struct OrderRow {
  int64_t orderkey;
  int64_t custkey;
  char orderstatus;
  int64_t totalprice;  ///< cents
  int32_t orderdate;
  std::string_view orderpriority;
  int64_t clerk;  ///< "Clerk#<clerk, 9 digits>"
  int64_t shippriority;
  std::string_view comment;
  int line_count;                    ///< 1..7
  std::array<LineItemRow, 7> lines;  ///< the order's rows of lineitem: lines[0, line_count)
};

struct NationRow {
  int64_t nationkey;
  std::string_view name;
  int64_t regionkey;
  std::string_view comment;
};

struct RegionRow {
  int64_t regionkey;
  std::string_view name;
  std::string_view comment;
};

}  // namespace ballista::tpch
