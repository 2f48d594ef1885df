// What old shop libraries did to the built-ins (Prototype.js 1.6, MooTools 1.2, json2-era
// polyfills, analytics snippets wrapping fetch, timers and listeners). A classic script that
// runs before the widget loads.
(function () {
  'use strict';
  // Prototype.js 1.6: Array#toJSON (JSON.stringify([1, 2]) becomes the string "[1, 2]") and
  // Array.from = $A, which only copies array-likes.
  Array.prototype.toJSON = function () {
    var parts = [];
    for (var i = 0; i < this.length; i++) parts.push(JSON.stringify(this[i]));
    return '[' + parts.join(', ') + ']';
  };
  Array.from = function (iterable) {
    if (!iterable) return [];
    if (iterable.toArray) return iterable.toArray();
    var length = iterable.length || 0, results = new Array(length);
    while (length--) results[length] = iterable[length];
    return results;
  };
  // MooTools 1.2: enumerable additions to the natives.
  Array.prototype.each = function (fn, bind) { for (var i = 0; i < this.length; i++) fn.call(bind, this[i], i, this); };
  Array.prototype.contains = function (item) { return this.indexOf(item) !== -1; };
  Array.prototype.flatten = function () { return [].concat.apply([], this); };
  String.prototype.contains = function (s) { return this.indexOf(s) > -1; };
  Function.prototype.bind = function (bind) {
    var self = this, args = Array.prototype.slice.call(arguments, 1);
    return function () { return self.apply(bind, args.concat(Array.prototype.slice.call(arguments))); };
  };
  // A helper on Object.prototype: every for…in loop now sees it.
  Object.prototype.__shopExtend = function (other) { for (var k in other) this[k] = other[k]; return this; };
  // A json2.js-era JSON object replacing the native one (delegating, but a different object).
  var nativeJSON = window.JSON;
  window.JSON = {
    parse: function (text, reviver) { return nativeJSON.parse(text, reviver); },
    stringify: function (value, replacer, space) { return nativeJSON.stringify(value, replacer, space); },
  };
  // An analytics snippet wrapping fetch, timers, listeners and DOM insertion.
  window.__shopFetches = 0;
  var nativeFetch = window.fetch;
  window.fetch = function (input, init) {
    window.__shopFetches++;
    return nativeFetch.apply(this, arguments).then(function (response) { return response; });
  };
  var nativeSetTimeout = window.setTimeout;
  window.setTimeout = function (fn, ms) {
    var args = Array.prototype.slice.call(arguments, 2);
    return nativeSetTimeout(function () { return typeof fn === 'function' ? fn.apply(this, args) : undefined; }, ms);
  };
  var nativeAdd = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    return nativeAdd.call(this, type, listener, options);
  };
  var nativeAppend = Node.prototype.appendChild;
  Node.prototype.appendChild = function (child) { return nativeAppend.call(this, child); };
  // A Promise "polyfill" that replaces the native one with a subclass.
  var NativePromise = window.Promise;
  window.Promise = class ShopPromise extends NativePromise {};
})();
