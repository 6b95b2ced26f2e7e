// Runs the records of a sqllogictest file in DuckDB and prints each record's outcome as JSON, with
// query results rendered the way ballista-slt renders its own (see session/slt_runner.h): NULL,
// (empty), true/false, floating and decimal values to 12 significant digits without trailing
// zeros, timestamps as 'YYYY-MM-DD HH:MM:SS'. Usage: node duckdb_complete.mjs records.json
// where records.json is [{"sql": "...", "query": true, "types": "IT"}, ...].
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { render } from './slt_render.mjs';

const records = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
const out = [];
for (const record of records) {
  try {
    const reader = await conn.runAndReadAll(record.sql);
    if (!record.query) {
      out.push({ ok: true });
      continue;
    }
    const types = reader.columnTypes().map((t) => t.toString());
    const letters = record.types || '';
    const rows = reader.getRows().map((row) =>
      row.map((v, i) => render(v, types[i] || '', letters[i] || '?')).join(' '));
    out.push({ ok: true, rows });
  } catch (e) {
    out.push({ ok: false, error: String(e.message || e) });
  }
}
console.log(JSON.stringify(out));
