// Arrow Flight interop: tests/interop/flight_doget.mjs, a client made only of standard parts
// (@grpc/grpc-js + @grpc/proto-loader over proto/flight.proto, apache-arrow to decode), calls
// DoGet on our Flight service for every output partition, with each codec, and must see the same
// schema and values we wrote. Like the other node interop tests, it skips (saying why) when node
// or the npm packages are missing, unless BALLISTA_REQUIRE_INTEROP or CI is set in the
// environment, in which case that is a failure.

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "ballista/common/json.h"
#include "flight_test_util.h"

namespace ballista::executor {
namespace {

namespace fs = std::filesystem;
using arrow::ipc::CompressionType;
using testing::FlightFixture;

/// Why the node client cannot run here, or empty when it can.
std::string NodeUnavailableReason() {
  if (std::system("command -v node > /dev/null 2>&1") != 0) {
    return "the `node` executable is not on PATH";
  }
  for (const char* package : {"@grpc/grpc-js", "@grpc/proto-loader", "apache-arrow"}) {
    fs::path manifest = fs::path(BALLISTA_SOURCE_DIR) / "node_modules" / package / "package.json";
    if (!fs::exists(manifest)) {
      return std::string("node_modules/") + package + " is missing (run `npm ci` at the root)";
    }
  }
  return "";
}

std::string Hex(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

/// Runs the script; its stdout (stderr goes to the test log). Error with the exit status.
Result<std::string> RunDoGet(int port, const std::string& ticket) {
  std::string command = "node '" + std::string(BALLISTA_SOURCE_DIR) +
                        "/tests/interop/flight_doget.mjs' 127.0.0.1 " + std::to_string(port) + " " +
                        Hex(ticket);
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return Status::IOError("cannot run node");
  std::string output;
  char chunk[65536];
  size_t n;
  while ((n = std::fread(chunk, 1, sizeof(chunk), pipe)) > 0) output.append(chunk, n);
  int status = pclose(pipe);
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code != 0) return Status::IOError("flight_doget.mjs exited with " + std::to_string(code));
  return output;
}

/// Equal JSON scalars; the id column comes back as a string (int64 in full).
bool SameValue(const json::Value& got, const json::Value& want) {
  if (want.IsNull() || got.IsNull()) return want.IsNull() && got.IsNull();
  if (want.IsBool()) return got.IsBool() && got.AsBool() == want.AsBool();
  if (want.IsString()) return got.IsString() && got.AsString() == want.AsString();
  if (want.IsNumber() && got.IsString()) return got.AsString() == want.number_text();
  return got.IsNumber() && got.AsDouble() == want.AsDouble();
}

class FlightInteropTest : public FlightFixture {
 protected:
  void SetUp() override {
    std::string reason = NodeUnavailableReason();
    if (!reason.empty()) {
      if (std::getenv("BALLISTA_REQUIRE_INTEROP") != nullptr || std::getenv("CI") != nullptr) {
        FAIL() << "Flight interop cannot run: " << reason;
      }
      GTEST_SKIP() << "Flight interop skipped: " << reason;
    }
    FlightFixture::SetUp();
  }
};

TEST_F(FlightInteropTest, StandardClientDecodesOurStream) {
  for (auto codec : {CompressionType::kLz4Frame, CompressionType::kZstd, CompressionType::kNone}) {
    SCOPED_TRACE(std::string(arrow::ipc::CompressionTypeName(codec)));
    auto options = WriterOptions(3, codec);
    options.output_columns = {0, 1, 2, 3, 4};  // id, k, name, score, flag (no list column)
    options.task.stage_id = static_cast<uint32_t>(codec) + 10;
    auto result = Write(options, 0, 700);
    int64_t total = 0;
    for (uint32_t p = 0; p < 3; ++p) {
      auto output =
          RunDoGet(service_->port(), dist::ShuffleTicketFor(Location(result, options, p)));
      ASSERT_TRUE(output.ok()) << output.status().ToString();
      auto parsed = json::Parse(*output);
      ASSERT_TRUE(parsed.ok()) << parsed.status().ToString() << "\n" << output->substr(0, 500);
      const json::Value& doc = *parsed;

      const auto& fields = doc.Get("fields")->array();
      ASSERT_EQ(fields.size(), 5u);
      const char* names[] = {"id", "k", "name", "score", "flag"};
      const char* types[] = {"Int64", "Int32", "Utf8", "Float64", "Bool"};
      for (size_t f = 0; f < 5; ++f) {
        EXPECT_EQ(fields[f].Get("name")->AsString(), names[f]);
        EXPECT_EQ(fields[f].Get("type")->AsString(), types[f]);
      }
      EXPECT_EQ(static_cast<int64_t>(doc.Get("batches")->AsDouble()),
                result.partitions[p].num_batches);

      // Every row is the formula's row for its id, and the ids are the partition's ids.
      const auto& rows = doc.Get("rows")->array();
      EXPECT_EQ(static_cast<int64_t>(rows.size()), result.partitions[p].num_rows);
      auto local = dist::OpenShuffleReader({Location(result, options, p, "me")}, "me", nullptr);
      ASSERT_TRUE(local.ok());
      auto local_batches = (*local)->ReadAll();
      ASSERT_TRUE(local_batches.ok());
      std::set<int64_t> expected_ids;
      for (const auto& [id, row] : dist::testing::RowsById(*local_batches)) {
        expected_ids.insert(id);
      }
      std::set<int64_t> ids;
      for (const auto& row : rows) {
        ASSERT_EQ(row.array().size(), 5u);
        int64_t id = std::stoll(row.array()[0].AsString());
        ids.insert(id);
        auto want = json::Parse(dist::testing::TestRowJson(id));
        ASSERT_TRUE(want.ok());
        for (size_t c = 0; c < 5; ++c) {
          EXPECT_TRUE(SameValue(row.array()[c], want->array()[c]))
              << "id " << id << " column " << names[c];
        }
      }
      EXPECT_EQ(ids, expected_ids);
      total += static_cast<int64_t>(rows.size());
    }
    EXPECT_EQ(total, 700);
  }
}

}  // namespace
}  // namespace ballista::executor
