// The packed package's types, installed with `npm install` into a TypeScript project with React
// 19's and Vue's types: tsc --noEmit (TypeScript 7 and 5) must pass on files that use the element
// correctly and fail, with the expected errors, on files that misuse it. Also checks that the
// .d.ts files agree with the shipped custom-elements.json.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, prepareProject, run, step } from './lib.mjs';

let dir;

const COMPILERS = {
  'TypeScript 7': (dir) => [path.join(dir, 'node_modules', 'typescript', 'bin', 'tsc')],
  'TypeScript 5': (dir) => [path.join(dir, 'node_modules', 'typescript5', 'bin', 'tsc')],
};

before(async () => {
  dir = await prepareProject('ts', ['typescript@7', 'typescript5@npm:typescript@5', '@types/react@19', 'vue@3'], {
    shared: [['TrackerList.tsx', 'src/react/TrackerList.tsx']],
  });
});

/** Runs tsc -p <config> --noEmit; resolves { code, output, errors: [{ file, line, code, message }] }. */
async function tsc(compiler, config) {
  const [script] = COMPILERS[compiler](dir);
  const { code, stdout, stderr } = await run(process.execPath, [script, '-p', config, '--noEmit', '--pretty', 'false'], { cwd: dir });
  const output = `${stdout}${stderr}`;
  const errors = [];
  for (const line of output.split('\n')) {
    const m = /^(\S.*?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
    if (m) errors.push({ file: m[1], line: Number(m[2]), code: m[4], message: m[5] });
    else if (/^\s+\S/.test(line) && errors.length) errors.at(-1).message += ` ${line.trim()}`;
  }
  return { code, output, errors };
}

// Each misuse and the error tsc must report for it (message fragments, one entry per error).
const EXPECTED_ERRORS = {
  'tsconfig.bad.json': {
    'bad/react/attribute.tsx': ["'carier' does not exist"],
    'bad/react/mode.tsx': ['\'"ful"\' is not assignable'],
    'bad/react/react-detail.tsx': ["'trakingNumber' does not exist on type 'DtLoadDetail'"],
    'bad/react/detail.ts': ["'trackingNo' does not exist on type 'DtLoadDetail'"],
    'bad/react/error-detail.ts': ["'number | null' is not assignable to type 'string'"],
    'bad/react/property.ts': ['\'"ful"\' is not assignable', "Cannot assign to 'state' because it is a read-only property"],
    'bad/react/translations.ts': ["'linkTxt' does not exist"],
  },
  'tsconfig.bad-vue.json': {
    'bad/vue/attribute.tsx': ["'carier' does not exist"],
  },
};

for (const compiler of Object.keys(COMPILERS)) {
  for (const [config, what] of [
    ['tsconfig.json', 'a TypeScript file and a React 19 TSX file (moduleResolution bundler)'],
    ['tsconfig.nodenext.json', 'the same files with moduleResolution nodenext'],
    ['tsconfig.vue.json', 'Vue JSX and the GlobalComponents Vue templates read'],
  ]) {
    test(`${compiler}: tsc --noEmit passes on ${what}`, { timeout: 120000 }, async () => {
      step(`ts: ${compiler}: tsc -p ${config}`);
      const result = await tsc(compiler, config);
      assert.equal(result.code, 0, `tsc -p ${config} failed:\n${result.output}`);
    });
  }

  for (const [config, expected] of Object.entries(EXPECTED_ERRORS)) {
    test(`${compiler}: tsc --noEmit fails on each misuse (${config})`, { timeout: 120000 }, async () => {
      step(`ts: ${compiler}: tsc -p ${config} (must fail)`);
      const result = await tsc(compiler, config);
      assert.notEqual(result.code, 0, `tsc -p ${config} passed, but every file in it misuses the element`);
      const files = new Set([...Object.keys(expected), ...result.errors.map((e) => e.file)]);
      for (const file of files) {
        const got = result.errors.filter((e) => e.file === file).map((e) => `${e.code}: ${e.message}`);
        const want = expected[file] ?? [];
        assert.equal(got.length, want.length, `${file}: expected ${want.length} error(s), got:\n${got.join('\n')}\n\n${result.output}`);
        for (const fragment of want) {
          assert.ok(got.some((message) => message.includes(fragment)), `${file}: no error mentions ${fragment}; got:\n${got.join('\n')}`);
        }
      }
    });
  }
}

/** A TypeScript file asserting that the types name exactly what the manifest names. */
function agreementSource(manifest, stringKeys) {
  const declaration = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'delivery-tracker');
  const union = (names) => names.map((n) => JSON.stringify(n)).join(' | ') || 'never';
  const attributes = declaration.attributes.map((a) => a.name);
  const fieldNames = declaration.attributes.map((a) => a.fieldName);
  const own = declaration.members.filter((m) => !m.inheritedFrom).map((m) => m.name);
  const settable = declaration.members.filter((m) => m.kind === 'field' && !m.readonly).map((m) => m.name);
  const events = declaration.events.map((e) => e.name);
  const eventTypes = declaration.events.map((e) => [e.name, e.type.text]);
  const detailNames = [...new Set(eventTypes.map(([, t]) => /^CustomEvent<(\w+)>$/.exec(t)?.[1]).filter(Boolean))];
  const parts = declaration.cssParts.map((p) => p.name);
  const cssProperties = declaration.cssProperties.map((p) => p.name);
  return `// Generated by tests/consumers/types.test.mjs from custom-elements.json.
import type {
  DeliveryTrackerAttributes,
  DeliveryTrackerCssProperty,
  DeliveryTrackerElement,
  DeliveryTrackerEventMap,
  DeliveryTrackerPart,
  DeliveryTrackerProperties,
  DeliveryTrackerStringKey,
  ${detailNames.join(',\n  ')},
} from "delivery-tracker-widget";
import type { DeliveryTrackerReactProps } from "delivery-tracker-widget/react";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export const attributesAgree: Equal<keyof DeliveryTrackerAttributes, ${union(attributes)}> = true;
export const ownMembersAgree: Equal<Exclude<keyof DeliveryTrackerElement, keyof HTMLElement>, ${union(own)}> = true;
export const propertiesAgree: Equal<keyof DeliveryTrackerProperties, ${union([...new Set([...fieldNames, ...settable])])}> = true;
export const eventsAgree: Equal<keyof DeliveryTrackerEventMap, ${union(events)}> = true;
${eventTypes.map(([name, type], i) => `export const eventType${i}Agrees: Equal<DeliveryTrackerEventMap[${JSON.stringify(name)}], ${type}> = true;`).join('\n')}
export const partsAgree: Equal<DeliveryTrackerPart, ${union(parts)}> = true;
export const cssPropertiesAgree: Equal<DeliveryTrackerCssProperty, ${union(cssProperties)}> = true;
export const stringKeysAgree: Equal<DeliveryTrackerStringKey, ${union(stringKeys)}> = true;
export const reactHasEveryAttribute: Equal<Extract<keyof DeliveryTrackerReactProps, ${union(attributes)}>, ${union(attributes)}> = true;
export const reactHasEveryEvent: Equal<Extract<keyof DeliveryTrackerReactProps, \`ondt-\${string}\`>, ${union(events.map((e) => `on${e}`))}> = true;
`;
}

