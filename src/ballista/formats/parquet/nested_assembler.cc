#include "ballista/formats/parquet/nested_assembler.h"

#include <cstring>
#include <string>
#include <utility>

#include "ballista/common/buffer.h"
#include "ballista/formats/parquet/column_to_arrow.h"

namespace ballista::formats::parquet {
namespace {

namespace a = ballista::arrow;

// Per leaf: the level-entry index where each slot of the current node starts. Only leaves under
// the node are filled; the others stay empty.
using Starts = std::vector<std::vector<int64_t>>;

/// Walks the schema tree over the leaves' level streams. Holds references only; single-threaded,
/// one per AssembleNested call.
class Assembler {
 public:
  Assembler(const std::vector<ColumnDescriptor>& leaves,
            const std::vector<const ColumnChunkData*>& chunks)
      : leaves_(leaves), chunks_(chunks) {}

  int16_t Def(int leaf, int64_t entry) const {
    const auto& d = chunks_[static_cast<size_t>(leaf)]->definition_levels;
    return d.empty() ? 0 : d[static_cast<size_t>(entry)];
  }
  int16_t Rep(int leaf, int64_t entry) const {
    const auto& r = chunks_[static_cast<size_t>(leaf)]->repetition_levels;
    return r.empty() ? 0 : r[static_cast<size_t>(entry)];
  }
  int64_t Entries(int leaf) const { return chunks_[static_cast<size_t>(leaf)]->num_levels; }

  static void CollectLeaves(const SchemaNode& node, std::vector<int>* out) {
    if (node.leaf_index >= 0) out->push_back(node.leaf_index);
    for (const auto& c : node.children) CollectLeaves(c, out);
  }

  // Builds `node`; `strip` builds one element of a repeated node instead of the list of them.
  Result<a::ArrayDataPtr> Build(const SchemaNode& node, const Starts& starts, bool strip,
                                int depth) {
    if (depth > 128) return Status::InvalidData("nested column too deep");
    std::vector<int> under;
    CollectLeaves(node, &under);
    if (under.empty()) return Status::InvalidData("group without leaves");
    int first = under[0];
    size_t length = starts[static_cast<size_t>(first)].size();
    for (int leaf : under) {
      if (starts[static_cast<size_t>(leaf)].size() != length) {
        return Status::InvalidData("leaf columns of \"" + node.field->name() +
                                   "\" disagree on the number of values");
      }
    }
    bool repeated = node.repetition_level > 0 && node.field.get() != node.element_field.get();
    if (repeated && !strip) {
      // A repeated node seen from its parent: a list whose elements are this node stripped.
      Starts element_starts(starts.size());
      ASSIGN_OR_RAISE(auto offsets, ListOffsets(under, starts, node.definition_level,
                                                node.repetition_level, &element_starts));
      ASSIGN_OR_RAISE(auto child, Build(node, element_starts, true, depth + 1));
      return a::ArrayData::Make(node.field->type(), static_cast<int64_t>(length),
                                {nullptr, offsets}, {child}, 0);
    }
    const a::DataTypePtr& type = node.element_field->type();
    switch (node.kind) {
      case SchemaNode::Kind::kLeaf: {
        const ColumnDescriptor& leaf = leaves_[static_cast<size_t>(first)];
        std::vector<int16_t> defs(length);
        for (size_t i = 0; i < length; ++i)
          defs[i] = Def(first, starts[static_cast<size_t>(first)][i]);
        return LeafToArrow(leaf, static_cast<int64_t>(length),
                           leaf.max_definition_level > 0 ? defs.data() : nullptr,
                           chunks_[static_cast<size_t>(first)]->values);
      }
      case SchemaNode::Kind::kStruct: {
        std::vector<a::ArrayDataPtr> children;
        for (const auto& c : node.children) {
          ASSIGN_OR_RAISE(auto child, Build(c, starts, false, depth + 1));
          children.push_back(std::move(child));
        }
        ASSIGN_OR_RAISE(auto validity, Validity(first, starts, node.definition_level));
        return a::ArrayData::Make(type, static_cast<int64_t>(length), {validity.first},
                                  std::move(children), validity.second);
      }
      case SchemaNode::Kind::kList:
      case SchemaNode::Kind::kMap: {
        const SchemaNode& rep_node = node.children[0];
        Starts element_starts(starts.size());
        ASSIGN_OR_RAISE(auto offsets, ListOffsets(under, starts, rep_node.definition_level,
                                                  rep_node.repetition_level, &element_starts));
        ASSIGN_OR_RAISE(auto validity, Validity(first, starts, node.definition_level));
        a::ArrayDataPtr child;
        if (node.kind == SchemaNode::Kind::kMap) {
          ASSIGN_OR_RAISE(child, BuildMapEntries(rep_node, element_starts, type, depth));
        } else if (node.repeated_is_element) {
          ASSIGN_OR_RAISE(child, Build(rep_node, element_starts, true, depth + 1));
        } else {
          ASSIGN_OR_RAISE(child, Build(rep_node.children[0], element_starts, false, depth + 1));
        }
        return a::ArrayData::Make(type, static_cast<int64_t>(length), {validity.first, offsets},
                                  {child}, validity.second);
      }
    }
    return Status::Internal("unknown schema node kind");
  }

