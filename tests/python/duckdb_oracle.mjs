// The independent oracle of the Python tests: runs SQL in DuckDB and prints the answers as JSON.
// Usage: node duckdb_oracle.mjs REQUEST.json, where REQUEST.json is
//   {"setup": ["CREATE TABLE ...", ...], "queries": ["SELECT ...", ...]}
// Prints [{"columns": [...], "rows": [[...], ...]} | {"error": "..."}, ...], one per query. Values:
// null, booleans, numbers (DOUBLE, INTEGER), strings; BIGINT and HUGEINT as decimal strings (no
// precision loss); DECIMAL, DATE and other DuckDB values as their text form ("12.50", "2024-01-02").
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';

function plain(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return String(value);
}

const request = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
await conn.run('SET threads = 1');
for (const sql of request.setup || []) {
  await conn.run(sql);
}
const answers = [];
for (const sql of request.queries) {
  try {
    const reader = await conn.runAndReadAll(sql);
    answers.push({ columns: reader.columnNames(), rows: reader.getRows().map((row) => row.map(plain)) });
  } catch (e) {
    answers.push({ error: String(e.message || e) });
  }
}
console.log(JSON.stringify(answers));