/** The public string keys (`translations`) from the strings! table in src/i18n.rs. */
function stringKeys() {
  const source = readFileSync(path.join(REPO_ROOT, 'src', 'i18n.rs'), 'utf8');
  const table = source.split('strings! {')[1].split('\n}')[0];
  return [...table.matchAll(/^\s*\w+\s+"(\w+)":/gm)].map((m) => m[1]);
}

test('the .d.ts files agree with custom-elements.json (attributes, members, events, parts, CSS properties) and src/i18n.rs (string keys)', { timeout: 120000 }, async () => {
  step('ts: tsc on a file generated from custom-elements.json');
  const manifest = JSON.parse(readFileSync(path.join(dir, 'node_modules', 'delivery-tracker-widget', 'custom-elements.json'), 'utf8'));
  const keys = stringKeys();
  assert.ok(keys.length > 10, `string keys found in src/i18n.rs: ${keys.length}`);
  mkdirSync(path.join(dir, 'agreement'), { recursive: true });
  writeFileSync(path.join(dir, 'agreement', 'agreement.ts'), agreementSource(manifest, keys));
  writeFileSync(
    path.join(dir, 'tsconfig.agreement.json'),
    JSON.stringify({ extends: './tsconfig.json', include: ['agreement'] }, null, 2),
  );
  const result = await tsc('TypeScript 7', 'tsconfig.agreement.json');
  const source = readFileSync(path.join(dir, 'agreement', 'agreement.ts'), 'utf8').split('\n');
  const disagreements = result.errors.map((e) => `${source[e.line - 1]}\n    ${e.code}: ${e.message}`);
  assert.equal(result.code, 0, `the types and the manifest disagree:\n${disagreements.join('\n') || result.output}`);
});
