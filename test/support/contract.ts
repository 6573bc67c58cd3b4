import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { OpenAPIObject, OperationObject, ResponseObject } from '@nestjs/swagger';

/*
 * Checks real requests and responses against the application's OpenAPI
 * document with a JSON-schema validator (ajv). OpenAPI 3.0 schemas are turned
 * into JSON Schema here, and made strict: an object may carry no property its
 * schema does not document, so a field added to a view without documenting it
 * fails as surely as a documented field that never comes.
 */

export const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

export interface Operation {
  method: (typeof METHODS)[number];
  /** OpenAPI path template, /api/v1/asms/{id} */
  path: string;
  id: string;
  op: OperationObject;
  pattern: RegExp;
}

type Json = Record<string, unknown>;

/** OpenAPI 3.0 schema → JSON Schema (draft 7) that ajv validates strictly. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const src = node as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === '$ref' && typeof v === 'string') out.$ref = v.replace('#/components/schemas/', 'openapi#/$defs/');
    else if (k === 'properties' && v && typeof v === 'object') {
      out.properties = Object.fromEntries(Object.entries(v as Json).map(([name, s]) => [name, toJsonSchema(s)]));
    } else if (k !== 'nullable' && k !== 'example') out[k] = toJsonSchema(v);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  // OpenAPI 3.0's nullable also applies to an allOf-wrapped $ref, which JSON Schema's type: [..., 'null'] would not cover.
  return src.nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

export class Contract {
  readonly operations: Operation[] = [];
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly compiled = new Map<unknown, ValidateFunction>();

  constructor(readonly doc: OpenAPIObject) {
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema({ $id: 'openapi', $defs: toJsonSchema(doc.components?.schemas ?? {}) });
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        const pattern = new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`);
        this.operations.push({ method, path, id: op.operationId ?? `${method} ${path}`, op, pattern });
      }
    }
  }

  /** The operation a request reaches (a literal segment wins over a parameter). */
  find(method: string, url: string): Operation {
    const path = url.split('?')[0];
    const found = this.operations
      .filter((o) => o.method === method.toLowerCase() && o.pattern.test(path))
      .sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0));
    if (!found.length) throw new Error(`${method} ${path}: no operation documents it`);
    return found[0];
  }

  private validate(schema: unknown, value: unknown): string[] {
    let fn = this.compiled.get(schema);
    if (!fn) {
      fn = this.ajv.compile(toJsonSchema(schema) as object);
      this.compiled.set(schema, fn);
    }
    return fn(value) ? [] : (fn.errors ?? []).map((e) => `${e.instancePath || '(raíz)'} ${e.message} ${JSON.stringify(e.params)}`);
  }

  /** Problems of a JSON request body with the operation's documented body. */
  checkRequest(o: Operation, body: unknown): string[] {
    const rb = o.op.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined;
    const schema = rb?.content?.['application/json']?.schema;
    if (!schema) return body === undefined ? [] : [`${o.id}: documents no JSON body`];
    return this.validate(schema, body).map((e) => `${o.id} (solicitud): ${e}`);
  }

  /** Problems of a response with what the operation documents for its status. */
  checkResponse(o: Operation, status: number, contentType: string | undefined, body: unknown, raw: Buffer | string | undefined): string[] {
    const responses = o.op.responses as Record<string, ResponseObject>;
    const documented = responses[String(status)] ?? (status >= 500 ? responses.default : undefined);
    if (!documented) return [`${o.id}: status ${status} is not documented (${Object.keys(responses).join(', ')})`];
    const content = documented.content ?? {};
    const types = Object.keys(content);
    if (!types.length) return (raw?.length ?? 0) === 0 ? [] : [`${o.id}: ${status} documents no body but one came`];
    const mediaType = (contentType ?? '').split(';')[0].trim();
    if (!types.includes(mediaType)) return [`${o.id}: ${status} answered ${mediaType}, documented ${types.join(', ')}`];
    const schema = content[mediaType].schema as Json | undefined;
    if (schema?.format === 'binary') return (raw?.length ?? 0) > 0 ? [] : [`${o.id}: empty file`];
    return this.validate(schema, body).map((e) => `${o.id} (${status}): ${e}`);
  }
}
