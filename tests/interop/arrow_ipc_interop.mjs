// Arrow IPC interop between this engine and the apache-arrow npm package (an independent
// implementation). Run from the repository root after `npm install`.
//
//   node tests/interop/arrow_ipc_interop.mjs write DIR
//       Writes, with apache-arrow, DIR/js.arrows (stream), DIR/js.arrow (file) and
//       DIR/js_lz4.arrows, DIR/js_lz4.arrow (LZ4_FRAME bodies) holding the batches below.
//   node tests/interop/arrow_ipc_interop.mjs check PATH
//       Reads PATH (stream or file, any codec) with apache-arrow and checks every value against
//       the same formula. Prints a JSON summary; exits 1 on any mismatch.
//
// The data: two batches of 37 and 50 rows; row i (counted across batches) holds
//   i32    int32        null when i%7==3,  else 3i-50
//   i64    int64        null when i%5==1,  else 1000000007i-4000000000
//   f64    float64      null when i%6==2,  else 0.25i-3.5
//   utf8   utf8         null when i%4==0,  else "str_<i>" plus "_ünï" when i%3==0
//   bool   bool         null when i%9==5,  else i%2==0
//   date32 date32       null when i%8==7,  else 18000+i days
//   ts_ms  timestamp ms null when i%10==9, else 1600000000000+1000i
//   dec    decimal128(10,2) null when i%11==4, else unscaled 101i-500
//   list   list<int32>  null when i%6==5,  else [10i, 10i+1, ...] of length i%4
//   struct struct<a: int32 = i, b: utf8 = "b<i>">, null when i%7==6
//   dict   dictionary<int32, utf8> null when i%5==3, else FRUITS[(7i)%4]

import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import * as A from 'apache-arrow';

const require = createRequire(import.meta.url);
export const BATCH_SIZES = [37, 50];
const FRUITS = ['apple', 'banana', 'cherry', 'date'];

// apache-arrow views decoded buffers in place (e.g. as BigInt64Array), which needs an 8-byte
// aligned byteOffset; the codecs may return views into larger buffers, so copy to a fresh one.
const fresh = (bytes) => new Uint8Array(bytes);

function registerCodecs() {
  const codecs = {};
  try {
    const lz4 = require('lz4js');
    A.compressionRegistry.set(A.CompressionType.LZ4_FRAME, {
      encode: (data) => lz4.compress(data),
      decode: (data) => fresh(lz4.decompress(data)),
    });
    codecs.lz4 = true;
  } catch (e) {
    codecs.lz4 = false;
  }
  try {
    const zstd = require('fzstd');
    A.compressionRegistry.set(A.CompressionType.ZSTD, { decode: (data) => fresh(zstd.decompress(data)) });
    codecs.zstd = true;
  } catch (e) {
    codecs.zstd = false;
  }
  return codecs;
}

// ---- the formula ----
const expected = {
  i32: (i) => (i % 7 === 3 ? null : 3 * i - 50),
  i64: (i) => (i % 5 === 1 ? null : BigInt(i) * 1000000007n - 4000000000n),
  f64: (i) => (i % 6 === 2 ? null : 0.25 * i - 3.5),
  utf8: (i) => (i % 4 === 0 ? null : `str_${i}` + (i % 3 === 0 ? '_ünï' : '')),
  bool: (i) => (i % 9 === 5 ? null : i % 2 === 0),
  date32: (i) => (i % 8 === 7 ? null : 18000 + i),
  ts_ms: (i) => (i % 10 === 9 ? null : 1600000000000 + 1000 * i),
  dec: (i) => (i % 11 === 4 ? null : BigInt(101 * i - 500)),
  list: (i) => (i % 6 === 5 ? null : Array.from({ length: i % 4 }, (_, k) => 10 * i + k)),
  struct: (i) => (i % 7 === 6 ? null : { a: i, b: `b${i}` }),
  dict: (i) => (i % 5 === 3 ? null : FRUITS[(7 * i) % 4]),
};

function decimalWords(value) {
  // 128-bit two's complement, little-endian 32-bit words.
  let v = BigInt.asUintN(128, value);
  const words = new Uint32Array(4);
  for (let w = 0; w < 4; ++w) {
    words[w] = Number(v & 0xffffffffn);
    v >>= 32n;
  }
  return words;
}

function wordsToBigInt(words) {
  let v = 0n;
  for (let w = 3; w >= 0; --w) v = (v << 32n) | BigInt(words[w]);
  return BigInt.asIntN(128, v);
}

