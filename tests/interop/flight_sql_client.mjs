// Arrow Flight SQL interop: a client built only on standard parts (@grpc/grpc-js +
// @grpc/proto-loader over proto/flight.proto, protobufjs over proto/flight_sql.proto, apache-arrow
// to decode and encode Arrow IPC) talks Flight SQL to a scheduler of a real cluster, and checks
// every answer against DuckDB (@duckdb/node-api) on the same files or against literals.
//
//   node tests/interop/flight_sql_client.mjs HOST PORT USER PASSWORD TPCH_DIR QUERIES.json HTTP_PORT
//
// Checks, in order: a wrong password and a call without credentials are UNAUTHENTICATED;
// Handshake with basic credentials returns a bearer token; the TPC-H tables are created with
// CommandStatementUpdate (DoPut); INSERT reports its row count; the metadata commands answer with
// the specification's schemas; bad SQL is INVALID_ARGUMENT naming the error's position; prepared
// statements with bound parameters give DuckDB's rows; CancelFlightInfo of a finished query is
// NOT_CANCELLABLE (also through the CancelQuery action); a client that gives up on GetFlightInfo
// gets its job cancelled, and so does CancelFlightInfo of a running query's PollFlightInfo answer
// (both seen in the scheduler's REST API on HTTP_PORT: the job cancelled, every vcore free);
// a query polled to the end gives DuckDB's answer; the 22 TPC-H queries give DuckDB's answers (numbers to 1e-6 relative).
// With USER "-" the scheduler runs without authentication and only a short open-server check
// runs. Prints one line per check; exits 1 when any check failed, 2 on a setup failure.

import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as A from 'apache-arrow';
import { DuckDBInstance } from '@duckdb/node-api';
import { createFromTbl, tpchColumns } from '../../bench/tpch/tables.mjs';
import { g12, render } from '../sql/slt_render.mjs';

const require = createRequire(import.meta.url);
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const [host, port, user, password, tpchDir, queriesFile, httpPort] = process.argv.slice(2);
const DEADLINE_MS = 120000;

// ---- protocol plumbing ----

const flightDefinition = protoLoader.loadSync(path.join(root, 'proto', 'flight.proto'), {
  keepCase: true, longs: String, defaults: true,
});
const flight = grpc.loadPackageDefinition(flightDefinition).arrow.flight.protocol;
const sqlRoot = protobuf.loadSync(path.join(root, 'proto', 'flight_sql.proto'));
const flightRoot = protobuf.loadSync(path.join(root, 'proto', 'flight.proto'));
const sqlType = (name) => sqlRoot.lookupType(`arrow.flight.protocol.sql.${name}`);
const flightType = (name) => flightRoot.lookupType(`arrow.flight.protocol.${name}`);

/** A Flight SQL command packed in google.protobuf.Any. */
function pack(name, fields) {
  const type = sqlType(name);
  const value = type.encode(type.create(fields)).finish();
  return protobuf.Writer.create()
    .uint32(10).string(`type.googleapis.com/arrow.flight.protocol.sql.${name}`)
    .uint32(18).bytes(value)
    .finish();
}

function unpack(bytes) {
  const reader = protobuf.Reader.create(bytes);
  let url = '';
  let value = new Uint8Array();
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 === 1) url = reader.string();
    else if (tag >>> 3 === 2) value = reader.bytes();
    else reader.skipType(tag & 7);
  }
  const name = url.slice(url.lastIndexOf('.') + 1);
  return { name, message: sqlType(name).decode(value) };
}

const client = new flight.FlightService(`${host}:${port}`, grpc.credentials.createInsecure(), {
  'grpc.max_receive_message_length': -1,
});
let bearer = null;

function metadata() {
  const m = new grpc.Metadata();
  if (bearer) m.set('authorization', bearer);
  return m;
}
const options = () => ({ deadline: Date.now() + DEADLINE_MS });

function unary(method, request, md = metadata()) {
  return new Promise((resolve, reject) => {
    client[method](request, md, options(), (err, response) => (err ? reject(err) : resolve(response)));
  });
}

