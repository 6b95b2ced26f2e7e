// Prints DuckDB's answers for the queries of a physical-layer test, in the row format the C++
// tests compare against ("v1|v2|...", NULL for nulls). Usage:
//   node duckdb_expected.mjs setup.sql queries.sql
// setup.sql creates the same tables as the test; queries.sql holds one query per line.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';

function cell(v) {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return String(v);
}

const [setupFile, queriesFile] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
await conn.run(readFileSync(setupFile, 'utf8'));
for (const line of readFileSync(queriesFile, 'utf8').split('\n')) {
  const sql = line.trim();
  if (!sql || sql.startsWith('--')) continue;
  const reader = await conn.runAndReadAll(sql);
  const rows = reader.getRows().map((r) => '"' + r.map(cell).join('|') + '"');
  console.log('// ' + sql);
  console.log('{' + rows.join(', ') + '}');
}
