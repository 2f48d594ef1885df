// The baseline: a plain hand-written DOM renderer for the same v1 JSON, to compare the widget
// against. Not shipped. It builds the widget's timeline markup (the same elements, classes and
// parts, in a shadow root with the widget's own stylesheet, so that style and layout cost the
// same) by hand: events newest first, grouped by date, each with its time (Intl, in the offset it
// carries), status, location and description, all rendered at once. No summary, no stages, no
// reactivity. The history benchmark uses `render` alone; `defineReference` below grows it into the
// phone benchmark's reference element.
let day, clock; // Intl formatters, made on first use and kept, as the widget does

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

const wall = (time) => new Date(time.slice(0, 19) + 'Z'); // the wall clock as written, shown as UTC

/** The history section of a v1 track answer: its newest `limit` events, grouped by date. */
function timeline(track, limit) {
  day ??= new Intl.DateTimeFormat('ko', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' });
  clock ??= new Intl.DateTimeFormat('ko', { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' });
  const list = el('ol', 'timeline');
  list.setAttribute('part', 'timeline');
  let group = null;
  let date = null;
  for (const event of [...track.progresses].reverse().slice(0, limit)) {
    if (event.time.slice(0, 10) !== date) {
      date = event.time.slice(0, 10);
      const li = list.appendChild(el('li', 'day'));
      const heading = li.appendChild(el('h3', 'day-heading')).appendChild(el('time', '', day.format(wall(event.time))));
      heading.setAttribute('datetime', date);
      group = li.appendChild(el('ol', 'day-events'));
    }
    const item = group.appendChild(el('li', 'event'));
    item.setAttribute('part', 'event');
    item.dataset.code = (event.status?.id ?? '').toUpperCase();
    const head = item.appendChild(el('p', 'event-head'));
    head.appendChild(el('time', '', clock.format(wall(event.time)))).setAttribute('datetime', event.time);
    head.append(' ', el('bdi', 'event-status', event.status?.text), ' ', el('bdi', 'event-location', event.location?.name));
    if (event.description) item.appendChild(el('p', 'event-description', event.description)).setAttribute('dir', 'auto');
  }
  const history = el('section', 'history');
  history.appendChild(list);
  return history;
}

/** Renders a v1 track answer's whole timeline into `root` (a shadow root); returns its event count. */
export function render(root, track) {
  const base = el('div', 'base');
  base.setAttribute('part', 'base');
  base.appendChild(timeline(track, Infinity));
  root.replaceChildren(base);
  return track.progresses.length;
}

// ---------------------------------------------------------------------------------------------
// The reference element of the phone benchmark (docs/performance.md, "First parcel on a phone"):
// what a hand-written plain-JavaScript <delivery-tracker> would do for one v1 parcel, written to
// the same spec as far as the first result goes. At connect it fetches the track (as the widget
// does: `Accept: application/json`, no credentials); until the answer its light-DOM children (the
// fallback link) stay visible; then it attaches its shadow root with the widget's stylesheet and
// renders the summary (carrier, number, status, facts), the five stages and the timeline (newest
// five events, a "more" button), and fires `dt-load`. `state` reads as the widget's.

const STAGES = ['상품준비중', '상품인수', '상품이동중', '배송출발', '배송완료'];
const STAGE_OF = { information_received: 1, at_pickup: 2, in_transit: 3, out_for_delivery: 4, delivered: 5 };
const SHOWN_EVENTS = 5;
let instant; // the summary's date-and-time formatter, made on first use

function fact(label, value) {
  const item = el('div', 'fact');
  item.append(el('dt', '', label), el('dd'));
  item.lastChild.appendChild(value);
  return item;
}

function summary(track, number) {
  instant ??= new Intl.DateTimeFormat('ko', { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' });
  const section = el('section', 'summary');
  section.setAttribute('part', 'summary');
  const carrier = section.appendChild(el('p', 'carrier'));
  carrier.appendChild(el('bdi', 'carrier-name', track.carrier?.name ?? track.carrier?.id));
  if (track.carrier?.tel) {
    const phone = carrier.appendChild(el('a', 'phone', `전화 ${track.carrier.tel}`));
    phone.href = `tel:${track.carrier.tel}`;
  }
  const line = section.appendChild(el('p', 'number'));
  line.append(el('span', 'number-label', '운송장 번호'), ' ', el('bdi', 'number-value', number), ' ');
  const copy = line.appendChild(el('button', 'copy', '복사'));
  copy.type = 'button';
  copy.setAttribute('part', 'copy');
  copy.addEventListener('click', () => navigator.clipboard?.writeText(number));
  const code = (track.state?.id ?? '').toUpperCase();
  const status = section.appendChild(el('p', 'status', STAGES[(STAGE_OF[track.state?.id] ?? 1) - 1]));
  status.setAttribute('part', 'status');
  status.dataset.code = code;
  const facts = section.appendChild(el('dl', 'facts'));
  const latest = track.progresses.at(-1)?.time;
  const at = (label, time) => {
    const node = el('time', '', instant.format(wall(time)));
    node.setAttribute('datetime', time);
    facts.appendChild(fact(label, node));
  };
  if (latest) at('최근 업데이트', latest);
  if (code === 'DELIVERED' && track.to?.time) at('배송 완료', track.to.time);
  if (track.from?.name) facts.appendChild(fact('보내는 분', el('bdi', '', track.from.name)));
  if (track.to?.name) facts.appendChild(fact('받는 분', el('bdi', '', track.to.name)));
  return section;
}

function stages(track) {
  const current = STAGE_OF[track.state?.id];
  const list = el('ol', 'stages');
  list.setAttribute('part', 'stages');
  list.setAttribute('aria-label', '배송 단계');
  STAGES.forEach((name, i) => {
    const stage = i + 1;
    const item = list.appendChild(el('li', stage < current ? 'stage done' : stage === current ? 'stage current' : 'stage'));
    item.setAttribute('part', 'stage');
    item.appendChild(el('span', 'stage-name', name));
    if (stage === current) {
      item.setAttribute('aria-current', 'step');
      item.appendChild(el('span', 'visually-hidden', ` (${stage}/${STAGES.length}단계)`));
    }
  });
  return list;
}

/** `<dt-reference>`: define it with the widget's stylesheet text. */
export function defineReference(css) {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  customElements.define(
    'dt-reference',
    class extends HTMLElement {
      #state = 'loading';
      #controller = null;

      get state() {
        return this.#state;
      }

      connectedCallback() {
        const carrier = this.getAttribute('carrier').trim();
        const number = this.getAttribute('tracking-number').trim();
        const base = this.getAttribute('api-base').replace(/\/+$/, '');
        this.#controller = new AbortController();
        fetch(`${base}/carriers/${encodeURIComponent(carrier)}/tracks/${encodeURIComponent(number)}`, {
          headers: { Accept: 'application/json' },
          credentials: 'omit',
          signal: this.#controller.signal,
        })
          .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
          .then(
            (track) => this.#show(track, number),
            () => {
              this.#state = 'fallback';
            },
          );
      }

      disconnectedCallback() {
        this.#controller?.abort();
      }

      #show(track, number) {
        const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
        root.adoptedStyleSheets = [sheet];
        const base = el('div', 'base');
        base.setAttribute('part', 'base');
        base.append(summary(track, number), stages(track));
        base.appendChild(timeline(track, SHOWN_EVENTS));
        if (track.progresses.length > SHOWN_EVENTS) {
          const more = base.appendChild(el('button', 'more', `이전 기록 ${track.progresses.length - SHOWN_EVENTS}건 더 보기`));
          more.type = 'button';
          more.setAttribute('part', 'more');
        }
        const link = base.appendChild(el('footer', 'footer')).appendChild(el('a', '', '택배사 사이트에서 보기'));
        link.href = this.querySelector('a')?.href ?? '#';
        root.replaceChildren(base);
        this.#state = 'ready';
        this.dispatchEvent(new CustomEvent('dt-load', { bubbles: true, composed: true, detail: { data: track } }));
      }
    },
  );
}
