// Reads Atlassian's OpenAPI subset (harness/contract/jira-openapi.subset.json) and checks requests and responses
// against it. Used by the simulator (validateContract) and by the local Forge runtime (scopes).
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import specJson from './jira-openapi.subset.json';

interface OpenApiParameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: Record<string, unknown>;
}

interface OpenApiResponse {
  description?: string;
  content?: Record<string, { schema?: Record<string, unknown> }>;
}

interface OpenApiOperation {
  operationId?: string;
  parameters?: Array<OpenApiParameter | { $ref: string }>;
  responses: Record<string, OpenApiResponse>;
  'x-atlassian-oauth2-scopes'?: Array<{ scheme: string; scopes: string[]; state: string }>;
}

type PathItem = Record<string, unknown> & { parameters?: Array<OpenApiParameter | { $ref: string }> };

interface OpenApiDocument {
  paths: Record<string, PathItem>;
  components: { schemas: Record<string, unknown>; parameters?: Record<string, OpenApiParameter> };
}

export interface MatchedOperation {
  template: string;
  method: string;
  operation: any;
  pathParams: Record<string, string>;
}

const doc = specJson as unknown as OpenApiDocument;
const SPEC_ID = 'jira-openapi.subset.json';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

interface CompiledTemplate {
  template: string;
  regex: RegExp;
  paramNames: string[];
}

function compileTemplate(template: string): CompiledTemplate {
  const paramNames: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const param = /^\{([^}]+)\}$/.exec(part);
      if (param) {
        paramNames.push(param[1]);
        return '([^/]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return { template, regex: new RegExp(`^${source}$`), paramNames };
}

// Literal templates win over templated ones, as in every OpenAPI router.
const templates = Object.keys(doc.paths)
  .map(compileTemplate)
  .sort((a, b) => a.paramNames.length - b.paramNames.length);

function matchTemplate(pathname: string): { compiled: CompiledTemplate; rawParams: string[] } | undefined {
  for (const compiled of templates) {
    const match = compiled.regex.exec(pathname);
    if (match) return { compiled, rawParams: match.slice(1) };
  }
  return undefined;
}

function operationOf(template: string, method: string): OpenApiOperation | undefined {
  const item = doc.paths[template];
  const lower = method.toLowerCase();
  if (!item || !HTTP_METHODS.includes(lower)) return undefined;
  const operation = item[lower];
  return operation && typeof operation === 'object' ? (operation as OpenApiOperation) : undefined;
}

function documentedMethods(template: string): string[] {
  return HTTP_METHODS.filter((m) => operationOf(template, m)).map((m) => m.toUpperCase());
}

