// The executor's Flight service with the engine's own Flight client: DoGet of shuffle partitions
// (equal to a local read, large messages, early cancellation), remote and mixed shuffle reads,
// bad tickets, actions, unimplemented RPCs and an unreachable server with a bounded wait.

#include <arpa/inet.h>
#include <grpcpp/grpcpp.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "flight_test_util.h"
#include "proto/flight.grpc.pb.h"
#include "proto/shuffle.pb.h"

namespace ballista::executor {
namespace {

namespace fp = ::arrow::flight::protocol;
namespace pb = ballista::protobuf;
using arrow::ipc::CompressionType;
using dist::testing::RowsById;
using dist::testing::TestBatch;
using dist::testing::TestSchema;
using testing::FlightFixture;
using Clock = std::chrono::steady_clock;

class FlightServiceTest : public FlightFixture {
 protected:
  Result<std::vector<arrow::RecordBatchPtr>> DoGet(const std::string& ticket) {
    ASSIGN_OR_RAISE(auto reader, client_->DoGet("127.0.0.1", service_->port(), ticket));
    return reader->ReadAll();
  }

  static std::string Ticket(const std::string& job, uint32_t stage, uint32_t map, uint32_t output) {
    pb::ShuffleTicket ticket;
    ticket.set_job_id(job);
    ticket.set_stage_id(stage);
    ticket.set_map_partition(map);
    ticket.set_output_partition(output);
    return ticket.SerializeAsString();
  }
};

/// A TCP port on 127.0.0.1 that nothing listens on (bound by the OS, then released).
int UnusedPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  socklen_t length = sizeof(address);
  EXPECT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  ::close(fd);
  return ntohs(address.sin_port);
}

TEST_F(FlightServiceTest, DoGetEqualsLocalRead) {
  for (auto codec : {CompressionType::kLz4Frame, CompressionType::kZstd, CompressionType::kNone}) {
    SCOPED_TRACE(std::string(arrow::ipc::CompressionTypeName(codec)));
    auto options = WriterOptions(5, codec);
    auto result = Write(options, 0, 1000);
    std::map<int64_t, dist::testing::TextRow> all;
    for (uint32_t p = 0; p < 5; ++p) {
      auto remote = DoGet(dist::ShuffleTicketFor(Location(result, options, p)));
      ASSERT_TRUE(remote.ok()) << remote.status().ToString();
      auto local = dist::OpenShuffleReader({Location(result, options, p, "me")}, "me", nullptr);
      ASSERT_TRUE(local.ok()) << local.status().ToString();
      auto local_batches = (*local)->ReadAll();
      ASSERT_TRUE(local_batches.ok());
      auto rows = RowsById(*remote);
      EXPECT_EQ(rows, RowsById(*local_batches));
      EXPECT_EQ(static_cast<int64_t>(rows.size()), result.partitions[p].num_rows);
      all.insert(rows.begin(), rows.end());
    }
    EXPECT_EQ(all, RowsById({TestBatch(0, 1000)}));
  }
}

TEST_F(FlightServiceTest, ShuffleReaderMixesLocalAndRemote) {
  std::vector<pb::PartitionLocation> locations;
  int64_t expected_rows = 0;
  for (uint32_t map = 0; map < 4; ++map) {
    auto options = WriterOptions(3, CompressionType::kLz4Frame, map);
    auto result = Write(options, map * 10000, 300);
    // Even map tasks ran "here", odd ones on a "remote" executor (the same server).
    locations.push_back(Location(result, options, 2, map % 2 == 0 ? "here" : "remote"));
    expected_rows += result.partitions[2].num_rows;
  }
  dist::ShuffleReaderOptions reader_options;
  reader_options.flight_client = client_;
  auto reader = dist::OpenShuffleReader(locations, "here", TestSchema(), reader_options);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto batches = (*reader)->ReadAll();
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  EXPECT_EQ(static_cast<int64_t>(RowsById(*batches).size()), expected_rows);
}

TEST_F(FlightServiceTest, MessagesLargerThanGrpcDefaultLimit) {
  // One 12 MB batch: above gRPC's default 4 MB message limit on both sides.
  auto schema = arrow::MakeSchema(
      {arrow::MakeField("id", arrow::Int64(), false), arrow::MakeField("s", arrow::Utf8())});
  std::string json = "[";
  for (int i = 0; i < 1200; ++i) {
    json += (i ? "," : "") + std::string("[") + std::to_string(i) + ",\"" +
            std::string(10000, static_cast<char>('a' + i % 26)) + "\"]";
  }
  json += "]";
  auto batch = arrow::RecordBatchFromJson(schema, json);
  ASSERT_TRUE(batch.ok());
  auto options = WriterOptions(1, CompressionType::kNone);
  options.target_batch_rows = 100000;
  auto writer = dist::ShuffleWriter::Open(schema, options);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Write(**batch).ok());
  auto result = (*writer)->Finish();
  ASSERT_TRUE(result.ok());
  ASSERT_GT(result->partitions[0].num_bytes, 12'000'000);
  auto remote = DoGet(dist::ShuffleTicketFor(Location(*result, options, 0)));
  ASSERT_TRUE(remote.ok()) << remote.status().ToString();
  ASSERT_EQ(remote->size(), 1u);
  EXPECT_EQ(RowsById(*remote), RowsById({*batch}));
}

