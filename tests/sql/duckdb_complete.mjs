// Runs the records of a sqllogictest file in DuckDB and prints each record's outcome as JSON, with
// query results rendered the way ballista-slt renders its own (see session/slt_runner.h): NULL,
// (empty), true/false, floating and decimal values to 12 significant digits without trailing
// zeros, timestamps as 'YYYY-MM-DD HH:MM:SS'. Usage: node duckdb_complete.mjs records.json
// where records.json is [{"sql": "...", "query": true, "types": "IT"}, ...].
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';

function g12(x) {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return '0';
  const exponent = Math.floor(Math.log10(Math.abs(Number(x.toPrecision(12)))));
  if (exponent < -4 || exponent >= 12) {
    let [mantissa, exp] = x.toExponential(11).split('e');
    if (mantissa.includes('.')) mantissa = mantissa.replace(/0+$/, '').replace(/\.$/, '');
    const sign = exp[0] === '-' ? '-' : '+';
    let digits = exp.replace(/^[+-]/, '');
    if (digits.length < 2) digits = '0' + digits;
    return mantissa + 'e' + sign + digits;
  }
  let s = x.toFixed(Math.max(0, 11 - exponent));
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s;
}

function render(value, typeName, letter) {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = String(value);
  const numeric = /^(DOUBLE|FLOAT|REAL|DECIMAL)/.test(typeName);
  if (letter === 'R' || numeric) {
    const n = Number(text);
    if (!Number.isNaN(n) || text === 'NaN') return g12(n);
  }
  if (/^TIMESTAMP/.test(typeName)) return text.replace('T', ' ').replace(/Z$/, '').replace(/\+00$/, '');
  if (text === '') return '(empty)';
  return text;
}

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
