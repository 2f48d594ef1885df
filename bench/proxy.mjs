// The proxy benchmark: delivery-tracker-proxy side by side with the configuration a shop would
// otherwise write — nginx with proxy_pass to the same upstream, the key added by
// proxy_set_header, proxy_cache with proxy_cache_lock and proxy_cache_use_stale (POSTs cached,
// keyed on the body) — both in front of the fixture API's key-requiring v2 base, the same
// requests for both, on 127.0.0.1. Prints one table and a PASS/MISS line per target.
//
//   scripts/bench-proxy.sh     builds the release proxy and the demo server, then runs this
//   node bench/proxy.mjs [--seconds 10] [--rounds 3] [--parcels 100000] [--connections 64]
//
// Environment: PROXY_BIN (default target/release/delivery-tracker-proxy), DEMO_SERVER_BIN
// (default target/debug/delivery-tracker-demo). Needs nginx and wrk (Debian packages).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, freePort, serverRequests, startDemoServer, startProxy } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const SECONDS = option('seconds', 10);
const PARCELS = option('parcels', 100000);
const CONNECTIONS = option('connections', 64);
const ROUNDS = option('rounds', 3);
const KEY = 'demo-client:demo-secret';
const TRACK_QUERY = readTrackQuery();

const log = (...a) => process.stderr.write(`${a.join(' ')}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The widget's own track query, read from the crate (the proxy serves nothing else). */
function readTrackQuery() {
  const source = readFileSync(path.join(REPO_ROOT, 'src/api/v2.rs'), 'utf8');
  const m = /pub const TRACK_QUERY: &str =\s*"([\s\S]*?)";/.exec(source);
  if (!m) throw new Error('TRACK_QUERY not found in src/api/v2.rs');
  return m[1].replace(/\\n/g, '\n').replace(/\\"/g, '"');
}

const trackBody = (number) =>
  JSON.stringify({ query: TRACK_QUERY, variables: { carrierId: 'kr.cjlogistics', trackingNumber: number, before: null } });

// ---------------------------------------------------------------------------------------------
// nginx, as a shop would configure it

async function startNginx(upstream) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dt-bench-nginx-'));
  const port = await freePort();
  const { host, pathname } = new URL(upstream);
  // As root, nginx's workers would run as another user that cannot write the cache folder.
  const user = process.getuid?.() === 0 ? 'user root;' : '';
  const conf = `
${user}
worker_processes ${os.cpus().length};
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=tracks:64m max_size=1g inactive=1d;
  upstream tracker { server ${host}; keepalive 64; }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 16k;
    client_body_buffer_size 16k;
    location = /graphql {
      proxy_pass http://tracker${pathname}/graphql;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Authorization "TRACKQL-API-KEY ${KEY}";
      proxy_cache tracks;
      proxy_cache_methods POST;
      proxy_cache_key "$request_uri|$request_body";
      proxy_cache_valid 200 120s;
      proxy_cache_lock on;
      proxy_cache_lock_timeout 5s;
      proxy_cache_use_stale error timeout updating http_500 http_502 http_503 http_504;
      proxy_read_timeout 5s;
    }
  }
}
`;
  writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const child = spawn('nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      await fetch(`${url}/`);
      break;
    } catch {
      if (i > 100) throw new Error(`nginx did not start; ${readFileSync(path.join(dir, 'error.log'), 'utf8')}`);
      await sleep(50);
    }
  }
  return {
    url,
    child,
    errors: () => readFileSync(path.join(dir, 'error.log'), 'utf8'),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGQUIT');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Load

/** wrk with POSTs of `body` for SECONDS at CONNECTIONS connections: requests/s, p50, p99 (ms). */
function wrkPost(url, body) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dt-bench-wrk-'));
  const script = path.join(dir, 'post.lua');
  writeFileSync(
    script,
    // Accept-Encoding as every browser sends it (nginx, with no gzip module configured, sends
    // the plain body either way).
    `wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n` +
      `wrk.headers["Accept-Encoding"] = "gzip, deflate, br"\nwrk.body = [==[${body}]==]\n` +
      'done = function(summary, latency, requests)\n' +
      '  io.write(string.format("RESULT %d %d %d %d %d\\n", summary.requests, summary.duration, ' +
      'summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, ' +
      'latency:percentile(50), latency:percentile(99)))\nend\n',
  );
  const out = execFileSync('wrk', ['-t', '1', '-c', String(CONNECTIONS), '-d', `${SECONDS}s`, '-s', script, `${url}/graphql`], {
    encoding: 'utf8',
  });
  rmSync(dir, { recursive: true, force: true });
  const m = /RESULT (\d+) (\d+) (\d+) (\d+) (\d+)/.exec(out);
  if (!m) throw new Error(`wrk printed no result:\n${out}`);
  const [requests, micros, errors, p50, p99] = m.slice(1).map(Number);
  return { rps: requests / (micros / 1e6), errors, p50: p50 / 1000, p99: p99 / 1000 };
}

/** POSTs each body once, at most `concurrency` at a time, all at once when it is their count. */
async function postAll(url, bodies, concurrency = bodies.length) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const statuses = new Map();
  let next = 0;
  const one = (body) =>
    new Promise((resolve, reject) => {
      const request = http.request(
        `${url}/graphql`,
        { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
        (response) => {
          response.resume();
          response.on('end', () => {
            statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
            resolve();
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  const worker = async () => {
    while (next < bodies.length) await one(bodies[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, bodies.length) }, worker));
  agent.destroy();
  return statuses;
}

function rssMegabytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

// ---------------------------------------------------------------------------------------------

const fmt = (n, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function main() {
  const upstream = await startDemoServer({ root: REPO_ROOT });
  const keyed = `${upstream.api}/keyed`;
  // No per-client limit and no upstream quota (the fixture has none): as nginx runs.
  const proxyArgs = ['--rate-limit', '0', '--upstream-rate', '100000', '--upstream-timeout', '5'];
  const env = { TRACKQL_API_KEY: KEY, DT_PROXY_LOG: 'warn' };
  const proxyBin = process.env.PROXY_BIN || 'target/release/delivery-tracker-proxy';
  process.env.PROXY_BIN = proxyBin;
  const proxy = await startProxy({ upstream: keyed, args: proxyArgs, env });
  const nginx = await startNginx(keyed);
  const servers = [proxy, nginx, upstream];
  const rows = [];
  try {
    // 1. Coalescing: 1,000 concurrent requests of 100 distinct parcels, cold caches. The 998…
    // numbers answer after 1 s upstream, so identical requests overlap.
    // The fixture server (tiny_http) now and then leaves a connection of such a burst
    // unanswered (see docs/contract.md): the side's run is then repeated with new parcels, at
    // most twice, and the table says how many runs it took.
    log('coalescing: 1,000 concurrent requests of 100 parcels…');
    const upstreamCalls = {};
    const attempts = {};
    for (const [name, server, side] of [['proxy', proxy, 1], ['nginx', nginx, 2]]) {
      for (let attempt = 1; ; attempt++) {
        const prefix = `998${side}${attempt}`;
        const bodies = Array.from({ length: 1000 }, (_, i) => trackBody(`${prefix}${String(i % 100).padStart(5, '0')}`));
        log(`  ${name}…`);
        const statuses = await postAll(server.url, bodies).catch((error) => {
          throw new Error(`${name}: ${error.message}${server.errors ? `\n${server.errors()}` : ''}`);
        });
        const upstreamRequests = (await serverRequests(upstream.api, `"trackingNumber":"${prefix}`)).length;
        if (statuses.get(200) === 1000) {
          upstreamCalls[name] = upstreamRequests;
          attempts[name] = attempt;
          break;
        }
        const seen = JSON.stringify([...statuses]);
        if (attempt === 3) throw new Error(`${name}: not every answer was 200 in 3 runs: ${seen}`);
        log(`  ${name}: not every answer was 200 (${seen}); again with new parcels`);
      }
    }

    // 2. Cache hits at CONNECTIONS connections: one warm parcel, the same POST for both, in
    // ROUNDS interleaved runs (the order alternating), so a busy moment of the machine does
    // not land on one side only; the medians are reported.
    const body = trackBody('1234567890');
    const runs = { proxy: [], nginx: [] };
    const sides = [['proxy', proxy], ['nginx', nginx]];
    for (const [, server] of sides) await postAll(server.url, [body]);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, server] of round % 2 ? [...sides].reverse() : sides) {
        log(`cache hits: ${name}, ${CONNECTIONS} connections, ${SECONDS} s (round ${round + 1} of ${ROUNDS})…`);
        const run = wrkPost(server.url, body);
        if (run.errors) throw new Error(`${name}: ${run.errors} errors under load`);
        runs[name].push(run);
      }
    }
    const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const hit = Object.fromEntries(
      Object.entries(runs).map(([name, list]) => [
        name,
        { rps: median(list.map((r) => r.rps)), p50: median(list.map((r) => r.p50)), p99: median(list.map((r) => r.p99)), all: list },
      ]),
    );

    // 3. The memory of a proxy that has cached PARCELS distinct delivered parcels (1000…
    // numbers): a fresh instance, so the figure is the cache's, not what the load above left.
    log(`memory: caching ${fmt(PARCELS)} parcels in a fresh proxy…`);
    await Promise.all([proxy.stop(), nginx.stop()]);
    const filled = await startProxy({ upstream: keyed, args: proxyArgs, env });
    servers.push(filled);
    const before = rssMegabytes(filled.child.pid);
    const bodies = Array.from({ length: PARCELS }, (_, i) => trackBody(`1000${String(i).padStart(6, '0')}`));
    const statuses = await postAll(filled.url, bodies, 64);
    if (statuses.get(200) !== PARCELS) throw new Error(`not every parcel was cached: ${JSON.stringify([...statuses])}`);
    const ready = await (await fetch(`${filled.url}/readyz`)).json();
    const rss = rssMegabytes(filled.child.pid);

    rows.push([`cache hits, requests/s (median of ${ROUNDS})`, fmt(hit.proxy.rps), fmt(hit.nginx.rps)]);
    rows.push(['  each run', hit.proxy.all.map((r) => fmt(r.rps)).join(' / '), hit.nginx.all.map((r) => fmt(r.rps)).join(' / ')]);
    rows.push(['cache hits, p50 latency (ms)', fmt(hit.proxy.p50, 2), fmt(hit.nginx.p50, 2)]);
    rows.push(['cache hits, p99 latency (ms)', fmt(hit.proxy.p99, 2), fmt(hit.nginx.p99, 2)]);
    const tries = (name) => (attempts[name] > 1 ? ` (run ${attempts[name]})` : '');
    rows.push([
      'upstream requests for 1,000 concurrent requests of 100 parcels',
      `${fmt(upstreamCalls.proxy)}${tries('proxy')}`,
      `${fmt(upstreamCalls.nginx)}${tries('nginx')}`,
    ]);
    rows.push([`RSS with ${fmt(PARCELS)} cached parcels (MB)`, `${fmt(rss, 1)} (at start ${fmt(before, 1)}, ${fmt(ready.cachedAnswers)} answers)`, '—']);

    const width = Math.max(...rows.map((r) => r[0].length));
    const col = Math.max(...rows.map((r) => r[1].length), 5);
    console.log(`\n${'delivery-tracker-proxy vs nginx proxy_cache (same upstream, same requests)'}`);
    const col2 = Math.max(...rows.map((r) => r[2].length), 5);
    console.log(`${''.padEnd(width)}  ${'proxy'.padStart(col)}  ${'nginx'.padStart(col2)}`);
    for (const [what, a, b] of rows) console.log(`${what.padEnd(width)}  ${a.padStart(col)}  ${b.padStart(col2)}`);
    console.log('');
    const targets = [
      ['cache-hit throughput at least nginx\'s', hit.proxy.rps >= hit.nginx.rps],
      ['p99 under 5 ms', hit.proxy.p99 < 5],
      ['one upstream request per distinct parcel', upstreamCalls.proxy === 100],
      ['RSS under 100 MB', rss < 100],
    ];
    for (const [what, ok] of targets) console.log(`${ok ? 'PASS' : 'MISS'}  ${what}`);
    process.exitCode = targets.every(([, ok]) => ok) ? 0 : 1;
  } finally {
    await Promise.allSettled(servers.map((server) => server.stop()));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
