import fc from "fast-check";
import type { FastifyInstance, InjectOptions } from "fastify";
import { createBusinessFor, createCampaignFor, makeAdmin, signUp } from "./accounts.js";
import { makePng, multipart } from "./media.js";

/**
 * A property-based fuzz over every operation of the app's own OpenAPI document: values shaped by
 * each operation's schemas, mixed with the inputs that break servers (NUL, lone surrogates, RTL
 * marks, emoji ZWJ sequences, 10k-character strings, numbers as strings and strings as numbers,
 * huge and negative integers, deep nesting, wrong content types). The app must never answer 5xx,
 * and every 4xx must be problem+json. Used by fuzz.test.ts (short, seeded) and scripts/fuzz.ts (long).
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  format?: string;
  minimum?: number;
  maximum?: number;
};

interface Parameter {
  in: "path" | "query" | "header";
  name: string;
  schema?: Schema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface FuzzOperation {
  method: string;
  path: string;
  operation: Operation;
}

export interface FuzzFixtures {
  /** Who calls each operation: admin routes as an admin, creator routes as a creator, the rest as an owner. */
  owner: { authorization: string };
  admin: { authorization: string };
  creator: { authorization: string };
  /** Real ids by path parameter name (`businessId`, `campaignId`, ...), so requests get past lookups. */
  ids: Record<string, string>;
  /** Signs fresh access tokens for the three callers: they live 15 minutes, a long run far longer. */
  renew(): void;
}

export interface FuzzFailure {
  operation: string;
  status: number;
  request: string;
  response: string;
}

export interface FuzzFigures {
  requests: number;
  byStatus: Record<string, number>;
  byOperation: Record<string, Record<string, number>>;
  serverErrors: FuzzFailure[];
  /** 4xx answers that were not problem+json. */
  notProblems: FuzzFailure[];
}

const HOSTILE_STRINGS = [
  "",
  " ",
  "\u0000",
  "kopi\u0000susu",
  "\uD800",
  "\uDFFFkopi",
  "a\uD83D",
  "\u202Ekopi susu\u202C",
  "\u200F\u200E\u061C",
  "👩‍👩‍👧‍👦",
  "🏳️‍🌈🧑🏽‍🍳",
  "x".repeat(10_000),
  "é".repeat(10_000),
  "123",
  "-1",
  "0.5",
  "1e309",
  "NaN",
  "99999999999999999999999999999999",
  "-9223372036854775809",
  "null",
  "true",
  "[]",
  "{}",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "' or 1=1 --",
  "%00",
  "2026-02-30T25:61:00+07:00",
  "00000000-0000-0000-0000-000000000000",
];

const HOSTILE_NUMBERS = [
  0,
  -1,
  -0,
  0.5,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER - 2,
  1e308,
  -1e308,
  2 ** 31,
  2 ** 63,
];

function deeplyNested(depth: number): unknown {
  let value: unknown = "kopi";
  for (let level = 0; level < depth; level++) value = level % 2 === 0 ? [value] : { a: value };
  return value;
}

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom<unknown>(...HOSTILE_NUMBERS, true, false, null, [], {}),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map((value) => value.toString()),
  fc.constantFrom(64, 1_000).map(deeplyNested),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Turns `#/components/schemas/X` into the schema it names. */
function resolve(document: OpenApiDocument, schema: Schema | undefined): Schema {
  if (!schema?.$ref) return schema ?? {};
  const name = schema.$ref.split("/").at(-1) ?? "";
  return resolve(document, document.components?.schemas?.[name]);
}

function stringFor(schema: Schema, ids: Record<string, string>): fc.Arbitrary<string> {
  switch (schema.format) {
    case "uuid":
      return fc.oneof(fc.constantFrom(...Object.values(ids)), fc.uuid());
    case "date-time":
      return fc
        .date({ min: new Date("2020-01-01"), max: new Date("2030-12-31"), noInvalidDate: true })
        .map((date) => date.toISOString());
    case "date":
      return fc
        .date({ min: new Date("2020-01-01"), max: new Date("2030-12-31"), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10));
    case "email":
      return fc.emailAddress();
    case "uri":
      return fc.webUrl();
    default:
      return fc.oneof(fc.string({ maxLength: 30 }), fc.bigInt({ min: 0n, max: 10n ** 15n }).map(String));
  }
}

/** A value shaped by the schema most of the time, a hostile one otherwise, at every level. */
function valueFor(
  document: OpenApiDocument,
  input: Schema | undefined,
  ids: Record<string, string>,
  depth = 0,
) {
  const schema = resolve(document, input);
  const shaped = shapedValue(document, schema, ids, depth);
  return depth > 4
    ? shaped
    : fc.oneof({ arbitrary: shaped, weight: 4 }, { arbitrary: hostileValue, weight: 1 });
}

