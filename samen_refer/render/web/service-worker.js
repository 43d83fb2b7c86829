/* The hosted guide's service worker (samen-refer web --site writes it as sw.js beside index.html).
 *
 * It keeps a copy of exactly the guide's own files, fetched anew (not from the browser's HTTP cache) when it is
 * installed, and answers a request for one of them from that copy first: after a first visit the guide opens
 * without internet. The copy is named after a hash of the files, so a new version of the guide is a new sw.js: the
 * browser installs it, it copies the new files and deletes its older copies (never those of other sites on the same
 * host). Any other request goes to the network as if there were no service worker. It never sees an answer: the
 * answers stay in the page, which sends nothing. */
"use strict";
var VERSION = "__VERSION__";
var FILES = __FILES__;
var SCOPE = new URL(self.registration.scope);
var PREFIX = "gids:" + SCOPE.href + ":";
var CACHE = PREFIX + VERSION;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return cache.addAll(FILES.map(function (name) { return new Request(name, { cache: "reload" }); }));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf(PREFIX) === 0 && name !== CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  var url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== SCOPE.origin) return;
  if (url.pathname.indexOf(SCOPE.pathname) !== 0) return;
  var name = url.pathname.slice(SCOPE.pathname.length) || "index.html"; // the folder itself is the page
  if (FILES.indexOf(name) < 0) return;
  event.respondWith(
    caches.open(CACHE).then(function (cache) {
      return cache.match(name).then(function (copy) { return copy || fetch(event.request); });
    })
  );
});
