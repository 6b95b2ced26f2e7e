#include "ballista/formats/parquet/thrift_compact_writer.h"

namespace ballista::formats::parquet {

void ThriftWriter::WriteVarint(uint64_t value) {
  while (value >= 0x80) {
    out_.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out_.push_back(static_cast<char>(value));
}

void ThriftWriter::WriteZigZag(int64_t value) {
  WriteVarint((static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63));
}

void ThriftWriter::WriteBinary(std::string_view value) {
  WriteVarint(value.size());
  out_.append(value);
}

void ThriftWriter::BeginStruct() {
  // Depth beyond the reader's cap is never produced by the metadata writers.
  if (depth_ < ThriftReader::kMaxDepth) saved_ids_[depth_] = last_field_id_;
  ++depth_;
  last_field_id_ = 0;
}

void ThriftWriter::EndStruct() {
  out_.push_back(0);  // STOP
  --depth_;
  last_field_id_ = depth_ < ThriftReader::kMaxDepth ? saved_ids_[depth_] : 0;
}

void ThriftWriter::FieldHeader(int16_t id, ThriftType type) {
  int delta = id - last_field_id_;
  if (delta > 0 && delta <= 15) {
    out_.push_back(static_cast<char>((delta << 4) | static_cast<int>(type)));
  } else {
    out_.push_back(static_cast<char>(type));
    WriteZigZag(id);
  }
  last_field_id_ = id;
}

void ThriftWriter::ListHeader(ThriftType elem_type, int64_t size) {
  if (size < 15) {
    out_.push_back(static_cast<char>((size << 4) | static_cast<int>(elem_type)));
  } else {
    out_.push_back(static_cast<char>(0xF0 | static_cast<int>(elem_type)));
    WriteVarint(static_cast<uint64_t>(size));
  }
}

}  // namespace ballista::formats::parquet
