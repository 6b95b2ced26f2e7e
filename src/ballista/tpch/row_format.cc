#include "ballista/tpch/row_format.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "ballista/tpch/calendar.h"

namespace ballista::tpch {

void TextBuffer::Grow(size_t min_capacity) {
  const size_t capacity = std::max(min_capacity, std::max<size_t>(capacity_ * 2, 1 << 16));
  auto data = std::make_unique_for_overwrite<char[]>(capacity);
  if (size_ > 0) std::memcpy(data.get(), data_.get(), size_);
  data_ = std::move(data);
  capacity_ = capacity;
}

void TextBuffer::Append(std::string_view s) {
  char* p = Reserve(s.size());
  std::memcpy(p, s.data(), s.size());
  Commit(p + s.size());
}

namespace {

/// Longest line any table can produce, quoted CSV included (the longest is a partsupp row with
/// a 198-byte comment).
constexpr size_t kMaxLineBytes = 1024;

/// Writes `value` in decimal, at least `width` digits (zero-padded); returns the new end.
inline char* PutUnsigned(char* p, uint64_t value, int width = 1) {
  char digits[24];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (n < width) digits[n++] = '0';
  while (n > 0) *p++ = digits[--n];
  return p;
}

inline char* PutSigned(char* p, int64_t value) {
  if (value < 0) {
    *p++ = '-';
    return PutUnsigned(p, static_cast<uint64_t>(-value));
  }
  return PutUnsigned(p, static_cast<uint64_t>(value));
}

/// One output line: fields are appended in order, each followed by '|' (.tbl) or separated by
/// ',' (CSV).
class Line {
 public:
  Line(TextBuffer* out, bool csv) : out_(out), p_(out->Reserve(kMaxLineBytes)), csv_(csv) {}

  void Int(int64_t v) {
    Begin();
    p_ = PutSigned(p_, v);
    Finish();
  }
  /// dbgen's money format: [-]dollars.cc
  void Money(int64_t cents) {
    Begin();
    int64_t c = static_cast<int>(cents);
    if (c < 0) {
      *p_++ = '-';
      c = -c;
    }
    p_ = PutUnsigned(p_, static_cast<uint64_t>(c / 100));
    *p_++ = '.';
    p_ = PutUnsigned(p_, static_cast<uint64_t>(c % 100), 2);
    Finish();
  }
  /// `prefix` then `value` zero-padded to `width` digits ("Clerk#000000951").
  void Tagged(std::string_view prefix, int64_t value, int width) {
    Begin();
    std::memcpy(p_, prefix.data(), prefix.size());
    p_ = PutUnsigned(p_ + prefix.size(), static_cast<uint64_t>(value), width);
    Finish();
  }
  void Chr(char c) {
    Begin();
    *p_++ = c;
    Finish();
  }
  void Date(int32_t day_offset) { Str(DateString(day_offset)); }
  void Str(std::string_view s) {
    Begin();
    if (csv_ && s.find_first_of(",\"\n") != std::string_view::npos) {
      *p_++ = '"';
      for (char c : s) {
        if (c == '"') *p_++ = '"';
        *p_++ = c;
      }
      *p_++ = '"';
    } else {
      std::memcpy(p_, s.data(), s.size());
      p_ += s.size();
    }
    Finish();
  }
  void End() {
    *p_++ = '\n';
    out_->Commit(p_);
  }

 private:
  void Begin() {
    if (csv_ && !first_) *p_++ = ',';
    first_ = false;
  }
  void Finish() {
    if (!csv_) *p_++ = '|';
  }

  TextBuffer* out_;
  char* p_;
  bool csv_;
  bool first_ = true;
};

}  // namespace

void RowFormatter::Part(const PartRow& r, TextBuffer* out) const {
  Line line(out, csv_);
  line.Int(r.partkey);
  line.Str(r.name_view());
  line.Tagged("Manufacturer#", r.mfgr, 1);
  line.Tagged("Brand#", r.brand, 2);
  line.Str(r.type);
  line.Int(r.size);
  line.Str(r.container);
  line.Money(r.retailprice);
  line.Str(r.comment);
  line.End();
}

void RowFormatter::PartSupp(const PartSuppRow& r, TextBuffer* out) const {
  Line line(out, csv_);
  line.Int(r.partkey);
  line.Int(r.suppkey);
  line.Int(r.availqty);
  line.Money(r.supplycost);
  line.Str(r.comment);
  line.End();
}

void RowFormatter::Supplier(const SupplierRow& r, TextBuffer* out) const {
  Line line(out, csv_);
  line.Int(r.suppkey);
  line.Tagged("Supplier#", r.suppkey, 9);
  line.Str(r.address_view());
  line.Int(r.nationkey);
  line.Str(r.phone_view());
  line.Money(r.acctbal);
  line.Str(r.comment_view());
  line.End();
}

void RowFormatter::Customer(const CustomerRow& r, TextBuffer* out) const {
  Line line(out, csv_);
  line.Int(r.custkey);
  line.Tagged("Customer#", r.custkey, 9);
  line.Str(r.address_view());
  line.Int(r.nationkey);
  line.Str(r.phone_view());
  line.Money(r.acctbal);
  line.Str(r.mktsegment);
  line.Str(r.comment);
  line.End();
}

void RowFormatter::Order(const OrderRow& r, TextBuffer* out) const {
  Line line(out, csv_);
  line.Int(r.orderkey);
  line.Int(r.custkey);
  line.Chr(r.orderstatus);
  line.Money(r.totalprice);
  line.Date(r.orderdate);
  line.Str(r.orderpriority);
  line.Tagged("Clerk#", r.clerk, 9);
  line.Int(r.shippriority);
  line.Str(r.comment);
  line.End();
}

void RowFormatter::LineItem(const LineItemRow& r, TextBuffer* out) const {
  Line line(out, csv_);
  line.Int(r.orderkey);
  line.Int(r.partkey);
  line.Int(r.suppkey);
  line.Int(r.linenumber);
  line.Int(r.quantity);
  line.Money(r.extendedprice);
  line.Money(r.discount);
  line.Money(r.tax);
  line.Chr(r.returnflag);
  line.Chr(r.linestatus);
  line.Date(r.shipdate);
  line.Date(r.commitdate);
  line.Date(r.receiptdate);
  line.Str(r.shipinstruct);
  line.Str(r.shipmode);
  line.Str(r.comment);
  line.End();
}

void RowFormatter::Nation(const NationRow& r, TextBuffer* out) const {
  Line line(out, csv_);
  line.Int(r.nationkey);
  line.Str(r.name);
  line.Int(r.regionkey);
  line.Str(r.comment);
  line.End();
}

void RowFormatter::Region(const RegionRow& r, TextBuffer* out) const {
  Line line(out, csv_);
  line.Int(r.regionkey);
  line.Str(r.name);
  line.Str(r.comment);
  line.End();
}

void RowFormatter::Header(Table table, TextBuffer* out) const {
  if (!csv_) return;
  std::string header;
  for (std::string_view column : TableColumns(table)) {
    if (!header.empty()) header += ',';
    header += column;
  }
  header += '\n';
  out->Append(header);
}

}  // namespace ballista::tpch
