#include "ballista/compute/aggregate_util.h"

#include <unordered_set>

#include "ballista/compute/selection.h"

namespace ballista::compute::internal {

Result<std::shared_ptr<Buffer>> ValidityFromFlags(const std::vector<uint8_t>& flags, MemoryPool* pool) {
  const int64_t n = static_cast<int64_t>(flags.size());
  bool all = true;
  for (uint8_t f : flags) all = all && f;
  if (all) return std::shared_ptr<Buffer>();
  ASSIGN_OR_RAISE(auto bits, AllocateBitmap(n, pool));
  for (int64_t i = 0; i < n; ++i) {
    if (flags[static_cast<size_t>(i)]) arrow::bit_util::SetBit(bits->mutable_data(), i);
  }
  return bits;
}

Result<std::shared_ptr<ArrayData>> BoolArrayFromGroups(const std::vector<uint8_t>& values,
                                                       const std::vector<uint8_t>& flags,
                                                       MemoryPool* pool) {
  const int64_t n = static_cast<int64_t>(values.size());
  ASSIGN_OR_RAISE(auto bits, AllocateBitmap(n, pool));
  for (int64_t i = 0; i < n; ++i) {
    if (values[static_cast<size_t>(i)]) arrow::bit_util::SetBit(bits->mutable_data(), i);
  }
  ASSIGN_OR_RAISE(auto validity, ValidityFromFlags(flags, pool));
  return MakeFixedWidthArray(arrow::Boolean(), n, std::move(validity), std::move(bits));
}

void GroupRowStore::Add(const std::shared_ptr<ArrayData>& values, int64_t i, uint32_t g) {
  if (chunks_.empty() || chunks_.back() != values) chunks_.push_back(values);
  Resize(g + 1);
  rows_[g].push_back(Ref{static_cast<uint32_t>(chunks_.size() - 1), static_cast<uint32_t>(i)});
}

Status GroupRowStore::AddAll(const Datum& values, const uint32_t* groups, int64_t n, bool skip_nulls) {
  std::shared_ptr<ArrayData> array;
  if (values.is_scalar()) {
    ASSIGN_OR_RAISE(array, arrow::MakeArrayFromScalar(values.scalar(), 1));
  } else {
    array = values.array();
  }
  const bool scalar = values.is_scalar();
  for (int64_t i = 0; i < n; ++i) {
    const int64_t row = scalar ? 0 : i;
    if (skip_nulls && array->IsNull(row)) continue;
    Add(array, row, groups[i]);
  }
  return Status::OK();
}

Result<std::shared_ptr<ArrayData>> GroupRowStore::Gather(const DataTypePtr& type,
                                                         std::vector<int64_t>* offsets) const {
  offsets->assign(1, 0);
  std::vector<std::shared_ptr<ArrayData>> parts;
  for (const auto& c : chunks_) parts.push_back(c);
  std::vector<int64_t> base(chunks_.size());
  int64_t total = 0;
  for (size_t c = 0; c < chunks_.size(); ++c) {
    base[c] = total;
    total += chunks_[c]->length;
  }
  std::vector<int64_t> indices;
  for (const auto& group : rows_) {
    for (const Ref& r : group) indices.push_back(base[r.chunk] + r.row);
    offsets->push_back(static_cast<int64_t>(indices.size()));
  }
  if (parts.empty()) {
    return arrow::MakeArrayFromScalar(arrow::Scalar::Null(type), 0);
  }
  ASSIGN_OR_RAISE(auto all, Concatenate(parts));
  return Take(*all, indices.data(), static_cast<int64_t>(indices.size()));
}

Result<std::shared_ptr<ArrayData>> GroupRowStore::ToList(const DataTypePtr& item_type,
                                                         bool empty_as_null) const {
  std::vector<int64_t> offsets;
  ASSIGN_OR_RAISE(auto values, Gather(item_type, &offsets));
  const int64_t n = static_cast<int64_t>(rows_.size());
  ASSIGN_OR_RAISE(auto offset_buffer, AllocateValues<int32_t>(n + 1, DefaultMemoryPool()));
  std::vector<uint8_t> flags(static_cast<size_t>(n), 1);
  for (int64_t g = 0; g <= n; ++g) {
    offset_buffer->mutable_data_as<int32_t>()[g] = static_cast<int32_t>(offsets[static_cast<size_t>(g)]);
    if (g < n && empty_as_null && rows_[static_cast<size_t>(g)].empty()) flags[static_cast<size_t>(g)] = 0;
  }
  ASSIGN_OR_RAISE(auto validity, ValidityFromFlags(flags, DefaultMemoryPool()));
  int64_t nulls = 0;
  for (uint8_t f : flags) nulls += f == 0;
  return ArrayData::Make(arrow::List(item_type), n, {std::move(validity), std::move(offset_buffer)},
                         {std::move(values)}, nulls);
}

int64_t GroupRowStore::MemoryUsage() const {
  int64_t bytes = static_cast<int64_t>(rows_.size() * sizeof(std::vector<Ref>));
  for (const auto& g : rows_) bytes += static_cast<int64_t>(g.capacity() * sizeof(Ref));
  return bytes;
}

namespace {

// Distinct values per group: a set of (group, encoded value) plus the rows kept.
class DistinctAccumulator final : public GroupedAccumulator {
 public:
  DistinctAccumulator(DataTypePtr type, std::unique_ptr<GroupedAccumulator> inner)
      : type_(std::move(type)), inner_(std::move(inner)) {}

