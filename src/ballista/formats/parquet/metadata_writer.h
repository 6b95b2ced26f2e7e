#pragma once

#include <string>

#include "ballista/formats/parquet/file_metadata.h"

namespace ballista::formats::parquet {

/// Serializes the footer with the Thrift compact protocol (parquet.thrift field ids). Every leaf
/// of the schema gets a TypeDefinedOrder column order, so readers trust min_value/max_value.
/// Optional members that are empty are omitted. Pure function, thread-safe.
std::string SerializeFileMetaData(const FileMetaData& metadata);

/// Serializes one PageHeader (data page v1/v2 or dictionary page). Pure function.
std::string SerializePageHeader(const PageHeader& header);

/// Serializes the page-index structures written between the row groups and the footer.
std::string SerializeOffsetIndex(const OffsetIndex& index);
std::string SerializeColumnIndex(const ColumnIndex& index);

}  // namespace ballista::formats::parquet
