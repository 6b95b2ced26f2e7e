#include "ballista/formats/parquet/schema.h"

namespace ballista::formats::parquet {
namespace {

namespace a = ballista::arrow;
using K = LogicalType::Kind;

constexpr int kMaxSchemaDepth = 64;

a::TimeUnit ToArrowUnit(LogicalType::Unit unit) {
  switch (unit) {
    case LogicalType::Unit::kMillis:
      return a::TimeUnit::kMilli;
    case LogicalType::Unit::kMicros:
      return a::TimeUnit::kMicro;
    case LogicalType::Unit::kNanos:
      return a::TimeUnit::kNano;
  }
  return a::TimeUnit::kMilli;
}

Result<a::DataTypePtr> DecimalType(const SchemaElement& e, int32_t precision, int32_t scale) {
  if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
    return Status::Unsupported("parquet column \"" + e.name + "\": decimal(" +
                               std::to_string(precision) + ", " + std::to_string(scale) +
                               ") outside decimal128 range");
  }
  return a::Decimal128(precision, scale);
}

Result<a::DataTypePtr> IntType(int bits, bool is_signed, PhysicalType physical) {
  int physical_bits = physical == PhysicalType::kInt32 ? 32 : 64;
  if (bits != 8 && bits != 16 && bits != 32 && bits != 64) {
    return Status::InvalidData("parquet INTEGER annotation with bit width " + std::to_string(bits));
  }
  if (bits > physical_bits) {
    return Status::InvalidData("parquet INTEGER(" + std::to_string(bits) + ") on a narrower type");
  }
  switch (bits) {
    case 8:
      return is_signed ? a::Int8() : a::UInt8();
    case 16:
      return is_signed ? a::Int16() : a::UInt16();
    case 32:
      return is_signed ? a::Int32() : a::UInt32();
    default:
      return is_signed ? a::Int64() : a::UInt64();
  }
}

a::DataTypePtr BaseType(PhysicalType type, int32_t type_length) {
  switch (type) {
    case PhysicalType::kBoolean:
      return a::Boolean();
    case PhysicalType::kInt32:
      return a::Int32();
    case PhysicalType::kInt64:
      return a::Int64();
    case PhysicalType::kInt96:
      return a::Timestamp(a::TimeUnit::kNano);
    case PhysicalType::kFloat:
      return a::Float32();
    case PhysicalType::kDouble:
      return a::Float64();
    case PhysicalType::kByteArray:
      return a::Binary();
    case PhysicalType::kFixedLenByteArray:
      return a::FixedSizeBinary(type_length);
  }
  return nullptr;
}

}  // namespace

Result<a::DataTypePtr> ArrowTypeForLeaf(const SchemaElement& e) {
  if (!e.type) return Status::InvalidData("parquet column \"" + e.name + "\" has no type");
  PhysicalType t = *e.type;
  if (static_cast<int32_t>(t) < 0 || static_cast<int32_t>(t) > 7) {
    return Status::InvalidData("parquet column \"" + e.name + "\": unknown physical type " +
                               std::to_string(static_cast<int32_t>(t)));
  }
  if (t == PhysicalType::kFixedLenByteArray && (e.type_length <= 0 || e.type_length > (1 << 24))) {
    return Status::InvalidData("parquet column \"" + e.name + "\": invalid type_length " +
                               std::to_string(e.type_length));
  }
  const LogicalType& lt = e.logical_type;
  bool is_int = t == PhysicalType::kInt32 || t == PhysicalType::kInt64;
  bool is_bin = t == PhysicalType::kByteArray || t == PhysicalType::kFixedLenByteArray;
  switch (lt.kind) {
    case K::kString:
    case K::kEnum:
    case K::kJson:
      if (t == PhysicalType::kByteArray) return a::Utf8();
      break;
    case K::kDecimal:
      if (is_int || is_bin) return DecimalType(e, lt.precision, lt.scale);
      break;
    case K::kDate:
      if (t == PhysicalType::kInt32) return a::Date32();
      break;
    case K::kTime:
      if (t == PhysicalType::kInt32 && lt.unit == LogicalType::Unit::kMillis) {
        return a::Time32(a::TimeUnit::kMilli);
      }
      if (t == PhysicalType::kInt64 && lt.unit != LogicalType::Unit::kMillis) {
        return a::Time64(ToArrowUnit(lt.unit));
      }
      break;
    case K::kTimestamp:
      if (t == PhysicalType::kInt64) {
        return a::Timestamp(ToArrowUnit(lt.unit), lt.is_adjusted_to_utc ? "UTC" : "");
      }
      break;
    case K::kInteger:
      if (is_int) return IntType(lt.bit_width, lt.is_signed, t);
      break;
    case K::kUuid:
      if (t == PhysicalType::kFixedLenByteArray && e.type_length == 16)
        return a::FixedSizeBinary(16);
      break;
    case K::kFloat16:
      if (t == PhysicalType::kFixedLenByteArray && e.type_length == 2) return a::Float16();
      break;
    case K::kNone:
      break;
    default:
      return BaseType(t, e.type_length);  // unknown/other annotations: keep the physical type
  }
  if (lt.kind != K::kNone) return BaseType(t, e.type_length);
  switch (e.converted_type) {
    case ConvertedType::kUtf8:
    case ConvertedType::kEnum:
    case ConvertedType::kJson:
      if (t == PhysicalType::kByteArray) return a::Utf8();
      break;
    case ConvertedType::kDecimal:
      if (is_int || is_bin) return DecimalType(e, e.precision, e.scale);
      break;
    case ConvertedType::kDate:
      if (t == PhysicalType::kInt32) return a::Date32();
      break;
    case ConvertedType::kTimeMillis:
      if (t == PhysicalType::kInt32) return a::Time32(a::TimeUnit::kMilli);
      break;
    case ConvertedType::kTimeMicros:
      if (t == PhysicalType::kInt64) return a::Time64(a::TimeUnit::kMicro);
      break;
    case ConvertedType::kTimestampMillis:
      if (t == PhysicalType::kInt64) return a::Timestamp(a::TimeUnit::kMilli, "UTC");
      break;
    case ConvertedType::kTimestampMicros:
      if (t == PhysicalType::kInt64) return a::Timestamp(a::TimeUnit::kMicro, "UTC");
      break;
    case ConvertedType::kInt8:
      if (is_int) return IntType(8, true, t);
      break;
    case ConvertedType::kInt16:
      if (is_int) return IntType(16, true, t);
      break;
    case ConvertedType::kInt32:
      if (is_int) return IntType(32, true, t);
      break;
    case ConvertedType::kInt64:
      if (is_int) return IntType(64, true, t);
      break;
    case ConvertedType::kUint8:
      if (is_int) return IntType(8, false, t);
      break;
    case ConvertedType::kUint16:
      if (is_int) return IntType(16, false, t);
      break;
    case ConvertedType::kUint32:
      if (is_int) return IntType(32, false, t);
      break;
    case ConvertedType::kUint64:
      if (is_int) return IntType(64, false, t);
      break;
    default:
      break;
  }
  return BaseType(t, e.type_length);
}