  Status Update(const std::vector<Datum>& args, const uint32_t* groups, int64_t n,
                uint32_t total_groups) override {
    store_.Resize(total_groups);
    std::shared_ptr<ArrayData> array;
    if (args[0].is_scalar()) {
      ASSIGN_OR_RAISE(array, arrow::MakeArrayFromScalar(args[0].scalar(), 1));
    } else {
      array = args[0].array();
    }
    return AddRows(array, args[0].is_scalar(), groups, n);
  }

  Status Merge(const std::vector<std::shared_ptr<ArrayData>>& states, const uint32_t* groups,
               int64_t n, uint32_t total_groups) override {
    store_.Resize(total_groups);
    const ArrayData& lists = *states[0];
    const int32_t* offsets = lists.GetValues<int32_t>(1);
    const auto& child = lists.child_data[0];
    for (int64_t i = 0; i < n; ++i) {
      if (lists.IsNull(i)) continue;
      for (int32_t k = offsets[i]; k < offsets[i + 1]; ++k) {
        uint32_t g = groups[i];
        RETURN_NOT_OK(AddRows(child, false, &g, 1, k));
      }
    }
    return Status::OK();
  }

  Result<std::vector<std::shared_ptr<ArrayData>>> State() override {
    ASSIGN_OR_RAISE(auto list, store_.ToList(type_, false));
    return std::vector<std::shared_ptr<ArrayData>>{list};
  }

  Result<std::shared_ptr<ArrayData>> Finalize() override {
    std::vector<int64_t> offsets;
    ASSIGN_OR_RAISE(auto values, store_.Gather(type_, &offsets));
    std::vector<uint32_t> groups(static_cast<size_t>(values->length));
    for (size_t g = 0; g + 1 < offsets.size(); ++g) {
      for (int64_t k = offsets[g]; k < offsets[g + 1]; ++k) groups[static_cast<size_t>(k)] = static_cast<uint32_t>(g);
    }
    RETURN_NOT_OK(inner_->Update({Datum(values)}, groups.data(), values->length, store_.num_groups()));
    return inner_->Finalize();
  }

  int64_t MemoryUsage() const override {
    return store_.MemoryUsage() + static_cast<int64_t>(seen_.size() * 48) + inner_->MemoryUsage();
  }

 private:
  // Adds rows [first, first + n) of `array` (row 0 repeated when `scalar`); groups[i - first].
  Status AddRows(const std::shared_ptr<ArrayData>& array, bool scalar, const uint32_t* groups, int64_t n,
                 int64_t first = 0) {
    StringReader strings_probe = IsText() ? StringReader(Datum(array)) : StringReader(Datum());
    const int width = type_->byte_width();
    std::string key;
    for (int64_t k = 0; k < n; ++k) {
      const int64_t row = scalar ? 0 : first + k;
      if (array->IsNull(row)) continue;
      const uint32_t g = groups[k];
      key.assign(reinterpret_cast<const char*>(&g), sizeof(g));
      if (IsText()) {
        key.append(strings_probe[row]);
      } else if (type_->id() == arrow::TypeId::kBool) {
        key.push_back(arrow::bit_util::GetBit(array->buffers[1]->data(), array->offset + row) ? 1 : 0);
      } else if (width > 0) {
        key.append(reinterpret_cast<const char*>(array->buffers[1]->data()) + (array->offset + row) * width,
                   static_cast<size_t>(width));
      } else {
        ASSIGN_OR_RAISE(auto s, arrow::ScalarFromArray(*array, row));
        key.append(s.ToString());
      }
      if (seen_.insert(key).second) store_.Add(array, row, g);
    }
    return Status::OK();
  }
  bool IsText() const { return arrow::IsStringLike(type_->id()) || arrow::IsBinaryLike(type_->id()); }

  DataTypePtr type_;
  std::unique_ptr<GroupedAccumulator> inner_;
  GroupRowStore store_;
  std::unordered_set<std::string> seen_;
};

}  // namespace

std::unique_ptr<GroupedAccumulator> MakeDistinctAccumulator(DataTypePtr arg_type,
                                                            std::unique_ptr<GroupedAccumulator> inner) {
  return std::make_unique<DistinctAccumulator>(std::move(arg_type), std::move(inner));
}

}  // namespace ballista::compute::internal
