#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ballista/catalog/table_provider.h"
#include "ballista/logical/plan.h"

namespace ballista::dist {

/// Where one map task's output for one output partition lies (filled in by the scheduler when
/// the producing stage has finished).
struct ShufflePiece {
  std::string executor_id;
  std::string host;
  int flight_port = 0;
  std::string path;          ///< data file on that executor
  std::string job_id;
  int stage_id = 0;          ///< the producing stage
  int map_partition = 0;     ///< the producing task
  int output_partition = 0;
  int64_t offset = 0;        ///< byte range of this partition's IPC stream in the file
  int64_t length = 0;
  int64_t rows = 0;
};

/// Opens one piece as a stream of batches of the input stage's schema (local file or remote
/// fetch; the executor supplies it). May be called concurrently.
using ShufflePieceOpener = std::function<Result<arrow::RecordBatchReaderPtr>(const ShufflePiece&)>;

/// The leaf of a stage that reads an earlier stage's shuffle output. In the plan the scheduler
/// builds it names the input stage and how it is read; the scheduler fills in the pieces once
/// that stage has run; on the executor each task binds it to its partition (BindToTask), and
/// scanning yields one unit per piece so pieces are fetched in parallel.
class ShuffleReadTable final : public catalog::TableProvider {
 public:
  /// `read_all`: every task reads every partition (broadcast and single exchanges); otherwise
  /// task p reads output partition p.
  ShuffleReadTable(arrow::SchemaPtr schema, int input_stage, bool read_all, int input_partitions);

  arrow::SchemaPtr schema() const override { return schema_; }
  catalog::TableStatistics Statistics() const override;
  Result<std::vector<catalog::ScanUnitPtr>> PlanScan(const catalog::ScanRequest& request) const override;

  int input_stage() const { return input_stage_; }
  bool read_all() const { return read_all_; }
  /// Output partitions of the input stage.
  int input_partitions() const { return input_partitions_; }
  /// pieces()[p]: every map task's piece of output partition p.
  const std::vector<std::vector<ShufflePiece>>& pieces() const { return pieces_; }

  /// Which partitions each task reads when the scheduler coalesced small partitions: task t reads
  /// task_partitions()[t]; empty: task p reads partition p.
  const std::vector<std::vector<int>>& task_partitions() const { return task_partitions_; }

  /// A copy with the input stage's pieces known.
  std::shared_ptr<ShuffleReadTable> WithPieces(std::vector<std::vector<ShufflePiece>> pieces) const;
  /// A copy whose tasks read the given groups of partitions (not for read_all reads).
  std::shared_ptr<ShuffleReadTable> WithTaskPartitions(std::vector<std::vector<int>> task_partitions) const;
  /// A copy that reads only what task `task_partition` needs, opening pieces with `opener`.
  std::shared_ptr<ShuffleReadTable> BindToTask(int task_partition, ShufflePieceOpener opener) const;

 private:
  arrow::SchemaPtr schema_;
  int input_stage_;
  bool read_all_;
  int input_partitions_;
  std::vector<std::vector<ShufflePiece>> pieces_;
  std::vector<std::vector<int>> task_partitions_;
  int bound_partition_ = -1;  ///< -1: not bound to a task (scans read nothing)
  ShufflePieceOpener opener_;
};

/// `plan` with the provider of every shuffle read replaced by `replace(read)`; other nodes are
/// kept (and shared) as they are.
logical::LogicalPlanPtr RewriteShuffleReads(
    const logical::LogicalPlanPtr& plan,
    const std::function<catalog::TableProviderPtr(const ShuffleReadTable&)>& replace);

/// The table name stage plans show for a shuffle read: "stage_3".
std::string ShuffleTableName(int stage_id);

}  // namespace ballista::dist
