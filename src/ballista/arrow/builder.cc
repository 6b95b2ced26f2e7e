#include "ballista/arrow/builder.h"

namespace ballista::arrow {

namespace {

template <TypeId kId>
std::unique_ptr<ArrayBuilder> Numeric(DataTypePtr type, MemoryPool* pool) {
  return std::make_unique<NumericBuilder<kId>>(std::move(type), pool);
}

}  // namespace

Result<std::unique_ptr<ArrayBuilder>> MakeBuilder(DataTypePtr type, MemoryPool* pool) {
  if (type == nullptr) return Status::InvalidArgument("MakeBuilder: null type");
  switch (type->id()) {
    case TypeId::kNull:
      return std::unique_ptr<ArrayBuilder>(std::make_unique<NullBuilder>(pool));
    case TypeId::kBool:
      return std::unique_ptr<ArrayBuilder>(std::make_unique<BooleanBuilder>(pool));
    case TypeId::kInt8:
      return Numeric<TypeId::kInt8>(std::move(type), pool);
    case TypeId::kInt16:
      return Numeric<TypeId::kInt16>(std::move(type), pool);
    case TypeId::kInt32:
      return Numeric<TypeId::kInt32>(std::move(type), pool);
    case TypeId::kInt64:
      return Numeric<TypeId::kInt64>(std::move(type), pool);
    case TypeId::kUInt8:
      return Numeric<TypeId::kUInt8>(std::move(type), pool);
    case TypeId::kUInt16:
      return Numeric<TypeId::kUInt16>(std::move(type), pool);
    case TypeId::kUInt32:
      return Numeric<TypeId::kUInt32>(std::move(type), pool);
    case TypeId::kUInt64:
      return Numeric<TypeId::kUInt64>(std::move(type), pool);
    case TypeId::kFloat16:
      return Numeric<TypeId::kFloat16>(std::move(type), pool);
    case TypeId::kFloat32:
      return Numeric<TypeId::kFloat32>(std::move(type), pool);
    case TypeId::kFloat64:
      return Numeric<TypeId::kFloat64>(std::move(type), pool);
    case TypeId::kDate32:
      return Numeric<TypeId::kDate32>(std::move(type), pool);
    case TypeId::kDate64:
      return Numeric<TypeId::kDate64>(std::move(type), pool);
    case TypeId::kTime32:
      return Numeric<TypeId::kTime32>(std::move(type), pool);
    case TypeId::kTime64:
      return Numeric<TypeId::kTime64>(std::move(type), pool);
    case TypeId::kTimestamp:
      return Numeric<TypeId::kTimestamp>(std::move(type), pool);
    case TypeId::kDuration:
      return Numeric<TypeId::kDuration>(std::move(type), pool);
    case TypeId::kIntervalYearMonth:
      return Numeric<TypeId::kIntervalYearMonth>(std::move(type), pool);
    case TypeId::kIntervalDayTime:
      return Numeric<TypeId::kIntervalDayTime>(std::move(type), pool);
    case TypeId::kIntervalMonthDayNano:
      return Numeric<TypeId::kIntervalMonthDayNano>(std::move(type), pool);
    case TypeId::kDecimal32:
    case TypeId::kDecimal64:
    case TypeId::kDecimal128:
    case TypeId::kDecimal256:
      return std::unique_ptr<ArrayBuilder>(std::make_unique<DecimalBuilder>(std::move(type), pool));
    case TypeId::kFixedSizeBinary:
      return std::unique_ptr<ArrayBuilder>(
          std::make_unique<FixedSizeBinaryBuilder>(std::move(type), pool));
    case TypeId::kUtf8:
      return std::unique_ptr<ArrayBuilder>(std::make_unique<StringBuilder>(pool));
    case TypeId::kLargeUtf8:
      return std::unique_ptr<ArrayBuilder>(std::make_unique<LargeStringBuilder>(pool));
    case TypeId::kBinary:
      return std::unique_ptr<ArrayBuilder>(std::make_unique<BinaryBuilder>(pool));
    case TypeId::kLargeBinary:
      return std::unique_ptr<ArrayBuilder>(std::make_unique<LargeBinaryBuilder>(pool));
    case TypeId::kUtf8View:
      return std::unique_ptr<ArrayBuilder>(std::make_unique<StringViewBuilder>(pool));
    case TypeId::kBinaryView:
      return std::unique_ptr<ArrayBuilder>(std::make_unique<BinaryViewBuilder>(pool));
    case TypeId::kList: {
      ASSIGN_OR_RAISE(auto values, MakeBuilder(type->field(0)->type(), pool));
      return std::unique_ptr<ArrayBuilder>(
          std::make_unique<ListBuilder>(std::move(type), std::move(values), pool));
    }
    case TypeId::kLargeList: {
      ASSIGN_OR_RAISE(auto values, MakeBuilder(type->field(0)->type(), pool));
      return std::unique_ptr<ArrayBuilder>(
          std::make_unique<LargeListBuilder>(std::move(type), std::move(values), pool));
    }
    case TypeId::kFixedSizeList: {
      ASSIGN_OR_RAISE(auto values, MakeBuilder(type->field(0)->type(), pool));
      return std::unique_ptr<ArrayBuilder>(
          std::make_unique<FixedSizeListBuilder>(std::move(type), std::move(values), pool));
    }
    case TypeId::kStruct: {
      std::vector<std::unique_ptr<ArrayBuilder>> fields;
      for (const auto& field : type->fields()) {
        ASSIGN_OR_RAISE(auto builder, MakeBuilder(field->type(), pool));
        fields.push_back(std::move(builder));
      }
      return std::unique_ptr<ArrayBuilder>(
          std::make_unique<StructBuilder>(std::move(type), std::move(fields), pool));
    }
    case TypeId::kMap: {
      const DataType& entries = *type->field(0)->type();
      ASSIGN_OR_RAISE(auto keys, MakeBuilder(entries.field(0)->type(), pool));
      ASSIGN_OR_RAISE(auto items, MakeBuilder(entries.field(1)->type(), pool));
      return std::unique_ptr<ArrayBuilder>(
          std::make_unique<MapBuilder>(std::move(type), std::move(keys), std::move(items), pool));
    }
    case TypeId::kDictionary: {
      ASSIGN_OR_RAISE(auto builder, DictionaryBuilder::Make(std::move(type), pool));
      return std::unique_ptr<ArrayBuilder>(std::move(builder));
    }
  }
  return Status::Unsupported("MakeBuilder: no builder for type " + type->ToString());
}

}  // namespace ballista::arrow