function decodeOrUndefined(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

export function matchOperation(method: string, pathname: string): MatchedOperation | undefined {
  const match = matchTemplate(pathname);
  if (!match) return undefined;
  const operation = operationOf(match.compiled.template, method);
  if (!operation) return undefined;
  const pathParams: Record<string, string> = {};
  match.compiled.paramNames.forEach((name, i) => {
    // A malformed escape cannot be decoded; the raw text is the best remaining answer (validateRequest reports it).
    pathParams[name] = decodeOrUndefined(match.rawParams[i]) ?? match.rawParams[i];
  });
  return { template: match.compiled.template, method: method.toUpperCase(), operation, pathParams };
}

/** The classic OAuth 2.0 scopes of an operation: the "Current" entries (the "Beta" ones are granular scopes). */
export function requiredScopes(operation: any): string[] {
  const entries = (operation as OpenApiOperation | undefined)?.['x-atlassian-oauth2-scopes'] ?? [];
  return entries.filter((entry) => entry.state === 'Current').flatMap((entry) => entry.scopes);
}

function resolveParameter(param: OpenApiParameter | { $ref: string }): OpenApiParameter | undefined {
  if (!('$ref' in param)) return param;
  const name = /^#\/components\/parameters\/(.+)$/.exec(param.$ref)?.[1];
  return name ? doc.components.parameters?.[name] : undefined;
}

function parametersOf(template: string, operation: OpenApiOperation): OpenApiParameter[] {
  const all = [...(doc.paths[template].parameters ?? []), ...(operation.parameters ?? [])];
  return all.map(resolveParameter).filter((p): p is OpenApiParameter => p !== undefined);
}

const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
addFormats(ajv);
ajv.addSchema(doc as unknown as object, SPEC_ID);

const pointerCache = new Map<string, ValidateFunction>();
const schemaCache = new WeakMap<object, ValidateFunction>();

// Compiling a $ref into the whole document keeps "#/components/schemas/X" refs inside the fragment resolvable.
function validatorAt(pointer: string[]): ValidateFunction {
  const fragment = pointer.map((seg) => encodeURIComponent(seg.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
  const ref = `${SPEC_ID}#/${fragment}`;
  let validate = pointerCache.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    pointerCache.set(ref, validate);
  }
  return validate;
}

function validatorFor(schema: Record<string, unknown>): ValidateFunction {
  let validate = schemaCache.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    schemaCache.set(schema, validate);
  }
  return validate;
}

function describeErrors(errors: ErrorObject[] | null | undefined, root: string): string[] {
  return (errors ?? []).map((error) => {
    const where = `${root}${error.instancePath}`;
    const extra = (error.params as { additionalProperty?: string }).additionalProperty;
    return `${where} ${error.message ?? 'is invalid'}${extra ? ` ('${extra}')` : ''}`;
  });
}

// Query strings only carry text: turn it into what the parameter schema describes before validating.
function coerceQueryValue(schema: Record<string, unknown>, raw: string): unknown {
  switch (schema.type) {
    case 'integer':
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : raw;
    default:
      return raw;
  }
}

/** Problems with a request: undocumented path or method, unknown or missing query parameters, malformed values. */
export function validateRequest(method: string, pathname: string, searchParams: URLSearchParams): string[] {
  const match = matchTemplate(pathname);
  if (!match) return [`undocumented path ${pathname}`];
  const { template } = match.compiled;
  const operation = operationOf(template, method);
  if (!operation) {
    return [`undocumented method ${method.toUpperCase()} for ${template} (documented: ${documentedMethods(template).join(', ')})`];
  }

  const problems: string[] = [];
  match.compiled.paramNames.forEach((name, i) => {
    if (decodeOrUndefined(match.rawParams[i]) === undefined) {
      problems.push(`path parameter '${name}' is not valid percent-encoding: ${match.rawParams[i]}`);
    }
  });

  const params = parametersOf(template, operation);
  const queryParams = new Map(params.filter((p) => p.in === 'query').map((p) => [p.name, p]));
  for (const name of new Set(searchParams.keys())) {
    const param = queryParams.get(name);
    if (!param) {
      problems.push(`unknown query parameter '${name}'`);
      continue;
    }
    const schema = param.schema ?? {};
    const values = searchParams.getAll(name);
    let value: unknown;
    if (schema.type === 'array') {
      const itemSchema = (schema.items as Record<string, unknown> | undefined) ?? {};
      value = values.map((v) => coerceQueryValue(itemSchema, v));
    } else {
      if (values.length > 1) problems.push(`query parameter '${name}' is given ${values.length} times but is not an array`);
      value = coerceQueryValue(schema, values[0]);
    }
    const validate = validatorFor(schema);
    if (!validate(value)) problems.push(...describeErrors(validate.errors, `query parameter '${name}'`));
  }
  for (const param of queryParams.values()) {
    if (param.required && !searchParams.has(param.name)) problems.push(`missing required query parameter '${param.name}'`);
  }
  return problems;
}

function isEmptySchema(schema: Record<string, unknown> | undefined): boolean {
  return schema !== undefined && Object.keys(schema).length === 0;
}

/**
 * Problems with a response: a status the operation does not document, or a JSON body that does not match the
 * documented schema. Error statuses without a documented schema are checked against ErrorCollection, the body
 * Jira sends for every error. `body` is the parsed JSON body, or undefined when there was none.
 */
export function validateResponse(method: string, template: string, status: number, body: unknown | undefined): string[] {
  const operation = operationOf(template, method);
  if (!operation) return [`undocumented operation ${method.toUpperCase()} ${template}`];
  const code = String(status);
  const responseKey = [code, `${code[0]}XX`, 'default'].find((key) => operation.responses[key] !== undefined);
  if (!responseKey) {
    return [`undocumented status ${status} (documented: ${Object.keys(operation.responses).join(', ')})`];
  }

  const content = operation.responses[responseKey].content ?? {};
  const mediaType = ['application/json', '*/*'].find((type) => content[type]?.schema !== undefined);
  const lower = method.toLowerCase();
  let pointer: string[];
  let schema: Record<string, unknown> | undefined;
  if (mediaType) {
    pointer = ['paths', template, lower, 'responses', responseKey, 'content', mediaType, 'schema'];
    schema = content[mediaType].schema;
  } else if (status >= 400) {
    pointer = ['components', 'schemas', 'ErrorCollection'];
    schema = doc.components.schemas.ErrorCollection as Record<string, unknown>;
  } else {
    return body === undefined ? [] : [`status ${status} documents no response body, but one was sent`];
  }

  if (body === undefined) return isEmptySchema(schema) ? [] : [`status ${status} expects a JSON body, but none was sent`];
  const validate = validatorAt(pointer);
  return validate(body) ? [] : describeErrors(validate.errors, 'body');
}
