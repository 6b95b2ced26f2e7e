#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ballista/arrow/array_data.h"
#include "ballista/arrow/type.h"
#include "ballista/common/memory_pool.h"
#include "ballista/common/result.h"
#include "ballista/compute/datum.h"

namespace ballista::compute {

/// What a kernel may use while it runs: the pool its output buffers come from.
struct ExecContext {
  MemoryPool* pool = DefaultMemoryPool();
};

/// A vectorized scalar kernel. `args` are already of the resolved argument types; arrays have
/// `num_rows` rows, scalars stand for every row. When every argument is a scalar the kernel may
/// return a scalar. Kernels are stateless and may be called concurrently.
using ScalarKernel = std::function<Result<Datum>(const std::vector<Datum>& args, int64_t num_rows,
                                                 ExecContext* ctx)>;

/// The outcome of resolving a scalar function for concrete argument types.
struct ResolvedScalar {
  /// The caller casts argument i to arg_types[i] first (a no-op when already equal).
  std::vector<arrow::DataTypePtr> arg_types;
  arrow::DataTypePtr return_type;
  ScalarKernel kernel;
};

/// A named scalar function (operators included: "add", "eq", "like", ...). Immutable after
/// registration; every method may be called concurrently.
class ScalarFunction {
 public:
  ScalarFunction(std::string name, std::string signature, std::string doc, bool is_volatile = false)
      : name_(std::move(name)), signature_(std::move(signature)), doc_(std::move(doc)),
        is_volatile_(is_volatile) {}
  /// Functions live in the registry for the life of the process.
  virtual ~ScalarFunction();

  const std::string& name() const { return name_; }
  /// "round(x [, digits])".
  const std::string& signature() const { return signature_; }
  /// "round(x [, digits]) - Rounds x to digits decimal places".
  const std::string& doc() const { return doc_; }
  /// random(), now(): must not be constant-folded or deduplicated.
  bool is_volatile() const { return is_volatile_; }

  /// Picks argument casts, the return type and the kernel for these argument types; a TypeError
  /// naming the function and the types when no overload fits.
  virtual Result<ResolvedScalar> Resolve(const std::vector<arrow::DataTypePtr>& arg_types) const = 0;

 private:
  std::string name_;
  std::string signature_;
  std::string doc_;
  bool is_volatile_;
};

/// Aggregation state for one aggregate call on one thread, vectorized over dense group ids
/// 0..total_groups-1 (a grand total uses group 0 of 1). Single-threaded: partial results of
/// several threads or nodes are combined through State() and Merge().
class GroupedAccumulator {
 public:
  virtual ~GroupedAccumulator();
  /// Adds rows: row i belongs to group_ids[i]. `total_groups` only grows between calls. `args`
  /// are of the resolved argument types (count(*) gets no arguments).
  virtual Status Update(const std::vector<Datum>& args, const uint32_t* group_ids, int64_t num_rows,
                        uint32_t total_groups) = 0;
  /// Adds partial states (arrays shaped like State(), one row per partial group): row i merges
  /// into group_ids[i].
  virtual Status Merge(const std::vector<std::shared_ptr<arrow::ArrayData>>& states,
                       const uint32_t* group_ids, int64_t num_rows, uint32_t total_groups) = 0;
  /// The partial state, one row per group, one array per ResolvedAggregate::state_fields entry.
  virtual Result<std::vector<std::shared_ptr<arrow::ArrayData>>> State() = 0;
  /// The final value, one row per group, of the resolved return type.
  virtual Result<std::shared_ptr<arrow::ArrayData>> Finalize() = 0;
  /// Bytes held (for memory accounting and spilling decisions).
  virtual int64_t MemoryUsage() const = 0;
};

/// The outcome of resolving an aggregate function for concrete argument types.
struct ResolvedAggregate {
  std::vector<arrow::DataTypePtr> arg_types;
  arrow::DataTypePtr return_type;
  /// The columns of the partial state (two-phase and distributed aggregation).
  std::vector<arrow::FieldPtr> state_fields;
  /// Makes a fresh accumulator; may be called concurrently.
  std::function<std::unique_ptr<GroupedAccumulator>()> make_accumulator;
};

/// A named aggregate function. Immutable after registration; thread-safe.
class AggregateFunction {
 public:
  AggregateFunction(std::string name, std::string signature, std::string doc)
      : name_(std::move(name)), signature_(std::move(signature)), doc_(std::move(doc)) {}
  /// Functions live in the registry for the life of the process.
  virtual ~AggregateFunction();
  const std::string& name() const { return name_; }
  const std::string& signature() const { return signature_; }
  const std::string& doc() const { return doc_; }
  /// Argument casts, return type, state shape and accumulator factory for these argument types;
  /// `distinct` is the DISTINCT flag of the call. TypeError when no overload fits.
  virtual Result<ResolvedAggregate> Resolve(const std::vector<arrow::DataTypePtr>& arg_types,
                                            bool distinct) const = 0;

