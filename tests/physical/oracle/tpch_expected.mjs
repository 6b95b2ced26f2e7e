// Prints DuckDB's answers to the 22 TPC-H queries (bench/tpch/queries) over the sf0.01 dbgen
// files, with the column types of tests/physical/tpch_test.cc, as C++ initializers.
// Usage: node tpch_expected.mjs /work/shared/testdata/tpch/sf0.01-dbgen
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2];
const money = 'decimal(15,2)';
const tables = {
  nation: ['n_nationkey integer', 'n_name varchar', 'n_regionkey integer', 'n_comment varchar'],
  region: ['r_regionkey integer', 'r_name varchar', 'r_comment varchar'],
  part: ['p_partkey bigint', 'p_name varchar', 'p_mfgr varchar', 'p_brand varchar', 'p_type varchar',
         'p_size integer', 'p_container varchar', `p_retailprice ${money}`, 'p_comment varchar'],
  supplier: ['s_suppkey bigint', 's_name varchar', 's_address varchar', 's_nationkey integer',
             's_phone varchar', `s_acctbal ${money}`, 's_comment varchar'],
  partsupp: ['ps_partkey bigint', 'ps_suppkey bigint', 'ps_availqty integer', `ps_supplycost ${money}`,
             'ps_comment varchar'],
  customer: ['c_custkey bigint', 'c_name varchar', 'c_address varchar', 'c_nationkey integer',
             'c_phone varchar', `c_acctbal ${money}`, 'c_mktsegment varchar', 'c_comment varchar'],
  orders: ['o_orderkey bigint', 'o_custkey bigint', 'o_orderstatus varchar', `o_totalprice ${money}`,
           'o_orderdate date', 'o_orderpriority varchar', 'o_clerk varchar', 'o_shippriority integer',
           'o_comment varchar'],
  lineitem: ['l_orderkey bigint', 'l_partkey bigint', 'l_suppkey bigint', 'l_linenumber integer',
             `l_quantity ${money}`, `l_extendedprice ${money}`, `l_discount ${money}`, `l_tax ${money}`,
             'l_returnflag varchar', 'l_linestatus varchar', 'l_shipdate date', 'l_commitdate date',
             'l_receiptdate date', 'l_shipinstruct varchar', 'l_shipmode varchar', 'l_comment varchar'],
};
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
for (const [name, cols] of Object.entries(tables)) {
  const columns = cols.map((c) => { const [n, ...t] = c.split(' '); return `'${n}': '${t.join(' ')}'`; });
  columns.push(`'_pad': 'varchar'`);
  await conn.run(`create table ${name} as select * exclude (_pad) from read_csv('${join(dir, name + '.tbl')}', ` +
                 `delim='|', header=false, columns={${columns.join(', ')}})`);
}
function cell(v) {
  if (v === null || v === undefined) return 'NULL';
  return String(v);
}
for (let n = 1; n <= 22; n++) {
  const sql = readFileSync(join(here, `../../../bench/tpch/queries/q${n}.sql`), 'utf8');
  const reader = await conn.runAndReadAll(sql);
  const rows = reader.getRows().map((r) => '"' + r.map(cell).join('|') + '"');
  console.log(`// Q${n}: ${rows.length} rows`);
  console.log(`{${n}, {${rows.join(',\n ')}}},`);
}
