#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ballista/arrow/ipc/options.h"
#include "ballista/arrow/record_batch_reader.h"
#include "ballista/arrow/type.h"
#include "ballista/common/result.h"
#include "ballista/dist/flight_client.h"
#include "proto/shuffle.pb.h"

namespace ballista::dist {

/// Every error of a shuffle fetch starts with this (after any context a caller adds in front):
/// the scheduler looks for it to re-run the map task that produced the lost partition instead of
/// failing the job.
inline constexpr std::string_view kShuffleFetchFailedPrefix = "shuffle fetch failed: ";

/// What a failed shuffle fetch names: the partition and the executor that should have served it.
/// Plain value.
struct ShuffleFetchFailure {
  std::string executor_id;
  std::string host;
  uint32_t port = 0;
  std::string job_id;
  uint32_t stage_id = 0;
  uint32_t map_partition = 0;
  uint32_t output_partition = 0;
  /// The underlying error, as text.
  std::string cause;
};

/// The error for a failed fetch of `location`: code Unavailable (whatever the cause's code; the
/// cause's text is kept), message "shuffle fetch failed: executor=<id> host=<host> port=<port>
/// job=<job> stage=<s> map_partition=<m> output_partition=<o>: <cause>".
Status ShuffleFetchFailedError(const ballista::protobuf::PartitionLocation& location,
                               const Status& cause);

/// The structured form of a ShuffleFetchFailedError (also after WithContext prefixes, and from
/// the message text alone, e.g. after the status crossed gRPC); nullopt for any other error.
std::optional<ShuffleFetchFailure> ParseShuffleFetchFailure(const Status& status);
std::optional<ShuffleFetchFailure> ParseShuffleFetchFailure(std::string_view message);

/// How a shuffle reader fetches. Plain value.
struct ShuffleReaderOptions {
  arrow::ipc::IpcReadOptions read_options;
  /// Client for remote partitions; null uses FlightClient::Default().
  std::shared_ptr<FlightClient> flight_client;
};

/// Reads one output partition of a stage from every map task's output, in the order of
/// `locations`: files of `local_executor_id` straight from disk (pread of the partition's byte
/// range), the others with Flight DoGet from their executor. Each location is opened only when
/// the previous one is exhausted, so one stream at a time is held. `schema` is the stage's output
/// schema (every location must have the same column types); when null, the first location is
/// opened at once to learn it. Any failure to open or read a location, local or remote, is a
/// ShuffleFetchFailedError naming it; a location's rows are never partly returned twice (there
/// is no retry inside the reader). Not thread-safe, like every reader.
Result<arrow::RecordBatchReaderPtr> OpenShuffleReader(
    std::vector<ballista::protobuf::PartitionLocation> locations, std::string local_executor_id,
    arrow::SchemaPtr schema, ShuffleReaderOptions options = {});

/// The Flight ticket bytes (a serialized ShuffleTicket) that ask `location`'s executor for it.
std::string ShuffleTicketFor(const ballista::protobuf::PartitionLocation& location);

}  // namespace ballista::dist
