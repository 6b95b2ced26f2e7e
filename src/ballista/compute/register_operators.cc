// Operators as registry functions: arithmetic, comparison, boolean and null tests.

#include "ballista/compute/arithmetic.h"
#include "ballista/compute/boolean.h"
#include "ballista/compute/compare.h"
#include "ballista/compute/kernel_util.h"
#include "ballista/compute/registry.h"
#include "ballista/compute/type_coercion.h"

namespace ballista::compute {

using arrow::DataTypePtr;
using arrow::TypeId;

namespace {

void AddArithmetic(FunctionRegistry* r, const char* name, ArithmeticOp op, const char* verb) {
  const std::string sig = std::string("a ") + ArithmeticOpSymbol(op) + " b";
  r->AddScalar(std::make_unique<CallableScalarFunction>(
      name, sig, sig + " - " + verb,
      [name, op](const std::vector<DataTypePtr>& types) -> Result<ResolvedScalar> {
        RETURN_NOT_OK(internal::CheckArity(name, types, 2, 2));
        return ResolveArithmetic(op, types[0], types[1]);
      }));
}

void AddCompare(FunctionRegistry* r, const char* name, CompareOp op, const char* verb) {
  const std::string sig = std::string("a ") + CompareOpSymbol(op) + " b";
  r->AddScalar(std::make_unique<CallableScalarFunction>(
      name, sig, sig + " - " + verb,
      [name, op](const std::vector<DataTypePtr>& types) -> Result<ResolvedScalar> {
        RETURN_NOT_OK(internal::CheckArity(name, types, 2, 2));
        return ResolveCompare(op, types[0], types[1]);
      }));
}

Status CheckBooleanArg(const char* op, const DataTypePtr& t) {
  if (t->id() == TypeId::kBool || t->id() == TypeId::kNull) return Status::OK();
  return Status::TypeError(std::string("argument of ") + op + " must be BOOLEAN, not " +
                           SqlTypeName(t));
}

}  // namespace

void RegisterOperatorFunctions(FunctionRegistry* r) {
  AddArithmetic(r, "add", ArithmeticOp::kAdd, "Adds two numbers, or a date/timestamp and an interval");
  AddArithmetic(r, "subtract", ArithmeticOp::kSubtract,
                "Subtracts b from a (numbers, dates, timestamps, intervals)");
  AddArithmetic(r, "multiply", ArithmeticOp::kMultiply, "Multiplies two numbers");
  AddArithmetic(r, "divide", ArithmeticOp::kDivide,
                "Divides a by b (integer division for integers)");
  AddArithmetic(r, "modulo", ArithmeticOp::kModulo, "Remainder of a divided by b");
  r->AddScalar(std::make_unique<CallableScalarFunction>(
      "negate", "-a", "-a - Negates a number, interval or duration",
      [](const std::vector<DataTypePtr>& types) -> Result<ResolvedScalar> {
        RETURN_NOT_OK(internal::CheckArity("negate", types, 1, 1));
        return ResolveNegate(types[0]);
      }));

  AddCompare(r, "eq", CompareOp::kEq, "True when a equals b");
  AddCompare(r, "not_eq", CompareOp::kNotEq, "True when a differs from b");
  AddCompare(r, "lt", CompareOp::kLt, "True when a is less than b");
  AddCompare(r, "lt_eq", CompareOp::kLtEq, "True when a is at most b");
  AddCompare(r, "gt", CompareOp::kGt, "True when a is greater than b");
  AddCompare(r, "gt_eq", CompareOp::kGtEq, "True when a is at least b");

  r->AddScalar(std::make_unique<CallableScalarFunction>(
      "is_distinct_from", "a IS DISTINCT FROM b",
      "a IS DISTINCT FROM b - Inequality where NULL equals NULL; never NULL",
      [](const std::vector<DataTypePtr>& types) -> Result<ResolvedScalar> {
        RETURN_NOT_OK(internal::CheckArity("is_distinct_from", types, 2, 2));
        return ResolveDistinctFrom(true, types[0], types[1]);
      }));
  r->AddScalar(std::make_unique<CallableScalarFunction>(
      "is_not_distinct_from", "a IS NOT DISTINCT FROM b",
      "a IS NOT DISTINCT FROM b - Equality where NULL equals NULL; never NULL",
      [](const std::vector<DataTypePtr>& types) -> Result<ResolvedScalar> {
        RETURN_NOT_OK(internal::CheckArity("is_not_distinct_from", types, 2, 2));
        return ResolveDistinctFrom(false, types[0], types[1]);
      }));

  auto add_logic = [r](const char* name, const char* sig, const char* doc, bool is_and) {
    r->AddScalar(std::make_unique<CallableScalarFunction>(
        name, sig, std::string(sig) + " - " + doc,
        [name, is_and](const std::vector<DataTypePtr>& types) -> Result<ResolvedScalar> {
          RETURN_NOT_OK(internal::CheckArity(name, types, 2, 2));
          RETURN_NOT_OK(CheckBooleanArg(is_and ? "AND" : "OR", types[0]));
          RETURN_NOT_OK(CheckBooleanArg(is_and ? "AND" : "OR", types[1]));
          ScalarKernel k = [is_and](const std::vector<Datum>& args, int64_t,
                                    ExecContext* ctx) -> Result<Datum> {
            return is_and ? And(args[0], args[1], ctx) : Or(args[0], args[1], ctx);
          };
          return ResolvedScalar{{arrow::Boolean(), arrow::Boolean()}, arrow::Boolean(), k};
        }));
  };
  add_logic("and", "a AND b", "Logical AND (false wins over NULL)", true);
  add_logic("or", "a OR b", "Logical OR (true wins over NULL)", false);

  r->AddScalar(std::make_unique<CallableScalarFunction>(
      "not", "NOT a", "NOT a - Logical negation",
      [](const std::vector<DataTypePtr>& types) -> Result<ResolvedScalar> {
        RETURN_NOT_OK(internal::CheckArity("not", types, 1, 1));
        RETURN_NOT_OK(CheckBooleanArg("NOT", types[0]));
        ScalarKernel k = [](const std::vector<Datum>& args, int64_t, ExecContext* ctx) {
          return Not(args[0], ctx);
        };
        return ResolvedScalar{{arrow::Boolean()}, arrow::Boolean(), k};
      }));
  auto add_null_test = [r](const char* name, const char* sig, const char* doc, bool want_null) {
    r->AddScalar(std::make_unique<CallableScalarFunction>(
        name, sig, std::string(sig) + " - " + doc,
        [name, want_null](const std::vector<DataTypePtr>& types) -> Result<ResolvedScalar> {
          RETURN_NOT_OK(internal::CheckArity(name, types, 1, 1));
          ScalarKernel k = [want_null](const std::vector<Datum>& args, int64_t, ExecContext* ctx) {
            return want_null ? IsNull(args[0], ctx) : IsNotNull(args[0], ctx);
          };
          return ResolvedScalar{{types[0]}, arrow::Boolean(), k};
        }));
  };
  add_null_test("is_null", "a IS NULL", "True when a is NULL", true);
  add_null_test("is_not_null", "a IS NOT NULL", "True when a is not NULL", false);
}

}  // namespace ballista::compute
