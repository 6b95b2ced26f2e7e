#pragma once

// The tables of oracle/tables.sql (the DuckDB side of these tests), as memory tables.

#include "physical_test_util.h"

namespace ballista::physical::testing {

class OperatorTest : public SqlTest {
 protected:
  void SetUp() override {
    AddTable("t", {{"a", a::Int32(), "[1, 2, 3, 4, 5, null, 2]"},
                   {"b", a::Utf8(), R"(["x", "y", "x", null, "z", "y", "x"])"},
                   {"c", a::Float64(), "[1.5, 2.5, null, 4.0, 5.5, 6.0, -1.0]"}});
    AddTable("l", {{"k", a::Int32(), "[1, 2, 2, 3, null, 5]"},
                   {"v", a::Utf8(), R"(["l1", "l2", "l2b", "l3", "lnull", "l5"])"}});
    AddTable("r", {{"k", a::Int32(), "[2, 2, 3, 4, null]"},
                   {"w", a::Utf8(), R"(["r2", "r2b", "r3", "r4", "rnull"])"}},
             2);
    AddTable("n1", {{"x", a::Int32(), "[1, 2, null, 4]"}});
    AddTable("n2", {{"y", a::Int32(), "[2, 3]"}});
    AddTable("n3", {{"y", a::Int32(), "[2, null]"}});
    AddTable("emp", {{"dept", a::Utf8(), R"(["eng", "eng", "eng", "ops", "ops", "hr", "eng"])"},
                     {"name", a::Utf8(), R"(["ann", "bob", "cid", "dan", "eve", "fay", "gus"])"},
                     {"salary", a::Int32(), "[100, 120, 120, 90, null, 70, 80]"}});
    AddTable("sales", {{"region", a::Utf8(), R"(["east", "east", "west", "west", null, "east"])"},
                       {"product", a::Utf8(), R"(["a", "b", "a", null, "b", "a"])"},
                       {"amount", a::Int32(), "[10, 20, 30, 40, 50, 5]"}});
  }
};

}  // namespace ballista::physical::testing
