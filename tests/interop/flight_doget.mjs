// Arrow Flight interop: a client built only on standard parts (@grpc/grpc-js, @grpc/proto-loader
// over proto/flight.proto, and apache-arrow to decode) calls DoGet on the executor's Flight
// service and decodes the stream, as any Flight client would.
//
//   node tests/interop/flight_doget.mjs HOST PORT TICKET_HEX
//
// Each FlightData is framed back into the IPC stream format (0xFFFFFFFF continuation, int32
// metadata length, data_header padded to 8 bytes, data_body), an end-of-stream marker is added,
// and apache-arrow reads the result. Prints one JSON object:
//   {"fields": [{"name", "type", "nullable"}], "batches": n, "rows": [[v, ...], ...]}
// where int64/uint64 values are strings (exact), other numbers JSON numbers, and NULL null.
// Exits 2 on a gRPC error (printing it), 1 on any other failure.

import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as A from 'apache-arrow';

const require = createRequire(import.meta.url);
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// apache-arrow views decoded buffers in place, which needs aligned offsets: copy to a fresh one.
const fresh = (bytes) => new Uint8Array(bytes);
A.compressionRegistry.set(A.CompressionType.LZ4_FRAME, {
  encode: (data) => require('lz4js').compress(data),
  decode: (data) => fresh(require('lz4js').decompress(data)),
});
A.compressionRegistry.set(A.CompressionType.ZSTD, {
  decode: (data) => fresh(require('fzstd').decompress(data)),
});

function frame(header, body) {
  const padded = (header.length + 7) & ~7;
  const out = Buffer.alloc(8 + padded + body.length);
  out.writeUInt32LE(0xffffffff, 0);
  out.writeInt32LE(padded, 4);
  Buffer.from(header).copy(out, 8);
  Buffer.from(body).copy(out, 8 + padded);
  return out;
}

function jsonValue(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v.toString();
  return v;
}

async function main() {
  const [host, port, ticketHex] = process.argv.slice(2);
  if (!host || !port || ticketHex === undefined) {
    throw new Error('usage: flight_doget.mjs HOST PORT TICKET_HEX');
  }
  const definition = protoLoader.loadSync(path.join(root, 'proto', 'flight.proto'), {
    keepCase: true,
    longs: String,
    defaults: true,
  });
  const protocol = grpc.loadPackageDefinition(definition).arrow.flight.protocol;
  const client = new protocol.FlightService(`${host}:${port}`, grpc.credentials.createInsecure(), {
    'grpc.max_receive_message_length': -1,
  });

  const pieces = await new Promise((resolve, reject) => {
    const parts = [];
    const ticket = { ticket: Buffer.from(ticketHex, 'hex') };
    const call = client.DoGet(ticket, { deadline: Date.now() + 60000 });
    call.on('data', (data) => {
      if (data.data_header.length > 0) parts.push(frame(data.data_header, data.data_body));
    });
    call.on('error', (e) => reject(Object.assign(e, { grpcError: true })));
    call.on('end', () => resolve(parts));
  });
  client.close();

  const eos = Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);
  const bytes = fresh(Buffer.concat([...pieces, eos]));
  const table = A.tableFromIPC(bytes);
  const batches = table.batches;
  const schema = table.schema;
  const rows = [];
  for (const batch of batches) {
    for (let i = 0; i < batch.numRows; ++i) {
      rows.push(schema.fields.map((_, c) => jsonValue(batch.getChildAt(c).get(i))));
    }
  }
  const fields = schema.fields.map((f) => ({
    name: f.name,
    type: String(f.type),
    nullable: f.nullable,
  }));
  process.stdout.write(JSON.stringify({ fields, batches: batches.length, rows }) + '\n');
}

main().catch((e) => {
  console.error(e.grpcError ? `grpc error ${e.code}: ${e.details}` : (e.stack || String(e)));
  process.exit(e.grpcError ? 2 : 1);
});
