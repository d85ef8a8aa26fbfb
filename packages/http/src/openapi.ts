import { getModule, listModules, listPresets } from '@zhidu/modules';

/** A JSON object (an OpenAPI document or one of its parts). */
export type JsonObject = { [key: string]: unknown };

const ERROR_SCHEMA: JsonObject = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'path', 'message', 'messages', 'requestId'],
      properties: {
        code: { type: 'string', description: 'ZhiduError code (docs/errors.md)' },
        path: { type: 'array', items: { type: ['string', 'integer'] } },
        message: {
          type: 'string',
          description:
            'in the language of Accept-Language (zh, zh-CN, zh-Hans → Chinese; other languages → English); "中文 / English" without one',
        },
        messages: {
          type: 'object',
          required: ['zh', 'en'],
          properties: { zh: { type: 'string' }, en: { type: 'string' } },
          description: 'the message in each language',
        },
        details: {},
        requestId: { type: 'string' },
      },
    },
  },
};

const CONTEXT_SCHEMA: JsonObject = {
  type: 'object',
  required: ['now'],
  additionalProperties: false,
  properties: {
    now: {
      type: 'string',
      description: 'the evaluation instant, ISO-8601 with an offset (2024-03-20T09:00:00+08:00)',
    },
    zone: { type: 'string', description: 'IANA zone (default: the policy zone)' },
    calendar: {
      type: 'string',
      enum: ['prc', 'weekdays'],
      description: 'working days: the PRC statutory calendar (default) or plain weekdays',
    },
    seed: { type: 'string', description: 'seed of the context random generator (rotation draws, samples)' },
  },
};

/**
 * Moves a module schema's `$defs` into `components.schemas` under a prefix and rewrites its `$ref`s,
 * so that several draft 2020-12 schemas can live in one OpenAPI 3.1 document.
 */
function hoist(schema: unknown, prefix: string, into: JsonObject): unknown {
  const rewrite = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (v === null || typeof v !== 'object') return v;
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v as JsonObject)) {
      if (k === '$schema' || k === '$defs' || k === '$id') continue;
      if (k === '$ref' && typeof x === 'string' && x.startsWith('#/$defs/')) {
        out[k] = `#/components/schemas/${prefix}.${x.slice('#/$defs/'.length)}`;
      } else if (k === '$ref' && x === '#') {
        out[k] = `#/components/schemas/${prefix}`;
      } else out[k] = rewrite(x);
    }
    return out;
  };
  const defs = (schema as { $defs?: JsonObject } | null)?.$defs;
  if (defs) for (const [name, def] of Object.entries(defs)) into[`${prefix}.${name}`] = rewrite(def);
  return rewrite(schema);
}

const json = (schema: JsonObject | { $ref: string }) => ({ 'application/json': { schema } });

const errorResponses = {
  '400': {
    description: 'malformed input, unknown key',
    content: json({ $ref: '#/components/schemas/Error' }),
  },
  '401': {
    description: 'missing or wrong bearer token',
    content: json({ $ref: '#/components/schemas/Error' }),
  },
  '403': {
    description: 'tenant not allowed for this token',
    content: json({ $ref: '#/components/schemas/Error' }),
  },
  '404': {
    description: 'unknown module, preset or reference',
    content: json({ $ref: '#/components/schemas/Error' }),
  },
  '413': { description: 'body over the size limit', content: json({ $ref: '#/components/schemas/Error' }) },
  '422': {
    description: 'well-formed but unusable input',
    content: json({ $ref: '#/components/schemas/Error' }),
  },
  '429': {
    description: 'rate limit of the token exceeded',
    content: json({ $ref: '#/components/schemas/Error' }),
  },
};

/**
 * The OpenAPI 3.1 document of the server, generated from the registry's zod schemas (each module's
 * policy and input JSON Schema become components; `$defs` are hoisted so `$ref`s resolve).
 *
 * @param options - `title` and `version` of the API, and the tenant header name
 * @returns the document, as served at `/openapi.json`
 * @example
 * const doc = openApiDocument();
 * doc.openapi; //=> '3.1.0'
 * Object.keys(doc.paths as object).includes('/v1/sla.timers/evaluate'); //=> true
 */
