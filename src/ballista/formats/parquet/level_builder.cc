#include "ballista/formats/parquet/level_builder.h"

namespace ballista::formats::parquet {
namespace {

namespace a = ballista::arrow;
using Kind = WriteNode::Kind;

/// Recursive Dremel striping, one slot at a time. Single-threaded per call.
class Shredder {
 public:
  /// `repeated[l]` says whether leaf l has repetition levels (a list or map above it).
  Shredder(std::vector<ShreddedLeaf>* leaves, std::vector<bool> repeated)
      : leaves_(*leaves), repeated_(std::move(repeated)) {}

  /// Levels for the leaves under `node` when the value stops at definition level `def`.
  void EmitAbsent(const WriteNode& node, int16_t def, int16_t rep) {
    for (int l = node.leaf_begin; l < node.leaf_end; ++l) Push(l, def, rep);
  }

  /// Visits slot `i` (relative to `array.offset`) of `array`, whose first level carries `rep`.
  Status Visit(const WriteNode& node, const a::ArrayData& array, int64_t i, int16_t rep) {
    if (array.IsNull(i)) {
      if (!node.nullable) {
        return Status::InvalidArgument("parquet writer: non-nullable field \"" + node.name +
                                       "\" holds a null");
      }
      EmitAbsent(node, static_cast<int16_t>(node.def - 1), rep);
      return Status::OK();
    }
    int64_t slot = array.offset + i;
    switch (node.kind) {
      case Kind::kLeaf: {
        ShreddedLeaf& leaf = leaves_[static_cast<size_t>(node.leaf_begin)];
        leaf.values = &array;
        Push(node.leaf_begin, node.def, rep);
        leaf.value_index.push_back(slot);
        return Status::OK();
      }
      case Kind::kStruct:
        for (size_t c = 0; c < node.children.size(); ++c) {
          RETURN_NOT_OK(Visit(node.children[c], *array.child_data[c], slot, rep));
        }
        return Status::OK();
      case Kind::kList:
      case Kind::kMap: {
        int64_t begin, end;
        if (array.type->id() == a::TypeId::kLargeList) {
          begin = array.buffers[1]->data_as<int64_t>()[slot];
          end = array.buffers[1]->data_as<int64_t>()[slot + 1];
        } else {
          begin = array.buffers[1]->data_as<int32_t>()[slot];
          end = array.buffers[1]->data_as<int32_t>()[slot + 1];
        }
        if (begin == end) {
          EmitAbsent(node, node.def, rep);
          return Status::OK();
        }
        const a::ArrayData& child = *array.child_data[0];
        int16_t inner_rep = node.children[0].rep;
        for (int64_t k = begin; k < end; ++k) {
          int16_t r = k == begin ? rep : inner_rep;
          if (node.kind == Kind::kList) {
            RETURN_NOT_OK(Visit(node.children[0], child, k, r));
          } else {
            // Map entries are a non-null struct of key and value.
            int64_t entry = child.offset + k;
            RETURN_NOT_OK(Visit(node.children[0], *child.child_data[0], entry, r));
            RETURN_NOT_OK(Visit(node.children[1], *child.child_data[1], entry, r));
          }
        }
        return Status::OK();
      }
    }
    return Status::OK();
  }

 private:
  void Push(int leaf_index, int16_t def, int16_t rep) {
    ShreddedLeaf& leaf = leaves_[static_cast<size_t>(leaf_index)];
    leaf.def.push_back(def);
    if (repeated_[static_cast<size_t>(leaf_index)]) leaf.rep.push_back(rep);
  }

  std::vector<ShreddedLeaf>& leaves_;
  std::vector<bool> repeated_;
};

void MarkRepeated(const WriteNode& node, bool repeated, std::vector<bool>* out) {
  if (node.kind == Kind::kList || node.kind == Kind::kMap) repeated = true;
  if (node.kind == Kind::kLeaf) {
    (*out)[static_cast<size_t>(node.leaf_begin)] = repeated;
    return;
  }
  for (const auto& c : node.children) MarkRepeated(c, repeated, out);
}

}  // namespace

Status ShredColumn(const WriteNode& node, const a::ArrayData& array,
                   std::vector<ShreddedLeaf>* leaves) {
  if (node.kind == Kind::kLeaf) {
    // Flat fast path: one level per row.
    ShreddedLeaf& leaf = (*leaves)[static_cast<size_t>(node.leaf_begin)];
    leaf.values = &array;
    int64_t nulls = array.GetNullCount();
    if (nulls > 0 && !node.nullable) {
      return Status::InvalidArgument("parquet writer: non-nullable field \"" + node.name +
                                     "\" holds a null");
    }
    leaf.def.reserve(leaf.def.size() + static_cast<size_t>(array.length));
    leaf.value_index.reserve(leaf.value_index.size() + static_cast<size_t>(array.length - nulls));
    for (int64_t i = 0; i < array.length; ++i) {
      bool valid = nulls == 0 || array.IsValid(i);
      leaf.def.push_back(static_cast<int16_t>(valid ? node.def : node.def - 1));
      if (valid) leaf.value_index.push_back(array.offset + i);
    }
    return Status::OK();
  }
  std::vector<bool> repeated(leaves->size(), false);
  MarkRepeated(node, false, &repeated);
  Shredder shredder(leaves, std::move(repeated));
  for (int l = node.leaf_begin; l < node.leaf_end; ++l) {
    (*leaves)[static_cast<size_t>(l)].values = nullptr;
  }
  for (int64_t i = 0; i < array.length; ++i) RETURN_NOT_OK(shredder.Visit(node, array, i, 0));
  return Status::OK();
}

}  // namespace ballista::formats::parquet
