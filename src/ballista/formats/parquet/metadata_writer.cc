#include "ballista/formats/parquet/metadata_writer.h"

#include "ballista/formats/parquet/thrift_compact_writer.h"

namespace ballista::formats::parquet {
namespace {

using T = ThriftType;

void WriteTimeUnit(ThriftWriter& w, int16_t id, LogicalType::Unit unit) {
  w.BeginStructField(id);
  // TimeUnit union: 1 MILLIS, 2 MICROS, 3 NANOS, each an empty struct.
  w.EmptyStructField(unit == LogicalType::Unit::kMillis   ? 1
                     : unit == LogicalType::Unit::kMicros ? 2
                                                          : 3);
  w.EndStruct();
}

void WriteLogicalType(ThriftWriter& w, const LogicalType& lt) {
  using K = LogicalType::Kind;
  w.BeginStructField(10);
  switch (lt.kind) {
    case K::kString:
      w.EmptyStructField(1);
      break;
    case K::kMap:
      w.EmptyStructField(2);
      break;
    case K::kList:
      w.EmptyStructField(3);
      break;
    case K::kEnum:
      w.EmptyStructField(4);
      break;
    case K::kDecimal:
      w.BeginStructField(5);
      w.I32Field(1, lt.scale);
      w.I32Field(2, lt.precision);
      w.EndStruct();
      break;
    case K::kDate:
      w.EmptyStructField(6);
      break;
    case K::kTime:
    case K::kTimestamp:
      w.BeginStructField(lt.kind == K::kTime ? 7 : 8);
      w.BoolField(1, lt.is_adjusted_to_utc);
      WriteTimeUnit(w, 2, lt.unit);
      w.EndStruct();
      break;
    case K::kInteger:
      w.BeginStructField(10);
      w.FieldHeader(1, T::kByte);
      w.WriteByteValue(static_cast<int8_t>(lt.bit_width));
      w.BoolField(2, lt.is_signed);
      w.EndStruct();
      break;
    case K::kUnknown:
      w.EmptyStructField(11);
      break;
    case K::kJson:
      w.EmptyStructField(12);
      break;
    case K::kBson:
      w.EmptyStructField(13);
      break;
    case K::kUuid:
      w.EmptyStructField(14);
      break;
    case K::kFloat16:
      w.EmptyStructField(15);
      break;
    case K::kNone:
    case K::kOther:
      break;
  }
  w.EndStruct();
}

void WriteSchemaElement(ThriftWriter& w, const SchemaElement& e) {
  w.BeginStruct();
  if (e.type) w.I32Field(1, static_cast<int32_t>(*e.type));
  if (e.type && *e.type == PhysicalType::kFixedLenByteArray) w.I32Field(2, e.type_length);
  if (e.repetition) w.I32Field(3, static_cast<int32_t>(*e.repetition));
  w.BinaryField(4, e.name);
  if (!e.type) w.I32Field(5, e.num_children);
  if (e.converted_type != ConvertedType::kNone) {
    w.I32Field(6, static_cast<int32_t>(e.converted_type));
    if (e.converted_type == ConvertedType::kDecimal) {
      w.I32Field(7, e.scale);
      w.I32Field(8, e.precision);
    }
  }
  if (e.field_id) w.I32Field(9, *e.field_id);
  if (e.logical_type.kind != LogicalType::Kind::kNone &&
      e.logical_type.kind != LogicalType::Kind::kOther) {
    WriteLogicalType(w, e.logical_type);
  }
  w.EndStruct();
}

void WriteStatistics(ThriftWriter& w, int16_t id, const Statistics& s) {
  w.BeginStructField(id);
  if (s.max) w.BinaryField(1, *s.max);
  if (s.min) w.BinaryField(2, *s.min);
  if (s.null_count) w.I64Field(3, *s.null_count);
  if (s.distinct_count) w.I64Field(4, *s.distinct_count);
  if (s.max_value) w.BinaryField(5, *s.max_value);
  if (s.min_value) w.BinaryField(6, *s.min_value);
  w.EndStruct();
}

void WriteColumnMetaData(ThriftWriter& w, const ColumnMetaData& m) {
  w.BeginStructField(3);
  w.I32Field(1, static_cast<int32_t>(m.type));
  w.FieldHeader(2, T::kList);
  w.ListHeader(T::kI32, static_cast<int64_t>(m.encodings.size()));
  for (Encoding e : m.encodings) w.WriteZigZag(static_cast<int32_t>(e));
  w.FieldHeader(3, T::kList);
  w.ListHeader(T::kBinary, static_cast<int64_t>(m.path_in_schema.size()));
  for (const auto& p : m.path_in_schema) w.WriteBinary(p);
  w.I32Field(4, m.codec);
  w.I64Field(5, m.num_values);
  w.I64Field(6, m.total_uncompressed_size);
  w.I64Field(7, m.total_compressed_size);
  w.I64Field(9, m.data_page_offset);
  if (m.index_page_offset) w.I64Field(10, *m.index_page_offset);
  if (m.dictionary_page_offset) w.I64Field(11, *m.dictionary_page_offset);
  if (m.statistics) WriteStatistics(w, 12, *m.statistics);
  w.EndStruct();
}

void WriteColumnChunk(ThriftWriter& w, const ColumnChunk& c) {
  w.BeginStruct();
  if (!c.file_path.empty()) w.BinaryField(1, c.file_path);
  w.I64Field(2, c.file_offset);
  if (c.meta_data) WriteColumnMetaData(w, *c.meta_data);
  if (c.offset_index_offset) w.I64Field(4, *c.offset_index_offset);
  if (c.offset_index_length) w.I32Field(5, *c.offset_index_length);
  if (c.column_index_offset) w.I64Field(6, *c.column_index_offset);
  if (c.column_index_length) w.I32Field(7, *c.column_index_length);
  w.EndStruct();
}

void WriteRowGroup(ThriftWriter& w, const RowGroup& rg, int16_t ordinal) {
  w.BeginStruct();
  w.FieldHeader(1, T::kList);
  w.ListHeader(T::kStruct, static_cast<int64_t>(rg.columns.size()));
  int64_t compressed = 0;
  for (const auto& c : rg.columns) {
    WriteColumnChunk(w, c);
    if (c.meta_data) compressed += c.meta_data->total_compressed_size;
  }
  w.I64Field(2, rg.total_byte_size);
  w.I64Field(3, rg.num_rows);
  if (!rg.columns.empty() && rg.columns[0].meta_data) {
    const auto& m = *rg.columns[0].meta_data;
    w.I64Field(5, m.dictionary_page_offset ? *m.dictionary_page_offset : m.data_page_offset);
  }
  w.I64Field(6, compressed);
  w.FieldHeader(7, T::kI16);
  w.WriteZigZag(ordinal);
  w.EndStruct();
}

}  // namespace

std::string SerializeFileMetaData(const FileMetaData& md) {
  ThriftWriter w;
  w.BeginStruct();
  w.I32Field(1, md.version);
  w.FieldHeader(2, T::kList);
  w.ListHeader(T::kStruct, static_cast<int64_t>(md.schema.size()));
  int64_t leaves = 0;
  for (const auto& e : md.schema) {
    WriteSchemaElement(w, e);
    if (e.type) ++leaves;
  }
  w.I64Field(3, md.num_rows);
  w.FieldHeader(4, T::kList);
  w.ListHeader(T::kStruct, static_cast<int64_t>(md.row_groups.size()));
  for (size_t i = 0; i < md.row_groups.size(); ++i) {
    WriteRowGroup(w, md.row_groups[i], static_cast<int16_t>(i));
  }
  if (!md.key_value_metadata.empty()) {
    w.FieldHeader(5, T::kList);
    w.ListHeader(T::kStruct, static_cast<int64_t>(md.key_value_metadata.size()));
    for (const auto& [key, value] : md.key_value_metadata) {
      w.BeginStruct();
      w.BinaryField(1, key);
      w.BinaryField(2, value);
      w.EndStruct();
    }
  }
  if (!md.created_by.empty()) w.BinaryField(6, md.created_by);
  // ColumnOrder union member 1: TypeDefinedOrder (an empty struct), one per leaf.
  w.FieldHeader(7, T::kList);
  w.ListHeader(T::kStruct, leaves);
  for (int64_t i = 0; i < leaves; ++i) {
    w.BeginStruct();
    w.EmptyStructField(1);
    w.EndStruct();
  }
  w.EndStruct();
  return w.Finish();
}

std::string SerializePageHeader(const PageHeader& h) {
  ThriftWriter w;
  w.BeginStruct();
  w.I32Field(1, static_cast<int32_t>(h.type));
  w.I32Field(2, h.uncompressed_page_size);
  w.I32Field(3, h.compressed_page_size);
  if (h.crc) w.I32Field(4, *h.crc);
  if (h.data_page_header) {
    const auto& d = *h.data_page_header;
    w.BeginStructField(5);
    w.I32Field(1, d.num_values);
    w.I32Field(2, static_cast<int32_t>(d.encoding));
    w.I32Field(3, static_cast<int32_t>(d.definition_level_encoding));
    w.I32Field(4, static_cast<int32_t>(d.repetition_level_encoding));
    w.EndStruct();
  }
  if (h.dictionary_page_header) {
    const auto& d = *h.dictionary_page_header;
    w.BeginStructField(7);
    w.I32Field(1, d.num_values);
    w.I32Field(2, static_cast<int32_t>(d.encoding));
    w.BoolField(3, d.is_sorted);
    w.EndStruct();
  }
  if (h.data_page_header_v2) {
    const auto& d = *h.data_page_header_v2;
    w.BeginStructField(8);
    w.I32Field(1, d.num_values);
    w.I32Field(2, d.num_nulls);
    w.I32Field(3, d.num_rows);
    w.I32Field(4, static_cast<int32_t>(d.encoding));
    w.I32Field(5, d.definition_levels_byte_length);
    w.I32Field(6, d.repetition_levels_byte_length);
    w.BoolField(7, d.is_compressed);
    w.EndStruct();
  }
  w.EndStruct();
  return w.Finish();
}

std::string SerializeOffsetIndex(const OffsetIndex& index) {
  ThriftWriter w;
  w.BeginStruct();
  w.FieldHeader(1, T::kList);
  w.ListHeader(T::kStruct, static_cast<int64_t>(index.page_locations.size()));
  for (const auto& loc : index.page_locations) {
    w.BeginStruct();
    w.I64Field(1, loc.offset);
    w.I32Field(2, loc.compressed_page_size);
    w.I64Field(3, loc.first_row_index);
    w.EndStruct();
  }
  w.EndStruct();
  return w.Finish();
}

std::string SerializeColumnIndex(const ColumnIndex& index) {
  ThriftWriter w;
  w.BeginStruct();
  w.FieldHeader(1, T::kList);
  w.ListHeader(T::kBoolTrue, static_cast<int64_t>(index.null_pages.size()));
  for (bool b : index.null_pages) w.WriteByteValue(b ? 1 : 2);
  for (int16_t id : {int16_t{2}, int16_t{3}}) {
    const auto& values = id == 2 ? index.min_values : index.max_values;
    w.FieldHeader(id, T::kList);
    w.ListHeader(T::kBinary, static_cast<int64_t>(values.size()));
    for (const auto& v : values) w.WriteBinary(v);
  }
  w.I32Field(4, index.boundary_order);
  if (!index.null_counts.empty()) {
    w.FieldHeader(5, T::kList);
    w.ListHeader(T::kI64, static_cast<int64_t>(index.null_counts.size()));
    for (int64_t n : index.null_counts) w.WriteZigZag(n);
  }
  w.EndStruct();
  return w.Finish();
}

}  // namespace ballista::formats::parquet
