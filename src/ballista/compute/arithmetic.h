#pragma once

#include "ballista/compute/datum.h"
#include "ballista/compute/function.h"

namespace ballista::compute {

enum class ArithmeticOp { kAdd, kSubtract, kMultiply, kDivide, kModulo };

/// "+", "-", "*", "/", "%".
const char* ArithmeticOpSymbol(ArithmeticOp op);

/// Argument casts, result type and kernel of `a op b` (PostgreSQL/DataFusion rules): integers
/// widen to their common type and stay integers (integer division truncates); integer with float
/// -> DOUBLE; decimals (integers join as DECIMAL(p,0)) give add/subtract
/// DECIMAL(max(p1-s1,p2-s2)+max(s1,s2)+1, max(s1,s2)), multiply DECIMAL(p1+p2+1, s1+s2), divide
/// scale max(6, s1+p2+1) and precision p1-s1+s2+scale, modulo DECIMAL(min(p1-s1,p2-s2)+max(s1,s2),
/// max(s1,s2)), all capped at 38; DATE +/- INTEGER -> DATE; DATE - DATE -> INTEGER days;
/// DATE/TIMESTAMP +/- INTERVAL -> the same type; TIMESTAMP - TIMESTAMP -> INTERVAL;
/// INTERVAL +/- INTERVAL; INTERVAL * INTEGER; TIMESTAMP/DURATION +/- DURATION. TypeError
/// `cannot apply operator + to VARCHAR and INTEGER` otherwise. Kernels fail with
/// `integer overflow in add`, `decimal overflow in multiply` or `division by zero`.
Result<ResolvedScalar> ResolveArithmetic(ArithmeticOp op, const arrow::DataTypePtr& a,
                                         const arrow::DataTypePtr& b);

/// Resolves, casts and evaluates `a op b` (a convenience over ResolveArithmetic).
Result<Datum> Arithmetic(ArithmeticOp op, const Datum& a, const Datum& b, ExecContext* ctx = nullptr);
Result<Datum> Add(const Datum& a, const Datum& b, ExecContext* ctx = nullptr);
Result<Datum> Subtract(const Datum& a, const Datum& b, ExecContext* ctx = nullptr);
Result<Datum> Multiply(const Datum& a, const Datum& b, ExecContext* ctx = nullptr);
Result<Datum> Divide(const Datum& a, const Datum& b, ExecContext* ctx = nullptr);
Result<Datum> Modulo(const Datum& a, const Datum& b, ExecContext* ctx = nullptr);

/// Unary minus of a number, decimal, interval or duration (`integer overflow in negate`).
Result<ResolvedScalar> ResolveNegate(const arrow::DataTypePtr& a);
Result<Datum> Negate(const Datum& a, ExecContext* ctx = nullptr);

}  // namespace ballista::compute
