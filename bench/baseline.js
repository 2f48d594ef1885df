// The baseline: a plain hand-written DOM renderer for the same v1 JSON, to compare the widget
// against. Not shipped. It builds the widget's timeline markup (the same elements, classes and
// parts, in a shadow root with the widget's own stylesheet, so that style and layout cost the
// same) by hand: events newest first, grouped by date, each with its time (Intl, in the offset it
// carries), status, location and description, all rendered at once. No summary, no stages, no
// reactivity.
let day, clock; // Intl formatters, made on first use and kept, as the widget does

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

const wall = (time) => new Date(time.slice(0, 19) + 'Z'); // the wall clock as written, shown as UTC

/** Renders a v1 track answer into `root` (a shadow root); returns the number of events rendered. */
export function render(root, track) {
  day ??= new Intl.DateTimeFormat('ko', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' });
  clock ??= new Intl.DateTimeFormat('ko', { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' });
  const list = el('ol', 'timeline');
  list.setAttribute('part', 'timeline');
  let group = null;
  let date = null;
  for (const event of [...track.progresses].reverse()) {
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
  const base = el('div', 'base');
  base.setAttribute('part', 'base');
  base.appendChild(el('section', 'history')).appendChild(list);
  root.replaceChildren(base);
  return track.progresses.length;
}
