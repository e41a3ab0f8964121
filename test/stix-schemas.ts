/**
 * The OASIS STIX 2.1 JSON schemas (../shared/stix2-json-schemas in the workspace), loaded into ajv by path:
 * every schema file is added under its $id, so their relative $refs ("../common/core.json") resolve among
 * themselves. They are read where they are, never copied into the repository.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { ROOT } from './helpers.js';

export const STIX_SCHEMAS = resolve(process.env.STIX_SCHEMAS_DIR ?? join(ROOT, '..', 'shared', 'stix2-json-schemas'));
export const STIX_GRAMMAR = join(STIX_SCHEMAS, 'pattern_grammar', 'STIXPattern.g4');
const BASE = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/';

export function haveSchemas(): boolean {
  return existsSync(join(STIX_SCHEMAS, 'schemas', 'common', 'bundle.json'));
}

// (CommonJS modules whose typings declare a default export: the class and function are on .default under NodeNext.)
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

export interface StixValidator {
  bundle: ValidateFunction;
  /** The schema of one object type (sdos/, sros/, observables/, common/marking-definition, common/extension-definition). */
  object(type: string): ValidateFunction;
}

export function loadStixSchemas(): StixValidator {
  // The schemas' patterns use escapes ("\-") that JavaScript's unicode mode rejects: compile them without it.
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false, logger: false });
  addFormats(ajv);
  const dir = join(STIX_SCHEMAS, 'schemas');
  const where = new Map<string, string>();
  for (const sub of readdirSync(dir)) {
    for (const f of readdirSync(join(dir, sub)).filter((x) => x.endsWith('.json'))) {
      const schema = JSON.parse(readFileSync(join(dir, sub, f), 'utf8')) as { $id: string };
      if (!schema.$id?.startsWith(BASE)) throw new Error(`${sub}/${f}: unexpected $id ${schema.$id}`);
      ajv.addSchema(schema);
      where.set(f.replace(/\.json$/, ''), schema.$id);
    }
  }
  const get = (id: string) => {
    const v = ajv.getSchema(id);
    if (!v) throw new Error(`no schema ${id}`);
    return v;
  };
  return {
    bundle: get(`${BASE}common/bundle.json`),
    object: (type) => {
      const id = where.get(type);
      if (!id) throw new Error(`no OASIS schema for object type ${type}`);
      return get(id);
    },
  };
}
