#pragma once

#include <memory>

#include "ballista/dist/plan_serde.h"
#include "ballista/dist/shuffle_read_table.h"
#include "proto/ballista.pb.h"

namespace ballista::dist {

/// Serde of ShuffleReadTable leaves, so stage plans travel with their resolved inputs.
class ShuffleReadCodec final : public ProviderCodec {
 public:
  Result<std::optional<std::string>> Encode(const catalog::TableProvider& provider) const override;
  Result<catalog::TableProviderPtr> Decode(std::string_view payload) const override;
};

/// The options every stage plan is (de)serialized with.
const PlanSerdeOptions& StagePlanSerdeOptions();

protobuf::PartitionLocation PieceToLocation(const ShufflePiece& piece);
ShufflePiece LocationToPiece(const protobuf::PartitionLocation& location);

}  // namespace ballista::dist
