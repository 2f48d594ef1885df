// Helpers for the consumer tests: pack ./www with `npm pack`, install the tarball (and the tools a
// consumer would use, from the npm registry) into throw-away projects under
// tests/.work/consumers/, run their tools, and serve their pages with the demo server.
//
// Installs are cached: a project's node_modules is kept between runs; `npm install` runs again
// only when its tool list or the tarball changed.
//
// Environment:
//   DT_PACKAGE_TGZ   use this tarball instead of packing ./www
//   DEMO_SERVER_BIN, CHROMIUM_PATH   see tests/e2e/harness.mjs
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, WORK_DIR, TrackerPage, recordPage } from '../e2e/harness.mjs';

export { REPO_ROOT };
export const CONSUMERS_DIR = path.join(WORK_DIR, 'consumers');
export const FIXTURES_DIR = path.join(REPO_ROOT, 'tests', 'consumers', 'fixtures');
export const WWW_DIR = path.join(REPO_ROOT, 'www');
export const TARBALL = path.join(CONSUMERS_DIR, 'delivery-tracker-widget.tgz');

/** Prints a step line (node --test shows a test file's stdout as diagnostics). */
export function step(message) {
  process.stdout.write(`consumers: ${message}\n`);
}

/** Runs a command; resolves { code, stdout, stderr } (never rejects on a non-zero exit). */
export function run(command, args, { cwd, env, timeoutMs = 240000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${command}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}

/** Runs a command and throws (with its output) unless it exits 0. */
export async function runOk(command, args, options = {}) {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} (in ${options.cwd ?? process.cwd()}) exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

let packed = null;

/**
 * Packs ./www with `npm pack` (as a publisher would) into tests/.work/consumers/, or takes
 * DT_PACKAGE_TGZ. Resolves with { path, sha } (once per process).
 */
export function packTarball() {
  packed ??= (async () => {
    mkdirSync(CONSUMERS_DIR, { recursive: true });
    if (process.env.DT_PACKAGE_TGZ) {
      const given = path.resolve(process.env.DT_PACKAGE_TGZ);
      step(`using the tarball ${given}`);
      if (given !== TARBALL) cpSync(given, TARBALL);
      return { path: TARBALL, sha: sha256(TARBALL) };
    }
    if (!existsSync(path.join(WWW_DIR, 'pkg', 'delivery_tracker_bg.wasm'))) {
      throw new Error('www/pkg/ is missing: run scripts/build.sh first');
    }
    step('npm pack ./www');
    const dest = mkdtempSync(path.join(CONSUMERS_DIR, 'pack-'));
    try {
      const { stdout } = await runOk('npm', ['pack', WWW_DIR, '--pack-destination', dest, '--json', '--loglevel=error']);
      const file = path.join(dest, JSON.parse(stdout)[0].filename.replace(/^.*\//, ''));
      const sha = sha256(file);
      if (!existsSync(TARBALL) || sha256(TARBALL) !== sha) renameSync(file, TARBALL);
      return { path: TARBALL, sha };
    } finally {
      rmSync(dest, { recursive: true, force: true });
    }
  })();
  return packed;
}

/**
 * Makes tests/.work/consumers/<name>: a project whose node_modules holds `tools` (npm specs from
 * the registry, e.g. "vite@7") and the packed tarball, then copies tests/consumers/fixtures/<name>
 * over it (and `shared` files from fixtures/shared). Resolves with the project's directory.
 */
export async function prepareProject(name, tools = [], { shared = [] } = {}) {
  const { sha } = await packTarball();
  const dir = path.join(CONSUMERS_DIR, name);
  mkdirSync(dir, { recursive: true });
  const stampFile = path.join(dir, '.consumer-stamp.json');
  const wanted = { tools, node: process.versions.node };
  let stamp = {};
  try {
    stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {}
  const toolsOk = JSON.stringify(stamp.wanted) === JSON.stringify(wanted) && existsSync(path.join(dir, 'node_modules'));
  const packageOk = toolsOk && stamp.sha === sha && existsSync(path.join(dir, 'node_modules', 'delivery-tracker-widget', 'package.json'));
  if (!toolsOk) {
    step(`${name}: npm install ${[...tools, 'the tarball'].join(' ')}`);
    rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
    rmSync(path.join(dir, 'package-lock.json'), { force: true });
    writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({ name: `dt-consumer-${name}`, version: '0.0.0', private: true, type: 'module' }, null, 2) + '\n',
    );
    if (tools.length) await npmInstall(dir, ['--save-dev', ...tools]);
    await npmInstall(dir, [path.relative(dir, TARBALL)]);
  } else if (!packageOk) {
    step(`${name}: npm install the new tarball (tools cached)`);
    await npmInstall(dir, [path.relative(dir, TARBALL)]);
  } else {
    step(`${name}: installed tarball and tools are current`);
  }
  writeFileSync(stampFile, JSON.stringify({ wanted, sha }, null, 2));
  const fixtures = path.join(FIXTURES_DIR, name);
  if (existsSync(fixtures)) cpSync(fixtures, dir, { recursive: true });
  // Files used by more than one consumer: [file in fixtures/shared, destination in the project].
  for (const [file, dest] of shared) cpSync(path.join(FIXTURES_DIR, 'shared', file), path.join(dir, dest));
  return dir;
}

async function npmInstall(dir, args) {
  await runOk('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...args], { cwd: dir });
}

/** The local binary `name` of a consumer project (node_modules/.bin/name). */
export const bin = (dir, name) => path.join(dir, 'node_modules', '.bin', name);

/** Fails early with a useful message when the demo server binary is missing. */
export function demoServerBin() {
  const bin = path.resolve(REPO_ROOT, process.env.DEMO_SERVER_BIN || 'target/debug/delivery-tracker-demo');
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run cargo build -p delivery-tracker-demo`);
  return bin;
}

/**
 * Opens `url` in a fresh context with the recorders of tests/e2e/harness.mjs. `setup(page)` runs
 * before navigation (routes). Resolves with a TrackerPage; `requests` lists every request.
 */
export async function openConsumerPage(browser, url, { apiOrigin = null, setup = null, waitUntil = 'load' } = {}) {
  const context = await browser.newContext({ locale: 'ko-KR' });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  const tp = new TrackerPage(context, page, apiOrigin);
  // The recorders of tests/e2e/harness.mjs, so that TrackerPage's helpers work.
  await recordPage(page);
  if (setup) await setup(page);
  await page.goto(url, { waitUntil, timeout: 15000 });
  return tp;
}

/** Opens a page, runs body(tp), asserts no errors, closes the context whatever happens. */
export async function withConsumerPage(browser, url, options, body) {
  const tp = await openConsumerPage(browser, url, options);
  try {
    await body(tp);
    await tp.assertNoErrors();
  } finally {
    await tp.close();
  }
}

/** Requests whose URL path ends with `suffix` (e.g. ".wasm"). */
export const requestsEndingWith = (tp, suffix) => tp.requests.filter((r) => new URL(r.url).pathname.endsWith(suffix));