function shapedValue(
  document: OpenApiDocument,
  schema: Schema,
  ids: Record<string, string>,
  depth: number,
): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const variants = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (variants?.length)
    return fc.oneof(...variants.map((variant) => valueFor(document, variant, ids, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type.find((name) => name !== "null") : schema.type;
  switch (type) {
    case "object": {
      const properties = Object.entries(schema.properties ?? {});
      if (properties.length === 0)
        return fc.dictionary(fc.string({ maxLength: 8 }), hostileValue, { maxKeys: 3 });
      const shape = Object.fromEntries(
        properties.map(([name, property]) => [name, valueFor(document, property, ids, depth + 1)]),
      );
      return fc.record(shape, { requiredKeys: (schema.required ?? []).filter((name) => name in shape) });
    }
    case "array":
      return fc.array(valueFor(document, schema.items, ids, depth + 1), { maxLength: 4 });
    case "string":
      return stringFor(schema, ids);
    case "integer":
      return fc.integer({ min: schema.minimum ?? -1_000, max: Math.min(schema.maximum ?? 100_000, 2 ** 31) });
    case "number":
      return fc.double({ noNaN: true, min: -1e6, max: 1e6 });
    case "boolean":
      return fc.boolean();
    default:
      return hostileValue;
  }
}

/** Percent-encodes what encodeURIComponent refuses (a lone surrogate) as the bytes it would be. */
function encodeSegment(value: string): string {
  return Array.from(value, (character) => {
    try {
      return encodeURIComponent(character);
    } catch {
      return "%ED%A0%80";
    }
  }).join("");
}

function asText(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? "");
}

/** A boundary for bodies that claim to be multipart without being so. */
const MULTIPART_BOUNDARY = "sorot-fuzz-boundary";

type Body = { payload: string | Buffer; contentType: string } | undefined;

function bodyFor(
  document: OpenApiDocument,
  fuzz: FuzzOperation,
  ids: Record<string, string>,
): fc.Arbitrary<Body> {
  const content = fuzz.operation.requestBody?.content ?? {};
  const json = content["application/json"];
  const isUpload = "multipart/form-data" in content || fuzz.path.endsWith("/uploads");
  const shaped = json
    ? valueFor(document, json.schema, ids).map((value) => ({
        payload: JSON.stringify(value) ?? "null",
        contentType: "application/json",
      }))
    : fc.constant(undefined);
  const wrong = fc.oneof(
    hostileValue.map((value) => ({
      payload: JSON.stringify(value) ?? "null",
      contentType: "application/json",
    })),
    fc.constantFrom("{", '{"a":', "[".repeat(10_000), "\u0000", '{"__proto__":{"x":1}}').map((payload) => ({
      payload,
      contentType: "application/json",
    })),
    fc
      .tuple(
        fc.constantFrom(
          "text/plain",
          "application/xml",
          "application/x-www-form-urlencoded",
          `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`,
          "application/json; charset=latin1",
          "image/png",
        ),
        hostileString,
      )
      .map(([contentType, payload]) => ({ payload, contentType })),
  );
  const upload = fc
    .tuple(
      fc.constantFrom("file", "other"),
      fc.constantFrom("kopi.png", "kopi.mp4", "\u202Egnp.exe", "x".repeat(300)),
      fc.constantFrom("image/png", "image/jpeg", "video/mp4", "application/octet-stream"),
      fc.oneof(
        fc.uint8Array({ maxLength: 256 }).map((bytes) => Buffer.from(bytes)),
        fc.constant(makePng(1080, 1080)),
      ),
    )
    .map(([field, filename, type, bytes]) => {
      const body = multipart(field, filename, type, bytes);
      return { payload: body.payload, contentType: body.headers["content-type"] };
    });
  return fc.oneof(
    { arbitrary: isUpload ? upload : shaped, weight: 4 },
    { arbitrary: wrong, weight: 1 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
}

function parameterValue(document: OpenApiDocument, parameter: Parameter, ids: Record<string, string>) {
  const known = ids[parameter.name];
  const fromSchema = valueFor(document, parameter.schema, ids).map(asText);
  return known
    ? fc.oneof({ arbitrary: fc.constant(known), weight: 6 }, { arbitrary: fromSchema, weight: 1 })
    : fromSchema;
}

/** Header values are Latin-1 without control characters, or the client refuses to send them. */
const headerValue = fc.oneof(
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
    maxLength: 80,
  }),
  fc.constantFrom("", "x".repeat(300), "kopi-1"),
);

/** An owner with a business and a draft campaign, an admin and a creator, made through the real routes. */
export async function makeFuzzFixtures(app: FastifyInstance): Promise<FuzzFixtures> {
  const owner = await signUp(app);
  const business = await createBusinessFor(app, owner);
  const campaign = await createCampaignFor(app, owner, business.id);
  const admin = await makeAdmin(app, await signUp(app));
  const creator = await signUp(app, { accountKind: "creator" });
  const callers = [
    ["owner", { userId: owner.id, role: "owner" }],
    ["admin", { userId: admin.id, role: "admin" }],
    ["creator", { userId: creator.id, role: "creator" }],
  ] as const;
  const fixtures: FuzzFixtures = {
    owner: owner.auth,
    admin: admin.auth,
    creator: creator.auth,
    ids: { businessId: business.id, campaignId: campaign.id, userId: owner.id },
    renew() {
      for (const [who, caller] of callers) {
        fixtures[who] = { authorization: `Bearer ${app.signAccessToken(caller)}` };
      }
    },
  };
  return fixtures;
}

export function operationsOf(document: OpenApiDocument): FuzzOperation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
}

