// Joins the JSON results of compare.sh (duckdb.json, local.json, standalone.json, cluster.json
// in RESULTS_DIR) into one Markdown table, prints it and writes it to OUT_MD with the date,
// commit and machine. Usage: node compare_table.mjs RESULTS_DIR SF THREADS ITERATIONS OUT_MD
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, sf, threads, iterations, outFile] = process.argv.slice(2);
const load = (name) => JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));
const duck = load('duckdb');
const runs = { local: load('local'), standalone: load('standalone'), cluster: load('cluster') };
const byQuery = (report) => new Map(report.queries.map((q) => [q.query, q]));
const duckQ = byQuery(duck);
const ours = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, byQuery(v)]));

const ms = (q) => (q && !q.error ? q.median_ms : null);
const fmt = (x) => (x === null ? 'failed' : x.toFixed(1));
const ratio = (a, b) => (a === null || b === null || b === 0 ? '-' : (a / b).toFixed(2));
const lines = [
  '| query | DuckDB ms | local ms | standalone ms | cluster ms | local / DuckDB | standalone / DuckDB | cluster / DuckDB |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
];
const totals = { duck: 0, local: 0, standalone: 0, cluster: 0 };
for (let n = 1; n <= 22; n++) {
  const d = ms(duckQ.get(n));
  const row = [d, ms(ours.local.get(n)), ms(ours.standalone.get(n)), ms(ours.cluster.get(n))];
  totals.duck += d ?? 0;
  totals.local += row[1] ?? 0;
  totals.standalone += row[2] ?? 0;
  totals.cluster += row[3] ?? 0;
  lines.push(`| Q${n} | ${row.map(fmt).join(' | ')} | ${ratio(row[1], d)} | ${ratio(row[2], d)} | ${ratio(row[3], d)} |`);
}
lines.push(`| total | ${[totals.duck, totals.local, totals.standalone, totals.cluster].map(fmt).join(' | ')} | ` +
  `${ratio(totals.local, totals.duck)} | ${ratio(totals.standalone, totals.duck)} | ${ratio(totals.cluster, totals.duck)} |`);
const table = lines.join('\n');
console.log(table);

const m = runs.local.machine;
const doc = `# Benchmarks

TPC-H at scale factor ${sf}, Parquet files written by \`ballista-tpch gen --format parquet\`, read by
both engines on every query. Median of ${iterations} runs per query, in milliseconds, from submitting
the SQL to holding every result batch. Measured in one run of \`bash bench/tpch/compare.sh ${sf} ${iterations}\`
on the same machine, with the same files and ${threads} threads for each engine (the cluster has 2
executor processes with half of them each).

- date: ${runs.local.date}
- commit: ${runs.local.git_commit}
- machine: ${m.cpu}, ${m.cores} cores (host ${m.hostname})
- DuckDB: npm @duckdb/node-api, \`SET threads = ${threads}\`, views over \`read_parquet\`

${table}

Ratios above 1 mean this engine is slower than DuckDB.
`;
// Hand-written sections of an existing file (from its first "## " heading on) are kept.
let kept = '';
if (existsSync(outFile)) {
  const old = readFileSync(outFile, 'utf8');
  const at = old.search(/^## /m);
  if (at >= 0) kept = '\n' + old.slice(at);
}
writeFileSync(outFile, doc + kept);
console.error(`wrote ${outFile}`);
