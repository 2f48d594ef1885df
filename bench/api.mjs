// The benchmark's own v1 API: track answers of any size, on 127.0.0.1, next to the demo server's
// fixture API (which has one long history, 45 events, and is left untouched).
//
//   GET /carriers                               fixtures/v1/carriers.json
//   GET /carriers/{carrier}/tracks/{number}     a v1 track of N events, N = the number's first
//                                               4 digits (0010000001 → 10 events); the rest
//                                               only makes numbers distinct
//   GET /carriers/{carrier}/tracks/D{digits}    fixtures/v1/track-delivered.json (6 events), for
//                                               any digits (the phone benchmark's parcels)
//
// Every answer has Access-Control-Allow-Origin: * (the page is on another port).
// Run alone: `node bench/api.mjs` prints `api: http://127.0.0.1:PORT`.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CARRIERS = readFileSync(new URL('../fixtures/v1/carriers.json', import.meta.url));
const DELIVERED = readFileSync(new URL('../fixtures/v1/track-delivered.json', import.meta.url));
const CARRIER = { id: 'kr.cjlogistics', name: 'CJ대한통운', tel: '+8215881255' };

/** A tracking number answered with the delivered fixture; `id` makes it distinct. */
export const deliveredNumber = (id = 1) => `D${String(id).padStart(6, '0')}`;

/** The tracking number for a history of `events` events; `id` makes it distinct. */
export const trackingNumber = (events, id = 1) =>
  String(events).padStart(4, '0') + String(id).padStart(6, '0');

const STATUSES = [
  ['at_pickup', '집화처리'],
  ['in_transit', '간선상차'],
  ['in_transit', '간선하차'],
  ['in_transit', '배송지도착'],
];

/** A v1 track answer with `n` progresses, oldest first, one every 37 minutes. */
export function history(n, carrier = CARRIER) {
  const start = Date.UTC(2026, 9, 1, 0, 0); // 2026-10-01 09:00 KST
  const progresses = [];
  for (let i = 0; i < n; i++) {
    const at = new Date(start + i * 37 * 60_000 + 9 * 3_600_000); // shown in +09:00
    const time = at.toISOString().slice(0, 19) + '+09:00';
    const [id, text] = i === 0 ? STATUSES[0] : i === n - 1 && n > 1 ? ['out_for_delivery', '배송출발'] : STATUSES[1 + (i % 3)];
    progresses.push({
      time,
      status: { id, text },
      location: { name: `허브 ${1 + (i % 17)}번 터미널` },
      description: `화물이 ${text} 단계를 지났습니다. (${i + 1}/${n})`,
    });
  }
  const last = progresses[progresses.length - 1];
  return {
    carrier,
    from: { name: '김*', time: progresses[0]?.time ?? '' },
    to: { name: '이*수', time: '' },
    state: last ? { id: last.status.id, text: last.status.text } : { id: 'information_received', text: '접수' },
    progresses,
  };
}

export function startApi({ port = 0 } = {}) {
  const cache = new Map();
  const body = (n) => {
    if (!cache.has(n)) cache.set(n, Buffer.from(JSON.stringify(history(n))));
    return cache.get(n);
  };
  const server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cache-Control', 'no-store');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type',
        'Access-Control-Max-Age': '600',
      });
      return res.end();
    }
    const path = new URL(req.url, 'http://x').pathname;
    let payload = null;
    if (path === '/carriers') payload = CARRIERS;
    const m = /^\/carriers\/([^/]+)\/tracks\/(\d{4})\d*$/.exec(path);
    if (m) payload = body(Number(m[2]));
    if (/^\/carriers\/[^/]+\/tracks\/D\d+$/.test(path)) payload = DELIVERED;
    if (!payload) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      return res.end('{"message":"운송장이 등록되지 않았습니다."}');
    }
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': payload.length });
    res.end(payload);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}`;
      resolve({
        url,
        close: () => new Promise((r) => {
          server.closeAllConnections();
          server.close(r);
        }),
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await startApi({ port: Number(process.env.PORT ?? 0) });
  console.log(`api: ${url}`);
}
