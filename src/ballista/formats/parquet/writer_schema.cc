#include "ballista/formats/parquet/writer_schema.h"

#include <cmath>

namespace ballista::formats::parquet {
namespace {

namespace a = ballista::arrow;
using K = LogicalType::Kind;
using Id = a::TypeId;

LogicalType::Unit UnitOf(a::TimeUnit unit) {
  switch (unit) {
    case a::TimeUnit::kSecond:
    case a::TimeUnit::kMilli:
      return LogicalType::Unit::kMillis;
    case a::TimeUnit::kMicro:
      return LogicalType::Unit::kMicros;
    case a::TimeUnit::kNano:
      return LogicalType::Unit::kNanos;
  }
  return LogicalType::Unit::kMillis;
}

void SetInteger(SchemaElement* e, WriteLeaf* leaf, int bits, bool is_signed) {
  e->type = bits == 64 ? PhysicalType::kInt64 : PhysicalType::kInt32;
  e->logical_type.kind = K::kInteger;
  e->logical_type.bit_width = bits;
  e->logical_type.is_signed = is_signed;
  static constexpr ConvertedType kSigned[] = {ConvertedType::kInt8, ConvertedType::kInt16,
                                              ConvertedType::kInt32, ConvertedType::kInt64};
  static constexpr ConvertedType kUnsigned[] = {ConvertedType::kUint8, ConvertedType::kUint16,
                                                ConvertedType::kUint32, ConvertedType::kUint64};
  int slot = bits == 8 ? 0 : bits == 16 ? 1 : bits == 32 ? 2 : 3;
  e->converted_type = is_signed ? kSigned[slot] : kUnsigned[slot];
  leaf->order = is_signed ? StatsOrder::kSigned : StatsOrder::kUnsigned;
}

/// Fills the physical type and annotations of a primitive Arrow type.
Status MapPrimitive(const a::Field& field, SchemaElement* e, WriteLeaf* leaf) {
  const a::DataType& t = *field.type();
  leaf->order = StatsOrder::kSigned;
  switch (t.id()) {
    case Id::kBool:
      e->type = PhysicalType::kBoolean;
      return Status::OK();
    case Id::kInt8:
      SetInteger(e, leaf, 8, true);
      return Status::OK();
    case Id::kInt16:
      SetInteger(e, leaf, 16, true);
      return Status::OK();
    case Id::kInt32:
      e->type = PhysicalType::kInt32;
      return Status::OK();
    case Id::kInt64:
      e->type = PhysicalType::kInt64;
      return Status::OK();
    case Id::kUInt8:
      SetInteger(e, leaf, 8, false);
      return Status::OK();
    case Id::kUInt16:
      SetInteger(e, leaf, 16, false);
      return Status::OK();
    case Id::kUInt32:
      SetInteger(e, leaf, 32, false);
      return Status::OK();
    case Id::kUInt64:
      SetInteger(e, leaf, 64, false);
      return Status::OK();
    case Id::kFloat16:
      e->type = PhysicalType::kFixedLenByteArray;
      e->type_length = 2;
      e->logical_type.kind = K::kFloat16;
      leaf->order = StatsOrder::kNone;
      return Status::OK();
    case Id::kFloat32:
      e->type = PhysicalType::kFloat;
      return Status::OK();
    case Id::kFloat64:
      e->type = PhysicalType::kDouble;
      return Status::OK();
    case Id::kDecimal32:
    case Id::kDecimal64:
    case Id::kDecimal128: {
      int32_t p = t.precision();
      if (p <= 9) {
        e->type = PhysicalType::kInt32;
      } else if (p <= 18) {
        e->type = PhysicalType::kInt64;
      } else {
        e->type = PhysicalType::kFixedLenByteArray;
        e->type_length = DecimalByteWidth(p);
        leaf->order = StatsOrder::kSignedBytes;
      }
      e->logical_type.kind = K::kDecimal;
      e->logical_type.precision = p;
      e->logical_type.scale = t.scale();
      e->converted_type = ConvertedType::kDecimal;
      e->precision = p;
      e->scale = t.scale();
      return Status::OK();
    }
    case Id::kUtf8:
    case Id::kLargeUtf8:
      e->type = PhysicalType::kByteArray;
      e->logical_type.kind = K::kString;
      e->converted_type = ConvertedType::kUtf8;
      leaf->order = StatsOrder::kBytes;
      return Status::OK();
    case Id::kBinary:
    case Id::kLargeBinary:
      e->type = PhysicalType::kByteArray;
      leaf->order = StatsOrder::kBytes;
      return Status::OK();
    case Id::kFixedSizeBinary:
      e->type = PhysicalType::kFixedLenByteArray;
      e->type_length = t.fixed_size();
      leaf->order = StatsOrder::kBytes;
      return Status::OK();
    case Id::kDate32:
    case Id::kDate64:
      e->type = PhysicalType::kInt32;
      e->logical_type.kind = K::kDate;
      e->converted_type = ConvertedType::kDate;
      return Status::OK();
    case Id::kTime32:
      e->type = PhysicalType::kInt32;
      e->logical_type.kind = K::kTime;
      e->logical_type.unit = LogicalType::Unit::kMillis;
      e->converted_type = ConvertedType::kTimeMillis;
      return Status::OK();
    case Id::kTime64:
      e->type = PhysicalType::kInt64;
      e->logical_type.kind = K::kTime;
      e->logical_type.unit = UnitOf(t.unit());
      if (t.unit() == a::TimeUnit::kMicro) e->converted_type = ConvertedType::kTimeMicros;
      return Status::OK();
    case Id::kTimestamp: {
      e->type = PhysicalType::kInt64;
      e->logical_type.kind = K::kTimestamp;
      e->logical_type.unit = UnitOf(t.unit());
      e->logical_type.is_adjusted_to_utc = !t.timezone().empty();
      // The legacy annotations mean UTC-normalized instants, so only zoned timestamps get them.
      if (e->logical_type.is_adjusted_to_utc) {
        if (e->logical_type.unit == LogicalType::Unit::kMillis) {
          e->converted_type = ConvertedType::kTimestampMillis;
        } else if (e->logical_type.unit == LogicalType::Unit::kMicros) {
          e->converted_type = ConvertedType::kTimestampMicros;
        }
      }
      return Status::OK();
    }
    default:
      return Status::Unsupported("parquet writer: column \"" + field.name() + "\" has type " +
                                 t.ToString() + ", which has no Parquet mapping here");
  }
}

/// Builds the node for `field` at definition level `parent_def` and repetition level
/// `parent_rep`, appending its schema elements and leaves.
Status Build(const a::FieldPtr& field, int16_t parent_def, int16_t parent_rep,
             std::vector<std::string> path, Repetition repetition, WriteSchema* out,
             WriteNode* node) {
  const a::DataType& t = *field->type();
  node->name = field->name();
  node->nullable = repetition == Repetition::kOptional;
  node->def = static_cast<int16_t>(parent_def + (node->nullable ? 1 : 0));
  node->rep = parent_rep;
  node->leaf_begin = static_cast<int>(out->leaves.size());
  path.push_back(field->name());
  if (path.size() > 60) return Status::Unsupported("parquet writer: nesting too deep");
  SchemaElement e;
  e.name = field->name();
  e.repetition = repetition;
  auto optional_of = [](const a::FieldPtr& f) {
    return f->nullable() ? Repetition::kOptional : Repetition::kRequired;
  };
  switch (t.id()) {
    case Id::kStruct: {
      if (t.num_fields() == 0) {
        return Status::Unsupported("parquet writer: struct column \"" + field->name() +
                                   "\" has no fields");
      }
      node->kind = WriteNode::Kind::kStruct;
      e.num_children = t.num_fields();
      out->elements.push_back(e);
      node->children.resize(static_cast<size_t>(t.num_fields()));
      for (int i = 0; i < t.num_fields(); ++i) {
        RETURN_NOT_OK(Build(t.field(i), node->def, parent_rep, path, optional_of(t.field(i)), out,
                            &node->children[static_cast<size_t>(i)]));
      }
      break;
    }
    case Id::kList:
    case Id::kLargeList:
    case Id::kMap: {
      bool is_map = t.id() == Id::kMap;
      node->kind = is_map ? WriteNode::Kind::kMap : WriteNode::Kind::kList;
      e.num_children = 1;
      e.converted_type = is_map ? ConvertedType::kMap : ConvertedType::kList;
      e.logical_type.kind = is_map ? K::kMap : K::kList;
      out->elements.push_back(e);
      SchemaElement repeated;
      repeated.name = is_map ? "key_value" : "list";
      repeated.repetition = Repetition::kRepeated;
      path.push_back(repeated.name);
      int16_t inner_def = static_cast<int16_t>(node->def + 1);
      int16_t inner_rep = static_cast<int16_t>(parent_rep + 1);
      if (is_map) {
        const auto& entries = t.field(0)->type();
        repeated.num_children = 2;
        out->elements.push_back(repeated);
        node->children.resize(2);
        RETURN_NOT_OK(Build(entries->field(0)->WithName("key"), inner_def, inner_rep, path,
                            Repetition::kRequired, out, &node->children[0]));
        RETURN_NOT_OK(Build(entries->field(1)->WithName("value"), inner_def, inner_rep, path,
                            optional_of(entries->field(1)), out, &node->children[1]));
      } else {
        repeated.num_children = 1;
        out->elements.push_back(repeated);
        node->children.resize(1);
        RETURN_NOT_OK(Build(t.field(0)->WithName("element"), inner_def, inner_rep, path,
                            optional_of(t.field(0)), out, &node->children[0]));
      }
      break;
    }
    default: {
      node->kind = WriteNode::Kind::kLeaf;
      WriteLeaf leaf;
      RETURN_NOT_OK(MapPrimitive(*field, &e, &leaf));
      leaf.path = path;
      leaf.physical = *e.type;
      leaf.type_length = e.type_length;
      leaf.max_def = node->def;
      leaf.max_rep = parent_rep;
      leaf.arrow_type = field->type();
      out->elements.push_back(e);
      out->leaves.push_back(std::move(leaf));
      break;
    }
  }
  node->leaf_end = static_cast<int>(out->leaves.size());
  return Status::OK();
}

}  // namespace

int32_t DecimalByteWidth(int32_t precision) {
  // The smallest n with 2^(8n - 1) > 10^precision.
  int32_t n = 1;
  while ((8.0 * n - 1) * std::log10(2.0) < precision) ++n;
  return n;
}

Result<WriteSchema> WriteSchema::Make(const a::Schema& schema) {
  WriteSchema out;
  SchemaElement root;
  root.name = "schema";
  root.num_children = schema.num_fields();
  out.elements.push_back(root);
  out.fields.resize(static_cast<size_t>(schema.num_fields()));
  for (int i = 0; i < schema.num_fields(); ++i) {
    const auto& f = schema.field(i);
    RETURN_NOT_OK(Build(f, 0, 0, {}, f->nullable() ? Repetition::kOptional : Repetition::kRequired,
                        &out, &out.fields[static_cast<size_t>(i)]));
  }
  return out;
}

}  // namespace ballista::formats::parquet
