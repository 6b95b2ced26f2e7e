#include "ballista/tpch/generators.h"

#include <algorithm>
#include <cstring>

#include "ballista/tpch/calendar.h"
#include "ballista/tpch/distributions.h"
#include "ballista/tpch/streams.h"

namespace ballista::tpch {
namespace {

RowStream MakeStream(const StreamSpec& spec) { return RowStream(spec.seed, spec.draws_per_row); }

template <typename... Streams>
void SeekAll(int64_t row_index, Streams&... streams) {
  (streams.SeekRow(row_index), ...);
}

template <typename... Streams>
void FinishAll(Streams&... streams) {
  (streams.FinishRow(), ...);
}

// Average lengths of the variable-length columns (dbgen's *_LEN); a column's values have
// [0.4, 1.6] times the average length.
constexpr TextBounds kAddressBounds = TextBoundsForAverage(25);
constexpr TextBounds kPartCommentBounds = TextBoundsForAverage(14);
constexpr TextBounds kPartSuppCommentBounds = TextBoundsForAverage(124);
constexpr TextBounds kSupplierCommentBounds = TextBoundsForAverage(63);
constexpr TextBounds kCustomerCommentBounds = TextBoundsForAverage(73);
constexpr TextBounds kOrderCommentBounds = TextBoundsForAverage(49);
constexpr TextBounds kLineCommentBounds = TextBoundsForAverage(27);
constexpr TextBounds kNationCommentBounds = TextBoundsForAverage(72);
constexpr TextBounds kRegionCommentBounds = TextBoundsForAverage(72);

constexpr int64_t kAcctbalMin = -99999;
constexpr int64_t kAcctbalMax = 999999;

/// dbgen's a_rnd: a random-length string over 64 characters, five characters per draw.
int RandomAlphaNumeric(RandomStream& stream, TextBounds bounds, char* dest) {
  static constexpr char kAlphabet[] =
      "0123456789abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ,";
  const int64_t length = stream.Uniform(bounds.min, bounds.max);
  int64_t bits = 0;
  for (int64_t i = 0; i < length; ++i) {
    if (i % 5 == 0) bits = stream.UniformFullRangeWrapped();
    dest[i] = kAlphabet[bits & 63];
    bits >>= 6;
  }
  return static_cast<int>(length);
}

void PutDigits(char* dest, int64_t value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    dest[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

/// "CC-AAA-EEE-NNNN" where CC is 10 + the nation key; three draws.
void RandomPhone(RandomStream& stream, int64_t nationkey, char* dest) {
  const int64_t area = stream.Uniform(100, 999);
  const int64_t exchange = stream.Uniform(100, 999);
  const int64_t number = stream.Uniform(1000, 9999);
  PutDigits(dest, 10 + nationkey % 90, 2);
  dest[2] = '-';
  PutDigits(dest + 3, area, 3);
  dest[6] = '-';
  PutDigits(dest + 7, exchange, 3);
  dest[10] = '-';
  PutDigits(dest + 11, number, 4);
}

}  // namespace

int64_t PartSupplier(int64_t partkey, int64_t index, int64_t suppliers) {
  return (partkey + index * (suppliers / 4 + (partkey - 1) / suppliers)) % suppliers + 1;
}

// ---------------------------------------------------------------------------------------------
// part + partsupp

PartGenerator::PartGenerator(const TpchScale& scale, const TextPool& pool)
    : scale_(scale),
      pool_(pool),
      mfgr_(MakeStream(streams::kPartMfgr)),
      brand_(MakeStream(streams::kPartBrand)),
      type_(MakeStream(streams::kPartType)),
      size_(MakeStream(streams::kPartSize)),
      container_(MakeStream(streams::kPartContainer)),
      comment_(MakeStream(streams::kPartComment)),
      name_(MakeStream(streams::kPartName)),
      ps_qty_(MakeStream(streams::kPartSuppQty)),
      ps_cost_(MakeStream(streams::kPartSuppCost)),
      ps_comment_(MakeStream(streams::kPartSuppComment)) {}

void PartGenerator::Seek(int64_t row_index) {
  row_index_ = row_index;
  SeekAll(row_index, mfgr_, brand_, type_, size_, container_, comment_, name_, ps_qty_, ps_cost_,
          ps_comment_);
}

void PartGenerator::Next(PartRow* row) {
  const int64_t partkey = row_index_ + 1;
  row->partkey = partkey;

  // The name is the first five colors of a random permutation of the 92 colors. dbgen draws
  // the whole permutation (92 draws, reserved per row); the first five only need five.
  const Distribution& colors = dists::PartColors();
  constexpr int kNameWords = 5;
  int permutation[kNameWords];
  int swapped_index[kNameWords];
  int swapped_value[kNameWords];
  int num_swapped = 0;
  auto value_at = [&](int index) {
    for (int k = num_swapped - 1; k >= 0; --k) {
      if (swapped_index[k] == index) return swapped_value[k];
    }
    return index;
  };
  for (int i = 0; i < kNameWords; ++i) {
    const int j = static_cast<int>(name_.Uniform(i, colors.size() - 1));
    const int at_i = value_at(i);
    permutation[i] = value_at(j);
    swapped_index[num_swapped] = j;
    swapped_value[num_swapped] = at_i;
    ++num_swapped;
  }
  char* name = row->name.data();
  for (int i = 0; i < kNameWords; ++i) {
    std::string_view word = colors.text(permutation[i]);
    if (i > 0) *name++ = ' ';
    std::memcpy(name, word.data(), word.size());
    name += word.size();
  }
  row->name_length = static_cast<int>(name - row->name.data());

  row->mfgr = mfgr_.Uniform(1, 5);
  row->brand = row->mfgr * 10 + brand_.Uniform(1, 5);
  row->type = dists::PartTypes().Pick(type_);
  row->size = size_.Uniform(1, 50);
  row->container = dists::PartContainers().Pick(container_);
  row->retailprice = PartRetailPrice(partkey);
  row->comment = pool_.Text(comment_, kPartCommentBounds);

  for (int i = 0; i < 4; ++i) {
    PartSuppRow& ps = row->partsupps[i];
    ps.partkey = partkey;
    ps.suppkey = PartSupplier(partkey, i, scale_.suppliers);
    ps.availqty = ps_qty_.Uniform(1, 9999);
    ps.supplycost = ps_cost_.Uniform(100, 100000);
    ps.comment = pool_.Text(ps_comment_, kPartSuppCommentBounds);
  }

  ++row_index_;
  FinishAll(mfgr_, brand_, type_, size_, container_, comment_, name_, ps_qty_, ps_cost_,
            ps_comment_);
}

// ---------------------------------------------------------------------------------------------
// supplier

SupplierGenerator::SupplierGenerator(const TpchScale& scale, const TextPool& pool)
    : pool_(pool),
      address_(MakeStream(streams::kSuppAddress)),
      nation_(MakeStream(streams::kSuppNation)),
      phone_(MakeStream(streams::kSuppPhone)),
      acctbal_(MakeStream(streams::kSuppAcctbal)),
      comment_(MakeStream(streams::kSuppComment)),
      bbb_junk_(MakeStream(streams::kSuppBbbJunk)),
      bbb_type_(MakeStream(streams::kSuppBbbType)),
      bbb_comment_(MakeStream(streams::kSuppBbbComment)),
      bbb_offset_(MakeStream(streams::kSuppBbbOffset)) {}

void SupplierGenerator::Seek(int64_t row_index) {
  row_index_ = row_index;
  SeekAll(row_index, address_, nation_, phone_, acctbal_, comment_, bbb_junk_, bbb_type_,
          bbb_comment_, bbb_offset_);
}

void SupplierGenerator::Next(SupplierRow* row) {
  row->suppkey = row_index_ + 1;
  row->address_length = RandomAlphaNumeric(address_, kAddressBounds, row->address.data());
  row->nationkey = nation_.Uniform(0, kNumNations - 1);
  RandomPhone(phone_, row->nationkey, row->phone.data());
  row->acctbal = acctbal_.Uniform(kAcctbalMin, kAcctbalMax);
  std::string_view comment = pool_.Text(comment_, kSupplierCommentBounds);
  std::memcpy(row->comment.data(), comment.data(), comment.size());
  const int64_t length = static_cast<int64_t>(comment.size());
  row->comment_length = static_cast<int>(length);

  // About 10 suppliers in 10000 carry a Better Business Bureau remark, half of them complaints:
  // "Customer " at a random offset, then after some noise "Complaints" or "Recommends".
  constexpr int64_t kBaseLength = 9;     // "Customer "
  constexpr int64_t kRemarkLength = 19;  // base + "Complaints"
  const int64_t bad_press = bbb_comment_.Uniform(1, 10000);
  const int64_t type = bbb_type_.Uniform(0, 100);
  const int64_t noise = bbb_junk_.Uniform(0, length - kRemarkLength);
  const int64_t offset = bbb_offset_.Uniform(0, length - (kRemarkLength + noise));
  if (bad_press <= 10) {
    char* c = row->comment.data();
    std::memcpy(c + offset, "Customer ", kBaseLength);
    std::memcpy(c + offset + kBaseLength + noise, type < 50 ? "Complaints" : "Recommends", 10);
  }

  ++row_index_;
  FinishAll(address_, nation_, phone_, acctbal_, comment_, bbb_junk_, bbb_type_, bbb_comment_,
            bbb_offset_);
}

// ---------------------------------------------------------------------------------------------
// customer

CustomerGenerator::CustomerGenerator(const TpchScale& scale, const TextPool& pool)
    : pool_(pool),
      address_(MakeStream(streams::kCustAddress)),
      nation_(MakeStream(streams::kCustNation)),
      phone_(MakeStream(streams::kCustPhone)),
      acctbal_(MakeStream(streams::kCustAcctbal)),
      segment_(MakeStream(streams::kCustSegment)),
      comment_(MakeStream(streams::kCustComment)) {}

void CustomerGenerator::Seek(int64_t row_index) {
  row_index_ = row_index;
  SeekAll(row_index, address_, nation_, phone_, acctbal_, segment_, comment_);
}

void CustomerGenerator::Next(CustomerRow* row) {
  row->custkey = row_index_ + 1;
  row->address_length = RandomAlphaNumeric(address_, kAddressBounds, row->address.data());
  row->nationkey = nation_.Uniform(0, kNumNations - 1);
  RandomPhone(phone_, row->nationkey, row->phone.data());
  row->acctbal = acctbal_.Uniform(kAcctbalMin, kAcctbalMax);
  row->mktsegment = dists::MarketSegments().Pick(segment_);
  row->comment = pool_.Text(comment_, kCustomerCommentBounds);
  ++row_index_;
  FinishAll(address_, nation_, phone_, acctbal_, segment_, comment_);
}

// ---------------------------------------------------------------------------------------------
// orders + lineitem

OrderGenerator::OrderGenerator(const TpchScale& scale, const TextPool& pool)
    : scale_(scale),
      pool_(pool),
      custkey_(MakeStream(streams::kOrderCustKey)),
      date_(MakeStream(streams::kOrderDate)),
      priority_(MakeStream(streams::kOrderPriority)),
      clerk_(MakeStream(streams::kOrderClerk)),
      comment_(MakeStream(streams::kOrderComment)),
      line_count_(MakeStream(streams::kOrderLineCount)),
      qty_(MakeStream(streams::kLineQty)),
      discount_(MakeStream(streams::kLineDiscount)),
      tax_(MakeStream(streams::kLineTax)),
      instruct_(MakeStream(streams::kLineShipInstruct)),
      mode_(MakeStream(streams::kLineShipMode)),
      partkey_(MakeStream(streams::kLinePartKey)),
      suppkey_(MakeStream(streams::kLineSuppKey)),
      ship_(MakeStream(streams::kLineShipDate)),
      commit_(MakeStream(streams::kLineCommitDate)),
      receipt_(MakeStream(streams::kLineReceiptDate)),
      flag_(MakeStream(streams::kLineReturnFlag)),
      line_comment_(MakeStream(streams::kLineComment)) {}

int64_t OrderGenerator::OrderKey(int64_t row_index) {
  // Of every 32 keys the first 8 are used: the row number's low 3 bits stay, the rest move up 2.
  const int64_t n = row_index + 1;
  return ((n >> 3) << 5) | (n & 7);
}

void OrderGenerator::Seek(int64_t row_index) {
  row_index_ = row_index;
  SeekAll(row_index, custkey_, date_, priority_, clerk_, comment_, line_count_, qty_, discount_,
          tax_, instruct_, mode_, partkey_, suppkey_, ship_, commit_, receipt_, flag_,
          line_comment_);
}

void OrderGenerator::Next(OrderRow* row) {
  const int64_t orderkey = OrderKey(row_index_);
  row->orderkey = orderkey;

  // A third of the customers (keys divisible by 3) place no orders.
  int64_t custkey = custkey_.Uniform(1, scale_.customers);
  int64_t delta = 1;
  while (custkey % 3 == 0) {
    custkey = std::min(custkey + delta, scale_.customers);
    delta = -delta;
  }
  row->custkey = custkey;
  const int32_t orderdate = static_cast<int32_t>(date_.Uniform(0, kMaxOrderDate));
  row->orderdate = orderdate;
  row->orderpriority = dists::OrderPriorities().Pick(priority_);
  row->clerk = clerk_.Uniform(1, std::max<int64_t>(scale_.clerks(), 1000));
  row->comment = pool_.Text(comment_, kOrderCommentBounds);
  row->shippriority = 0;

  const int line_count = static_cast<int>(line_count_.Uniform(1, 7));
  row->line_count = line_count;
  int64_t totalprice = 0;
  int shipped = 0;
  for (int i = 0; i < line_count; ++i) {
    LineItemRow& l = row->lines[i];
    l.orderkey = orderkey;
    l.linenumber = i + 1;
    l.quantity = qty_.Uniform(1, 50);
    l.discount = discount_.Uniform(0, 10);
    l.tax = tax_.Uniform(0, 8);
    l.shipinstruct = dists::ShipInstructions().Pick(instruct_);
    l.shipmode = dists::ShipModes().Pick(mode_);
    l.comment = pool_.Text(line_comment_, kLineCommentBounds);
    l.partkey = partkey_.Uniform(1, scale_.parts);
    l.suppkey = PartSupplier(l.partkey, suppkey_.Uniform(0, 3), scale_.suppliers);
    l.extendedprice = PartRetailPrice(l.partkey) * l.quantity;
    totalprice += ((l.extendedprice * (100 - l.discount)) / 100) * (100 + l.tax) / 100;

    l.shipdate = orderdate + static_cast<int32_t>(ship_.Uniform(1, 121));
    l.commitdate = orderdate + static_cast<int32_t>(commit_.Uniform(30, 90));
    l.receiptdate = l.shipdate + static_cast<int32_t>(receipt_.Uniform(1, 30));
    l.returnflag = l.receiptdate <= kCurrentDate ? dists::ReturnFlags().Pick(flag_)[0] : 'N';
    if (l.shipdate <= kCurrentDate) {
      l.linestatus = 'F';
      ++shipped;
    } else {
      l.linestatus = 'O';
    }
  }
  row->totalprice = totalprice;
  row->orderstatus = shipped == line_count ? 'F' : (shipped > 0 ? 'P' : 'O');

  ++row_index_;
  FinishAll(custkey_, date_, priority_, clerk_, comment_, line_count_, qty_, discount_, tax_,
            instruct_, mode_, partkey_, suppkey_, ship_, commit_, receipt_, flag_, line_comment_);
}

// ---------------------------------------------------------------------------------------------
// nation, region

NationGenerator::NationGenerator(const TextPool& pool)
    : pool_(pool), comment_(MakeStream(streams::kNationComment)) {}

void NationGenerator::Seek(int64_t row_index) {
  row_index_ = row_index;
  comment_.SeekRow(row_index);
}

void NationGenerator::Next(NationRow* row) {
  const NationInfo& info = Nation(static_cast<int>(row_index_));
  row->nationkey = row_index_;
  row->name = info.name;
  row->regionkey = info.region_key;
  row->comment = pool_.Text(comment_, kNationCommentBounds);
  ++row_index_;
  comment_.FinishRow();
}

RegionGenerator::RegionGenerator(const TextPool& pool)
    : pool_(pool), comment_(MakeStream(streams::kRegionComment)) {}

void RegionGenerator::Seek(int64_t row_index) {
  row_index_ = row_index;
  comment_.SeekRow(row_index);
}

void RegionGenerator::Next(RegionRow* row) {
  row->regionkey = row_index_;
  row->name = RegionName(static_cast<int>(row_index_));
  row->comment = pool_.Text(comment_, kRegionCommentBounds);
  ++row_index_;
  comment_.FinishRow();
}

}  // namespace ballista::tpch
