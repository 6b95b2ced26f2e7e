#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "ballista/tpch/random.h"

namespace ballista::tpch {

/// One weighted value of a distribution.
struct WeightedValue {
  std::string_view text;
  int32_t weight;
};

/// A weighted list of strings from the TPC-H distributions file (dists.dss). Pick draws one
/// value in [1, total weight] and returns the first entry whose cumulative weight reaches it,
/// exactly as dbgen's pick_str. Immutable after construction; safe to share across threads.
class Distribution {
 public:
  explicit Distribution(std::vector<WeightedValue> values);

  int size() const { return static_cast<int>(values_.size()); }
  std::string_view text(int index) const { return values_[index].text; }
  int32_t total_weight() const { return total_weight_; }

  /// Draws once from `stream` and returns the index of the picked value.
  int PickIndex(RandomStream& stream) const {
    const int64_t j = stream.Uniform(1, total_weight_);
    return index_of_weight_[j - 1];
  }
  std::string_view Pick(RandomStream& stream) const { return text(PickIndex(stream)); }

 private:
  std::vector<WeightedValue> values_;
  int32_t total_weight_ = 0;
  std::vector<uint16_t> index_of_weight_;  // value index for each draw 1..total_weight_
};

/// The named distributions of dists.dss. Each accessor builds its distribution once (thread-safe)
/// and returns it for the life of the process.
namespace dists {
const Distribution& PartContainers();    // p_cntr
const Distribution& PartColors();        // colors (p_name words)
const Distribution& PartTypes();         // p_types
const Distribution& MarketSegments();    // msegmnt
const Distribution& OrderPriorities();   // o_oprio
const Distribution& ShipInstructions();  // instruct
const Distribution& ShipModes();         // smode
const Distribution& ReturnFlags();       // rflag
// text grammar
const Distribution& Nouns();
const Distribution& Verbs();
const Distribution& Adjectives();
const Distribution& Adverbs();
const Distribution& Auxiliaries();
const Distribution& Prepositions();
const Distribution& Articles();
const Distribution& Terminators();
const Distribution& Grammar();      // sentence forms over N, V, P, T
const Distribution& NounPhrases();  // noun phrase forms over A, J, D, N
const Distribution& VerbPhrases();  // verb phrase forms over X, V, D
}  // namespace dists

/// A nation: its name and the key of its region (nation keys are 0..24 in this order).
struct NationInfo {
  std::string_view name;
  int32_t region_key;
};
inline constexpr int kNumNations = 25;
inline constexpr int kNumRegions = 5;
const NationInfo& Nation(int nation_key);
std::string_view RegionName(int region_key);

}  // namespace ballista::tpch
