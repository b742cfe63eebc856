#!/usr/bin/env node
// Interoperability check of exposure-monitor's Confluent wire format and Schema Registry REST API
// against the official Confluent JavaScript client (@confluentinc/schemaregistry).
//
//   node interop.mjs serialize   <registryUrl> <topic> <schemaFile.avsc> <recordJsonFile>
//       Registers the schema under <topic>-value through the JS client, serializes the record with
//       the JS AvroSerializer and prints one line: {"schemaId":N,"subject":"...","version":V,"hex":"00..."}
//   node interop.mjs deserialize <registryUrl> <topic> <hex>
//       Deserializes Confluent-framed Avro bytes with the JS AvroDeserializer and prints one line:
//       {"schemaId":N,"record":{...}}
//   node interop.mjs references  <registryUrl> <topic> <schemaFile.avsc> <recordJsonFile> <sharedType.avsc>...
//       Registers each shared named type under <topic>-<Name>, then the schema (which uses them by name)
//       under <topic>-value with schema references to them, serializes the record with the JS AvroSerializer
//       and reads it back with a fresh client (which must resolve the references through the registry).
//       Prints one line: {"schemaId":N,"hex":"00...","record":{...}}
//
// Value conventions in the record JSON (input and output), the avsc defaults plus one logical type:
//   - decimal (bytes + logicalType decimal): a string with exactly `scale` fraction digits, e.g. "38000000.00"
//   - timestamp-millis: a number (epoch milliseconds); date: a number (days since 1970-01-01)
//   - enum: the symbol as a string; union with null: null or the bare value (avsc unwrapped unions)
//
// Every REST call the JS client makes is traced to stderr ("[sr] GET /path -> 200").
// Exit code 0 on success; 1 with the error on stderr otherwise.

import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import sr from '@confluentinc/schemaregistry';
import avro from 'avsc';

const {
  SchemaRegistryClient,
  AvroSerializer,
  AvroDeserializer,
  SerdeType,
  SubjectNameStrategyType,
  SchemaId,
} = sr;

// ---------------------------------------------------------------------------------------------
// Avro decimal logical type (bytes-backed) for avsc. avsc implements no logical types itself; the
// Confluent JS serdes pass their config (Partial<ForSchemaOptions>) to avsc, so `logicalTypes` is
// the supported way to plug one in. Encoding: the unscaled value as minimal big-endian two's
// complement, exactly like java.math.BigInteger#toByteArray (which Avro's Java DecimalConversion uses).
// ---------------------------------------------------------------------------------------------

export function unscaledToBytes(n) {
  if (n >= 0n) {
    let hex = n.toString(16);
    if (hex.length % 2) hex = '0' + hex;
    if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = '00' + hex; // keep the sign bit clear
    return Buffer.from(hex, 'hex');
  }
  let bytes = 1;
  while (n < -(1n << BigInt(8 * bytes - 1))) bytes++;
  const hex = ((1n << BigInt(8 * bytes)) + n).toString(16).padStart(2 * bytes, '0');
  return Buffer.from(hex, 'hex');
}

export function bytesToUnscaled(buf) {
  if (buf.length === 0) return 0n;
  let n = BigInt('0x' + buf.toString('hex'));
  if (buf[0] & 0x80) n -= 1n << BigInt(8 * buf.length);
  return n;
}

export function parseDecimal(text, scale) {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(text));
  if (!m) return undefined;
  const frac = m[3] ?? '';
  if (frac.length > scale) return undefined; // would need rounding: refuse, like Avro Java does
  const unscaled = BigInt(m[2] + frac.padEnd(scale, '0'));
  return m[1] ? -unscaled : unscaled;
}

export function formatDecimal(unscaled, scale) {
  const negative = unscaled < 0n;
  let digits = (negative ? -unscaled : unscaled).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = digits.slice(0, digits.length - scale) + '.' + digits.slice(digits.length - scale);
  }
  return (negative ? '-' : '') + digits;
}

export class DecimalType extends avro.types.LogicalType {
  constructor(schema, opts) {
    super(schema, opts);
    if (this.underlyingType.typeName !== 'bytes') {
      throw new Error('only bytes-backed decimals are supported');
    }
    this._precision = schema.precision;
    this._scale = schema.scale ?? 0;
  }

  _fromValue(buf) {
    return formatDecimal(bytesToUnscaled(buf), this._scale);
  }