function callerFor(path: string, fixtures: FuzzFixtures) {
  if (path.startsWith("/v1/admin/")) return fixtures.admin;
  if (path.startsWith("/v1/creator/")) return fixtures.creator;
  return fixtures.owner;
}

export function requestsFor(
  document: OpenApiDocument,
  fuzz: FuzzOperation,
  fixtures: FuzzFixtures,
): fc.Arbitrary<InjectOptions> {
  const parameters = fuzz.operation.parameters ?? [];
  const byKind = (kind: Parameter["in"]) => parameters.filter((parameter) => parameter.in === kind);
  const pathValues = fc.tuple(...byKind("path").map((p) => parameterValue(document, p, fixtures.ids)));
  const queryValues = fc.tuple(
    ...byKind("query").map((p) => fc.option(parameterValue(document, p, fixtures.ids), { freq: 2 })),
  );
  const headerValues = fc.tuple(...byKind("header").map(() => fc.option(headerValue, { freq: 4 })));
  const authenticated = fc.oneof(
    { arbitrary: fc.constant(true), weight: 19 },
    { arbitrary: fc.constant(false), weight: 1 },
  );
  return fc
    .tuple(pathValues, queryValues, headerValues, bodyFor(document, fuzz, fixtures.ids), authenticated)
    .map(([paths, queries, headerList, body, signedIn]) => {
      let url = fuzz.path;
      byKind("path").forEach((parameter, index) => {
        url = url.replace(`{${parameter.name}}`, encodeSegment(paths[index] ?? "") || "%20");
      });
      const query = byKind("query")
        .map((parameter, index) => [parameter.name, queries[index]] as const)
        .filter((entry): entry is readonly [string, string] => entry[1] !== null)
        .map(([name, value]) => `${encodeSegment(name)}=${encodeSegment(value)}`)
        .join("&");
      const headers: Record<string, string> = signedIn ? { ...callerFor(fuzz.path, fixtures) } : {};
      byKind("header").forEach((parameter, index) => {
        const value = headerList[index];
        if (value !== null && value !== undefined) headers[parameter.name] = value;
      });
      if (body) headers["content-type"] = body.contentType;
      return {
        method: fuzz.method as InjectOptions["method"],
        url: query ? `${url}?${query}` : url,
        headers,
        ...(body ? { payload: body.payload } : {}),
      } satisfies InjectOptions;
    });
}

function describeRequest(request: InjectOptions): string {
  const type = (request.headers as Record<string, string> | undefined)?.["content-type"];
  const payload = request.payload === undefined ? "" : ` [${type}] ${String(request.payload).slice(0, 200)}`;
  return `${request.method} ${String(request.url).slice(0, 300)}${payload}`;
}

/** Runs about `requests` requests spread evenly over every operation; the same seed sends the same requests. */
export async function runFuzz(input: {
  app: FastifyInstance;
  document: OpenApiDocument;
  fixtures: FuzzFixtures;
  requests: number;
  seed: number;
  onProgress?: (done: number) => void;
}): Promise<FuzzFigures> {
  const operations = operationsOf(input.document);
  const figures: FuzzFigures = {
    requests: 0,
    byStatus: {},
    byOperation: {},
    serverErrors: [],
    notProblems: [],
  };
  const perOperation = Math.ceil(input.requests / operations.length);
  // In rounds over all operations, so state that one operation changes meets the others.
  const rounds = Math.ceil(perOperation / 10);
  for (let round = 0; round < rounds; round++) {
    // Without it, a run longer than a token's 15 minutes would end up measuring 401s only.
    input.fixtures.renew();
    for (const [index, fuzz] of operations.entries()) {
      const name = `${fuzz.method} ${fuzz.path}`;
      const samples = fc.sample(requestsFor(input.document, fuzz, input.fixtures), {
        seed: input.seed + round * operations.length + index,
        numRuns: Math.min(10, perOperation - round * 10),
      });
      for (const request of samples) {
        const response = await input.app.inject(request);
        figures.requests += 1;
        const status = String(response.statusCode);
        figures.byStatus[status] = (figures.byStatus[status] ?? 0) + 1;
        const counts = figures.byOperation[name] ?? {};
        counts[status] = (counts[status] ?? 0) + 1;
        figures.byOperation[name] = counts;
        const failure = {
          operation: name,
          status: response.statusCode,
          request: describeRequest(request),
          response: response.body.slice(0, 300),
        };
        if (response.statusCode >= 500) figures.serverErrors.push(failure);
        else if (
          response.statusCode >= 400 &&
          !/^application\/problem\+json/.test(String(response.headers["content-type"] ?? ""))
        )
          figures.notProblems.push(failure);
      }
    }
    input.onProgress?.(figures.requests);
  }
  return figures;
}
