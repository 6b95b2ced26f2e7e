#include "ballista/compute/kernel_util.h"

#include "ballista/compute/type_coercion.h"

namespace ballista::compute::internal {

StringReader::StringReader(const Datum& d) {
  if (d.is_scalar()) {
    scalar_valid_ = d.scalar().is_valid();
    if (scalar_valid_) scalar_ = d.scalar().As<std::string>();
    return;
  }
  const ArrayData& a = *d.array();
  validity_ = a.validity();
  offset_ = a.offset;
  const TypeId id = a.type->id();
  if (id == TypeId::kUtf8View || id == TypeId::kBinaryView) {
    kind_ = Kind::kView;
    views_ = a.GetValues<arrow::BinaryViewValue>(1);
    for (size_t b = 2; b < a.buffers.size(); ++b) {
      view_buffers_.push_back(a.buffers[b] ? a.buffers[b]->data_as<char>() : nullptr);
    }
    return;
  }
  data_ = a.buffers.size() > 2 && a.buffers[2] ? a.buffers[2]->data_as<char>() : "";
  if (id == TypeId::kLargeUtf8 || id == TypeId::kLargeBinary) {
    kind_ = Kind::kOffsets64;
    offsets64_ = a.GetValues<int64_t>(1);
  } else {
    kind_ = Kind::kOffsets32;
    offsets32_ = a.GetValues<int32_t>(1);
  }
}

std::string_view StringReader::ViewAt(int64_t i) const {
  const arrow::BinaryViewValue& v = views_[i];
  const char* bytes =
      v.is_inline() ? reinterpret_cast<const char*>(v.inline_data())
                    : view_buffers_[static_cast<size_t>(v.buffer_index())] + v.buffer_offset();
  return std::string_view(bytes, static_cast<size_t>(v.size));
}

bool AllScalar(const std::vector<Datum>& args) {
  for (const auto& a : args) {
    if (a.is_array()) return false;
  }
  return true;
}

int64_t RowsToCompute(const std::vector<Datum>& args, int64_t num_rows) {
  return AllScalar(args) ? 1 : num_rows;
}

Result<Datum> FinishDatum(std::shared_ptr<ArrayData> out, bool as_scalar) {
  if (!as_scalar) return Datum(std::move(out));
  ASSIGN_OR_RAISE(Scalar s, arrow::ScalarFromArray(*out, 0));
  return Datum(std::move(s));
}

Result<Datum> NullDatum(const DataTypePtr& type, int64_t num_rows, bool as_scalar,
                        ExecContext* ctx) {
  if (as_scalar) return Datum(Scalar::Null(type));
  ASSIGN_OR_RAISE(auto arr, arrow::MakeArrayFromScalar(Scalar::Null(type), num_rows, PoolOf(ctx)));
  return Datum(std::move(arr));
}

Result<std::shared_ptr<Buffer>> IntersectValidity(const std::vector<Datum>& args, int64_t num_rows,
                                                  MemoryPool* pool, bool* all_null) {
  *all_null = false;
  std::shared_ptr<Buffer> out;
  for (const auto& a : args) {
    if (a.is_scalar()) {
      if (a.scalar().is_null()) {
        *all_null = true;
        return std::shared_ptr<Buffer>();
      }
      continue;
    }
    const ArrayData& data = *a.array();
    if (data.type->id() == TypeId::kNull) {
      *all_null = true;
      return std::shared_ptr<Buffer>();
    }
    const uint8_t* validity = data.validity();
    if (validity == nullptr || data.GetNullCount() == 0) continue;
    if (!out) {
      ASSIGN_OR_RAISE(out, AllocateBitmap(num_rows, pool));
      arrow::bit_util::CopyBitmap(validity, data.offset, num_rows, out->mutable_data(), 0);
    } else {
      uint8_t* dst = out->mutable_data();
      for (int64_t i = 0; i < num_rows; ++i) {
        if (!arrow::bit_util::GetBit(validity, data.offset + i)) arrow::bit_util::ClearBit(dst, i);
      }
    }
  }
  return out;
}

std::shared_ptr<ArrayData> MakeFixedWidthArray(DataTypePtr type, int64_t num_rows,
                                               std::shared_ptr<Buffer> validity,
                                               std::shared_ptr<Buffer> values) {
  const int64_t nulls =
      validity ? num_rows - arrow::bit_util::CountSetBits(validity->data(), 0, num_rows) : 0;
  if (nulls == 0) validity.reset();
  return ArrayData::Make(std::move(type), num_rows, {std::move(validity), std::move(values)},
                         nulls);
}

__int128 Pow10(int n) {
  static const auto table = [] {
    std::vector<__int128> t(39);
    t[0] = 1;
    for (size_t i = 1; i < t.size(); ++i) t[i] = t[i - 1] * 10;
    return t;
  }();
  return table[static_cast<size_t>(n)];
}

Status ArgumentTypeError(std::string_view function, const std::vector<DataTypePtr>& types) {
  std::string list;
  for (size_t i = 0; i < types.size(); ++i) {
    if (i > 0) list += ", ";
    list += SqlTypeName(types[i]);
  }
  return Status::TypeError("function " + std::string(function) + " does not accept (" + list +
                           ")");
}

Status CheckArity(std::string_view function, const std::vector<DataTypePtr>& types, size_t min,
                  size_t max) {
  if (types.size() >= min && types.size() <= max) return Status::OK();
  std::string expected = min == max ? std::to_string(min)
                                    : std::to_string(min) + " to " + std::to_string(max);
  return Status::TypeError("function " + std::string(function) + " takes " + expected +
                           " argument" + (max == 1 ? "" : "s") + ", got " +
                           std::to_string(types.size()));
}

}  // namespace ballista::compute::internal
