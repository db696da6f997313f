// Service worker of one attendee's ticket page (/r/<their link>, the scope it is registered with): once the
// page has been opened, it opens again with no network (the hall's Wi-Fi), QR and all. The copy is kept on
// this device only, refreshed at every visit with a network, and holds nothing beyond the page itself.
"use strict";
var CACHE = "huiwu-ticket-{{ version }}";
var ASSETS = {{ assets | tojson }};

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
    return Promise.all(keys.filter(function (k) { return k.indexOf("huiwu-ticket-") === 0 && k !== CACHE; })
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
    // Network first (a cancelled or changed registration shows at once), the kept copy when there is none.
    event.respondWith(withTimeout(fetch(req), 4000).then(function (res) {
      if (res.ok && !res.redirected) {
        var copy = res.clone();
        caches.open(CACHE).then(function (cache) { return cache.put(page, copy); });
      } else if (res.status === 404 || res.status === 410) {
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