  _toValue(any) {
    if (typeof any !== 'string') return undefined; // lets unwrapped unions try other branches
    const unscaled = parseDecimal(any, this._scale);
    if (unscaled === undefined) return undefined;
    const abs = unscaled < 0n ? -unscaled : unscaled;
    if (this._precision != null && abs.toString().length > this._precision) return undefined;
    return unscaledToBytes(unscaled);
  }

  _resolve(type) {
    if (avro.Type.isType(type, 'logical:decimal')
        && type._scale === this._scale && type._precision === this._precision) {
      return (any) => any;
    }
    return undefined;
  }

  _export(attrs) {
    attrs.precision = this._precision;
    attrs.scale = this._scale;
  }
}

// A fresh object each time: avsc keeps its registry of named types in the options it is given.
const avroOptions = () => ({ logicalTypes: { decimal: DecimalType } });

// ---------------------------------------------------------------------------------------------

function newClient(registryUrl) {
  const client = new SchemaRegistryClient({
    baseURLs: [registryUrl],
    // Fail fast: a misbehaving registry should show up as an error, not as retries.
    maxRetries: 0,
    createAxiosDefaults: { timeout: 15000 },
  });
  traceRequests(client);
  return client;
}

const abbreviate = (text) => (text.length > 160 ? text.slice(0, 160) + `...(${text.length} chars)` : text);

// The REST service is a private field of the client; reaching into it is only for tracing.
function traceRequests(client) {
  const axios = client.restService?.client;
  if (!axios?.interceptors) return;
  axios.interceptors.response.use(
    (response) => {
      const c = response.config;
      process.stderr.write(`[sr] ${c.method.toUpperCase()} ${c.url} ${c.data ? 'body=' + abbreviate(c.data) + ' ' : ''}-> ${response.status} ${abbreviate(JSON.stringify(response.data))}\n`);
      return response;
    },
    (error) => {
      const c = error.config ?? {};
      const r = error.response;
      process.stderr.write(`[sr] ${String(c.method).toUpperCase()} ${c.url} ${c.data ? 'body=' + abbreviate(c.data) + ' ' : ''}-> ${r ? r.status + ' ' + abbreviate(JSON.stringify(r.data)) : error.code ?? error.message}\n`);
      return Promise.reject(error);
    });
}

// TopicNameStrategy (<topic>-value). Set explicitly: since 1.9 the JS serdes default to the
// ASSOCIATED strategy, which first calls GET /associations/resources/-/<topic>?resourceType=topic&associationType=value
// and only falls back to <topic>-value when that returns 404.
const serdeConfig = (extra = {}) => ({ subjectNameStrategyType: SubjectNameStrategyType.TOPIC, ...avroOptions(), ...extra });

export async function serialize(registryUrl, topic, schemaFile, recordFile) {
  const schemaText = (await readFile(schemaFile, 'utf8')).trim();
  const record = JSON.parse(await readFile(recordFile, 'utf8'));
  const subject = `${topic}-value`;
  const client = newClient(registryUrl);
  try {
    // 1. Register (POST /subjects/{subject}/versions). The JS AvroSerializer's autoRegisterSchemas
    //    registers a schema *inferred from the JS object* (avsc Type.forValue, records named Record1...),
    //    so a given .avsc is registered explicitly, as in the package README.
    const schemaInfo = { schemaType: 'AVRO', schema: schemaText };
    const registered = await client.registerFullResponse(subject, schemaInfo, false);
    if (!Number.isInteger(registered?.id)) {
      throw new Error(`register response has no integer "id": ${JSON.stringify(registered)}`);
    }

    // 2. Serialize with the latest version of the subject (GET /subjects/{subject}/versions/latest).
    const serializer = new AvroSerializer(client, SerdeType.VALUE, serdeConfig({ useLatestVersion: true }));
    const bytes = await serializer.serialize(topic, record);
    const written = new SchemaId('AVRO');
    written.fromBytes(bytes);
    if (written.id !== registered.id) {
      throw new Error(`serializer wrote schema id ${written.id}, but register returned ${registered.id}`);
    }

    // 3. Cross-check the registry's answers about the same schema.
    //    GET /schemas/ids/{id}?subject={subject}: must give back the same schema (same Parsing Canonical Form).
    const expected = avro.Type.forSchema(JSON.parse(schemaText), avroOptions());
    const byId = await client.getBySubjectAndId(subject, registered.id);
    const fetched = avro.Type.forSchema(JSON.parse(byId.schema), avroOptions());
    if (!fetched.fingerprint().equals(expected.fingerprint())) {
      throw new Error(`GET /schemas/ids/${registered.id} returned a different schema: ${byId.schema}`);
    }
    //    POST /subjects/{subject} (lookup): must find the same id.
    const lookedUp = await client.getIdFullResponse(subject, schemaInfo, false);
    if (lookedUp.id !== registered.id) {
      throw new Error(`lookup POST /subjects/${subject} returned id ${lookedUp.id}, register returned ${registered.id}`);
    }
    //    Registering the identical schema again is idempotent (new client: no cache).
    const again = newClient(registryUrl);
    const secondId = await again.register(subject, schemaInfo, false);
    again.close();
    if (secondId !== registered.id) {
      throw new Error(`re-registering the same schema gave id ${secondId}, first registration ${registered.id}`);
    }

    return { schemaId: registered.id, subject, version: lookedUp.version ?? registered.version ?? null, hex: bytes.toString('hex') };
  } finally {
    client.close();
  }
}

