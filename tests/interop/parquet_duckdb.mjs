// DuckDB side of the Parquet interop tests (tests/formats/parquet/duckdb_interop_test.cc).
//   node parquet_duckdb.mjs query <sql-file>   runs the SQL, prints one JSON array per row:
//                                              null for NULL, numbers as JSON numbers (non-finite
//                                              ones as the strings "NaN", "Infinity",
//                                              "-Infinity"), everything else as its text.
//   node parquet_duckdb.mjs exec <sql-file>    runs the SQL (e.g. COPY ... TO), prints "ok".
// Single-threaded (SET threads=1) so results and timings are reproducible.
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [mode, sqlFile] = process.argv.slice(2);
const sql = readFileSync(sqlFile, 'utf8');
const con = await (await DuckDBInstance.create(':memory:')).connect();
await con.run('SET threads=1');
if (mode === 'exec') {
  await con.run(sql);
  console.log('ok');
} else if (mode === 'query') {
  const reader = await con.runAndReadAll(sql);
  const lines = [];
  for (const row of reader.getRows()) {
    lines.push(JSON.stringify(row.map((v) => {
      if (v === null) return null;
      if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
      if (typeof v === 'bigint') return v.toString();
      return String(v);
    })));
  }
  process.stdout.write(lines.join('\n') + (lines.length ? '\n' : ''));
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