function serverStream(method, request, md = metadata()) {
  return new Promise((resolve, reject) => {
    const out = [];
    const call = client[method](request, md, options());
    call.on('data', (d) => out.push(d));
    call.on('error', reject);
    call.on('end', () => resolve(out));
  });
}

/** FlightData messages back into an IPC stream that apache-arrow reads. */
function frame(header, body) {
  const padded = (header.length + 7) & ~7;
  const out = Buffer.alloc(8 + padded + body.length);
  out.writeUInt32LE(0xffffffff, 0);
  out.writeInt32LE(padded, 4);
  Buffer.from(header).copy(out, 8);
  Buffer.from(body).copy(out, 8 + padded);
  return out;
}

function tableFromFlightData(messages) {
  const pieces = messages.filter((d) => d.data_header.length > 0).map((d) => frame(d.data_header, d.data_body));
  const eos = Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);
  return A.tableFromIPC(new Uint8Array(Buffer.concat([...pieces, eos])));
}

/** An IPC stream split into FlightData messages (schema, batches). */
function toFlightData(ipcBytes) {
  const bytes = new Uint8Array(ipcBytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = [];
  let offset = 0;
  while (offset + 8 <= bytes.length) {
    const length = view.getInt32(offset + 4, true);
    if (length === 0) break;
    const header = bytes.subarray(offset + 8, offset + 8 + length);
    const bodyLength = Number(A.Message.decode(header).bodyLength);
    const bodyStart = offset + 8 + length;
    out.push({ data_header: Buffer.from(header), data_body: Buffer.from(bytes.subarray(bodyStart, bodyStart + bodyLength)) });
    offset = bodyStart + bodyLength;
  }
  return out;
}

function schemaFromIpc(bytes) {
  const eos = Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);
  return A.tableFromIPC(new Uint8Array(Buffer.concat([Buffer.from(bytes), eos]))).schema;
}

/** DoPut of `command` with optional parameter `table`; the PutResults' app_metadata. */
function doPut(command, table = null) {
  return new Promise((resolve, reject) => {
    const results = [];
    const call = client.DoPut(metadata(), options());
    call.on('data', (r) => results.push(r.app_metadata));
    call.on('error', reject);
    call.on('end', () => resolve(results));
    const descriptor = { type: 'CMD', cmd: command };
    const messages = table ? toFlightData(A.tableToIPC(table, 'stream')) : [{ data_header: Buffer.alloc(0), data_body: Buffer.alloc(0) }];
    messages.forEach((m, i) => call.write(i === 0 ? { ...m, flight_descriptor: descriptor } : m));
    call.end();
  });
}

async function update(sql) {
  const results = await doPut(pack('CommandStatementUpdate', { query: sql }));
  return Number(sqlType('DoPutUpdateResult').decode(results[0]).recordCount);
}

/** GetFlightInfo of a command, then DoGet of every endpoint: the info and the table. */
async function fetch(command) {
  const info = await unary('GetFlightInfo', { type: 'CMD', cmd: command });
  const messages = [];
  for (const endpoint of info.endpoint) {
    if (endpoint.location.length > 0) throw new Error('endpoints with locations are not expected from this server');
    messages.push(...(await serverStream('DoGet', endpoint.ticket)));
  }
  return { info, table: tableFromFlightData(messages) };
}

async function action(type, body) {
  return serverStream('DoAction', { type, body });
}

// ---- rendering, as tests/sql/slt_render.mjs renders DuckDB's values ----

function cell(value, type) {
  if (value === null || value === undefined) return 'NULL';
  if (A.DataType.isDecimal(type)) {
    const digits = BigInt(String(A.util.bigNumToBigInt ? A.util.bigNumToBigInt(value) : value));
    return g12(Number(digits) / 10 ** type.scale);
  }
  if (A.DataType.isDate(type)) {
    const ms = value instanceof Date ? value.getTime() : Number(value);
    return new Date(ms).toISOString().slice(0, 10);
  }
  if (A.DataType.isFloat(type)) return g12(Number(value));
  if (typeof value === 'bigint') return value.toString();
  return render(value, '');
}