export function openApiDocument(
  options: { title?: string; version?: string; tenantHeader?: string; store?: boolean } = {},
): JsonObject {
  const schemas: JsonObject = {
    Error: ERROR_SCHEMA,
    Context: CONTEXT_SCHEMA,
    Decision: {
      type: 'object',
      description:
        'a module decision: value { result, violations }, trace (each entry citing its clause) and provenance',
      properties: {
        value: {
          type: 'object',
          properties: { result: {}, violations: { type: 'array', items: { type: 'object' } } },
        },
        trace: { type: 'array', items: { type: 'object' } },
        provenance: { type: 'object' },
      },
    },
  };
  const tenantHeader = options.tenantHeader ?? 'x-zhidu-tenant';
  const common = [
    {
      name: tenantHeader,
      in: 'header',
      required: false,
      schema: { type: 'string' },
      description: 'tenant the request acts for (checked against the token)',
    },
  ];
  const paths: JsonObject = {
    '/healthz': {
      get: {
        summary: 'liveness',
        security: [],
        responses: { '200': { description: 'up', content: json({ type: 'object' }) } },
      },
    },
    '/v1/modules': {
      get: {
        summary: 'every module of the registry',
        responses: {
          '200': { description: 'modules', content: json({ type: 'array', items: { type: 'object' } }) },
        },
      },
    },
    '/v1/presets': {
      get: {
        summary: 'every bundled preset, as <module-id>/<preset>',
        responses: {
          '200': { description: 'preset names', content: json({ type: 'array', items: { type: 'string' } }) },
        },
      },
    },
  };
  for (const m of listModules()) {
    const module = getModule(m.id);
    const policyRef = hoist(module.jsonSchema.policy, `${m.id}.policy`, schemas);
    const inputRef = hoist(module.jsonSchema.input, `${m.id}.input`, schemas);
    schemas[`${m.id}.policy`] = policyRef;
    schemas[`${m.id}.input`] = inputRef;
    const tag = m.id.slice(0, m.id.indexOf('.'));
    paths[`/v1/${m.id}/evaluate`] = {
      post: {
        tags: [tag],
        summary: `${module.title.zh} / ${module.title.en}`,
        operationId: `${m.id}.evaluate`,
        parameters: common,
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            required: ['input', 'context'],
            additionalProperties: false,
            properties: {
              input: { $ref: `#/components/schemas/${m.id}.input` },
              preset: { type: 'string', enum: [...module.presetNames] },
              policy: { $ref: `#/components/schemas/${m.id}.policy` },
              context: { $ref: '#/components/schemas/Context' },
            },
            description: 'exactly one of preset and policy',
          }),
        },
        responses: {
          '200': { description: 'the decision', content: json({ $ref: '#/components/schemas/Decision' }) },
          ...errorResponses,
        },
      },
    };
    paths[`/v1/${m.id}/scenario`] = {
      post: {
        tags: [tag],
        summary: 'run scenarios (core scenario format) of this module',
        operationId: `${m.id}.scenario`,
        parameters: common,
        requestBody: {
          required: true,
          content: json({
            oneOf: [{ type: 'object' }, { type: 'array', items: { type: 'object' }, maxItems: 500 }],
          }),
        },
        responses: {
          '200': {
            description: 'one outcome per scenario: { ok, mismatches, decision | error }',
            content: json({ type: 'object' }),
          },
          ...errorResponses,
        },
      },
    };
    paths[`/v1/${m.id}/coverage`] = {
      post: {
        tags: [tag],
        summary: 'policy-parameter coverage of a policy against scenarios',
        operationId: `${m.id}.coverage`,
        parameters: common,
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            required: ['scenarios'],
            properties: {
              preset: { type: 'string', enum: [...module.presetNames] },
              policy: { $ref: `#/components/schemas/${m.id}.policy` },
              scenarios: { type: 'array', items: { type: 'object' }, maxItems: 200 },
            },
          }),
        },
        responses: {
          '200': { description: 'parameters, pinned or not', content: json({ type: 'object' }) },
          ...errorResponses,
        },
      },
    };
    paths[`/v1/${m.id}/schema`] = {
      get: {
        tags: [tag],
        summary: 'JSON Schemas (draft 2020-12) of the policy and the input',
        operationId: `${m.id}.schema`,
        responses: {
          '200': { description: '{ policy, input }', content: json({ type: 'object' }) },
          ...errorResponses,
        },
      },
    };
  }
  if (options.store) Object.assign(paths, storePaths(common));
  return {
    openapi: '3.1.0',
    info: {
      title: options.title ?? 'zhidu',
      version: options.version ?? '0',
      description: `制度规则服务：${listModules().length} 个模块、${listPresets().length} 个预设 / zhidu rule modules over HTTP`,
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    security: [{ bearer: [] }],
    paths,
    components: {
      schemas,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
  };
}

/** The store-backed routes (present when the server has a store). */
function storePaths(parameters: unknown[]): JsonObject {
  const ok = (description: string) => ({ description, content: json({ type: 'object' }) });
  const p = (name: string, where: 'path' | 'query' = 'path', required = true) => ({
    name,
    in: where,
    required,
    schema: { type: 'string' },
  });
  return {
    '/v1/{module}/policies': {
      post: {
        tags: ['store'],
        summary: 'store a policy version (append-only), or { preset } for a bundled preset',
        parameters: [...parameters, p('module')],
        requestBody: { required: true, content: json({ type: 'object' }) },
        responses: { '201': ok('id, version, hash, stored, what re-judging changed'), ...errorResponses },
      },
    },
    '/v1/{module}/streams/{stream}/events': {
      post: {
        tags: ['store'],
        summary:
          'record events: append, evaluate the module under the stream policy history, project — one transaction',
        parameters: [...parameters, p('module'), p('stream')],
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            required: ['events'],
            properties: {
              events: { type: 'array', items: { type: 'object' } },
              expectedVersion: { type: 'integer', minimum: 0 },
              idempotencyKey: { type: 'string' },
              policyId: { type: 'string' },
              input: { type: 'object' },
              customerId: { type: 'string' },
              now: { type: 'string' },
            },
          }),
        },
        responses: { '201': ok('versions written and the decision(s)'), ...errorResponses },
      },
    },
    '/v1/streams/{stream}': {
      get: {
        tags: ['store'],
        summary:
          "the events of a stream; personal values read '[personal]' unless ?personal=true from a token with the personal:read scope (403 forbidden without it)",
        parameters: [
          ...parameters,
          p('stream'),
          p('fromVersion', 'query', false),
          { ...p('personal', 'query', false), schema: { type: 'string', enum: ['true', 'false'] } },
        ],
        responses: { '200': ok('events'), ...errorResponses },
      },
    },
    '/v1/streams/{stream}/info': {
      get: {
        tags: ['store'],
        summary:
          'which module a stream is bound to, its policy id, the version in force at its latest event, its version and event count',
        parameters: [...parameters, p('stream')],
        responses: {
          '200': ok('{ streamId, module, policy, customerId, version, events }'),
          ...errorResponses,
        },
      },
    },
    '/v1/streams/{stream}/input': {
      get: {
        tags: ['store'],
        summary:
          "the module input(s) the store evaluates for a stream (personal values read '[personal]'), to replay it under another policy",
        parameters: [...parameters, p('stream')],
        responses: { '200': ok('{ streamId, module, policyId, inputs }'), ...errorResponses },
      },
    },
    '/v1/owners/{customer}': {
      get: {
        tags: ['store'],
        summary: 'current owner of a customer, with trace and provenance',
        parameters: [...parameters, p('customer')],
        responses: { '200': ok('owner'), ...errorResponses },
      },
    },
    '/v1/timers/due': {
      get: {
        tags: ['store'],
        summary: 'open timers due (or warning) in [from, to)',
        parameters: [
          ...parameters,
          p('from', 'query'),
          p('to', 'query'),
          p('by', 'query', false),
          p('limit', 'query', false),
        ],
        responses: { '200': ok('timers'), ...errorResponses },
      },
    },
    '/v1/violations': {
      get: {
        tags: ['store'],
        summary: 'violations by time, month, person or module',
        parameters: [
          ...parameters,
          ...['from', 'to', 'period', 'personId', 'moduleId'].map((n) => p(n, 'query', false)),
        ],
        responses: { '200': ok('violations'), ...errorResponses },
      },
    },
    '/v1/ledgers/{person}/{period}': {
      get: {
        tags: ['store'],
        summary: "a person's penalty ledger for a month (YYYY-MM)",
        parameters: [...parameters, p('person'), p('period')],
        responses: { '200': ok('ledger'), ...errorResponses },
      },
    },
    '/v1/credit-accounts/{account}': {
      get: {
        tags: ['store'],
        summary: 'a credit account: limit, used, left, released shipments',
        parameters: [...parameters, p('account')],
        responses: { '200': ok('account'), ...errorResponses },
      },
    },
    '/v1/customers/{customer}/personal-data': {
      delete: {
        tags: ['store'],
        summary: "erase a customer's personal data (PIPL); decisions and ids stay",
        parameters: [...parameters, p('customer')],
        responses: { '200': ok('what was erased'), ...errorResponses },
      },
    },
  };
}
