// Loader shared by the hostile-page fixtures (csp*.html, global-css.html, base-href.html,
// builtins.html). An external module, so pages whose Content-Security-Policy allows external
// scripts only can use it: it records CSP violations, gives every <delivery-tracker data-api="…">
// the fixture API (data-api is the path below the API origin), then imports the installed
// package through a relative path (no import map).
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
});
const response = await fetch(new URL('/__demo/config.json', import.meta.url));
const { apiBase } = await response.json();
window.__apiBase = apiBase;
for (const el of document.querySelectorAll('delivery-tracker[data-api]')) {
  el.setAttribute('api-base', apiBase + el.dataset.api);
}
await import('./node_modules/delivery-tracker-widget/index.js');
