// ballista-tpch: TPC-H tools.
//   ballista-tpch gen --scale-factor SF --output DIR [--format tbl|csv] [--partitions N]
//                     [--tables lineitem,orders,...] [--threads N]
// `gen` writes the TPC-H tables; in tbl format the files are byte-identical to dbgen 2.14's.
// With --partitions N > 1 each table goes to N files T.tbl.1 .. T.tbl.N whose concatenation is
// the single-file output.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "ballista/common/result.h"
#include "ballista/tpch/generate.h"

using namespace ballista;

namespace {

constexpr const char* kUsage =
    "usage: ballista-tpch gen --scale-factor SF --output DIR [--format tbl|csv]\n"
    "                         [--partitions N] [--tables T1,T2,...] [--threads N]\n"
    "  --scale-factor SF  TPC-H scale factor (1 = about 1 GB); below 1 it is rounded down to\n"
    "                     thousandths, above 1 to an integer, as dbgen does\n"
    "  --output DIR       output directory (created if missing)\n"
    "  --format F         tbl (dbgen's '|'-terminated lines, default) or csv (with header)\n"
    "  --partitions N     N files per table: T.tbl.1 .. T.tbl.N (default 1: T.tbl)\n"
    "  --tables LIST      comma-separated subset of part,partsupp,supplier,customer,orders,\n"
    "                     lineitem,nation,region (default: all)\n"
    "  --threads N        generator threads (default: one per hardware thread)\n";

Result<int64_t> ParseInt(std::string_view flag, const std::string& value) {
  char* end = nullptr;
  const long long v = std::strtoll(value.c_str(), &end, 10);
  if (value.empty() || *end != '\0') {
    return Status::InvalidArgument(std::string(flag) + ": expected an integer, got \"" + value +
                                   "\"");
  }
  return static_cast<int64_t>(v);
}

Result<tpch::GenerateOptions> ParseGenOptions(const std::vector<std::string>& args) {
  tpch::GenerateOptions options;
  bool have_scale = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& flag = args[i];
    auto value = [&]() -> Result<std::string> {
      if (i + 1 >= args.size()) return Status::InvalidArgument(flag + ": missing value");
      return args[++i];
    };
    if (flag == "--scale-factor" || flag == "-s") {
      ASSIGN_OR_RAISE(std::string v, value());
      char* end = nullptr;
      options.scale_factor = std::strtod(v.c_str(), &end);
      if (v.empty() || *end != '\0') {
        return Status::InvalidArgument(flag + ": expected a number, got \"" + v + "\"");
      }
      have_scale = true;
    } else if (flag == "--output" || flag == "-o") {
      ASSIGN_OR_RAISE(options.output_dir, value());
    } else if (flag == "--format") {
      ASSIGN_OR_RAISE(std::string v, value());
      if (v == "tbl") {
        options.format = tpch::TextFormat::kTbl;
      } else if (v == "csv") {
        options.format = tpch::TextFormat::kCsv;
      } else {
        return Status::InvalidArgument("--format: expected tbl or csv, got \"" + v + "\"");
      }
    } else if (flag == "--partitions") {
      ASSIGN_OR_RAISE(std::string v, value());
      ASSIGN_OR_RAISE(int64_t n, ParseInt(flag, v));
      options.partitions = static_cast<int>(n);
    } else if (flag == "--threads") {
      ASSIGN_OR_RAISE(std::string v, value());
      ASSIGN_OR_RAISE(int64_t n, ParseInt(flag, v));
      options.threads = static_cast<int>(n);
    } else if (flag == "--tables") {
      ASSIGN_OR_RAISE(std::string v, value());
      size_t pos = 0;
      while (pos <= v.size()) {
        size_t comma = v.find(',', pos);
        if (comma == std::string::npos) comma = v.size();
        std::string_view name(v.data() + pos, comma - pos);
        if (!name.empty()) {
          ASSIGN_OR_RAISE(tpch::Table t, tpch::ParseTableName(name));
          options.tables.push_back(t);
        }
        pos = comma + 1;
      }
    } else {
      return Status::InvalidArgument("unknown option \"" + flag + "\"");
    }
  }
  if (!have_scale) return Status::InvalidArgument("--scale-factor is required");
  if (options.output_dir.empty()) return Status::InvalidArgument("--output is required");
  return options;
}

int RunGen(const std::vector<std::string>& args) {
  Result<tpch::GenerateOptions> options = ParseGenOptions(args);
  if (!options.ok()) {
    std::fprintf(stderr, "ballista-tpch gen: %s\n%s", options.status().ToString().c_str(), kUsage);
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  Result<tpch::GenerateSummary> summary = tpch::GenerateTables(*options);
  if (!summary.ok()) {
    std::fprintf(stderr, "ballista-tpch gen: %s\n", summary.status().ToString().c_str());
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "ballista-tpch gen: wrote %zu files, %lld bytes in %.2f s\n",
               summary->files.size(), static_cast<long long>(summary->bytes), seconds);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::fputs(kUsage, args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "gen") return RunGen({args.begin() + 1, args.end()});
  std::fprintf(stderr, "ballista-tpch: unknown command \"%s\"\n%s", args[0].c_str(), kUsage);
  return 2;
}
