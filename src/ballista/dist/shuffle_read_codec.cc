#include "ballista/dist/shuffle_read_codec.h"

#include "ballista/dist/type_serde.h"

namespace ballista::dist {

protobuf::PartitionLocation PieceToLocation(const ShufflePiece& piece) {
  protobuf::PartitionLocation location;
  location.set_job_id(piece.job_id);
  location.set_stage_id(static_cast<uint32_t>(piece.stage_id));
  location.set_map_partition(static_cast<uint32_t>(piece.map_partition));
  location.set_output_partition(static_cast<uint32_t>(piece.output_partition));
  location.set_executor_id(piece.executor_id);
  location.set_host(piece.host);
  location.set_flight_port(static_cast<uint32_t>(piece.flight_port));
  location.set_path(piece.path);
  location.mutable_stats()->set_num_rows(piece.rows);
  location.mutable_stats()->set_num_bytes(piece.length);
  return location;
}

ShufflePiece LocationToPiece(const protobuf::PartitionLocation& location) {
  ShufflePiece piece;
  piece.job_id = location.job_id();
  piece.stage_id = static_cast<int>(location.stage_id());
  piece.map_partition = static_cast<int>(location.map_partition());
  piece.output_partition = static_cast<int>(location.output_partition());
  piece.executor_id = location.executor_id();
  piece.host = location.host();
  piece.flight_port = static_cast<int>(location.flight_port());
  piece.path = location.path();
  piece.rows = location.stats().num_rows();
  piece.length = location.stats().num_bytes();
  return piece;
}

Result<std::optional<std::string>> ShuffleReadCodec::Encode(const catalog::TableProvider& provider) const {
  auto* read = dynamic_cast<const ShuffleReadTable*>(&provider);
  if (!read) return std::optional<std::string>();
  protobuf::ShuffleReadNode node;
  ASSIGN_OR_RAISE(auto schema, SerializeSchema(*read->schema()));
  node.set_schema(std::move(schema));
  node.set_input_stage(static_cast<uint32_t>(read->input_stage()));
  node.set_read_all(read->read_all());
  node.set_input_partitions(static_cast<uint32_t>(read->input_partitions()));
  for (const auto& partition : read->pieces()) {
    for (const auto& piece : partition) *node.add_pieces() = PieceToLocation(piece);
  }
  for (const auto& group : read->task_partitions()) {
    auto* out = node.add_task_partitions();
    for (int p : group) out->add_partitions(static_cast<uint32_t>(p));
  }
  return std::optional<std::string>(node.SerializeAsString());
}

Result<catalog::TableProviderPtr> ShuffleReadCodec::Decode(std::string_view payload) const {
  protobuf::ShuffleReadNode node;
  if (!node.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
    return Status::InvalidData("malformed shuffle read in stage plan");
  }
  ASSIGN_OR_RAISE(auto schema, DeserializeSchema(node.schema()));
  if (node.input_partitions() == 0 || node.input_partitions() > 1000000) {
    return Status::InvalidData("shuffle read with " + std::to_string(node.input_partitions()) + " partitions");
  }
  auto table = std::make_shared<ShuffleReadTable>(schema, static_cast<int>(node.input_stage()), node.read_all(),
                                                  static_cast<int>(node.input_partitions()));
  std::vector<std::vector<ShufflePiece>> pieces(node.input_partitions());
  for (const auto& location : node.pieces()) {
    if (location.output_partition() >= node.input_partitions()) {
      return Status::InvalidData("shuffle piece for partition " + std::to_string(location.output_partition()) +
                                 " of " + std::to_string(node.input_partitions()));
    }
    pieces[location.output_partition()].push_back(LocationToPiece(location));
  }
  std::vector<std::vector<int>> groups;
  for (const auto& group : node.task_partitions()) {
    std::vector<int> partitions;
    for (uint32_t p : group.partitions()) {
      if (p >= node.input_partitions()) {
        return Status::InvalidData("coalesced shuffle read names partition " + std::to_string(p) + " of " +
                                   std::to_string(node.input_partitions()));
      }
      partitions.push_back(static_cast<int>(p));
    }
    groups.push_back(std::move(partitions));
  }
  auto with_pieces = table->WithPieces(std::move(pieces));
  if (groups.empty()) return catalog::TableProviderPtr(with_pieces);
  return catalog::TableProviderPtr(with_pieces->WithTaskPartitions(std::move(groups)));
}

const PlanSerdeOptions& StagePlanSerdeOptions() {
  static const PlanSerdeOptions options = [] {
    PlanSerdeOptions o;
    o.codecs.emplace_back("shuffle_read", std::make_shared<ShuffleReadCodec>());
    return o;
  }();
  return options;
}

}  // namespace ballista::dist
