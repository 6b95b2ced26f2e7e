// SQL on a running cluster:
//   ballista-scheduler &  ballista-executor -c 4 &
//   remote-sql [df://localhost:50050] [SQL]
#include <iostream>

#include "ballista/client/session_context.h"

int main(int argc, char** argv) {
  std::string url = argc > 1 ? argv[1] : "df://localhost:50050";
  std::string sql = argc > 2 ? argv[2]
                             : "SELECT x % 3 AS k, count(*) AS n, sum(x) AS total FROM generate_series(1, 1000000) t(x) "
                               "GROUP BY k ORDER BY k";
  auto ctx = ballista::SessionContext::Remote(url);
  if (!ctx.ok()) {
    std::cerr << "Error: " << ctx.status().message() << "\n";
    return 1;
  }
  auto frame = ctx->Sql(sql);
  ballista::Status st = frame.ok() ? frame->Show(std::cout) : frame.status();
  if (!st.ok()) {
    std::cerr << "Error: " << st.message() << "\n";
    return 1;
  }
  return 0;
}
