#pragma once

#include "ballista/catalog/table_provider.h"
#include "ballista/dist/plan_serde.h"
#include "proto/plan.pb.h"

namespace ballista::dist {

/// One table provider to its message, as SerializePlan writes it: a codec's encoding when one
/// of `options.codecs` claims it, else the built-in form (listing, memory, series, view), else
/// its rows, scanned now, inline. Thread-safe.
Result<protobuf::TableProviderNode> ProviderToProto(const catalog::TableProviderPtr& provider,
                                                    const PlanSerdeOptions& options = {});
/// The inverse. A listing table lists its files again here; an unknown codec is NotFound.
Result<catalog::TableProviderPtr> ProviderFromProto(const protobuf::TableProviderNode& node,
                                                    const PlanSerdeOptions& options = {});

}  // namespace ballista::dist
