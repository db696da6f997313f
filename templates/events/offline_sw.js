// Service worker of a page that must open with no network (events/service_worker.py: the attendee's ticket,
// the door scanner). Its scope is the page itself: once opened, the page and its assets open again offline.
// Only GET requests for the page and these assets are answered from the cache; anything else (the API) always
// goes to the network.
"use strict";
var PREFIX = {{ prefix | tojson }};
var CACHE = PREFIX + {{ version | tojson }};
var ASSETS = {{ assets | tojson }};
var TIMEOUT_MS = {{ timeout_ms | tojson }};
var FORGET_GONE = {{ forget_gone | tojson }};  // a page answered 404 or 410 drops its kept copy

function pagePath() { return new URL(self.registration.scope).pathname; }

self.addEventListener("install", function (event) {
  // The page that registered this worker was loaded before it existed: keep a copy of it now.
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(ASSETS).catch(function () {}).then(function () {
      return fetch(pagePath(), { credentials: "same-origin" }).then(function (res) {
        if (res.ok && !res.redirected) return cache.put(pagePath(), res);
      }).catch(function () {});
    });
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf(PREFIX) === 0 && k !== CACHE; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

function withTimeout(promise, ms) {
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () { reject(new Error("timeout")); }, ms);
    promise.then(function (v) { clearTimeout(timer); resolve(v); }, function (e) { clearTimeout(timer); reject(e); });
  });
}

self.addEventListener("fetch", function (event) {
  var req = event.request;
  if (req.method !== "GET") return;
  var url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  var page = pagePath();
  if (url.pathname === page) {
    // Network first (a change shows at once), the kept copy when there is none.
    event.respondWith(withTimeout(fetch(req), TIMEOUT_MS).then(function (res) {
      if (res.ok && !res.redirected) {
        var copy = res.clone();
        caches.open(CACHE).then(function (cache) { return cache.put(page, copy); });
      } else if (FORGET_GONE && (res.status === 404 || res.status === 410)) {
        caches.open(CACHE).then(function (cache) { return cache.delete(page); });
      }
      return res;
    }).catch(function () {
      return caches.open(CACHE).then(function (cache) { return cache.match(page, { ignoreVary: true }); })
        .then(function (hit) { return hit || Response.error(); });
    }));
    return;
  }
  if (ASSETS.indexOf(url.pathname) >= 0) {
    event.respondWith(caches.open(CACHE).then(function (cache) {
      return cache.match(url.pathname).then(function (hit) {
        return hit || fetch(req).then(function (res) {
          if (res.ok) cache.put(url.pathname, res.clone());
          return res;
        });
      });
    }));
  }
});
