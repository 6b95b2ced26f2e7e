// Table providers to and from their messages (PlanEncoder / PlanDecoder methods).
#include "ballista/dist/provider_serde.h"

#include "ballista/catalog/listing_table.h"
#include "ballista/catalog/memory_table.h"
#include "ballista/catalog/series_table.h"
#include "ballista/catalog/view_table.h"
#include "ballista/dist/plan_serde_internal.h"
#include "ballista/sql/parser.h"

namespace ballista::dist {
namespace a = ballista::arrow;
namespace c = ballista::catalog;
namespace pb = ballista::protobuf;
using formats::Compression;

namespace serde_internal {
namespace {

pb::FileCompression CompressionToProto(Compression compression) {
  switch (compression) {
    case Compression::kAuto:
      return pb::FILE_COMPRESSION_AUTO;
    case Compression::kNone:
      return pb::FILE_COMPRESSION_NONE;
    case Compression::kGzip:
      return pb::FILE_COMPRESSION_GZIP;
    case Compression::kZstd:
      return pb::FILE_COMPRESSION_ZSTD;
    case Compression::kBzip2:
      return pb::FILE_COMPRESSION_BZIP2;
  }
  return pb::FILE_COMPRESSION_AUTO;
}

Result<Compression> CompressionFromProto(int compression) {
  switch (compression) {
    case pb::FILE_COMPRESSION_AUTO:
      return Compression::kAuto;
    case pb::FILE_COMPRESSION_NONE:
      return Compression::kNone;
    case pb::FILE_COMPRESSION_GZIP:
      return Compression::kGzip;
    case pb::FILE_COMPRESSION_ZSTD:
      return Compression::kZstd;
    case pb::FILE_COMPRESSION_BZIP2:
      return Compression::kBzip2;
    default:
      return Malformed("unknown file compression " + std::to_string(compression));
  }
}

pb::FileFormat FormatToProto(c::FileFormat format) {
  switch (format) {
    case c::FileFormat::kCsv:
      return pb::FILE_FORMAT_CSV;
    case c::FileFormat::kParquet:
      return pb::FILE_FORMAT_PARQUET;
    case c::FileFormat::kJson:
      return pb::FILE_FORMAT_JSON;
    case c::FileFormat::kArrow:
      return pb::FILE_FORMAT_ARROW;
  }
  return pb::FILE_FORMAT_PARQUET;
}

Result<c::FileFormat> FormatFromProto(int format) {
  switch (format) {
    case pb::FILE_FORMAT_CSV:
      return c::FileFormat::kCsv;
    case pb::FILE_FORMAT_PARQUET:
      return c::FileFormat::kParquet;
    case pb::FILE_FORMAT_JSON:
      return c::FileFormat::kJson;
    case pb::FILE_FORMAT_ARROW:
      return c::FileFormat::kArrow;
    default:
      return Malformed("unknown file format " + std::to_string(format));
  }
}

Result<char> CharFromProto(uint32_t value, const char* what) {
  if (value > 0xff) return Malformed(std::string("CSV ") + what + " is not one byte");
  return static_cast<char>(static_cast<uint8_t>(value));
}

Status CsvToProto(const formats::csv::CsvReadOptions& o, pb::CsvReadOptions* out) {
  out->set_has_header(o.has_header);
  out->set_delimiter(static_cast<uint8_t>(o.delimiter));
  out->set_quote(static_cast<uint8_t>(o.quote));
  if (o.escape) out->set_escape(static_cast<uint8_t>(*o.escape));
  if (o.comment) out->set_comment(static_cast<uint8_t>(*o.comment));
  out->set_null_string(o.null_string);
  out->set_compression(CompressionToProto(o.compression));
  if (o.schema) RETURN_NOT_OK(SchemaToProto(*o.schema, out->mutable_schema()));
  out->set_infer_rows(o.infer_rows);
  out->set_infer_decimals(o.infer_decimals);
  for (const auto& name : o.include_columns) out->add_include_columns(name);
  out->set_skip_bad_rows(o.skip_bad_rows);
  out->set_allow_trailing_delimiter(o.allow_trailing_delimiter);
  out->set_batch_size(o.batch_size);
  return Status::OK();
}

Result<formats::csv::CsvReadOptions> CsvFromProto(const pb::CsvReadOptions& in) {
  formats::csv::CsvReadOptions o;
  o.has_header = in.has_header();
  ASSIGN_OR_RAISE(o.delimiter, CharFromProto(in.delimiter(), "delimiter"));
  ASSIGN_OR_RAISE(o.quote, CharFromProto(in.quote(), "quote"));
  if (in.has_escape()) {
    ASSIGN_OR_RAISE(o.escape, CharFromProto(in.escape(), "escape"));
  }
  if (in.has_comment()) {
    ASSIGN_OR_RAISE(o.comment, CharFromProto(in.comment(), "comment"));
  }
  o.null_string = in.null_string();
  ASSIGN_OR_RAISE(o.compression, CompressionFromProto(in.compression()));
  if (in.has_schema()) {
    ASSIGN_OR_RAISE(o.schema, SchemaFromProto(in.schema()));
  }
  o.infer_rows = in.infer_rows();
  o.infer_decimals = in.infer_decimals();
  o.include_columns.assign(in.include_columns().begin(), in.include_columns().end());
  o.skip_bad_rows = in.skip_bad_rows();
  o.allow_trailing_delimiter = in.allow_trailing_delimiter();
  if (in.batch_size() <= 0) return Malformed("CSV batch size must be positive");
  o.batch_size = in.batch_size();
  return o;
}

Status JsonToProto(const formats::json::JsonReadOptions& o, pb::JsonReadOptions* out) {
  if (o.schema) RETURN_NOT_OK(SchemaToProto(*o.schema, out->mutable_schema()));
  out->set_infer_rows(o.infer_rows);
  out->set_infer_temporal(o.infer_temporal);
  for (const auto& name : o.include_columns) out->add_include_columns(name);
  out->set_batch_size(o.batch_size);
  out->set_compression(CompressionToProto(o.compression));
  return Status::OK();
}

Result<formats::json::JsonReadOptions> JsonFromProto(const pb::JsonReadOptions& in) {
  formats::json::JsonReadOptions o;
  if (in.has_schema()) {
    ASSIGN_OR_RAISE(o.schema, SchemaFromProto(in.schema()));
  }
  o.infer_rows = in.infer_rows();
  o.infer_temporal = in.infer_temporal();
  o.include_columns.assign(in.include_columns().begin(), in.include_columns().end());
  if (in.batch_size() <= 0) return Malformed("JSON batch size must be positive");
  o.batch_size = in.batch_size();
  ASSIGN_OR_RAISE(o.compression, CompressionFromProto(in.compression()));
  return o;
}

Status ListingToProto(const c::ListingTable& table, pb::ListingTableNode* out) {
  const auto& options = table.options();
  out->set_location(table.location());
  out->set_format(FormatToProto(options.format));
  RETURN_NOT_OK(CsvToProto(options.csv, out->mutable_csv()));
  RETURN_NOT_OK(JsonToProto(options.json, out->mutable_json()));
  out->set_file_extension(options.file_extension);
  // The file columns as this side inferred them, so the receiver does not infer again (and
  // cannot infer differently): the table's schema without the trailing partition columns.
  const auto& schema = *table.schema();
  const int file_fields = schema.num_fields() - static_cast<int>(options.partition_columns.size());
  if (file_fields < 0)
    return Status::Internal("plan serde: listing table with more partition columns than columns");
  a::FieldVector fields(schema.fields().begin(), schema.fields().begin() + file_fields);
  RETURN_NOT_OK(
      SchemaToProto(a::Schema(std::move(fields), schema.metadata()), out->mutable_file_schema()));
  for (const auto& column : options.partition_columns) {
    RETURN_NOT_OK(FieldToProto(*column, out->add_partition_columns()));
  }
  out->set_target_unit_bytes(options.target_unit_bytes);
  return Status::OK();
}

Result<c::TableProviderPtr> ListingFromProto(const pb::ListingTableNode& in) {
  c::ListingTableOptions options;
  ASSIGN_OR_RAISE(options.format, FormatFromProto(in.format()));
  ASSIGN_OR_RAISE(options.csv, CsvFromProto(in.csv()));
  ASSIGN_OR_RAISE(options.json, JsonFromProto(in.json()));
  options.file_extension = in.file_extension();
  if (!in.has_file_schema())
    return Malformed("listing table " + in.location() + " without its file schema");
  ASSIGN_OR_RAISE(options.schema, SchemaFromProto(in.file_schema()));
  for (const auto& f : in.partition_columns()) {
    ASSIGN_OR_RAISE(auto field, FieldFromProto(f));
    options.partition_columns.push_back(std::move(field));
  }
  if (in.target_unit_bytes() <= 0) return Malformed("listing table unit size must be positive");
  options.target_unit_bytes = in.target_unit_bytes();
  auto table = c::ListingTable::Make(in.location(), std::move(options));
  if (!table.ok())
    return table.status().WithContext("table over " + in.location() + " in a serialized plan");
  return c::TableProviderPtr(std::move(table).ValueOrDie());
}

Status MemoryToProto(const a::SchemaPtr& schema, const std::vector<a::RecordBatchPtr>& batches,
                     pb::MemoryTableNode* out) {
  RETURN_NOT_OK(SchemaToProto(*schema, out->mutable_schema()));
  ASSIGN_OR_RAISE(auto bytes, EncodeIpcStream(schema, batches));
  out->set_ipc_stream(std::move(bytes));
  return Status::OK();
}

Result<c::TableProviderPtr> MemoryFromProto(const pb::MemoryTableNode& in) {
  if (!in.has_schema()) return Malformed("memory table without a schema");
  ASSIGN_OR_RAISE(auto schema, SchemaFromProto(in.schema()));
  ASSIGN_OR_RAISE(auto batches, DecodeIpcStream(in.ipc_stream(), *schema));
  auto table = c::MemoryTable::Make(std::move(schema), std::move(batches));
  if (!table.ok()) return Malformed("memory table: " + table.status().message());
  return c::TableProviderPtr(std::move(table).ValueOrDie());
}

/// Every row of `provider`, read now (the fallback for providers without a wire form).
Result<std::vector<a::RecordBatchPtr>> ScanAll(const c::TableProvider& provider) {
  ASSIGN_OR_RAISE(auto units, provider.PlanScan(c::ScanRequest{}));
  std::vector<a::RecordBatchPtr> batches;
  for (const auto& unit : units) {
    ASSIGN_OR_RAISE(auto reader, unit->Open());
    while (true) {
      ASSIGN_OR_RAISE(auto batch, reader->Next());
      if (batch == nullptr) break;
      batches.push_back(std::move(batch));
    }
  }
  return batches;
}

}  // namespace

Status PlanEncoder::EncodeProvider(const c::TableProviderPtr& provider,
                                   pb::TableProviderNode* out) {
  if (provider == nullptr) return Status::Internal("plan serde: table scan without a provider");
  if (auto it = provider_ids_.find(provider.get()); it != provider_ids_.end()) {
    out->set_ref(it->second);
    return Status::OK();
  }
  const uint32_t id = static_cast<uint32_t>(provider_ids_.size()) + 1;
  provider_ids_.emplace(provider.get(), id);
  out->set_id(id);
  for (const auto& [name, codec] : options_.codecs) {
    ASSIGN_OR_RAISE(auto payload, codec->Encode(*provider));
    if (payload) {
      out->mutable_extension()->set_codec(name);
      out->mutable_extension()->set_payload(std::move(*payload));
      return Status::OK();
    }
  }
  return EncodeBuiltinProvider(provider, out);
}

Status PlanEncoder::EncodeBuiltinProvider(const c::TableProviderPtr& provider,
                                          pb::TableProviderNode* out) {
  if (const auto* listing = dynamic_cast<const c::ListingTable*>(provider.get())) {
    return ListingToProto(*listing, out->mutable_listing());
  }
  if (const auto* memory = dynamic_cast<const c::MemoryTable*>(provider.get())) {
    return MemoryToProto(memory->schema(), memory->batches(), out->mutable_memory());
  }
  if (const auto* series = dynamic_cast<const c::SeriesTable*>(provider.get())) {
    auto* node = out->mutable_series();
    node->set_column_name(series->schema()->field(0)->name());
    node->set_start(series->start());
    node->set_step(series->step());
    node->set_num_rows(series->num_rows());
    return Status::OK();
  }
  if (const auto* view = dynamic_cast<const c::ViewTable*>(provider.get())) {
    auto* node = out->mutable_view();
    node->set_definition_sql(view->definition_sql());
    for (const auto& name : view->column_names()) node->add_column_names(name);
    return SchemaToProto(*view->schema(), node->mutable_schema());
  }
  // Anything else (information_schema tables, providers of other layers without a codec):
  // its rows as they are now.
  auto batches = ScanAll(*provider);
  if (!batches.ok())
    return batches.status().WithContext("reading a table to inline it into a serialized plan");
  return MemoryToProto(provider->schema(), *batches, out->mutable_memory());
}

Result<c::TableProviderPtr> PlanDecoder::DecodeProvider(const pb::TableProviderNode& node) {
  if (node.provider_case() == pb::TableProviderNode::kRef) {
    auto it = providers_.find(node.ref());
    if (it == providers_.end()) {
      return Malformed("reference to table " + std::to_string(node.ref()) +
                       " before its definition");
    }
    return it->second;
  }
  ASSIGN_OR_RAISE(auto provider, DecodeBuiltinProvider(node));
  if (node.id() != 0 && !providers_.emplace(node.id(), provider).second) {
    return Malformed("table id " + std::to_string(node.id()) + " defined twice");
  }
  return provider;
}

Result<c::TableProviderPtr> PlanDecoder::DecodeBuiltinProvider(const pb::TableProviderNode& node) {
  switch (node.provider_case()) {
    case pb::TableProviderNode::kListing:
      return ListingFromProto(node.listing());
    case pb::TableProviderNode::kMemory:
      return MemoryFromProto(node.memory());
    case pb::TableProviderNode::kSeries: {
      const auto& s = node.series();
      auto table = c::SeriesTable::FromParts(s.column_name(), s.start(), s.step(), s.num_rows());
      if (!table.ok()) return Malformed(table.status().message());
      return c::TableProviderPtr(std::move(table).ValueOrDie());
    }
    case pb::TableProviderNode::kView: {
      const auto& v = node.view();
      auto query = sql::ParseQuery(v.definition_sql());
      if (!query.ok()) return Malformed("view query does not parse: " + query.status().message());
      if (!v.has_schema()) return Malformed("view without a schema");
      ASSIGN_OR_RAISE(auto schema, SchemaFromProto(v.schema()));
      std::vector<std::string> names(v.column_names().begin(), v.column_names().end());
      return c::TableProviderPtr(std::make_shared<c::ViewTable>(
          v.definition_sql(), std::move(query).ValueOrDie(), std::move(names), std::move(schema)));
    }
    case pb::TableProviderNode::kExtension: {
      const auto& e = node.extension();
      for (const auto& [name, codec] : options_.codecs) {
        if (name != e.codec()) continue;
        ASSIGN_OR_RAISE(auto provider, codec->Decode(e.payload()));
        if (provider == nullptr)
          return Status::Internal("table codec \"" + name + "\" decoded no table");
        return provider;
      }
      return Status::NotFound("serialized plan uses table codec \"" + e.codec() +
                              "\", which is not registered here");
    }
    case pb::TableProviderNode::kRef:
    case pb::TableProviderNode::PROVIDER_NOT_SET:
      break;
  }
  return Malformed("table without a kind (unknown to this build, or missing)");
}

}  // namespace serde_internal

Result<pb::TableProviderNode> ProviderToProto(const c::TableProviderPtr& provider,
                                              const PlanSerdeOptions& options) {
  pb::TableProviderNode out;
  serde_internal::PlanEncoder encoder(options);
  RETURN_NOT_OK(encoder.EncodeProvider(provider, &out));
  return out;
}

Result<c::TableProviderPtr> ProviderFromProto(const pb::TableProviderNode& node,
                                              const PlanSerdeOptions& options) {
  serde_internal::PlanDecoder decoder(options);
  return decoder.DecodeProvider(node);
}

}  // namespace ballista::dist
