#include "ballista/formats/parquet/file_metadata.h"

#include "ballista/formats/parquet/thrift_compact.h"

namespace ballista::formats::parquet {
namespace {

using T = ThriftType;

// Reads a struct, handing each field to `on_field`; on_field returns false (via `handled`) for ids
// it does not know so the field is skipped, which is how newer writers' additions are tolerated.
template <typename F>
Status ReadStruct(ThriftReader& r, F&& on_field) {
  RETURN_NOT_OK(r.BeginStruct());
  Status st = Status::OK();
  while (st.ok()) {
    auto header = r.ReadFieldHeader();
    if (!header.ok()) {
      st = header.status();
      break;
    }
    if (header->type == T::kStop) break;
    bool handled = false;
    st = on_field(*header, &handled);
    if (st.ok() && !handled) st = r.Skip(header->type);
  }
  r.EndStruct();
  return st;
}

template <typename F>
Status ReadList(ThriftReader& r, T expected, F&& on_elem) {
  ASSIGN_OR_RAISE(auto header, r.ReadListHeader());
  // Writers disagree on the element code of bool lists (1 or 2); both mean "bool".
  bool both_bool = (header.elem_type == T::kBoolTrue || header.elem_type == T::kBoolFalse) &&
                   (expected == T::kBoolTrue || expected == T::kBoolFalse);
  if (header.elem_type != expected && !both_bool) {
    // A list of an unexpected element type is skipped whole rather than misread.
    for (int64_t i = 0; i < header.size; ++i) {
      if (header.elem_type == T::kBoolTrue || header.elem_type == T::kBoolFalse) {
        RETURN_NOT_OK(r.ReadByte().status());
      } else {
        RETURN_NOT_OK(r.Skip(header.elem_type));
      }
    }
    return Status::OK();
  }
  for (int64_t i = 0; i < header.size; ++i) RETURN_NOT_OK(on_elem());
  return Status::OK();
}

bool Is(const ThriftFieldHeader& h, int id, T type) { return h.id == id && h.type == type; }
bool IsBool(const ThriftFieldHeader& h, int id) {
  return h.id == id && (h.type == T::kBoolTrue || h.type == T::kBoolFalse);
}

Status ReadI32Into(ThriftReader& r, int32_t* out) {
  ASSIGN_OR_RAISE(*out, r.ReadI32());
  return Status::OK();
}
Status ReadI64Into(ThriftReader& r, int64_t* out) {
  ASSIGN_OR_RAISE(*out, r.ReadI64());
  return Status::OK();
}
Status ReadStringInto(ThriftReader& r, std::string* out) {
  ASSIGN_OR_RAISE(auto view, r.ReadBinary());
  *out = std::string(view);
  return Status::OK();
}

Status ReadTimeUnit(ThriftReader& r, LogicalType::Unit* unit) {
  return ReadStruct(r, [&](const ThriftFieldHeader& h, bool* handled) -> Status {
    if (h.type != T::kStruct) return Status::OK();
    if (h.id == 1)
      *unit = LogicalType::Unit::kMillis;
    else if (h.id == 2)
      *unit = LogicalType::Unit::kMicros;
    else if (h.id == 3)
      *unit = LogicalType::Unit::kNanos;
    (void)handled;  // the empty member struct is skipped by ReadStruct
    return Status::OK();
  });
}

Status ReadLogicalType(ThriftReader& r, LogicalType* out) {
  return ReadStruct(r, [&](const ThriftFieldHeader& h, bool* handled) -> Status {
    if (h.type != T::kStruct) return Status::OK();
    using K = LogicalType::Kind;
    *handled = true;
    switch (h.id) {
      case 1:
        out->kind = K::kString;
        break;
      case 2:
        out->kind = K::kMap;
        break;
      case 3:
        out->kind = K::kList;
        break;
      case 4:
        out->kind = K::kEnum;
        break;
      case 6:
        out->kind = K::kDate;
        break;
      case 11:
        out->kind = K::kUnknown;
        break;
      case 12:
        out->kind = K::kJson;
        break;
      case 13:
        out->kind = K::kBson;
        break;
      case 14:
        out->kind = K::kUuid;
        break;
      case 15:
        out->kind = K::kFloat16;
        break;
      case 5:
        out->kind = K::kDecimal;
        return ReadStruct(r, [&](const ThriftFieldHeader& f, bool* done) -> Status {
          if (Is(f, 1, T::kI32)) {
            *done = true;
            return ReadI32Into(r, &out->scale);
          }
          if (Is(f, 2, T::kI32)) {
            *done = true;
            return ReadI32Into(r, &out->precision);
          }
          return Status::OK();
        });
      case 7:
      case 8:
        out->kind = h.id == 7 ? K::kTime : K::kTimestamp;
        return ReadStruct(r, [&](const ThriftFieldHeader& f, bool* done) -> Status {
          if (IsBool(f, 1)) {
            *done = true;
            out->is_adjusted_to_utc = f.bool_value;
          }
          if (Is(f, 2, T::kStruct)) {
            *done = true;
            return ReadTimeUnit(r, &out->unit);
          }
          return Status::OK();
        });
      case 10:
        out->kind = K::kInteger;
        return ReadStruct(r, [&](const ThriftFieldHeader& f, bool* done) -> Status {
          if (Is(f, 1, T::kByte)) {
            *done = true;
            ASSIGN_OR_RAISE(int8_t bits, r.ReadByte());
            out->bit_width = bits;
          }
          if (IsBool(f, 2)) {
            *done = true;
            out->is_signed = f.bool_value;
          }
          return Status::OK();
        });
      default:
        out->kind = K::kOther;
        *handled = false;
    }
    if (*handled) return r.Skip(T::kStruct);  // the member's (empty) struct
    return Status::OK();
  });
}

Status ReadSchemaElement(ThriftReader& r, SchemaElement* out) {
  return ReadStruct(r, [&](const ThriftFieldHeader& h, bool* handled) -> Status {
    *handled = true;
    int32_t v = 0;
    if (Is(h, 1, T::kI32)) {
      RETURN_NOT_OK(ReadI32Into(r, &v));
      out->type = static_cast<PhysicalType>(v);
      return Status::OK();
    }
    if (Is(h, 2, T::kI32)) return ReadI32Into(r, &out->type_length);
    if (Is(h, 3, T::kI32)) {
      RETURN_NOT_OK(ReadI32Into(r, &v));
      out->repetition = static_cast<Repetition>(v);
      return Status::OK();
    }
    if (Is(h, 4, T::kBinary)) return ReadStringInto(r, &out->name);
    if (Is(h, 5, T::kI32)) return ReadI32Into(r, &out->num_children);
    if (Is(h, 6, T::kI32)) {
      RETURN_NOT_OK(ReadI32Into(r, &v));
      out->converted_type = static_cast<ConvertedType>(v);
      return Status::OK();
    }
    if (Is(h, 7, T::kI32)) return ReadI32Into(r, &out->scale);
    if (Is(h, 8, T::kI32)) return ReadI32Into(r, &out->precision);
    if (Is(h, 9, T::kI32)) {
      RETURN_NOT_OK(ReadI32Into(r, &v));
      out->field_id = v;
      return Status::OK();
    }
    if (Is(h, 10, T::kStruct)) return ReadLogicalType(r, &out->logical_type);
    *handled = false;
    return Status::OK();
  });
}

Status ReadStatistics(ThriftReader& r, Statistics* out) {
  return ReadStruct(r, [&](const ThriftFieldHeader& h, bool* handled) -> Status {
    *handled = true;
    std::string s;
    int64_t n = 0;
    if (Is(h, 1, T::kBinary)) {
      RETURN_NOT_OK(ReadStringInto(r, &s));
      out->max = s;
      return Status::OK();
    }
    if (Is(h, 2, T::kBinary)) {
      RETURN_NOT_OK(ReadStringInto(r, &s));
      out->min = s;
      return Status::OK();
    }
    if (Is(h, 3, T::kI64)) {
      RETURN_NOT_OK(ReadI64Into(r, &n));
      out->null_count = n;
      return Status::OK();
    }
    if (Is(h, 4, T::kI64)) {
      RETURN_NOT_OK(ReadI64Into(r, &n));
      out->distinct_count = n;
      return Status::OK();
    }
    if (Is(h, 5, T::kBinary)) {
      RETURN_NOT_OK(ReadStringInto(r, &s));
      out->max_value = s;
      return Status::OK();
    }
    if (Is(h, 6, T::kBinary)) {
      RETURN_NOT_OK(ReadStringInto(r, &s));
      out->min_value = s;
      return Status::OK();
    }
    *handled = false;
    return Status::OK();
  });
}

Status ReadColumnMetaData(ThriftReader& r, ColumnMetaData* out) {
  return ReadStruct(r, [&](const ThriftFieldHeader& h, bool* handled) -> Status {
    *handled = true;
    int32_t v = 0;
    int64_t n = 0;
    if (Is(h, 1, T::kI32)) {
      RETURN_NOT_OK(ReadI32Into(r, &v));
      out->type = static_cast<PhysicalType>(v);
      return Status::OK();
    }
    if (Is(h, 2, T::kList)) {
      return ReadList(r, T::kI32, [&]() -> Status {
        RETURN_NOT_OK(ReadI32Into(r, &v));
        out->encodings.push_back(static_cast<Encoding>(v));
        return Status::OK();
      });
    }
    if (Is(h, 3, T::kList)) {
      return ReadList(r, T::kBinary, [&]() -> Status {
        out->path_in_schema.emplace_back();
        return ReadStringInto(r, &out->path_in_schema.back());
      });
    }
    if (Is(h, 4, T::kI32)) return ReadI32Into(r, &out->codec);
    if (Is(h, 5, T::kI64)) return ReadI64Into(r, &out->num_values);
    if (Is(h, 6, T::kI64)) return ReadI64Into(r, &out->total_uncompressed_size);
    if (Is(h, 7, T::kI64)) return ReadI64Into(r, &out->total_compressed_size);
    if (Is(h, 9, T::kI64)) return ReadI64Into(r, &out->data_page_offset);
    if (Is(h, 10, T::kI64)) {
      RETURN_NOT_OK(ReadI64Into(r, &n));
      out->index_page_offset = n;
      return Status::OK();
    }
    if (Is(h, 11, T::kI64)) {
      RETURN_NOT_OK(ReadI64Into(r, &n));
      out->dictionary_page_offset = n;
      return Status::OK();
    }
    if (Is(h, 12, T::kStruct)) {
      out->statistics.emplace();
      return ReadStatistics(r, &*out->statistics);
    }
    *handled = false;
    return Status::OK();
  });
}

Status ReadColumnChunk(ThriftReader& r, ColumnChunk* out) {
  return ReadStruct(r, [&](const ThriftFieldHeader& h, bool* handled) -> Status {
    *handled = true;
    int64_t n = 0;
    int32_t v = 0;
    if (Is(h, 1, T::kBinary)) return ReadStringInto(r, &out->file_path);
    if (Is(h, 2, T::kI64)) return ReadI64Into(r, &out->file_offset);
    if (Is(h, 3, T::kStruct)) {
      out->meta_data.emplace();
      return ReadColumnMetaData(r, &*out->meta_data);
    }
    if (Is(h, 4, T::kI64)) {
      RETURN_NOT_OK(ReadI64Into(r, &n));
      out->offset_index_offset = n;
      return Status::OK();
    }
    if (Is(h, 5, T::kI32)) {
      RETURN_NOT_OK(ReadI32Into(r, &v));
      out->offset_index_length = v;
      return Status::OK();
    }
    if (Is(h, 6, T::kI64)) {
      RETURN_NOT_OK(ReadI64Into(r, &n));
      out->column_index_offset = n;
      return Status::OK();
    }
    if (Is(h, 7, T::kI32)) {
      RETURN_NOT_OK(ReadI32Into(r, &v));
      out->column_index_length = v;
      return Status::OK();
    }
    if (h.id == 8 || h.id == 9) out->encrypted = true;
    *handled = false;
    return Status::OK();
  });
}

Status ReadRowGroup(ThriftReader& r, RowGroup* out) {
  return ReadStruct(r, [&](const ThriftFieldHeader& h, bool* handled) -> Status {
    *handled = true;
    if (Is(h, 1, T::kList)) {
      return ReadList(r, T::kStruct, [&]() -> Status {
        out->columns.emplace_back();
        return ReadColumnChunk(r, &out->columns.back());
      });
    }
    if (Is(h, 2, T::kI64)) return ReadI64Into(r, &out->total_byte_size);
    if (Is(h, 3, T::kI64)) return ReadI64Into(r, &out->num_rows);
    *handled = false;
    return Status::OK();
  });
}

Status ReadKeyValue(ThriftReader& r, std::pair<std::string, std::string>* out) {
  return ReadStruct(r, [&](const ThriftFieldHeader& h, bool* handled) -> Status {
    *handled = true;
    if (Is(h, 1, T::kBinary)) return ReadStringInto(r, &out->first);
    if (Is(h, 2, T::kBinary)) return ReadStringInto(r, &out->second);
    *handled = false;
    return Status::OK();
  });
}

}  // namespace

Result<FileMetaData> ParseFileMetaData(std::string_view bytes) {
  ThriftReader r(bytes);
  FileMetaData out;
  bool saw_schema = false;
  Status st = ReadStruct(r, [&](const ThriftFieldHeader& h, bool* handled) -> Status {
    *handled = true;
    if (Is(h, 1, T::kI32)) return ReadI32Into(r, &out.version);
    if (Is(h, 2, T::kList)) {
      saw_schema = true;
      return ReadList(r, T::kStruct, [&]() -> Status {
        out.schema.emplace_back();
        return ReadSchemaElement(r, &out.schema.back());
      });
    }
    if (Is(h, 3, T::kI64)) return ReadI64Into(r, &out.num_rows);
    if (Is(h, 4, T::kList)) {
      return ReadList(r, T::kStruct, [&]() -> Status {
        out.row_groups.emplace_back();
        return ReadRowGroup(r, &out.row_groups.back());
      });
    }
    if (Is(h, 5, T::kList)) {
      return ReadList(r, T::kStruct, [&]() -> Status {
        out.key_value_metadata.emplace_back();
        return ReadKeyValue(r, &out.key_value_metadata.back());
      });
    }
    if (Is(h, 6, T::kBinary)) return ReadStringInto(r, &out.created_by);
    *handled = false;
    return Status::OK();
  });
  if (!st.ok()) return Status::InvalidData("parquet footer: " + st.message());
  if (!saw_schema || out.schema.empty()) {
    return Status::InvalidData("parquet footer: FileMetaData has no schema");
  }
  if (out.num_rows < 0) return Status::InvalidData("parquet footer: negative num_rows");
  return out;
}

Result<PageHeader> ParsePageHeader(std::string_view bytes, int64_t* header_size) {
  ThriftReader r(bytes);
  PageHeader out;
  Status st = ReadStruct(r, [&](const ThriftFieldHeader& h, bool* handled) -> Status {
    *handled = true;
    int32_t v = 0;
    if (Is(h, 1, T::kI32)) {
      RETURN_NOT_OK(ReadI32Into(r, &v));
      out.type = static_cast<PageType>(v);
      return Status::OK();
    }
    if (Is(h, 2, T::kI32)) return ReadI32Into(r, &out.uncompressed_page_size);
    if (Is(h, 3, T::kI32)) return ReadI32Into(r, &out.compressed_page_size);
    if (Is(h, 4, T::kI32)) {
      RETURN_NOT_OK(ReadI32Into(r, &v));
      out.crc = v;
      return Status::OK();
    }
    if (Is(h, 5, T::kStruct)) {
      auto& p = out.data_page_header.emplace();
      return ReadStruct(r, [&](const ThriftFieldHeader& f, bool* done) -> Status {
        *done = true;
        if (Is(f, 1, T::kI32)) return ReadI32Into(r, &p.num_values);
        if (Is(f, 2, T::kI32)) {
          RETURN_NOT_OK(ReadI32Into(r, &v));
          p.encoding = static_cast<Encoding>(v);
          return Status::OK();
        }
        if (Is(f, 3, T::kI32)) {
          RETURN_NOT_OK(ReadI32Into(r, &v));
          p.definition_level_encoding = static_cast<Encoding>(v);
          return Status::OK();
        }
        if (Is(f, 4, T::kI32)) {
          RETURN_NOT_OK(ReadI32Into(r, &v));
          p.repetition_level_encoding = static_cast<Encoding>(v);
          return Status::OK();
        }
        *done = false;
        return Status::OK();
      });
    }
    if (Is(h, 7, T::kStruct)) {
      auto& p = out.dictionary_page_header.emplace();
      return ReadStruct(r, [&](const ThriftFieldHeader& f, bool* done) -> Status {
        *done = true;
        if (Is(f, 1, T::kI32)) return ReadI32Into(r, &p.num_values);
        if (Is(f, 2, T::kI32)) {
          RETURN_NOT_OK(ReadI32Into(r, &v));
          p.encoding = static_cast<Encoding>(v);
          return Status::OK();
        }
        if (IsBool(f, 3)) {
          p.is_sorted = f.bool_value;
          return Status::OK();
        }
        *done = false;
        return Status::OK();
      });
    }
    if (Is(h, 8, T::kStruct)) {
      auto& p = out.data_page_header_v2.emplace();
      return ReadStruct(r, [&](const ThriftFieldHeader& f, bool* done) -> Status {
        *done = true;
        if (Is(f, 1, T::kI32)) return ReadI32Into(r, &p.num_values);
        if (Is(f, 2, T::kI32)) return ReadI32Into(r, &p.num_nulls);
        if (Is(f, 3, T::kI32)) return ReadI32Into(r, &p.num_rows);
        if (Is(f, 4, T::kI32)) {
          RETURN_NOT_OK(ReadI32Into(r, &v));
          p.encoding = static_cast<Encoding>(v);
          return Status::OK();
        }
        if (Is(f, 5, T::kI32)) return ReadI32Into(r, &p.definition_levels_byte_length);
        if (Is(f, 6, T::kI32)) return ReadI32Into(r, &p.repetition_levels_byte_length);
        if (IsBool(f, 7)) {
          p.is_compressed = f.bool_value;
          return Status::OK();
        }
        *done = false;
        return Status::OK();
      });
    }
    *handled = false;
    return Status::OK();
  });
  if (!st.ok()) return st;
  *header_size = r.position();
  return out;
}

Result<OffsetIndex> ParseOffsetIndex(std::string_view bytes) {
  ThriftReader r(bytes);
  OffsetIndex out;
  Status st = ReadStruct(r, [&](const ThriftFieldHeader& h, bool* handled) -> Status {
    *handled = true;
    if (Is(h, 1, T::kList)) {
      return ReadList(r, T::kStruct, [&]() -> Status {
        auto& loc = out.page_locations.emplace_back();
        return ReadStruct(r, [&](const ThriftFieldHeader& f, bool* done) -> Status {
          *done = true;
          if (Is(f, 1, T::kI64)) return ReadI64Into(r, &loc.offset);
          if (Is(f, 2, T::kI32)) return ReadI32Into(r, &loc.compressed_page_size);
          if (Is(f, 3, T::kI64)) return ReadI64Into(r, &loc.first_row_index);
          *done = false;
          return Status::OK();
        });
      });
    }
    if (Is(h, 2, T::kList)) {
      return ReadList(r, T::kI64, [&]() -> Status {
        return ReadI64Into(r, &out.unencoded_byte_array_data_bytes.emplace_back());
      });
    }
    *handled = false;
    return Status::OK();
  });
  if (!st.ok()) return Status::InvalidData("parquet offset index: " + st.message());
  return out;
}

Result<ColumnIndex> ParseColumnIndex(std::string_view bytes) {
  ThriftReader r(bytes);
  ColumnIndex out;
  Status st = ReadStruct(r, [&](const ThriftFieldHeader& h, bool* handled) -> Status {
    *handled = true;
    if (Is(h, 1, T::kList)) {
      return ReadList(r, T::kBoolTrue, [&]() -> Status {
        ASSIGN_OR_RAISE(bool value, r.ReadBoolElement());
        out.null_pages.push_back(value);
        return Status::OK();
      });
    }
    if (Is(h, 2, T::kList) || Is(h, 3, T::kList)) {
      auto* target = h.id == 2 ? &out.min_values : &out.max_values;
      return ReadList(r, T::kBinary,
                      [&]() -> Status { return ReadStringInto(r, &target->emplace_back()); });
    }
    if (Is(h, 4, T::kI32)) return ReadI32Into(r, &out.boundary_order);
    if (Is(h, 5, T::kList)) {
      return ReadList(r, T::kI64,
                      [&]() -> Status { return ReadI64Into(r, &out.null_counts.emplace_back()); });
    }
    *handled = false;
    return Status::OK();
  });
  if (!st.ok()) return Status::InvalidData("parquet column index: " + st.message());
  return out;
}

}  // namespace ballista::formats::parquet