 private:
  Result<a::ArrayDataPtr> BuildMapEntries(const SchemaNode& kv, const Starts& starts,
                                          const a::DataTypePtr& map_type, int depth) {
    const a::DataTypePtr& entries_type = map_type->field(0)->type();
    std::vector<int> under;
    CollectLeaves(kv, &under);
    int64_t length = static_cast<int64_t>(starts[static_cast<size_t>(under[0])].size());
    std::vector<a::ArrayDataPtr> children;
    for (const auto& c : kv.children) {
      ASSIGN_OR_RAISE(auto child, Build(c, starts, false, depth + 1));
      children.push_back(std::move(child));
    }
    if (children.size() == 1) {
      // A map without values: the value column is all nulls.
      children.push_back(a::ArrayData::Make(a::Null(), length, {}, length));
    }
    // Arrow map keys may not be null, but the key field type keeps the child's nullability
    // only through the map's declared entries type.
    children[0]->type = entries_type->field(0)->type();
    return a::ArrayData::Make(entries_type, length, {nullptr}, std::move(children), 0);
  }

  // Validity of slots whose definition level must reach `level`; {nullptr, 0} when all are valid.
  Result<std::pair<std::shared_ptr<Buffer>, int64_t>> Validity(int leaf, const Starts& starts,
                                                               int16_t level) {
    const auto& s = starts[static_cast<size_t>(leaf)];
    int64_t nulls = 0;
    for (int64_t e : s) nulls += Def(leaf, e) < level;
    if (nulls == 0) return std::make_pair(std::shared_ptr<Buffer>(), int64_t{0});
    ASSIGN_OR_RAISE(auto bits, AllocateBuffer((static_cast<int64_t>(s.size()) + 7) / 8));
    uint8_t* out = bits->mutable_data();
    for (size_t i = 0; i < s.size(); ++i) {
      if (Def(leaf, s[i]) >= level) out[i >> 3] |= static_cast<uint8_t>(1u << (i & 7));
    }
    return std::make_pair(bits, nulls);
  }

  // For a list whose repeated node has definition level `def` and repetition level `rep`: the
  // offsets (from the first leaf) and, for every leaf, where each element starts.
  Result<std::shared_ptr<Buffer>> ListOffsets(const std::vector<int>& under, const Starts& starts,
                                              int16_t def, int16_t rep, Starts* element_starts) {
    std::shared_ptr<Buffer> offsets;
    for (size_t u = 0; u < under.size(); ++u) {
      int leaf = under[u];
      const auto& s = starts[static_cast<size_t>(leaf)];
      auto& elements = (*element_starts)[static_cast<size_t>(leaf)];
      int64_t n = Entries(leaf);
      std::vector<int32_t> offs;
      offs.reserve(s.size() + 1);
      offs.push_back(0);
      for (int64_t slot_start : s) {
        if (Def(leaf, slot_start) >= def) {
          elements.push_back(slot_start);
          for (int64_t e = slot_start + 1; e < n && Rep(leaf, e) >= rep; ++e) {
            if (Rep(leaf, e) == rep) elements.push_back(e);
          }
        }
        if (elements.size() > static_cast<size_t>(INT32_MAX)) {
          return Status::Unsupported("list column with more than 2^31 elements");
        }
        offs.push_back(static_cast<int32_t>(elements.size()));
      }
      if (u == 0) {
        ASSIGN_OR_RAISE(offsets, AllocateBuffer(static_cast<int64_t>(offs.size()) * 4));
        std::memcpy(offsets->mutable_data(), offs.data(), offs.size() * 4);
      }
    }
    return offsets;
  }

  const std::vector<ColumnDescriptor>& leaves_;
  const std::vector<const ColumnChunkData*>& chunks_;
};

}  // namespace

Result<a::ArrayDataPtr> AssembleNested(const SchemaNode& node,
                                       const std::vector<ColumnDescriptor>& leaves,
                                       const std::vector<const ColumnChunkData*>& chunks,
                                       int64_t num_rows) {
  Assembler assembler(leaves, chunks);
  std::vector<int> under;
  Assembler::CollectLeaves(node, &under);
  Starts starts(leaves.size());
  for (int leaf : under) {
    const ColumnChunkData* chunk = chunks[static_cast<size_t>(leaf)];
    const ColumnDescriptor& d = leaves[static_cast<size_t>(leaf)];
    if ((d.max_definition_level > 0 &&
         static_cast<int64_t>(chunk->definition_levels.size()) != chunk->num_levels) ||
        (d.max_repetition_level > 0 &&
         static_cast<int64_t>(chunk->repetition_levels.size()) != chunk->num_levels)) {
      return Status::InvalidData("level counts differ from the value count");
    }
    auto& s = starts[static_cast<size_t>(leaf)];
    for (int64_t e = 0; e < chunk->num_levels; ++e) {
      if (assembler.Rep(leaf, e) == 0) s.push_back(e);
    }
    if (static_cast<int64_t>(s.size()) != num_rows) {
      return Status::InvalidData("leaf \"" + d.path.back() + "\" has " + std::to_string(s.size()) +
                                 " rows, the row group " + std::to_string(num_rows));
    }
  }
  return assembler.Build(node, starts, false, 0);
}

}  // namespace ballista::formats::parquet
