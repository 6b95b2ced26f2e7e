// The seed's aggregate on a standalone cluster: a scheduler and an executor started inside this
// process on loopback ports (real gRPC and Arrow Flight), queried by SQL and by the DataFrame API.
//   standalone-sql [FILE.csv]
// Without a file it writes a small trips.csv (vendor, passengers, distance, fare) first.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "ballista/client/session_context.h"

namespace {

std::string WriteSampleCsv() {
  auto dir = std::filesystem::temp_directory_path() / ("ballista_standalone_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / "trips.csv").string();
  std::ofstream out(path);
  out << "vendor,passengers,distance,fare\n";
  const char* vendors[] = {"CMT", "VTS", "DDS"};
  for (int i = 0; i < 100000; ++i) {
    int passengers = 1 + i % 4;
    double distance = 0.5 + (i % 37) * 0.25;
    double fare = 2.5 + distance * 2.0 + (i % 5);
    out << vendors[i % 3] << "," << passengers << "," << distance << "," << fare << "\n";
  }
  return path;
}

int Fail(const ballista::Status& status) {
  std::cerr << "Error: " << status.message() << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = argc > 1 ? argv[1] : WriteSampleCsv();
  auto ctx = ballista::SessionContext::Standalone();
  if (!ctx.ok()) return Fail(ctx.status());
  std::cout << "standalone cluster started (scheduler + 1 executor on loopback)\n";
  auto created = ctx->Sql("CREATE EXTERNAL TABLE trips STORED AS CSV LOCATION '" + path +
                          "' OPTIONS ('has_header' 'true')");
  if (!created.ok()) return Fail(created.status());
  auto frame = ctx->Sql(
      "SELECT vendor, count(*) AS trips, sum(passengers) AS passengers, "
      "round(avg(fare), 2) AS avg_fare, max(distance) AS longest "
      "FROM trips WHERE fare > 5 GROUP BY vendor ORDER BY vendor");
  if (!frame.ok()) return Fail(frame.status());
  std::cout << "SQL:\n";
  if (auto st = frame->Show(std::cout); !st.ok()) return Fail(st);
  auto table = ctx->Table("trips");
  auto df = table.ok() ? table->Filter("fare > 5") : table;
  if (df.ok()) df = df->Aggregate({"vendor"}, {"count(*) AS trips", "sum(passengers) AS passengers"});
  if (df.ok()) df = df->Sort({"vendor"});
  if (!df.ok()) return Fail(df.status());
  std::cout << "DataFrame:\n";
  if (auto st = df->Show(std::cout); !st.ok()) return Fail(st);
  if (argc <= 1) std::filesystem::remove_all(std::filesystem::path(path).parent_path());
  return 0;
}
