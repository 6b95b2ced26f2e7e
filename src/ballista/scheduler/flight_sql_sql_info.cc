#include "ballista/scheduler/flight_sql_sql_info.h"

#include <flatbuffers/flatbuffers.h>

#include <cstring>
#include <map>
#include <variant>

#include "ballista/arrow/ipc/format/Message_generated.h"
#include "ballista/arrow/ipc/format/Schema_generated.h"

namespace ballista::scheduler {
namespace {

namespace fb = org::apache::arrow::flatbuf;

/// The union member a value lives in: 0 string_value, 1 bool_value, 2 bigint_value,
/// 3 int32_bitmask (the dense union's type ids are the child positions).
using SqlInfoValue = std::variant<std::string, bool, int64_t, int32_t>;

/// What this server answers, by SqlInfo id (proto/flight_sql.proto lists the ids).
const std::map<uint32_t, SqlInfoValue>& ServerInfo() {
  static const std::map<uint32_t, SqlInfoValue> info = {
      {0, std::string("Ballista C++")},  // FLIGHT_SQL_SERVER_NAME
      {1, std::string("0.1.0")},         // FLIGHT_SQL_SERVER_VERSION
      {2, std::string("1.5.0")},         // FLIGHT_SQL_SERVER_ARROW_VERSION (columnar format)
      {3, false},                        // FLIGHT_SQL_SERVER_READ_ONLY
      {4, true},                         // FLIGHT_SQL_SERVER_SQL
      {5, false},                        // FLIGHT_SQL_SERVER_SUBSTRAIT
      {8, int32_t{0}},                   // FLIGHT_SQL_SERVER_TRANSACTION: none
      {9, true},                         // FLIGHT_SQL_SERVER_CANCEL
      {500, false},                      // SQL_DDL_CATALOG
      {501, false},                      // SQL_DDL_SCHEMA
      {502, true},                       // SQL_DDL_TABLE
      {504, std::string("\"")},          // SQL_IDENTIFIER_QUOTE_CHAR
      {506, true},                       // SQL_ALL_TABLES_ARE_SELECTABLE
      {513, std::string("\\")},          // SQL_SEARCH_STRING_ESCAPE
      {515, true},                       // SQL_SUPPORTS_COLUMN_ALIASING
      {516, true},                       // SQL_NULL_PLUS_NULL_IS_NULL
      {518, true},                       // SQL_SUPPORTS_TABLE_CORRELATION_NAMES
      {520, true},                       // SQL_SUPPORTS_EXPRESSIONS_IN_ORDER_BY
      {521, true},                       // SQL_SUPPORTS_ORDER_BY_UNRELATED
      {524, true},                       // SQL_SUPPORTS_NON_NULLABLE_COLUMNS
      {529, std::string("schema")},      // SQL_SCHEMA_TERM
      {530, std::string("")},            // SQL_PROCEDURE_TERM (no procedures)
      {531, std::string("catalog")},     // SQL_CATALOG_TERM
      {532, true},                       // SQL_CATALOG_AT_START
  };
  return info;
}

using FieldOffset = flatbuffers::Offset<fb::Field>;

FieldOffset MakeField(flatbuffers::FlatBufferBuilder& b, const char* name, bool nullable,
                      fb::Type type_type, flatbuffers::Offset<void> type,
                      const std::vector<FieldOffset>& children = {}) {
  auto name_offset = b.CreateString(name);
  auto children_offset = b.CreateVector(children);
  return fb::CreateField(b, name_offset, nullable, type_type, type, 0, children_offset);
}

FieldOffset IntField(flatbuffers::FlatBufferBuilder& b, const char* name, bool nullable, int bits,
                     bool is_signed) {
  return MakeField(b, name, nullable, fb::Type::Int, fb::CreateInt(b, bits, is_signed).Union());
}

FieldOffset Utf8Field(flatbuffers::FlatBufferBuilder& b, const char* name) {
  return MakeField(b, name, true, fb::Type::Utf8, fb::CreateUtf8(b).Union());
}

/// The schema's fields, written into `b`.
flatbuffers::Offset<fb::Schema> WriteSchema(flatbuffers::FlatBufferBuilder& b) {
  std::vector<FieldOffset> members;
  members.push_back(Utf8Field(b, "string_value"));
  members.push_back(MakeField(b, "bool_value", true, fb::Type::Bool, fb::CreateBool(b).Union()));
  members.push_back(IntField(b, "bigint_value", true, 64, true));
  members.push_back(IntField(b, "int32_bitmask", true, 32, true));
  auto string_data = Utf8Field(b, "string_data");
  members.push_back(
      MakeField(b, "string_list", true, fb::Type::List, fb::CreateList(b).Union(), {string_data}));
  auto key = IntField(b, "key", false, 32, true);
  auto data = IntField(b, "$data$", true, 32, true);
  auto value = MakeField(b, "value", true, fb::Type::List, fb::CreateList(b).Union(), {data});
  auto entries =
      MakeField(b, "entries", false, fb::Type::Struct_, fb::CreateStruct_(b).Union(), {key, value});
  members.push_back(MakeField(b, "int32_to_int32_list_map", true, fb::Type::Map,
                              fb::CreateMap(b, false).Union(), {entries}));
  std::vector<int32_t> type_ids = {0, 1, 2, 3, 4, 5};
  auto union_type = fb::CreateUnion(b, fb::UnionMode::Dense, b.CreateVector(type_ids));
  std::vector<FieldOffset> fields;
  fields.push_back(IntField(b, "info_name", false, 32, false));
  fields.push_back(MakeField(b, "value", false, fb::Type::Union, union_type.Union(), members));
  return fb::CreateSchema(b, fb::Endianness::Little, b.CreateVector(fields));
}

std::string Finished(flatbuffers::FlatBufferBuilder& b) {
  return std::string(reinterpret_cast<const char*>(b.GetBufferPointer()), b.GetSize());
}

std::string SchemaHeader() {
  flatbuffers::FlatBufferBuilder b;
  auto schema = WriteSchema(b);
  b.Finish(
      fb::CreateMessage(b, fb::MetadataVersion::V5, fb::MessageHeader::Schema, schema.Union(), 0));
  return Finished(b);
}

/// Collects the body buffers of a record batch, each 8-byte aligned.
class BodyWriter {
 public:
  void Add(const void* data, size_t size) {
    buffers_.emplace_back(static_cast<int64_t>(body_.size()), static_cast<int64_t>(size));
    body_.append(static_cast<const char*>(data), size);
    body_.append((8 - size % 8) % 8, '\0');
  }
  void AddEmpty() { Add(nullptr, 0); }
  /// An offsets buffer of an empty list or string array: one zero.
  void AddZeroOffset() {
    int32_t zero = 0;
    Add(&zero, sizeof(zero));
  }
  const std::vector<fb::Buffer>& buffers() const { return buffers_; }
  std::string& body() { return body_; }

