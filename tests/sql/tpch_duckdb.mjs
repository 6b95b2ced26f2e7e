// Prints DuckDB's answers to the TPC-H queries over the dbgen .tbl files of a folder, one JSON
// array of rendered rows per query (the rendering of duckdb_complete.mjs). The C++ TPC-H test
// compares the engine's results against these. Usage:
//   node tpch_duckdb.mjs DATA_DIR QUERIES.json      (QUERIES.json: an array of SQL strings)
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { createFromTbl, tpchColumns } from '../../bench/tpch/tables.mjs';
import { render } from './slt_render.mjs';


const [dir, queriesFile] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
await conn.run("SET threads = 1");
for (const table of Object.keys(tpchColumns)) await conn.run(createFromTbl(dir, table));
const out = [];
for (const sql of JSON.parse(readFileSync(queriesFile, 'utf8'))) {
  const reader = await conn.runAndReadAll(sql);
  const types = reader.columnTypes().map((t) => t.toString());
  out.push(reader.getRows().map((row) => row.map((v, i) => render(v, types[i])).join(' ')));
}
console.log(JSON.stringify(out));