 private:
  std::string name_;
  std::string signature_;
  std::string doc_;
};

/// A window-only function (row_number, rank, lag, ...). Evaluation belongs to the window
/// operator (see window_functions.h for the evaluators). Immutable; thread-safe.
class WindowFunction {
 public:
  WindowFunction(std::string name, std::string signature, std::string doc)
      : name_(std::move(name)), signature_(std::move(signature)), doc_(std::move(doc)) {}
  /// Functions live in the registry for the life of the process.
  virtual ~WindowFunction();
  const std::string& name() const { return name_; }
  const std::string& signature() const { return signature_; }
  const std::string& doc() const { return doc_; }
  /// The result type for these argument types; TypeError when they do not fit.
  virtual Result<arrow::DataTypePtr> ReturnType(
      const std::vector<arrow::DataTypePtr>& arg_types) const = 0;

 private:
  std::string name_;
  std::string signature_;
  std::string doc_;
};

/// Resolvers as callables, so most built-ins need no class of their own.
using ScalarResolver =
    std::function<Result<ResolvedScalar>(const std::vector<arrow::DataTypePtr>& arg_types)>;
using AggregateResolver = std::function<Result<ResolvedAggregate>(
    const std::vector<arrow::DataTypePtr>& arg_types, bool distinct)>;
using WindowResolver =
    std::function<Result<arrow::DataTypePtr>(const std::vector<arrow::DataTypePtr>& arg_types)>;

/// A ScalarFunction whose Resolve is a callable.
class CallableScalarFunction final : public ScalarFunction {
 public:
  CallableScalarFunction(std::string name, std::string signature, std::string doc,
                         ScalarResolver resolver, bool is_volatile = false)
      : ScalarFunction(std::move(name), std::move(signature), std::move(doc), is_volatile),
        resolver_(std::move(resolver)) {}
  /// Calls the resolver.
  Result<ResolvedScalar> Resolve(const std::vector<arrow::DataTypePtr>& arg_types) const override {
    return resolver_(arg_types);
  }

 private:
  ScalarResolver resolver_;
};

/// An AggregateFunction whose Resolve is a callable.
class CallableAggregateFunction final : public AggregateFunction {
 public:
  CallableAggregateFunction(std::string name, std::string signature, std::string doc,
                            AggregateResolver resolver)
      : AggregateFunction(std::move(name), std::move(signature), std::move(doc)),
        resolver_(std::move(resolver)) {}
  /// Calls the resolver.
  Result<ResolvedAggregate> Resolve(const std::vector<arrow::DataTypePtr>& arg_types,
                                    bool distinct) const override {
    return resolver_(arg_types, distinct);
  }

 private:
  AggregateResolver resolver_;
};

/// A WindowFunction whose ReturnType is a callable.
class CallableWindowFunction final : public WindowFunction {
 public:
  CallableWindowFunction(std::string name, std::string signature, std::string doc,
                         WindowResolver resolver)
      : WindowFunction(std::move(name), std::move(signature), std::move(doc)),
        resolver_(std::move(resolver)) {}
  /// Calls the resolver.
  Result<arrow::DataTypePtr> ReturnType(
      const std::vector<arrow::DataTypePtr>& arg_types) const override {
    return resolver_(arg_types);
  }

 private:
  WindowResolver resolver_;
};

/// Runs a resolved scalar function over arguments that are not yet of its argument types:
/// casts each argument (see cast.h), then calls the kernel. Convenience for tests and constant
/// folding.
Result<Datum> CallResolved(const ResolvedScalar& resolved, const std::vector<Datum>& args,
                           int64_t num_rows, ExecContext* ctx = nullptr);

}  // namespace ballista::compute
