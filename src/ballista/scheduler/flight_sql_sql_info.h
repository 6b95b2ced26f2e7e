#pragma once
// The result of Flight SQL's CommandGetSqlInfo. Its schema has a dense union column, a type the
// engine's Arrow implementation does not hold, so the two IPC messages (schema and one record
// batch) are encoded here directly from the Arrow format's flatbuffers:
//   <info_name: uint32 not null,
//    value: dense_union<string_value: utf8, bool_value: bool, bigint_value: int64,
//                       int32_bitmask: int32, string_list: list<string_data: utf8>,
//                       int32_to_int32_list_map: map<key: int32, value: list<$data$: int32>>>
//           not null>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ballista/common/result.h"

namespace ballista::scheduler {

/// The schema above as an encapsulated IPC Schema message (FlightInfo.schema).
Result<std::string> SqlInfoSchemaBytes();

/// The FlightData messages (data_header, data_body) of the answer to `ids`: the schema, then
/// one batch with a row per id this server knows, in the order asked (every known id, ascending,
/// when `ids` is empty). Ids the server does not know are left out.
Result<std::vector<std::pair<std::string, std::string>>> SqlInfoMessages(
    const std::vector<uint32_t>& ids);

}  // namespace ballista::scheduler