function rowsOf(table) {
  const out = [];
  const fields = table.schema.fields;
  for (const batch of table.batches) {
    for (let i = 0; i < batch.numRows; ++i) {
      out.push(fields.map((f, c) => cell(batch.getChildAt(c).get(i), f.type)).join(' '));
    }
  }
  return out;
}

const tokens = (row) => row.split(/\s+/).filter((t) => t.length > 0);
function rowsMatch(a, b) {
  if (a.length !== b.length) return false;
  for (let r = 0; r < a.length; ++r) {
    const x = tokens(a[r]);
    const y = tokens(b[r]);
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; ++i) {
      if (x[i] === y[i]) continue;
      const dx = Number(x[i]);
      const dy = Number(y[i]);
      if (Number.isNaN(dx) || Number.isNaN(dy) || Math.abs(dx - dy) > 1e-6 * Math.max(1, Math.abs(dy))) return false;
    }
  }
  return true;
}
const answersMatch = (got, want) => rowsMatch(got, want) || rowsMatch([...got].sort(), [...want].sort());

// ---- the checks ----

let failures = 0;
function check(name, ok, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : `: ${detail}`}`);
  if (!ok) failures += 1;
}

async function expectError(name, promise, code, pattern = null) {
  try {
    await promise;
    check(name, false, 'no error');
  } catch (e) {
    const ok = e.code === code && (!pattern || pattern.test(e.details));
    check(`${name} (${e.details})`, ok, `got code ${e.code}: ${e.details}`);
  }
}

function fieldsOf(schema) {
  return schema.fields.map((f) => `${f.name}:${f.type}:${f.nullable ? 'null' : 'not null'}`).join(', ');
}


async function duckdb() {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run('SET threads = 1');
  for (const table of Object.keys(tpchColumns)) await conn.run(createFromTbl(tpchDir, table));
  return async (sql) => {
    const reader = await conn.runAndReadAll(sql);
    const types = reader.columnTypes().map((t) => t.toString());
    return reader.getRows().map((row) => row.map((v, i) => render(v, types[i])).join(' '));
  };
}

/** USER "-": the scheduler runs without authentication; calls need no credentials. */
async function openServer(duck) {
  const echoed = await new Promise((resolve, reject) => {
    const out = [];
    const call = client.Handshake(new grpc.Metadata(), options());
    call.on('data', (r) => out.push(r));
    call.on('error', reject);
    call.on('end', () => resolve(out));
    call.write({ protocol_version: 1, payload: Buffer.alloc(0) });
    call.end();
  });
  check('open server: Handshake needs no credentials', echoed.length === 1);
  const catalogs = await fetch(pack('CommandGetCatalogs', {}));
  check('open server: calls need no credentials', catalogs.table.numRows >= 1);
  await update(`CREATE EXTERNAL TABLE nation (${tpchColumns.nation}) STORED AS CSV LOCATION '${tpchDir}/nation.tbl'`);
  const sql = 'SELECT n_regionkey, count(*) AS n FROM nation GROUP BY n_regionkey ORDER BY n_regionkey';
  const got = rowsOf((await fetch(pack('CommandStatementQuery', { query: sql }))).table);
  const want = await duck(sql);
  check('open server: a query gives DuckDB\'s answer', answersMatch(got, want), `${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
  client.close();
  console.log(failures === 0 ? 'all Flight SQL checks passed' : `${failures} Flight SQL checks failed`);
  process.exit(failures === 0 ? 0 : 1);
}