TEST_F(FlightServiceTest, DroppingAReaderEarlyCancelsTheCall) {
  auto options = WriterOptions(1, CompressionType::kLz4Frame);
  auto result = Write(options, 0, 2000);
  ASSERT_GT(result.partitions[0].num_batches, 3);
  for (int round = 0; round < 3; ++round) {
    auto reader = client_->DoGet("127.0.0.1", service_->port(),
                                 dist::ShuffleTicketFor(Location(result, options, 0)));
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    auto first = (*reader)->Next();
    ASSERT_TRUE(first.ok());
    ASSERT_NE(*first, nullptr);
  }
  // The service still answers, and shuts down promptly.
  auto all = DoGet(dist::ShuffleTicketFor(Location(result, options, 0)));
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(RowsById(*all).size(), 2000u);
  auto start = Clock::now();
  service_->Shutdown();
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
}

TEST_F(FlightServiceTest, BadTickets) {
  auto options = WriterOptions(2, CompressionType::kLz4Frame);
  Write(options, 0, 100);

  auto garbage = DoGet(std::string("\xff\xff\xff", 3));
  EXPECT_EQ(garbage.status().code(), StatusCode::kInvalidArgument) << garbage.status().ToString();
  EXPECT_NE(garbage.status().message().find("ShuffleTicket"), std::string::npos);

  auto empty = DoGet("");
  EXPECT_EQ(empty.status().code(), StatusCode::kInvalidArgument) << empty.status().ToString();

  auto escape = DoGet(Ticket("../../etc", 1, 0, 0));
  EXPECT_EQ(escape.status().code(), StatusCode::kInvalidArgument) << escape.status().ToString();
  EXPECT_NE(escape.status().message().find("invalid job id"), std::string::npos);

  auto missing_job = DoGet(Ticket("no-such-job", 1, 0, 0));
  EXPECT_EQ(missing_job.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing_job.status().message().find("job no-such-job stage 1 map partition 0"),
            std::string::npos)
      << missing_job.status().ToString();
  EXPECT_NE(missing_job.status().message().find("127.0.0.1:" + std::to_string(service_->port())),
            std::string::npos)
      << missing_job.status().ToString();

  auto missing_partition = DoGet(Ticket("job-7", 1, 0, 2));
  EXPECT_EQ(missing_partition.status().code(), StatusCode::kNotFound)
      << missing_partition.status().ToString();

  // The service is unharmed.
  auto good = DoGet(Ticket("job-7", 1, 0, 1));
  EXPECT_TRUE(good.ok()) << good.status().ToString();
}

TEST_F(FlightServiceTest, RemoteFetchFailureNamesTheLocation) {
  auto options = WriterOptions(2, CompressionType::kLz4Frame);
  auto result = Write(options, 0, 100);
  auto location = Location(result, options, 1);
  location.set_map_partition(9);  // never written
  dist::ShuffleReaderOptions reader_options;
  reader_options.flight_client = client_;
  auto reader = dist::OpenShuffleReader({location}, "here", TestSchema(), reader_options);
  ASSERT_TRUE(reader.ok());
  auto batch = (*reader)->Next();
  ASSERT_FALSE(batch.ok());
  auto failure = dist::ParseShuffleFetchFailure(batch.status());
  ASSERT_TRUE(failure.has_value()) << batch.status().ToString();
  EXPECT_EQ(failure->executor_id, "remote-exec");
  EXPECT_EQ(failure->port, static_cast<uint32_t>(service_->port()));
  EXPECT_EQ(failure->map_partition, 9u);
  EXPECT_NE(failure->cause.find("NOT_FOUND"), std::string::npos) << failure->cause;
}

