// The phone benchmark's page server: serves the repository's files as a CDN does, every answer
// brotli-compressed (quality 11, compressed at start, like a CDN's precompressed `.br` files) with
// `Content-Encoding: br` and the right `Content-Type` (`application/wasm` for the `.wasm`, which
// streaming compilation needs), plus the generated pages and the reference element's bundle:
//
//   GET /phone/widget?n=N&api=URL[&preload=1]   N <delivery-tracker> elements (bench/phone.mjs);
//                                               preload=1 adds the README's head lines
//   GET /phone/reference?n=N&api=URL            N <dt-reference> elements, the plain-JS reference
//   GET /bench/reference.min.js                 bench/baseline.js's reference element and the
//                                               widget's stylesheet, bundled and minified (esbuild)
//
// Only files under www/ and bench/ are served; anything else is 404.
import { createServer } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { build } from 'esbuild';
import { deliveredNumber } from './api.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};
const CARRIER = 'kr.cjlogistics';

const brotli = (bytes) =>
  brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });

/** The reference element as one minified module, its stylesheet text bundled in. */
async function referenceBundle() {
  const entry = [
    "import css from '../src/browser/styles.css';",
    "import { defineReference } from './baseline.js';",
    'defineReference(css);',
  ].join('\n');
  const result = await build({
    stdin: { contents: entry, resolveDir: path.join(REPO, 'bench'), sourcefile: 'reference-entry.js' },
    bundle: true,
    minify: true,
    format: 'esm',
    loader: { '.css': 'text' },
    write: false,
    logLevel: 'warning',
  });
  return Buffer.from(result.outputFiles[0].contents);
}

// Measures the page from navigation start (performance.now()'s origin): `__phone.ready` resolves
// with the time every element's `state` is `ready` with its result in its shadow root, and
// `__phone.cls` sums the layout shifts (those without recent input, as CLS does).
const MEASURE = (tag, count) => `
(() => {
  const phone = (window.__phone = { cls: 0 });
  new PerformanceObserver((list) => {
    for (const shift of list.getEntries()) if (!shift.hadRecentInput) phone.cls += shift.value;
  }).observe({ type: 'layout-shift', buffered: true });
  const shown = () => {
    const all = document.querySelectorAll(${JSON.stringify(tag)});
    return all.length === ${count} &&
      [...all].every((el) => el.state === 'ready' && el.shadowRoot?.querySelector('[part=status]'));
  };
  phone.ready = new Promise((resolve) => {
    let waiting = false;
    document.addEventListener('dt-load', () => {
      if (waiting) return;
      waiting = true;
      // The result may be in the DOM a task after dt-load: poll without timer clamping.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (shown() ? resolve(performance.now()) : channel.port2.postMessage(0));
      channel.port2.postMessage(0);
    }, true);
  });
})();`;

/**
 * The lines `www/README.md` tells a shop it may add to its page head: the element module, the
 * glue and the `.wasm` preloaded, the first parcel's track request, and the element's height
 * reserved from the first paint (the element keeps it from its connection until its result).
 */
const headLines = (api) => [
  '<link rel="modulepreload" href="/www/element.js">',
  '<link rel="modulepreload" href="/www/pkg/delivery_tracker.js">',
  '<link rel="preload" href="/www/pkg/delivery_tracker_bg.wasm" as="fetch" type="application/wasm" crossorigin>',
  `<link rel="preload" href="${api}/carriers/${CARRIER}/tracks/${deliveredNumber(1)}" as="fetch" crossorigin>`,
  '<style>delivery-tracker:not(:defined) { display: block; min-height: 600px; }</style>',
];

/** A shop page with `count` trackers: a heading, the elements with their fallback link, a footer. */
function phonePage(kind, count, api, preload) {
  const tag = kind === 'widget' ? 'delivery-tracker' : 'dt-reference';
  const script = kind === 'widget' ? '/www/index.js' : '/bench/reference.min.js';
  const elements = Array.from({ length: count }, (_, i) => {
    const number = deliveredNumber(i + 1);
    const link = `https://trace.cjlogistics.com/next/tracking.html?wblNo=${number}`;
    return `<${tag} carrier="${CARRIER}" tracking-number="${number}" api-base="${api}"><a href="${link}">배송 조회: ${number}</a></${tag}>`;
  });
  return `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>주문 상세</title>
<link rel="icon" href="data:,">
${preload ? headLines(api).join('\n') : ''}
<script>${MEASURE(tag, count)}</script>
<script type="module" src="${script}"></script>
<style>body { font-family: sans-serif; margin: 16px; } ${tag} { display: block; margin: 12px 0; }</style>
</head>
<body>
<h1>주문 상세</h1>
<p>주문번호 2026-1201-0001 · 결제 완료</p>
${elements.join('\n')}
<p>문의: 고객센터 1588-0000</p>
</body>
</html>
`;
}

/** Every servable file under `dir` (recursively), compressed: absolute path → brotli bytes. */
function precompress(dir, cache = new Map()) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) precompress(file, cache);
    else if (TYPES[path.extname(file)]) cache.set(file, brotli(readFileSync(file)));
  }
  return cache;
}

/** Starts the server on 127.0.0.1; resolves with { url, close() }. */
export async function startCdn({ port = 0 } = {}) {
  // Compressed before the first request, as a CDN's precompressed files: quality 11 takes seconds
  // for the .wasm, which must not be timed.
  const cache = precompress(path.join(REPO, 'www'));
  precompress(path.join(REPO, 'bench'), cache);
  const reference = brotli(await referenceBundle());
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const send = (type, body) => {
      res.writeHead(200, {
        'Content-Type': type,
        'Content-Encoding': 'br',
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
        Vary: 'Accept-Encoding',
      });
      res.end(body);
    };
    const page = /^\/phone\/(widget|reference)$/.exec(url.pathname);
    if (page) {
      const count = Number(url.searchParams.get('n') ?? 1);
      const html = phonePage(page[1], count, url.searchParams.get('api'), url.searchParams.get('preload') === '1');
      return send(TYPES['.html'], brotli(Buffer.from(html)));
    }
    if (url.pathname === '/bench/reference.min.js') return send(TYPES['.js'], reference);
    const file = path.join(REPO, path.normalize(decodeURIComponent(url.pathname)));
    const type = TYPES[path.extname(file)];
    const inside = ['www', 'bench'].some((dir) => file.startsWith(path.join(REPO, dir) + path.sep));
    if (!inside || !type) {
      res.writeHead(404);
      return res.end();
    }
    if (!cache.has(file)) {
      res.writeHead(404);
      return res.end();
    }
    send(type, cache.get(file));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(r);
          }),
      });
    });
  });
}
