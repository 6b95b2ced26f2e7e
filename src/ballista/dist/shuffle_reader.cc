#include "ballista/dist/shuffle_reader.h"

#include <charconv>

#include "ballista/arrow/ipc/reader.h"
#include "ballista/dist/shuffle_file.h"

namespace ballista::dist {

namespace pb = ballista::protobuf;

namespace {

/// Values in the failure message end at a space, so spaces (and the escape character) in ids
/// and host names are percent-encoded.
std::string Escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ') {
      out += "%20";
    } else if (c == '%') {
      out += "%25";
    } else {
      out += c;
    }
  }
  return out;
}

std::string Unescape(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && text.substr(i, 3) == "%20") {
      out += ' ';
      i += 2;
    } else if (text[i] == '%' && text.substr(i, 3) == "%25") {
      out += '%';
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

bool ParseUint32(std::string_view text, uint32_t* out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

/// Reads the partition's stream from this executor's own shuffle file.
Result<arrow::RecordBatchReaderPtr> OpenLocal(const pb::PartitionLocation& location,
                                              const ShuffleReaderOptions& options) {
  ASSIGN_OR_RAISE(auto stream, OpenShufflePartition(location.path(), location.output_partition()));
  ASSIGN_OR_RAISE(auto reader,
                  arrow::ipc::StreamReader::Open(std::move(stream), options.read_options));
  return arrow::RecordBatchReaderPtr(std::move(reader));
}

Result<arrow::RecordBatchReaderPtr> OpenRemote(const pb::PartitionLocation& location,
                                               const ShuffleReaderOptions& options) {
  FlightClient* client =
      options.flight_client ? options.flight_client.get() : FlightClient::Default().get();
  return client->DoGet(location.host(), static_cast<int>(location.flight_port()),
                       ShuffleTicketFor(location));
}

/// Concatenates the partition's streams from every location, opening one at a time.
class ShuffleReader final : public arrow::RecordBatchReader {
 public:
  ShuffleReader(std::vector<pb::PartitionLocation> locations, std::string local_executor_id,
                arrow::SchemaPtr schema, ShuffleReaderOptions options)
      : locations_(std::move(locations)),
        local_executor_id_(std::move(local_executor_id)),
        schema_(std::move(schema)),
        options_(std::move(options)) {}

  /// Opens the first location when the schema must come from it.
  Status Init() {
    if (schema_) return Status::OK();
    if (locations_.empty()) {
      return Status::InvalidArgument("shuffle reader: no locations and no schema");
    }
    return OpenNext();
  }

  arrow::SchemaPtr schema() const override { return schema_; }

  Result<arrow::RecordBatchPtr> Next() override {
    while (true) {
      if (!current_) {
        if (next_ >= locations_.size()) return arrow::RecordBatchPtr();
        RETURN_NOT_OK(OpenNext());
        if (!current_) continue;
      }
      auto batch = current_->Next();
      if (!batch.ok()) return ShuffleFetchFailedError(locations_[current_index_], batch.status());
      if (*batch) return batch;
      current_.reset();
    }
  }

 private:
  /// Opens locations_[next_] (skipping it when its stats say it is empty and the schema is
  /// known) and advances next_.
  Status OpenNext() {
    size_t index = next_++;
    const pb::PartitionLocation& location = locations_[index];
    if (schema_ && location.has_stats() && location.stats().num_rows() == 0) {
      return Status::OK();
    }
    auto opened = location.executor_id() == local_executor_id_ ? OpenLocal(location, options_)
                                                               : OpenRemote(location, options_);
    if (!opened.ok()) return ShuffleFetchFailedError(location, opened.status());
    arrow::RecordBatchReaderPtr reader = std::move(opened).MoveValueUnsafe();
    if (!schema_) {
      schema_ = reader->schema();
    } else if (!schema_->Equals(*reader->schema())) {
      return Status::InvalidData("shuffle reader: job " + location.job_id() + " stage " +
                                 std::to_string(location.stage_id()) + " map partition " +
                                 std::to_string(location.map_partition()) + " has schema\n" +
                                 reader->schema()->ToString() + "\nbut the reader expects\n" +
                                 schema_->ToString());
    }
    current_ = std::move(reader);
    current_index_ = index;
    return Status::OK();
  }

  std::vector<pb::PartitionLocation> locations_;
  std::string local_executor_id_;
  arrow::SchemaPtr schema_;
  ShuffleReaderOptions options_;
  arrow::RecordBatchReaderPtr current_;
  size_t current_index_ = 0;
  size_t next_ = 0;
};

}  // namespace

Status ShuffleFetchFailedError(const pb::PartitionLocation& location, const Status& cause) {
  return Status::Unavailable(
      std::string(kShuffleFetchFailedPrefix) + "executor=" + Escape(location.executor_id()) +
      " host=" + Escape(location.host()) + " port=" + std::to_string(location.flight_port()) +
      " job=" + Escape(location.job_id()) + " stage=" + std::to_string(location.stage_id()) +
      " map_partition=" + std::to_string(location.map_partition()) +
      " output_partition=" + std::to_string(location.output_partition()) + ": " + cause.ToString());
}

std::optional<ShuffleFetchFailure> ParseShuffleFetchFailure(const Status& status) {
  if (status.ok()) return std::nullopt;
  return ParseShuffleFetchFailure(std::string_view(status.message()));
}

std::optional<ShuffleFetchFailure> ParseShuffleFetchFailure(std::string_view message) {
  size_t start = message.find(kShuffleFetchFailedPrefix);
  if (start == std::string_view::npos) return std::nullopt;
  std::string_view rest = message.substr(start + kShuffleFetchFailedPrefix.size());
  ShuffleFetchFailure failure;
  // Each field is "key=value" followed by a space, the last by ": " and the cause.
  auto field = [&](std::string_view key, bool last, std::string_view* value) {
    if (rest.substr(0, key.size()) != key || rest.substr(key.size(), 1) != "=") return false;
    rest.remove_prefix(key.size() + 1);
    size_t end = last ? rest.find(": ") : rest.find(' ');
    if (end == std::string_view::npos) return false;
    *value = rest.substr(0, end);
    rest.remove_prefix(end + (last ? 2 : 1));
    return true;
  };
  std::string_view executor, host, port, job, stage, map, output;
  if (!field("executor", false, &executor) || !field("host", false, &host) ||
      !field("port", false, &port) || !field("job", false, &job) ||
      !field("stage", false, &stage) || !field("map_partition", false, &map) ||
      !field("output_partition", true, &output)) {
    return std::nullopt;
  }
  if (!ParseUint32(port, &failure.port) || !ParseUint32(stage, &failure.stage_id) ||
      !ParseUint32(map, &failure.map_partition) ||
      !ParseUint32(output, &failure.output_partition)) {
    return std::nullopt;
  }
  failure.executor_id = Unescape(executor);
  failure.host = Unescape(host);
  failure.job_id = Unescape(job);
  failure.cause = std::string(rest);
  return failure;
}

std::string ShuffleTicketFor(const pb::PartitionLocation& location) {
  pb::ShuffleTicket ticket;
  ticket.set_job_id(location.job_id());
  ticket.set_stage_id(location.stage_id());
  ticket.set_map_partition(location.map_partition());
  ticket.set_output_partition(location.output_partition());
  return ticket.SerializeAsString();
}

Result<arrow::RecordBatchReaderPtr> OpenShuffleReader(std::vector<pb::PartitionLocation> locations,
                                                      std::string local_executor_id,
                                                      arrow::SchemaPtr schema,
                                                      ShuffleReaderOptions options) {
  auto reader = std::make_shared<ShuffleReader>(std::move(locations), std::move(local_executor_id),
                                                std::move(schema), std::move(options));
  RETURN_NOT_OK(reader->Init());
  return arrow::RecordBatchReaderPtr(std::move(reader));
}

}  // namespace ballista::dist
