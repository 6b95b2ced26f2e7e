// The eight TPC-H tables with the column types every engine here reads them with (the same as
// src/ballista/tpch/schema.h), shared by the DuckDB scripts and the Node test clients.

/** Table name -> "col TYPE, col TYPE, ..." (a CREATE TABLE column list). */
export const tpchColumns = {
  nation: 'n_nationkey INTEGER, n_name VARCHAR, n_regionkey INTEGER, n_comment VARCHAR',
  region: 'r_regionkey INTEGER, r_name VARCHAR, r_comment VARCHAR',
  part: 'p_partkey BIGINT, p_name VARCHAR, p_mfgr VARCHAR, p_brand VARCHAR, p_type VARCHAR, p_size INTEGER, p_container VARCHAR, p_retailprice DECIMAL(15,2), p_comment VARCHAR',
  supplier: 's_suppkey BIGINT, s_name VARCHAR, s_address VARCHAR, s_nationkey INTEGER, s_phone VARCHAR, s_acctbal DECIMAL(15,2), s_comment VARCHAR',
  partsupp: 'ps_partkey BIGINT, ps_suppkey BIGINT, ps_availqty INTEGER, ps_supplycost DECIMAL(15,2), ps_comment VARCHAR',
  customer: 'c_custkey BIGINT, c_name VARCHAR, c_address VARCHAR, c_nationkey INTEGER, c_phone VARCHAR, c_acctbal DECIMAL(15,2), c_mktsegment VARCHAR, c_comment VARCHAR',
  orders: 'o_orderkey BIGINT, o_custkey BIGINT, o_orderstatus VARCHAR, o_totalprice DECIMAL(15,2), o_orderdate DATE, o_orderpriority VARCHAR, o_clerk VARCHAR, o_shippriority INTEGER, o_comment VARCHAR',
  lineitem: 'l_orderkey BIGINT, l_partkey BIGINT, l_suppkey BIGINT, l_linenumber INTEGER, l_quantity DECIMAL(15,2), l_extendedprice DECIMAL(15,2), l_discount DECIMAL(15,2), l_tax DECIMAL(15,2), l_returnflag VARCHAR, l_linestatus VARCHAR, l_shipdate DATE, l_commitdate DATE, l_receiptdate DATE, l_shipinstruct VARCHAR, l_shipmode VARCHAR, l_comment VARCHAR',
};

/** DuckDB's read_csv `columns={...}` argument for `table`. */
export function readCsvColumns(table) {
  const cols = tpchColumns[table].split(', ').map((c) => {
    const i = c.indexOf(' ');
    return `'${c.slice(0, i)}': '${c.slice(i + 1)}'`;
  });
  return `{${cols.join(', ')}}`;
}

/** A DuckDB statement creating `table` from dbgen's `dir`/<table>.tbl. */
export function createFromTbl(dir, table) {
  return `CREATE TABLE ${table} AS SELECT * FROM read_csv('${dir}/${table}.tbl', delim='|', header=false, columns=${readCsvColumns(table)})`;
}
