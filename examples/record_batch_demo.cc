// Builds a small record batch of common column types with the Arrow builders and prints it as a
// table: the first thing a user of the engine sees (DataFrame::Show prints the same format).
#include <cstdio>
#include <iostream>

#include "ballista/arrow/array_from_json.h"
#include "ballista/arrow/builder.h"
#include "ballista/arrow/pretty_print.h"
#include "ballista/arrow/record_batch.h"
#include "ballista/arrow/validate.h"

namespace {

using namespace ballista;         // NOLINT(build/namespaces)
using namespace ballista::arrow;  // NOLINT(build/namespaces)

Result<std::shared_ptr<RecordBatch>> MakeTrips() {
  Int64Builder ids;
  StringBuilder vendors;
  DecimalBuilder fares(Decimal128(10, 2));
  Float64Builder distances;
  Date32Builder days;
  BooleanBuilder paid_cash;
  const char* vendor_names[] = {"CMT", "VTS", nullptr, "DDS"};
  const char* fare_texts[] = {"12.50", "7.00", "23.75", "5.10"};
  const double miles[] = {2.4, 0.9, 7.25, 0.5};
  for (int i = 0; i < 4; ++i) {
    RETURN_NOT_OK(ids.Append(1000 + i));
    RETURN_NOT_OK(vendor_names[i] ? vendors.Append(vendor_names[i]) : vendors.AppendNull());
    RETURN_NOT_OK(fares.AppendString(fare_texts[i]));
    RETURN_NOT_OK(distances.Append(miles[i]));
    RETURN_NOT_OK(days.Append(19723 + i));  // 2024-01-01 onwards
    RETURN_NOT_OK(i == 2 ? paid_cash.AppendNull() : paid_cash.Append(i % 2 == 0));
  }
  auto schema = MakeSchema({MakeField("trip_id", Int64(), false), MakeField("vendor", Utf8()),
                            MakeField("fare", Decimal128(10, 2)), MakeField("miles", Float64()),
                            MakeField("pickup_day", Date32()), MakeField("cash", Boolean()),
                            MakeField("stops", List(Int32()))});
  ASSIGN_OR_RAISE(auto id_data, ids.Finish());
  ASSIGN_OR_RAISE(auto vendor_data, vendors.Finish());
  ASSIGN_OR_RAISE(auto fare_data, fares.Finish());
  ASSIGN_OR_RAISE(auto mile_data, distances.Finish());
  ASSIGN_OR_RAISE(auto day_data, days.Finish());
  ASSIGN_OR_RAISE(auto cash_data, paid_cash.Finish());
  ASSIGN_OR_RAISE(auto stop_data, ArrayFromJson(List(Int32()), "[[1, 2], [], null, [3, null]]"));
  ASSIGN_OR_RAISE(auto batch, RecordBatch::Make(schema, 4,
                                                {id_data, vendor_data, fare_data, mile_data,
                                                 day_data, cash_data, stop_data}));
  RETURN_NOT_OK(ValidateRecordBatch(*batch, /*full=*/true));
  return batch;
}

}  // namespace

int main() {
  auto batch = MakeTrips();
  if (!batch.ok()) {
    std::cerr << "error: " << batch.status().ToString() << "\n";
    return 1;
  }
  std::cout << PrettyFormat(**batch) << std::flush;
  return 0;
}