TEST_F(FlightServiceTest, UnreachableServerFailsWithinTheConnectTimeout) {
  dist::FlightClientOptions options;
  options.connect_timeout = std::chrono::milliseconds(300);
  auto client = std::make_shared<dist::FlightClient>(options);
  const int port = UnusedPort();
  auto start = Clock::now();
  auto reader = client->DoGet("127.0.0.1", port, "x");
  auto elapsed = Clock::now() - start;
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(reader.status().message().find("127.0.0.1:" + std::to_string(port)), std::string::npos)
      << reader.status().ToString();
  EXPECT_LT(elapsed, std::chrono::seconds(5));

  // Through the shuffle reader: a fetch failure naming the executor and its address.
  auto result = Write(WriterOptions(1, CompressionType::kLz4Frame), 0, 10);
  auto location = Location(result, WriterOptions(1, CompressionType::kLz4Frame), 0, "gone");
  location.set_flight_port(static_cast<uint32_t>(port));
  dist::ShuffleReaderOptions reader_options;
  reader_options.flight_client = client;
  auto shuffle = dist::OpenShuffleReader({location}, "here", TestSchema(), reader_options);
  ASSERT_TRUE(shuffle.ok());
  auto batch = (*shuffle)->Next();
  ASSERT_FALSE(batch.ok());
  auto failure = dist::ParseShuffleFetchFailure(batch.status());
  ASSERT_TRUE(failure.has_value()) << batch.status().ToString();
  EXPECT_EQ(failure->executor_id, "gone");
  EXPECT_EQ(failure->port, static_cast<uint32_t>(port));

  // A stopped service is unreachable too.
  service_->Shutdown();
  start = Clock::now();
  auto after = client->DoGet("127.0.0.1", service_->port(), "x");
  EXPECT_EQ(after.status().code(), StatusCode::kUnavailable) << after.status().ToString();
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
}

TEST_F(FlightServiceTest, ActionsAndUnimplementedRpcs) {
  auto health = client_->DoAction("127.0.0.1", service_->port(), "healthcheck", "");
  ASSERT_TRUE(health.ok()) << health.status().ToString();
  EXPECT_EQ(*health, std::vector<std::string>{"ok"});
  auto unknown = client_->DoAction("127.0.0.1", service_->port(), "drop_everything", "");
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(unknown.status().message().find("healthcheck"), std::string::npos);

  auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(service_->port()),
                                     grpc::InsecureChannelCredentials());
  auto stub = fp::FlightService::NewStub(channel);
  auto deadline = [] { return std::chrono::system_clock::now() + std::chrono::seconds(10); };
  {
    grpc::ClientContext context;
    context.set_deadline(deadline());
    fp::FlightDescriptor descriptor;
    fp::SchemaResult schema;
    grpc::Status status = stub->GetSchema(&context, descriptor, &schema);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNIMPLEMENTED);
    EXPECT_NE(status.error_message().find("GetSchema"), std::string::npos);
  }
  {
    grpc::ClientContext context;
    context.set_deadline(deadline());
    fp::Empty empty;
    auto stream = stub->ListActions(&context, empty);
    fp::ActionType type;
    std::vector<std::string> types;
    while (stream->Read(&type)) types.push_back(type.type());
    EXPECT_TRUE(stream->Finish().ok());
    EXPECT_EQ(types, std::vector<std::string>{"healthcheck"});
  }
  {
    grpc::ClientContext context;
    context.set_deadline(deadline());
    auto stream = stub->Handshake(&context);
    fp::HandshakeRequest request;
    request.set_protocol_version(1);
    ASSERT_TRUE(stream->Write(request));
    ASSERT_TRUE(stream->WritesDone());
    fp::HandshakeResponse response;
    EXPECT_TRUE(stream->Read(&response));
    EXPECT_EQ(response.protocol_version(), 1u);
    EXPECT_TRUE(stream->Finish().ok());
  }
}

TEST_F(FlightServiceTest, DefaultClientIsSharedAndReusesItsChannel) {
  auto client = dist::FlightClient::Default();
  EXPECT_EQ(client, dist::FlightClient::Default());
  for (int i = 0; i < 3; ++i) {
    auto health = client->DoAction("127.0.0.1", service_->port(), "healthcheck", "");
    ASSERT_TRUE(health.ok()) << health.status().ToString();
  }
}

TEST(FlightServiceStartTest, RefusesAnEmptyWorkDirAndABusyPort) {
  FlightServiceOptions options;
  options.host = "127.0.0.1";
  EXPECT_EQ(FlightService::Start(options).status().code(), StatusCode::kInvalidArgument);
  dist::testing::TempDir dir;
  options.work_dir = dir.path();
  auto first = FlightService::Start(options);
  ASSERT_TRUE(first.ok());
  options.port = (*first)->port();
  auto second = FlightService::Start(options);
  EXPECT_FALSE(second.ok());
}

}  // namespace
}  // namespace ballista::executor