export async function deserialize(registryUrl, topic, hex) {
  if (!/^([0-9a-fA-F]{2})+$/.test(hex)) throw new Error(`not a hex string: ${hex}`);
  const bytes = Buffer.from(hex, 'hex');
  const client = newClient(registryUrl);
  try {
    const written = new SchemaId('AVRO');
    written.fromBytes(bytes); // throws on an unknown magic byte
    // GET /schemas/ids/{id}?subject={topic}-value, then avsc decodes with the writer schema.
    const deserializer = new AvroDeserializer(client, SerdeType.VALUE, serdeConfig());
    const record = await deserializer.deserialize(topic, bytes);
    return { schemaId: written.id, record };
  } finally {
    client.close();
  }
}

export async function serializeWithReferences(registryUrl, topic, schemaFile, recordFile, ...sharedFiles) {
  const client = newClient(registryUrl);
  try {
    const references = [];
    for (const file of sharedFiles) {
      const text = (await readFile(file, 'utf8')).trim();
      const type = JSON.parse(text);
      const subject = `${topic}-${type.name}`;
      const shared = await client.registerFullResponse(subject, { schemaType: 'AVRO', schema: text }, false);
      const version = shared.version ?? (await client.getLatestSchemaMetadata(subject)).version;
      references.push({ name: type.namespace ? `${type.namespace}.${type.name}` : type.name, subject, version });
    }
    const schemaInfo = {
      schemaType: 'AVRO', schema: (await readFile(schemaFile, 'utf8')).trim(), references,
    };
    const registered = await client.registerFullResponse(`${topic}-value`, schemaInfo, false);
    const record = JSON.parse(await readFile(recordFile, 'utf8'));
    // GET /subjects/{subject}/versions/latest, then each reference: GET /subjects/{ref}/versions/{v}
    const serializer = new AvroSerializer(client, SerdeType.VALUE, serdeConfig({ useLatestVersion: true }));
    const bytes = await serializer.serialize(topic, record);
    const reader = newClient(registryUrl);
    try {
      // GET /schemas/ids/{id} must carry the references, or avsc cannot resolve the shared names.
      const back = await new AvroDeserializer(reader, SerdeType.VALUE, serdeConfig()).deserialize(topic, bytes);
      return { schemaId: registered.id, hex: bytes.toString('hex'), record: back };
    } finally {
      reader.close();
    }
  } finally {
    client.close();
  }
}

const USAGE = `usage:
  node interop.mjs serialize   <registryUrl> <topic> <schemaFile.avsc> <recordJsonFile>
  node interop.mjs deserialize <registryUrl> <topic> <hex>
  node interop.mjs references  <registryUrl> <topic> <schemaFile.avsc> <recordJsonFile> <sharedType.avsc>...`;

async function main(argv) {
  const [command, ...args] = argv;
  let result;
  if (command === 'serialize' && args.length === 4) {
    result = await serialize(...args);
  } else if (command === 'deserialize' && args.length === 3) {
    result = await deserialize(...args);
  } else if (command === 'references' && args.length >= 5) {
    result = await serializeWithReferences(...args);
  } else {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  process.stdout.write(JSON.stringify(result) + '\n');
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (err) => {
      process.stderr.write(`interop ${process.argv[2] ?? ''} failed: ${err?.stack ?? err}\n`);
      if (err?.status !== undefined) process.stderr.write(`HTTP status ${err.status}, error_code ${err.errorCode}\n`);
      process.exitCode = 1;
    });
}
