#include "ballista/formats/parquet/thrift_compact.h"

#include <cstring>

namespace ballista::formats::parquet {

Status ThriftReader::Truncated() const {
  return Status::InvalidData("thrift: truncated input at byte " + std::to_string(pos_));
}

Result<uint64_t> ThriftReader::ReadVarint() {
  uint64_t value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos_ >= data_.size()) return Truncated();
    uint8_t byte = static_cast<uint8_t>(data_[pos_++]);
    value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return value;
  }
  return Status::InvalidData("thrift: varint longer than 10 bytes");
}

Result<int64_t> ThriftReader::ReadZigZag() {
  ASSIGN_OR_RAISE(uint64_t raw, ReadVarint());
  return static_cast<int64_t>((raw >> 1) ^ (~(raw & 1) + 1));
}

Result<int32_t> ThriftReader::ReadI32() {
  ASSIGN_OR_RAISE(int64_t value, ReadZigZag());
  if (value < INT32_MIN || value > INT32_MAX) {
    return Status::InvalidData("thrift: i32 value out of range");
  }
  return static_cast<int32_t>(value);
}

Result<int64_t> ThriftReader::ReadI64() { return ReadZigZag(); }

Result<int8_t> ThriftReader::ReadByte() {
  if (pos_ >= data_.size()) return Truncated();
  return static_cast<int8_t>(data_[pos_++]);
}

Result<double> ThriftReader::ReadDouble() {
  if (data_.size() - pos_ < 8) return Truncated();
  double value;
  std::memcpy(&value, data_.data() + pos_, 8);  // compact protocol doubles are little-endian
  pos_ += 8;
  return value;
}

Result<std::string_view> ThriftReader::ReadBinary() {
  ASSIGN_OR_RAISE(uint64_t length, ReadVarint());
  if (length > data_.size() - pos_) {
    return Status::InvalidData("thrift: binary length " + std::to_string(length) + " exceeds the " +
                               std::to_string(data_.size() - pos_) + " bytes left");
  }
  std::string_view out = data_.substr(pos_, length);
  pos_ += length;
  return out;
}

Result<bool> ThriftReader::ReadBoolElement() {
  ASSIGN_OR_RAISE(int8_t byte, ReadByte());
  return byte == 1;
}

Status ThriftReader::BeginStruct() {
  if (depth_ >= kMaxDepth) return Status::InvalidData("thrift: structs nested too deeply");
  saved_ids_[depth_++] = last_field_id_;
  last_field_id_ = 0;
  return Status::OK();
}

void ThriftReader::EndStruct() {
  if (depth_ > 0) last_field_id_ = saved_ids_[--depth_];
}

Result<ThriftFieldHeader> ThriftReader::ReadFieldHeader() {
  ASSIGN_OR_RAISE(int8_t raw, ReadByte());
  uint8_t byte = static_cast<uint8_t>(raw);
  ThriftFieldHeader header;
  uint8_t type = byte & 0x0f;
  if (type == 0) return header;  // STOP
  if (type > static_cast<uint8_t>(ThriftType::kStruct)) {
    return Status::InvalidData("thrift: unknown field type " + std::to_string(type));
  }
  header.type = static_cast<ThriftType>(type);
  uint8_t delta = byte >> 4;
  if (delta != 0) {
    header.id = static_cast<int16_t>(last_field_id_ + delta);
  } else {
    ASSIGN_OR_RAISE(int64_t id, ReadZigZag());
    if (id < INT16_MIN || id > INT16_MAX)
      return Status::InvalidData("thrift: field id out of range");
    header.id = static_cast<int16_t>(id);
  }
  last_field_id_ = header.id;
  if (header.type == ThriftType::kBoolTrue || header.type == ThriftType::kBoolFalse) {
    header.bool_value = header.type == ThriftType::kBoolTrue;
  }
  return header;
}