namespace {

/// Builds schema nodes recursively from the flattened depth-first element list. Single-threaded,
/// one per ParquetSchema::Make call.
class SchemaBuilder {
 public:
  explicit SchemaBuilder(const std::vector<SchemaElement>& elements) : elements_(elements) {}

  Status Build(int16_t def, int16_t rep, std::vector<std::string>* path, int depth,
               SchemaNode* node) {
    if (depth > kMaxSchemaDepth) return Status::InvalidData("parquet schema nested too deeply");
    if (next_ >= elements_.size()) {
      return Status::InvalidData("parquet schema: num_children exceeds the element count");
    }
    node->element_index = static_cast<int>(next_);
    const SchemaElement& e = elements_[next_++];
    Repetition repetition = e.repetition.value_or(Repetition::kOptional);
    if (repetition == Repetition::kOptional) ++def;
    if (repetition == Repetition::kRepeated) {
      ++def;
      ++rep;
    }
    node->definition_level = def;
    node->repetition_level = rep;
    path->push_back(e.name);
    bool nullable = repetition == Repetition::kOptional;
    if (e.num_children <= 0 && e.type.has_value()) {
      ColumnDescriptor leaf;
      leaf.leaf_index = static_cast<int>(leaves_.size());
      leaf.path = *path;
      leaf.element = e;
      leaf.max_definition_level = def;
      leaf.max_repetition_level = rep;
      ASSIGN_OR_RAISE(leaf.arrow_type, ArrowTypeForLeaf(e));
      node->leaf_index = leaf.leaf_index;
      a::DataTypePtr type = leaf.arrow_type;
      leaves_.push_back(std::move(leaf));
      node->kind = SchemaNode::Kind::kLeaf;
      node->element_field = a::MakeField(e.name, type, nullable);
      if (repetition == Repetition::kRepeated) {
        // A bare repeated primitive is a list of required values.
        node->element_field = a::MakeField(e.name, type, false);
        node->field = a::MakeField(e.name, a::List(a::MakeField("element", type, false)), false);
      } else {
        node->field = node->element_field;
      }
    } else {
      if (e.num_children <= 0) {
        return Status::InvalidData("parquet schema: group \"" + e.name + "\" has no children");
      }
      if (static_cast<size_t>(e.num_children) > elements_.size() - next_) {
        return Status::InvalidData("parquet schema: group \"" + e.name +
                                   "\" claims more children than elements remain");
      }
      node->children.resize(static_cast<size_t>(e.num_children));
      for (auto& child : node->children) RETURN_NOT_OK(Build(def, rep, path, depth + 1, &child));
      ASSIGN_OR_RAISE(node->field, GroupField(e, repetition, node));
    }
    path->pop_back();
    return Status::OK();
  }

