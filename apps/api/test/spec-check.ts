import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { InjectOptions, LightMyRequestResponse } from "fastify";

/**
 * Every response an integration test receives is held against the app's own OpenAPI document: the
 * status must be declared for its operation, the content type among that status's, and a JSON body
 * valid against its schema. A route that answers what its spec does not say fails the test that
 * called it, so the document cannot drift from the code.
 */

interface MediaType {
  schema?: object;
}
interface Operation {
  responses?: Record<string, { content?: Record<string, MediaType> }>;
}
export interface SpecDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, object> };
}

interface Route {
  pattern: RegExp;
  methods: Record<string, Operation>;
}

function routesOf(document: SpecDocument): Route[] {
  // Fixed segments before parameters: /campaigns/estimate is not /campaigns/{campaignId}.
  const paramsIn = (path: string) => path.split("{").length;
  return Object.entries(document.paths)
    .sort(([a], [b]) => paramsIn(a) - paramsIn(b))
    .map(([path, methods]) => ({
      pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{\w+\}/g, "[^/]+")}/?$`),
      methods,
    }));
}

/** `image/*` in a spec covers `image/png` in a response. */
function mediaTypeFor(content: Record<string, MediaType>, type: string): MediaType | undefined {
  return content[type] ?? content[`${type.split("/")[0]}/*`] ?? content["*/*"];
}

export function specChecker(document: SpecDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats.default(ajv);
  ajv.addSchema({ $id: "sorot-openapi", components: document.components ?? {} });
  const routes = routesOf(document);
  const compiled = new Map<object, ValidateFunction>();

  function validatorOf(schema: object): ValidateFunction {
    let validate = compiled.get(schema);
    if (!validate) {
      const rooted = JSON.parse(
        JSON.stringify(schema).replaceAll('"#/components/', '"sorot-openapi#/components/'),
      );
      validate = ajv.compile(rooted);
      compiled.set(schema, validate);
    }
    return validate;
  }

  /** Returns what is wrong with the response, or undefined when the spec says it. */
  return function check(seen: SeenResponse): string | undefined {
    const method = seen.method.toLowerCase();
    const path = seen.url.split("?")[0] ?? "";
    const operation = routes.find((route) => route.pattern.test(path) && route.methods[method])?.methods[
      method
    ];
    // No route (a 404), or one undocumented on purpose: UNDOCUMENTED_ROUTES in route-walker.test.ts says which.
    if (!operation) return undefined;
    const where = `${method.toUpperCase()} ${path} -> ${seen.status}`;
    const declared = operation.responses?.[String(seen.status)] ?? operation.responses?.default;
    if (!declared) return `${where}: status not declared (${seen.body.slice(0, 200)})`;
    if (seen.body.length === 0) return undefined;
    const type = seen.contentType.split(";")[0]?.trim() ?? "";
    const media = mediaTypeFor(declared.content ?? {}, type);
    if (!media) return `${where}: content type ${type || "(none)"} not declared`;
    if (!media.schema || !/json$/.test(type)) return undefined;
    const validate = validatorOf(media.schema);
    if (validate(JSON.parse(seen.body))) return undefined;
    return `${where}: body does not match the spec: ${ajv.errorsText(validate.errors)} (${seen.body.slice(0, 200)})`;
  };
}

/** What the checker reads of a response, whether it came by inject or over a socket. */
export interface SeenResponse {
  method: string;
  /** The request's path, with or without its query. */
  url: string;
  status: number;
  contentType: string;
  body: string;
}

export function seenInjected(request: InjectOptions, response: LightMyRequestResponse): SeenResponse {
  return {
    method: String(request.method ?? "GET"),
    url: String(request.url ?? response.raw.req.url ?? ""),
    status: response.statusCode,
    contentType: String(response.headers["content-type"] ?? ""),
    body: response.body,
  };
}

/**
 * `fetch` whose every answer is checked like an injected one, for tests that talk to a listening
 * server (a fake gateway calling the api back, a raw socket): drift there fails the test too.
 */
export function specCheckedFetch(check: (seen: SeenResponse) => string | undefined): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    const problem = check({
      method: init?.method ?? (input instanceof Request ? input.method : "GET"),
      url: url.pathname,
      status: response.status,
      contentType: response.headers.get("content-type") ?? "",
      body: await response.clone().text(),
    });
    if (problem) throw new Error(`response outside the OpenAPI document: ${problem}`);
    return response;
  };
}
