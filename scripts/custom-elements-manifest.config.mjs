// Configuration of @custom-elements-manifest/analyzer, which writes www/custom-elements.json from
// the JSDoc in www/src/element.js: `npm run custom-elements-manifest` (run in www/src/, the
// readable sources that scripts/build.sh minifies into www/, so the module paths are the
// package's own). tests/custom-elements-manifest.test.mjs checks that the
// committed file is what this gives.
//
// The plugins add what the analyzer cannot read from the source by itself:
// - each attribute's property is its camelCase name (element.js defines those accessors in a
//   loop over its attribute list, which the analyzer does not follow);
// - `lang` is HTMLElement's own property;
// - the class extends `globalThis.HTMLElement` through a constant (it also evaluates where there
//   is no DOM);
// - a call of `defineDeliveryTracker()` defines the element (index.js), under its default name;
// - a `@cssprop {<syntax>}` type is the CSS syntax of the custom property;
// - private `#fields` are not part of the manifest;
// - a module's description is its leading comment's first line, after the module's name.

const HTML_ELEMENT_PROPERTIES = new Set(['lang']);
const DEFINE_FUNCTION = 'defineDeliveryTracker';
const DEFAULT_TAG = 'delivery-tracker';

const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
const htmlElement = { name: 'HTMLElement', package: 'global:' };

function moduleDescription({ ts, node, moduleDoc }) {
  if (node.kind !== ts.SyntaxKind.SourceFile) return;
  const first = /^\/\/ [^:]+: (.+)$/m.exec(node.getFullText().split('\n')[0]);
  if (first) moduleDoc.description = first[1];
}

function definitionCalls({ ts, node, moduleDoc }) {
  if (!ts.isCallExpression(node) || node.expression.getText() !== DEFINE_FUNCTION) return;
  const [name] = node.arguments;
  moduleDoc.exports ??= [];
  moduleDoc.exports.unshift({
    kind: 'custom-element-definition',
    name: name && ts.isStringLiteral(name) ? name.text : DEFAULT_TAG,
    declaration: { name: 'DeliveryTrackerElement', module: 'element.js' },
  });
}

function linkElement(declaration) {
  declaration.superclass = htmlElement;
  declaration.members = declaration.members.filter((member) => !member.name.startsWith('#'));
  for (const attribute of declaration.attributes ?? []) {
    attribute.fieldName = camel(attribute.name);
    const member = declaration.members.find((m) => m.name === attribute.fieldName);
    if (!member) throw new Error(`attribute ${attribute.name}: no @prop ${attribute.fieldName}`);
    member.attribute = attribute.name;
    if (HTML_ELEMENT_PROPERTIES.has(member.name)) member.inheritedFrom = htmlElement;
  }
  for (const property of declaration.cssProperties ?? []) {
    if (property.type) property.syntax = property.type.text;
    delete property.type;
  }
}

export default {
  globs: ['element.js', 'index.js'],
  outdir: '..',
  packagejson: false,
  quiet: true,
  plugins: [
    {
      name: 'delivery-tracker',
      analyzePhase(params) {
        moduleDescription(params);
        definitionCalls(params);
      },
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.readme = 'README.md';
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (declaration.customElement) linkElement(declaration);
          }
        }
      },
    },
  ],
};