  std::vector<ColumnDescriptor> TakeLeaves() { return std::move(leaves_); }
  size_t consumed() const { return next_; }

 private:
  // Arrow field for a group node following the LIST/MAP compatibility rules of LogicalTypes.md.
  Result<a::FieldPtr> GroupField(const SchemaElement& e, Repetition repetition,
                                 SchemaNode* node_ptr) {
    SchemaNode& node = *node_ptr;
    bool nullable = repetition == Repetition::kOptional;
    bool is_list = e.logical_type.kind == K::kList || e.converted_type == ConvertedType::kList;
    bool is_map = e.logical_type.kind == K::kMap || e.converted_type == ConvertedType::kMap ||
                  e.converted_type == ConvertedType::kMapKeyValue;
    a::FieldPtr result;
    if (is_list && node.children.size() == 1 &&
        elements_[node.children[0].element_index].repetition == Repetition::kRepeated) {
      const SchemaNode& repeated = node.children[0];
      const SchemaElement& re = elements_[repeated.element_index];
      a::FieldPtr item;
      bool repeated_is_element = repeated.children.size() != 1 || re.name == "array" ||
                                 re.name == e.name + "_tuple" || repeated.leaf_index >= 0;
      if (repeated_is_element) {
        item = repeated.element_field->WithNullable(false);
      } else {
        item = repeated.children[0].field;
      }
      node.kind = SchemaNode::Kind::kList;
      node.repeated_is_element = repeated_is_element;
      result = a::MakeField(e.name, a::List(item), nullable);
    } else if (is_map && node.children.size() == 1 && !node.children[0].children.empty() &&
               elements_[node.children[0].element_index].repetition == Repetition::kRepeated &&
               node.children[0].children.size() <= 2) {
      const SchemaNode& kv = node.children[0];
      node.kind = SchemaNode::Kind::kMap;
      a::FieldPtr key = kv.children[0].field->WithNullable(false);
      a::FieldPtr value =
          kv.children.size() == 2 ? kv.children[1].field : a::MakeField("value", a::Null(), true);
      auto entries = a::MakeField("key_value", a::Struct({key, value}), false);
      ASSIGN_OR_RAISE(auto map_type, a::MakeMap(entries, false));
      result = a::MakeField(e.name, map_type, nullable);
    } else {
      node.kind = SchemaNode::Kind::kStruct;
      a::FieldVector members;
      for (const auto& child : node.children) members.push_back(child.field);
      result = a::MakeField(e.name, a::Struct(std::move(members)), nullable);
    }
    node.element_field = result;
    if (repetition == Repetition::kRepeated) {
      node.element_field = result->WithNullable(false);
      // A repeated group outside a LIST annotation is a list of required structs.
      return a::MakeField(e.name, a::List(result->WithNullable(false)), false);
    }
    return result;
  }

  const std::vector<SchemaElement>& elements_;
  size_t next_ = 0;
  std::vector<ColumnDescriptor> leaves_;
};

}  // namespace

Result<ParquetSchema> ParquetSchema::Make(const FileMetaData& metadata) {
  const auto& elements = metadata.schema;
  if (elements.empty()) return Status::InvalidData("parquet schema is empty");
  const SchemaElement& root = elements[0];
  if (root.num_children < 0 || static_cast<size_t>(root.num_children) > elements.size() - 1) {
    return Status::InvalidData("parquet schema root claims " + std::to_string(root.num_children) +
                               " children but only " + std::to_string(elements.size() - 1) +
                               " elements follow");
  }
  ParquetSchema out;
  std::vector<std::string> path;
  std::vector<SchemaNode> fields(static_cast<size_t>(root.num_children));
  {
    // The root is the message itself, not a column: build its children from index 1 onward.
    std::vector<SchemaElement> tail(elements.begin() + 1, elements.end());
    SchemaBuilder tail_builder(tail);
    for (auto& field : fields) RETURN_NOT_OK(tail_builder.Build(0, 0, &path, 0, &field));
    if (tail_builder.consumed() != tail.size()) {
      return Status::InvalidData("parquet schema has " +
                                 std::to_string(tail.size() - tail_builder.consumed()) +
                                 " elements outside the root's children");
    }
    out.leaves_ = tail_builder.TakeLeaves();
    // Element indices were relative to the tail; shift them to index the full list.
    std::vector<SchemaNode*> stack;
    for (auto& f : fields) stack.push_back(&f);
    while (!stack.empty()) {
      SchemaNode* n = stack.back();
      stack.pop_back();
      ++n->element_index;
      for (auto& c : n->children) stack.push_back(&c);
    }
  }
  a::FieldVector arrow_fields;
  for (const auto& f : fields) arrow_fields.push_back(f.field);
  out.arrow_schema_ = a::MakeSchema(std::move(arrow_fields), metadata.key_value_metadata);
  out.fields_ = std::move(fields);
  return out;
}

}  // namespace ballista::formats::parquet
