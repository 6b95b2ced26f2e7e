#include "ballista/common/status.h"

#include <gtest/gtest.h>

#include "ballista/common/result.h"

namespace ballista {
namespace {

Result<int> ParsePositive(int v) {
  if (v <= 0) return Status::InvalidArgument("value must be positive, got " + std::to_string(v));
  return v;
}

Result<int> DoubledPositive(int v) {
  ASSIGN_OR_RAISE(int x, ParsePositive(v));
  return x * 2;
}

Status CheckBoth(int a, int b) {
  RETURN_NOT_OK(ParsePositive(a));
  RETURN_NOT_OK(ParsePositive(b).status());
  return Status::OK();
}

TEST(StatusTest, OkHasNoMessage) {
  Status st;
  EXPECT_TRUE(st.ok());
  EXPECT_EQ(st.code(), StatusCode::kOk);
  EXPECT_EQ(st.ToString(), "OK");
  EXPECT_FALSE(st.IsUserError());
}

TEST(StatusTest, ErrorCarriesKindAndMessage) {
  Status st = Status::SyntaxError("line 1, column 8: expected ')'");
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(st.code(), StatusCode::kSyntaxError);
  EXPECT_EQ(st.ToString(), "Syntax error: line 1, column 8: expected ')'");
  EXPECT_TRUE(st.IsUserError());
  EXPECT_FALSE(Status::Internal("bug").IsUserError());
}

TEST(StatusTest, CopyIsDeep) {
  Status a = Status::IOError("disk");
  Status b = a;
  a = Status::OK();
  EXPECT_EQ(b.message(), "disk");
  EXPECT_TRUE(a.ok());
}

TEST(StatusTest, WithContextPrefixesPlace) {
  Status st = Status::InvalidData("expected 7 fields, found 6").WithContext("trips.csv:1048");
  EXPECT_EQ(st.message(), "trips.csv:1048: expected 7 fields, found 6");
  EXPECT_EQ(st.code(), StatusCode::kInvalidData);
  EXPECT_TRUE(Status::OK().WithContext("x").ok());
}

TEST(StatusTest, CodesMapToSqlStateAndGrpc) {
  EXPECT_EQ(StatusCodeSqlState(StatusCode::kSyntaxError), "42601");
  EXPECT_EQ(StatusCodeSqlState(StatusCode::kCancelled), "57014");
  EXPECT_EQ(StatusCodeToGrpc(StatusCode::kSyntaxError), 3);   // INVALID_ARGUMENT
  EXPECT_EQ(StatusCodeToGrpc(StatusCode::kNotFound), 5);      // NOT_FOUND
  EXPECT_EQ(StatusCodeToGrpc(StatusCode::kResourcesExhausted), 8);
  EXPECT_EQ(StatusCodeToGrpc(StatusCode::kInternal), 13);
}

TEST(ResultTest, ValueAndErrorPropagate) {
  auto ok = DoubledPositive(21);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 42);
  auto bad = DoubledPositive(-1);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message(), "value must be positive, got -1");
  EXPECT_TRUE(CheckBoth(1, 2).ok());
  EXPECT_EQ(CheckBoth(1, 0).message(), "value must be positive, got 0");
}

TEST(ResultTest, OkStatusBecomesInternalError) {
  Result<int> r(Status::OK());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
}

TEST(ResultTest, MoveOnlyValues) {
  Result<std::unique_ptr<int>> r(std::make_unique<int>(7));
  ASSERT_TRUE(r.ok());
  std::unique_ptr<int> p = std::move(r).MoveValueUnsafe();
  EXPECT_EQ(*p, 7);
}

}  // namespace
}  // namespace ballista