Result<ThriftListHeader> ThriftReader::ReadListHeader() {
  ASSIGN_OR_RAISE(int8_t raw, ReadByte());
  uint8_t byte = static_cast<uint8_t>(raw);
  ThriftListHeader header;
  header.elem_type = static_cast<ThriftType>(byte & 0x0f);
  if ((byte & 0x0f) > static_cast<uint8_t>(ThriftType::kStruct) || (byte & 0x0f) == 0) {
    return Status::InvalidData("thrift: unknown list element type");
  }
  int64_t size = byte >> 4;
  if (size == 15) {
    ASSIGN_OR_RAISE(uint64_t big, ReadVarint());
    if (big > static_cast<uint64_t>(remaining())) {
      return Status::InvalidData("thrift: list size " + std::to_string(big) +
                                 " exceeds the bytes left");
    }
    size = static_cast<int64_t>(big);
  }
  header.size = size;
  return header;
}

Status ThriftReader::Skip(ThriftType type) {
  switch (type) {
    case ThriftType::kBoolTrue:
    case ThriftType::kBoolFalse:
      return Status::OK();  // a field bool lives in its header
    case ThriftType::kByte:
      return ReadByte().status();
    case ThriftType::kI16:
    case ThriftType::kI32:
    case ThriftType::kI64:
      return ReadVarint().status();
    case ThriftType::kDouble:
      return ReadDouble().status();
    case ThriftType::kBinary:
      return ReadBinary().status();
    case ThriftType::kList:
    case ThriftType::kSet: {
      ASSIGN_OR_RAISE(auto header, ReadListHeader());
      if (depth_ >= kMaxDepth) return Status::InvalidData("thrift: nesting too deep");
      ++depth_;
      for (int64_t i = 0; i < header.size; ++i) {
        Status st = (header.elem_type == ThriftType::kBoolTrue ||
                     header.elem_type == ThriftType::kBoolFalse)
                        ? ReadByte().status()
                        : Skip(header.elem_type);
        if (!st.ok()) {
          --depth_;
          return st;
        }
      }
      --depth_;
      return Status::OK();
    }
    case ThriftType::kMap: {
      ASSIGN_OR_RAISE(uint64_t size, ReadVarint());
      if (size == 0) return Status::OK();
      if (size > static_cast<uint64_t>(remaining())) {
        return Status::InvalidData("thrift: map size exceeds the bytes left");
      }
      ASSIGN_OR_RAISE(int8_t kinds, ReadByte());
      auto key = static_cast<ThriftType>((static_cast<uint8_t>(kinds) >> 4) & 0x0f);
      auto value = static_cast<ThriftType>(kinds & 0x0f);
      if (static_cast<uint8_t>(key) > 12 || static_cast<uint8_t>(value) > 12 ||
          key == ThriftType::kStop || value == ThriftType::kStop) {
        return Status::InvalidData("thrift: unknown map element type");
      }
      if (depth_ >= kMaxDepth) return Status::InvalidData("thrift: nesting too deep");
      ++depth_;
      Status st = Status::OK();
      for (uint64_t i = 0; i < size && st.ok(); ++i) {
        auto skip_one = [&](ThriftType t) {
          return (t == ThriftType::kBoolTrue || t == ThriftType::kBoolFalse) ? ReadByte().status()
                                                                             : Skip(t);
        };
        st = skip_one(key);
        if (st.ok()) st = skip_one(value);
      }
      --depth_;
      return st;
    }
    case ThriftType::kStruct: {
      RETURN_NOT_OK(BeginStruct());
      while (true) {
        auto header = ReadFieldHeader();
        if (!header.ok()) {
          EndStruct();
          return header.status();
        }
        if (header->type == ThriftType::kStop) break;
        Status st = Skip(header->type);
        if (!st.ok()) {
          EndStruct();
          return st;
        }
      }
      EndStruct();
      return Status::OK();
    }
    case ThriftType::kStop:
      break;
  }
  return Status::InvalidData("thrift: cannot skip a value of unknown type");
}

}  // namespace ballista::formats::parquet