 private:
  std::vector<fb::Buffer> buffers_;
  std::string body_;
};

}  // namespace

Result<std::string> SqlInfoSchemaBytes() {
  std::string header = SchemaHeader();
  std::string out;
  uint32_t continuation = 0xFFFFFFFFu;
  int32_t length = static_cast<int32_t>((header.size() + 7) / 8 * 8);
  out.append(reinterpret_cast<const char*>(&continuation), 4);
  out.append(reinterpret_cast<const char*>(&length), 4);
  out += header;
  out.append(static_cast<size_t>(length) - header.size(), '\0');
  return out;
}

Result<std::vector<std::pair<std::string, std::string>>> SqlInfoMessages(
    const std::vector<uint32_t>& ids) {
  std::vector<std::pair<uint32_t, const SqlInfoValue*>> rows;
  const auto& known = ServerInfo();
  if (ids.empty()) {
    for (const auto& [id, value] : known) {
      rows.emplace_back(id, &value);
    }
  } else {
    for (uint32_t id : ids) {
      auto it = known.find(id);
      if (it != known.end()) {
        rows.emplace_back(id, &it->second);
      }
    }
  }
  // Columns: info_name, the union's type ids and offsets, and each member's values.
  std::vector<uint32_t> names;
  std::vector<int8_t> type_ids;
  std::vector<int32_t> offsets;
  std::vector<int32_t> string_offsets = {0};
  std::string string_data;
  std::vector<uint8_t> bools;
  int64_t bool_count = 0;
  std::vector<int64_t> bigints;
  std::vector<int32_t> bitmasks;
  for (const auto& [id, value] : rows) {
    names.push_back(id);
    type_ids.push_back(static_cast<int8_t>(value->index()));
    if (const auto* s = std::get_if<std::string>(value)) {
      offsets.push_back(static_cast<int32_t>(string_offsets.size() - 1));
      string_data += *s;
      string_offsets.push_back(static_cast<int32_t>(string_data.size()));
    } else if (const auto* flag = std::get_if<bool>(value)) {
      offsets.push_back(static_cast<int32_t>(bool_count));
      if (bools.size() * 8 <= static_cast<size_t>(bool_count)) {
        bools.push_back(0);
      }
      if (*flag) {
        bools.back() |= static_cast<uint8_t>(1u << (bool_count % 8));
      }
      ++bool_count;
    } else if (const auto* big = std::get_if<int64_t>(value)) {
      offsets.push_back(static_cast<int32_t>(bigints.size()));
      bigints.push_back(*big);
    } else {
      offsets.push_back(static_cast<int32_t>(bitmasks.size()));
      bitmasks.push_back(std::get<int32_t>(*value));
    }
  }
  const int64_t num_rows = static_cast<int64_t>(rows.size());
  const int64_t num_strings = static_cast<int64_t>(string_offsets.size()) - 1;

  BodyWriter body;
  std::vector<fb::FieldNode> nodes;
  // info_name: uint32 not null.
  nodes.emplace_back(num_rows, 0);
  body.AddEmpty();
  body.Add(names.data(), names.size() * sizeof(uint32_t));
  // value: dense union (no validity buffer since format V5): type ids, offsets.
  nodes.emplace_back(num_rows, 0);
  body.Add(type_ids.data(), type_ids.size());
  body.Add(offsets.data(), offsets.size() * sizeof(int32_t));
  // string_value
  nodes.emplace_back(num_strings, 0);
  body.AddEmpty();
  body.Add(string_offsets.data(), string_offsets.size() * sizeof(int32_t));
  body.Add(string_data.data(), string_data.size());
  // bool_value
  nodes.emplace_back(bool_count, 0);
  body.AddEmpty();
  body.Add(bools.data(), bools.size());
  // bigint_value
  nodes.emplace_back(static_cast<int64_t>(bigints.size()), 0);
  body.AddEmpty();
  body.Add(bigints.data(), bigints.size() * sizeof(int64_t));
  // int32_bitmask
  nodes.emplace_back(static_cast<int64_t>(bitmasks.size()), 0);
  body.AddEmpty();
  body.Add(bitmasks.data(), bitmasks.size() * sizeof(int32_t));
  // string_list (empty) and its string_data child.
  nodes.emplace_back(0, 0);
  body.AddEmpty();
  body.AddZeroOffset();
  nodes.emplace_back(0, 0);
  body.AddEmpty();
  body.AddZeroOffset();
  body.AddEmpty();
  // int32_to_int32_list_map (empty): map, entries struct, key, value list, its int32 items.
  nodes.emplace_back(0, 0);
  body.AddEmpty();
  body.AddZeroOffset();
  nodes.emplace_back(0, 0);
  body.AddEmpty();
  nodes.emplace_back(0, 0);
  body.AddEmpty();
  body.AddEmpty();
  nodes.emplace_back(0, 0);
  body.AddEmpty();
  body.AddZeroOffset();
  nodes.emplace_back(0, 0);
  body.AddEmpty();
  body.AddEmpty();

  flatbuffers::FlatBufferBuilder b;
  auto nodes_offset = b.CreateVectorOfStructs(nodes);
  auto buffers_offset = b.CreateVectorOfStructs(body.buffers());
  auto batch = fb::CreateRecordBatch(b, num_rows, nodes_offset, buffers_offset);
  b.Finish(fb::CreateMessage(b, fb::MetadataVersion::V5, fb::MessageHeader::RecordBatch,
                             batch.Union(), static_cast<int64_t>(body.body().size())));
  std::vector<std::pair<std::string, std::string>> messages;
  messages.emplace_back(SchemaHeader(), std::string());
  messages.emplace_back(Finished(b), std::move(body.body()));
  return messages;
}

}  // namespace ballista::scheduler