function makeTable() {
  const total = BATCH_SIZES.reduce((a, b) => a + b, 0);
  const rows = Array.from({ length: total }, (_, i) => i);
  const item = new A.Field('item', new A.Int32(), true);
  const structType = new A.Struct([new A.Field('a', new A.Int32(), true), new A.Field('b', new A.Utf8(), true)]);
  const columns = {
    i32: A.vectorFromArray(rows.map(expected.i32), new A.Int32()),
    i64: A.vectorFromArray(rows.map(expected.i64), new A.Int64()),
    f64: A.vectorFromArray(rows.map(expected.f64), new A.Float64()),
    utf8: A.vectorFromArray(rows.map(expected.utf8), new A.Utf8()),
    bool: A.vectorFromArray(rows.map(expected.bool), new A.Bool()),
    date32: A.vectorFromArray(rows.map((i) => (expected.date32(i) === null ? null : new Date(expected.date32(i) * 86400000))), new A.DateDay()),
    ts_ms: A.vectorFromArray(rows.map(expected.ts_ms), new A.TimestampMillisecond()),
    dec: A.vectorFromArray(rows.map((i) => (expected.dec(i) === null ? null : decimalWords(expected.dec(i)))), new A.Decimal(2, 10, 128)),
    list: A.vectorFromArray(rows.map(expected.list), new A.List(item)),
    struct: A.vectorFromArray(rows.map(expected.struct), structType),
    // All four values first so the dictionary holds them in a fixed order, then sliced off.
    dict: A.vectorFromArray([...FRUITS, ...rows.map(expected.dict)], new A.Dictionary(new A.Utf8(), new A.Int32())).slice(FRUITS.length),
  };
  const whole = new A.Table(columns);
  // Two record batches sharing the dictionary, cut from the single-batch table.
  const batches = [];
  let start = 0;
  for (const size of BATCH_SIZES) {
    const part = whole.slice(start, start + size);
    for (const b of part.batches) batches.push(b);
    start += size;
  }
  return new A.Table(whole.schema, batches);
}

function writeAll(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const table = makeTable();
  const outputs = {
    'js.arrows': A.RecordBatchStreamWriter,
    'js.arrow': A.RecordBatchFileWriter,
    'js_lz4.arrows': A.RecordBatchStreamWriter,
    'js_lz4.arrow': A.RecordBatchFileWriter,
  };
  for (const [name, Writer] of Object.entries(outputs)) {
    const options = name.includes('lz4') ? { compressionType: A.CompressionType.LZ4_FRAME } : {};
    const writer = new Writer(options);
    writer.write(table);
    writer.finish();
    fs.writeFileSync(path.join(dir, name), writer.toUint8Array(true));
  }
  console.log(JSON.stringify({ wrote: Object.keys(outputs), rows: table.numRows, batches: table.batches.length }));
}

function same(col, i, got, want) {
  if (want === null) return got === null || got === undefined;
  if (got === null || got === undefined) return false;
  switch (col) {
    case 'i64':
    case 'dec':
      return BigInt(got) === want;
    case 'date32':
      return got === want * 86400000;
    case 'list':
      return got.length === want.length && want.every((v, k) => got[k] === v);
    case 'struct':
      return got.a === want.a && got.b === want.b;
    default:
      return got === want;
  }
}

function readValue(col, vector, row) {
  const v = vector.get(row);
  if (v === null || v === undefined) return null;
  if (col === 'dec') return wordsToBigInt(v);
  if (col === 'list') return Array.from(v.toArray());
  if (col === 'struct') return v.toJSON();
  return v;
}

function check(file) {
  const codecs = registerCodecs();
  const bytes = fs.readFileSync(file);
  const table = A.tableFromIPC(bytes);
  const mismatches = [];
  const total = BATCH_SIZES.reduce((a, b) => a + b, 0);
  if (table.numRows !== total) mismatches.push(`expected ${total} rows, read ${table.numRows}`);
  for (const col of Object.keys(expected)) {
    const vector = table.getChild(col);
    if (!vector) {
      mismatches.push(`missing column ${col}`);
      continue;
    }
    for (let i = 0; i < Math.min(total, table.numRows); ++i) {
      const got = readValue(col, vector, i);
      const want = expected[col](i);
      if (!same(col, i, got, want)) {
        mismatches.push(`${col}[${i}]: got ${String(got)}, expected ${String(want)}`);
        if (mismatches.length > 20) break;
      }
    }
  }
  const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));
  console.log(JSON.stringify({ file: path.basename(file), rows: table.numRows, batches: table.batches.length, codecs, types, ok: mismatches.length === 0, mismatches }));
  return mismatches.length === 0 ? 0 : 1;
}

const [mode, target] = process.argv.slice(2);
if (mode === 'write' && target) {
  registerCodecs();
  writeAll(target);
} else if (mode === 'check' && target) {
  process.exitCode = check(target);
} else {
  console.error('usage: arrow_ipc_interop.mjs write DIR | check PATH');
  process.exitCode = 2;
}
