#pragma once

// Shared by the executor's Flight tests: a work dir with a Flight service on a port the OS picked,
// shuffle output written into it, and locations that point at the service.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "../dist/shuffle_test_util.h"
#include "ballista/dist/flight_client.h"
#include "ballista/dist/shuffle_reader.h"
#include "ballista/dist/shuffle_writer.h"
#include "ballista/executor/flight_service.h"

namespace ballista::executor::testing {

namespace pb = ballista::protobuf;

/// Starts a FlightService on 127.0.0.1, port 0, over a fresh work dir; stops it at the end.
class FlightFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    FlightServiceOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.work_dir = dir_.path();
    auto started = FlightService::Start(options);
    ASSERT_TRUE(started.ok()) << started.status().ToString();
    service_ = std::move(*started);
    ASSERT_GT(service_->port(), 0);
    dist::FlightClientOptions client_options;
    client_options.connect_timeout = std::chrono::milliseconds(5000);
    client_options.call_timeout = std::chrono::milliseconds(60000);
    client_ = std::make_shared<dist::FlightClient>(client_options);
  }
  void TearDown() override {
    if (service_) service_->Shutdown();
  }

  dist::ShuffleWriterOptions WriterOptions(uint32_t partitions, arrow::ipc::CompressionType codec,
                                           uint32_t map_partition = 0) const {
    dist::ShuffleWriterOptions options;
    options.work_dir = dir_.path();
    options.task = {"job-7", 1, map_partition};
    options.num_output_partitions = partitions;
    if (partitions > 1) options.hash_columns = {1, 2};
    options.compression = codec;
    options.target_batch_rows = 128;
    return options;
  }

  /// Writes ids [first_id, first_id + rows) of the test formula.
  dist::ShuffleWriteResult Write(const dist::ShuffleWriterOptions& options, int64_t first_id,
                                 int64_t rows) {
    auto writer = dist::ShuffleWriter::Open(dist::testing::TestSchema(), options);
    EXPECT_TRUE(writer.ok()) << writer.status().ToString();
    for (int64_t start = 0; start < rows; start += 200) {
      auto status = (*writer)->Write(
          *dist::testing::TestBatch(first_id + start, std::min<int64_t>(200, rows - start)));
      EXPECT_TRUE(status.ok()) << status.ToString();
    }
    auto result = (*writer)->Finish();
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    return result.ok() ? *result : dist::ShuffleWriteResult();
  }

  /// A location served by this fixture's service, owned by executor `executor`.
  pb::PartitionLocation Location(const dist::ShuffleWriteResult& result,
                                 const dist::ShuffleWriterOptions& options,
                                 uint32_t output_partition,
                                 const std::string& executor = "remote-exec") const {
    pb::PartitionLocation location;
    location.set_job_id(options.task.job_id);
    location.set_stage_id(options.task.stage_id);
    location.set_map_partition(options.task.map_partition);
    location.set_output_partition(output_partition);
    location.set_executor_id(executor);
    location.set_host("127.0.0.1");
    location.set_flight_port(static_cast<uint32_t>(service_->port()));
    location.set_path(result.data_path);
    return location;
  }

  dist::testing::TempDir dir_;
  std::unique_ptr<FlightService> service_;
  std::shared_ptr<dist::FlightClient> client_;
};

}  // namespace ballista::executor::testing
