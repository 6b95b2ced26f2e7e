// libFuzzer target for the SQL lexer, parser and printer. Not built by CMake (it needs clang's
// -fsanitize=fuzzer); build and run it with:
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -I src \
//     tests/fuzz/sql_parser_fuzz.cc src/ballista/sql/*.cc src/ballista/common/status.cc \
//     -o /tmp/sql_fuzz && /tmp/sql_fuzz -max_total_time=60 -max_len=4096
// Properties checked on every input: parsing never crashes, and whatever parses prints to SQL
// that parses again to an equal tree which prints to the same text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ballista/sql/parser.h"
#include "ballista/sql/sql_printer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view sql(reinterpret_cast<const char*>(data), size);
  auto parsed = ballista::sql::ParseStatements(sql);
  if (!parsed.ok()) return 0;
  for (const auto& statement : *parsed) {
    std::string printed = ballista::sql::ToSql(*statement);
    auto reparsed = ballista::sql::ParseStatement(printed);
    if (!reparsed.ok()) __builtin_trap();
    if (!statement->Equals(**reparsed)) __builtin_trap();
    if (ballista::sql::ToSql(**reparsed) != printed) __builtin_trap();
    auto copy = statement->Clone();
    if (!copy->Equals(*statement)) __builtin_trap();
  }
  return 0;
}
