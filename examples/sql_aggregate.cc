// An aggregate over a CSV file through the in-process engine, by SQL and by the DataFrame API.
//   sql-aggregate [FILE.csv]
// Without a file it writes a small trips.csv (vendor, passengers, distance, fare) to a
// temporary directory first.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "ballista/session/session_context.h"

namespace {

std::string WriteSampleCsv() {
  auto dir = std::filesystem::temp_directory_path() / ("ballista_example_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / "trips.csv").string();
  std::ofstream out(path);
  out << "vendor,passengers,distance,fare\n";
  const char* vendors[] = {"CMT", "VTS", "DDS"};
  // A deterministic mix of trips: distance and fare grow with the row number.
  for (int i = 0; i < 1000; ++i) {
    int passengers = 1 + i % 4;
    double distance = 0.5 + (i % 37) * 0.25;
    double fare = 2.5 + distance * 2.0 + (i % 5);
    out << vendors[i % 3] << "," << passengers << "," << distance << "," << fare << "\n";
  }
  return path;
}

}  // namespace

int main(int argc, char** argv) {
  using ballista::session::SessionContext;
  std::string path = argc > 1 ? argv[1] : WriteSampleCsv();
  SessionContext ctx;
  auto created = ctx.Sql("CREATE EXTERNAL TABLE trips STORED AS CSV LOCATION '" + path +
                         "' OPTIONS ('has_header' 'true')");
  if (!created.ok()) {
    std::cerr << "Error: " << created.status().message() << "\n";
    return 1;
  }
  auto frame = ctx.Sql(
      "SELECT vendor, count(*) AS trips, sum(passengers) AS passengers, "
      "round(avg(fare), 2) AS avg_fare, max(distance) AS longest "
      "FROM trips WHERE fare > 5 GROUP BY vendor ORDER BY vendor");
  if (!frame.ok()) {
    std::cerr << "Error: " << frame.status().message() << "\n";
    return 1;
  }
  std::cout << "SQL:\n";
  if (auto st = frame->Show(std::cout); !st.ok()) {
    std::cerr << "Error: " << st.message() << "\n";
    return 1;
  }
  // The same aggregate with the DataFrame API.
  auto table = ctx.Table("trips");
  auto df = table.ok() ? table->Filter("fare > 5") : table;
  if (df.ok()) df = df->Aggregate({"vendor"}, {"count(*) AS trips", "sum(passengers) AS passengers"});
  if (df.ok()) df = df->Sort({"vendor"});
  if (!df.ok()) {
    std::cerr << "Error: " << df.status().message() << "\n";
    return 1;
  }
  std::cout << "DataFrame:\n";
  if (auto st = df->Show(std::cout); !st.ok()) {
    std::cerr << "Error: " << st.message() << "\n";
    return 1;
  }
  if (argc <= 1) std::filesystem::remove_all(std::filesystem::path(path).parent_path());
  return 0;
}