async function main() {
  if (!httpPort) throw new Error('usage: flight_sql_client.mjs HOST PORT USER PASSWORD TPCH_DIR QUERIES.json HTTP_PORT');
  const duck = await duckdb();
  if (user === '-') return openServer(duck);
  const BasicAuth = flightType('BasicAuth');

  // Authentication.
  const handshake = (username, pass) => new Promise((resolve, reject) => {
    const responses = [];
    let token = null;
    const call = client.Handshake(new grpc.Metadata(), options());
    call.on('metadata', (m) => {
      const value = m.get('authorization');
      if (value.length > 0) token = String(value[0]);
    });
    call.on('data', (r) => responses.push(r));
    call.on('error', reject);
    call.on('end', () => resolve({ token, responses }));
    call.write({ protocol_version: 0, payload: BasicAuth.encode({ username, password: pass }).finish() });
    call.end();
  });
  await expectError('wrong password is UNAUTHENTICATED', handshake(user, `${password}-wrong`), grpc.status.UNAUTHENTICATED);
  await expectError('a call without credentials is UNAUTHENTICATED',
    unary('GetFlightInfo', { type: 'CMD', cmd: pack('CommandGetCatalogs', {}) }), grpc.status.UNAUTHENTICATED);
  const login = await handshake(user, password);
  check('handshake returns a bearer token', login.token !== null && /^Bearer .+/.test(login.token), String(login.token));
  bearer = login.token;

  // DDL and DML through CommandStatementUpdate.
  for (const [name, columns] of Object.entries(tpchColumns)) {
    await update(`CREATE EXTERNAL TABLE ${name} (${columns}) STORED AS CSV LOCATION '${tpchDir}/${name}.tbl'`);
  }
  check('CREATE EXTERNAL TABLE through CommandStatementUpdate', true);
  await update('CREATE TABLE fsql_numbers (x INTEGER, label VARCHAR)');
  const inserted = await update("INSERT INTO fsql_numbers VALUES (1, 'one'), (2, 'two'), (3, 'it''s three')");
  check('INSERT reports its row count', inserted === 3, `record_count ${inserted}`);

  // Metadata commands: the specification's schemas.
  const catalogs = await fetch(pack('CommandGetCatalogs', {}));
  check('GetCatalogs schema', fieldsOf(catalogs.table.schema) === 'catalog_name:Utf8:not null', fieldsOf(catalogs.table.schema));
  check('GetCatalogs rows', rowsOf(catalogs.table).length >= 1, JSON.stringify(rowsOf(catalogs.table)));
  const schemas = await fetch(pack('CommandGetDbSchemas', {}));
  check('GetDbSchemas schema', fieldsOf(schemas.table.schema) === 'catalog_name:Utf8:null, db_schema_name:Utf8:not null',
    fieldsOf(schemas.table.schema));
  const tables = await fetch(pack('CommandGetTables', { includeSchema: true, tableNameFilterPattern: 'line%' }));
  check('GetTables schema', fieldsOf(tables.table.schema) ===
    'catalog_name:Utf8:null, db_schema_name:Utf8:null, table_name:Utf8:not null, table_type:Utf8:not null, table_schema:Binary:not null',
  fieldsOf(tables.table.schema));
  check('GetTables filters by name', tables.table.numRows === 1 && String(tables.table.getChildAt(2).get(0)) === 'lineitem',
    `${tables.table.numRows} rows`);
  if (tables.table.numRows === 1) {
    const lineitem = schemaFromIpc(tables.table.getChildAt(4).get(0));
    check('GetTables include_schema is the IPC schema', lineitem.fields.length === 16 && lineitem.fields[0].name === 'l_orderkey',
      fieldsOf(lineitem));
  }
  const allTables = await fetch(pack('CommandGetTables', {}));
  const names = new Set(rowsOf(allTables.table).map((r) => tokens(r)[2]));
  check('GetTables lists the created tables', [...Object.keys(tpchColumns), 'fsql_numbers'].every((t) => names.has(t)),
    [...names].join(','));
  const types = await fetch(pack('CommandGetTableTypes', {}));
  check('GetTableTypes schema', fieldsOf(types.table.schema) === 'table_type:Utf8:not null', fieldsOf(types.table.schema));
  const keys = await fetch(pack('CommandGetPrimaryKeys', { table: 'nation' }));
  check('GetPrimaryKeys schema', fieldsOf(keys.table.schema) ===
    'catalog_name:Utf8:null, db_schema_name:Utf8:null, table_name:Utf8:not null, column_name:Utf8:not null, key_name:Utf8:null, key_sequence:Int32:not null',
  fieldsOf(keys.table.schema));
  check('GetPrimaryKeys is empty', keys.table.numRows === 0);
  const foreignKeys = 'pk_catalog_name:Utf8:null, pk_db_schema_name:Utf8:null, pk_table_name:Utf8:not null, ' +
    'pk_column_name:Utf8:not null, fk_catalog_name:Utf8:null, fk_db_schema_name:Utf8:null, fk_table_name:Utf8:not null, ' +
    'fk_column_name:Utf8:not null, key_sequence:Int32:not null, fk_key_name:Utf8:null, pk_key_name:Utf8:null, ' +
    'update_rule:Uint8:not null, delete_rule:Uint8:not null';
  for (const [command, fields] of [['CommandGetExportedKeys', { table: 'nation' }], ['CommandGetImportedKeys', { table: 'nation' }],
    ['CommandGetCrossReference', { pkTable: 'region', fkTable: 'nation' }]]) {
    const got = await fetch(pack(command, fields));
    check(`${command.slice(10)} schema, no rows`, fieldsOf(got.table.schema) === foreignKeys && got.table.numRows === 0,
      fieldsOf(got.table.schema));
  }
  const info = await fetch(pack('CommandGetSqlInfo', { info: [0, 3, 4, 504] }));
  check('GetSqlInfo schema', /^info_name:Uint32:not null, value:Union<DenseUnion>\[.*\]:not null$/.test(fieldsOf(info.table.schema)) ||
    (info.table.schema.fields[0].name === 'info_name' && String(info.table.schema.fields[0].type) === 'Uint32' &&
     A.DataType.isUnion(info.table.schema.fields[1].type) && info.table.schema.fields[1].type.mode === A.UnionMode.Dense &&
     info.table.schema.fields[1].type.children.map((c) => c.name).join(',') ===
       'string_value,bool_value,bigint_value,int32_bitmask,string_list,int32_to_int32_list_map'),
  fieldsOf(info.table.schema));
  const infoValues = [];
  for (let i = 0; i < info.table.numRows; ++i) infoValues.push(`${info.table.getChildAt(0).get(i)}=${info.table.getChildAt(1).get(i)}`);
  check('GetSqlInfo values', infoValues.join(' ') === '0=Ballista C++ 3=false 4=true 504="', infoValues.join(' '));

  // Errors.
  await expectError('bad SQL is INVALID_ARGUMENT with its position',
    fetch(pack('CommandStatementQuery', { query: 'SELECT n_name FROM nation WHERE' })), grpc.status.INVALID_ARGUMENT,
    /line 1, column \d+/);
  await expectError('an unknown table is NOT_FOUND', fetch(pack('CommandStatementQuery', { query: 'SELECT * FROM no_such_table' })),
    grpc.status.NOT_FOUND, /no_such_table/);

  // Prepared statements with bound parameters.
  const prepare = async (query) => {
    const results = await action('CreatePreparedStatement', pack('ActionCreatePreparedStatementRequest', { query }));
    return unpack(results[0].body).message;
  };
  const runPrepared = async (prepared, table) => {
    const handle = prepared.preparedStatementHandle;
    await doPut(pack('CommandPreparedStatementQuery', { preparedStatementHandle: handle }), table);
    return rowsOf((await fetch(pack('CommandPreparedStatementQuery', { preparedStatementHandle: handle }))).table);
  };
  const byKey = await prepare('SELECT n_name, n_regionkey FROM nation WHERE n_nationkey = ? ORDER BY n_name');
  check('prepared statement has a dataset schema', fieldsOf(schemaFromIpc(byKey.datasetSchema)).startsWith('n_name:Utf8'),
    fieldsOf(schemaFromIpc(byKey.datasetSchema)));
  check('prepared statement has one parameter', schemaFromIpc(byKey.parameterSchema).fields.length === 1);
  for (const key of [7, 24]) {
    const got = await runPrepared(byKey, A.tableFromArrays({ p: Int32Array.from([key]) }));
    const want = await duck(`SELECT n_name, n_regionkey FROM nation WHERE n_nationkey = ${key} ORDER BY n_name`);
    check(`prepared query with ? = ${key}`, answersMatch(got, want), `${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
  }
  const byName = await prepare('SELECT count(*) AS n FROM fsql_numbers WHERE label = $1 OR label = $2');
  for (const [a, b] of [["it's three", 'one'], ["x' OR '1'='1", 'none']]) {
    const got = await runPrepared(byName, A.tableFromArrays({ a: [a], b: [b] }));
    const want = a === "it's three" ? ['2'] : ['0'];
    check(`prepared query with string parameters ${JSON.stringify([a, b])}`, answersMatch(got, want), JSON.stringify(got));
  }
  await action('ClosePreparedStatement', pack('ActionClosePreparedStatementRequest', { preparedStatementHandle: byKey.preparedStatementHandle }));
  await expectError('a closed prepared statement is NOT_FOUND',
    fetch(pack('CommandPreparedStatementQuery', { preparedStatementHandle: byKey.preparedStatementHandle })), grpc.status.NOT_FOUND);

  const insert = await prepare('INSERT INTO fsql_numbers VALUES ($1, $2)');
  const insertResults = await doPut(pack('CommandPreparedStatementUpdate', { preparedStatementHandle: insert.preparedStatementHandle }),
    A.tableFromArrays({ x: Int32Array.from([4, 5]), label: ['four', 'five'] }));
  const insertedRows = Number(sqlType('DoPutUpdateResult').decode(insertResults[0]).recordCount);
  check('prepared INSERT runs once per parameter row', insertedRows === 2, `record_count ${insertedRows}`);
  const afterInsert = rowsOf((await fetch(pack('CommandStatementQuery', { query: 'SELECT x, label FROM fsql_numbers ORDER BY x' }))).table);
  check('prepared INSERT rows are there', JSON.stringify(afterInsert) ===
    JSON.stringify(['1 one', '2 two', "3 it's three", '4 four', '5 five']), JSON.stringify(afterInsert));

  // A statement without rows through CommandStatementQuery, then its table.
  const created = await fetch(pack('CommandStatementQuery', { query: 'CREATE TABLE fsql_one AS SELECT 1 AS one' }));
  check('DDL through CommandStatementQuery returns no rows', created.table.numRows === 0, `${created.table.numRows} rows`);
  const one = rowsOf((await fetch(pack('CommandStatementQuery', { query: 'SELECT one FROM fsql_one' }))).table);
  check('the table it created', JSON.stringify(one) === '["1"]', JSON.stringify(one));

  // Cancelling a finished query: nothing left to cancel.
  const finished = await fetch(pack('CommandStatementQuery', { query: 'SELECT count(*) FROM region' }));
  const FlightInfo = flightType('FlightInfo');
  const infoBytes = FlightInfo.encode(FlightInfo.create({
    appMetadata: finished.info.app_metadata,
    endpoint: finished.info.endpoint.map((e) => ({ ticket: { ticket: e.ticket.ticket } })),
  })).finish();
  const CancelRequest = flightType('CancelFlightInfoRequest');
  const cancelled = await action('CancelFlightInfo', CancelRequest.encode({ info: FlightInfo.decode(infoBytes) }).finish());
  const cancelStatus = flightType('CancelFlightInfoResult').decode(cancelled[0].body).status;
  check('CancelFlightInfo of a finished query is NOT_CANCELLABLE', cancelStatus === 3, `status ${cancelStatus}`);
  const cancelQuery = await action('CancelQuery', pack('ActionCancelQueryRequest', { info: infoBytes }));
  const cancelQueryResult = unpack(cancelQuery[0].body);
  check('CancelQuery of a finished query is NOT_CANCELLABLE', cancelQueryResult.name === 'ActionCancelQueryResult' &&
    cancelQueryResult.message.result === 3, JSON.stringify(cancelQueryResult));

  // The 22 TPC-H queries.
  const queries = JSON.parse(readFileSync(queriesFile, 'utf8'));
  for (let q = 0; q < queries.length; ++q) {
    let got;
    try {
      got = rowsOf((await fetch(pack('CommandStatementQuery', { query: queries[q] }))).table);
    } catch (e) {
      check(`TPC-H Q${q + 1}`, false, `error ${e.code}: ${e.details || e.message}`);
      continue;
    }
    const want = await duck(queries[q]);
    check(`TPC-H Q${q + 1} (${got.length} rows, first ${JSON.stringify(got[0])})`, answersMatch(got, want),
      `\n  got  ${JSON.stringify(got.slice(0, 3))}\n  want ${JSON.stringify(want.slice(0, 3))}`);
  }
  // A client that gives up on a running query: its job is cancelled.
  const longQuery = 'SELECT count(*) FROM generate_series(1, 100000000000) t(x) WHERE x % 7 = 3';
  const abandoned = new Promise((resolve) => {
    const call = client.GetFlightInfo({ type: 'CMD', cmd: pack('CommandStatementQuery', { query: longQuery }) },
      metadata(), options(), (err) => resolve(err ? err.code : 'finished'));
    setTimeout(() => call.cancel(), 1500);
  });
  const abandonedCode = await abandoned;
  let jobCancelled = false;
  for (let i = 0; i < 100 && !jobCancelled; ++i) {
    const jobs = await (await globalThis.fetch(`http://${host}:${httpPort}/api/jobs`)).text();
    jobCancelled = jobs.includes('"status":"Cancelled"');
    if (!jobCancelled) await new Promise((r) => setTimeout(r, 100));
  }
  check('an abandoned GetFlightInfo cancels its job', abandonedCode === grpc.status.CANCELLED && jobCancelled,
    `call ended with ${abandonedCode}, job cancelled: ${jobCancelled}`);
  let allFree = false;
  for (let i = 0; i < 50 && !allFree; ++i) {
    const executors = JSON.parse(await (await globalThis.fetch(`http://${host}:${httpPort}/api/executors`)).text());
    allFree = executors.length > 0 && executors.every((e) => e.free_vcores === e.vcores);
    if (!allFree) await new Promise((r) => setTimeout(r, 100));
  }
  check('its tasks stop: every vcore is free within 5 seconds', allFree);

  // PollFlightInfo of a long query, then CancelFlightInfo of the PollInfo's FlightInfo.
  const poll = await unary('PollFlightInfo', { type: 'CMD', cmd: pack('CommandStatementQuery', { query: longQuery }) });
  check('PollFlightInfo of a running query names the next descriptor', poll.flight_descriptor !== null &&
    poll.info !== null && poll.info.endpoint.length === 0, JSON.stringify(poll).slice(0, 200));
  const pollInfo = FlightInfo.create({ appMetadata: poll.info.app_metadata });
  const cancelRunning = await action('CancelFlightInfo', CancelRequest.encode({ info: pollInfo }).finish());
  const runningStatus = flightType('CancelFlightInfoResult').decode(cancelRunning[0].body).status;
  check('CancelFlightInfo of a running query is CANCELLED', runningStatus === 1, `status ${runningStatus}`);
  await expectError('polling a cancelled query is CANCELLED', unary('PollFlightInfo', poll.flight_descriptor), grpc.status.CANCELLED);
  let freeAgain = false;
  for (let i = 0; i < 50 && !freeAgain; ++i) {
    const executors = JSON.parse(await (await globalThis.fetch(`http://${host}:${httpPort}/api/executors`)).text());
    freeAgain = executors.length > 0 && executors.every((e) => e.free_vcores === e.vcores);
    if (!freeAgain) await new Promise((r) => setTimeout(r, 100));
  }
  check('its tasks stop too: every vcore is free within 5 seconds', freeAgain);
  // A short query polled to the end gives DuckDB's answer.
  let polled = await unary('PollFlightInfo', { type: 'CMD', cmd: pack('CommandStatementQuery', { query: 'SELECT count(*) FROM orders' }) });
  for (let i = 0; i < 60 && polled.flight_descriptor; ++i) polled = await unary('PollFlightInfo', polled.flight_descriptor);
  const polledRows = [];
  for (const endpoint of polled.info.endpoint) polledRows.push(...rowsOf(tableFromFlightData(await serverStream('DoGet', endpoint.ticket))));
  const polledWant = await duck('SELECT count(*) FROM orders');
  check('a polled query gives DuckDB\'s answer', answersMatch(polledRows, polledWant), `${JSON.stringify(polledRows)} vs ${JSON.stringify(polledWant)}`);

  client.close();
  console.log(failures === 0 ? 'all Flight SQL checks passed' : `${failures} Flight SQL checks failed`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e.stack || String(e), e.details ? `(grpc ${e.code}: ${e.details})` : '');
  process.exit(2);
});
