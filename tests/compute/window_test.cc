#include "ballista/compute/window_evaluators.h"

#include "compute_test_util.h"

namespace ballista::compute {
namespace {

using namespace testing;  // NOLINT(build/namespaces)
using arrow::Float64;
using arrow::Int64;

// ORDER BY values 10, 20, 20, 30, 30: peer groups start at rows 0, 1 and 3 (as PostgreSQL).
WindowPartition Partition() {
  WindowPartition p;
  p.num_rows = 5;
  p.peer_start = {1, 1, 0, 1, 0};
  p.args = {Datum(Arr(arrow::Int32(), "[10, 20, 20, 30, 30]"))};
  return p;
}

TEST(WindowEvaluators, Ranking) {
  auto p = Partition();
  ExpectArray(EvaluateWindowFunction("row_number", p), Int64(), "[1, 2, 3, 4, 5]");
  ExpectArray(EvaluateWindowFunction("rank", p), Int64(), "[1, 2, 2, 4, 4]");
  ExpectArray(EvaluateWindowFunction("dense_rank", p), Int64(), "[1, 2, 2, 3, 3]");
  ExpectArray(EvaluateWindowFunction("percent_rank", p), Float64(), "[0, 0.25, 0.25, 0.75, 0.75]");
  ExpectArray(EvaluateWindowFunction("cume_dist", p), Float64(), "[0.2, 0.6, 0.6, 1, 1]");
  p.args = {Datum(arrow::Scalar::Int64(2))};
  ExpectArray(EvaluateWindowFunction("ntile", p), Int64(), "[1, 1, 1, 2, 2]");
}

TEST(WindowEvaluators, OffsetsAndValues) {
  auto p = Partition();
  ExpectArray(EvaluateWindowFunction("lag", p), arrow::Int32(), "[null, 10, 20, 20, 30]");
  p.args.push_back(Datum(arrow::Scalar::Int64(2)));
  p.args.push_back(Datum(arrow::Scalar::Int64(-1)));
  ExpectArray(EvaluateWindowFunction("lead", p), Int64(), "[20, 30, 30, -1, -1]");
  p = Partition();
  ExpectArray(EvaluateWindowFunction("first_value", p), arrow::Int32(), "[10, 10, 10, 10, 10]");
  // Default frame ends at the current row's last peer.
  ExpectArray(EvaluateWindowFunction("last_value", p), arrow::Int32(), "[10, 20, 20, 30, 30]");
  p.args.push_back(Datum(arrow::Scalar::Int64(2)));
  ExpectArray(EvaluateWindowFunction("nth_value", p), arrow::Int32(), "[null, 20, 20, 20, 20]");
  p.whole_partition_frame = true;
  p.args.resize(1);
  ExpectArray(EvaluateWindowFunction("last_value", p), arrow::Int32(), "[30, 30, 30, 30, 30]");
}

}  // namespace
}  // namespace ballista::compute
