// Service worker of the door scanner {{ slug }} (scope {{ scope }}): the scanner page and its assets open
// without network. Only these GET requests are answered from the cache; the API always goes to the network
// (the page itself decides offline from its signed snapshot).
"use strict";
var CACHE = "huiwu-door-{{ slug }}-{{ version }}";
var PAGE = {{ scope | tojson }};
var ASSETS = {{ assets | tojson }};

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(ASSETS).catch(function () {}).then(function () {
      return fetch(PAGE, { credentials: "same-origin" }).then(function (res) {
        if (res.ok && !res.redirected) return cache.put(PAGE, res);
      }).catch(function () {});
    });
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) {
      return k.indexOf("huiwu-door-{{ slug }}-") === 0 && k !== CACHE;
    }).map(function (k) { return caches.delete(k); }));
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
  if (url.pathname === PAGE) {
    // Network first (a log-out or a new point list shows at once), the cached page when there is none.
    event.respondWith(withTimeout(fetch(req), 3000).then(function (res) {
      if (res.ok && !res.redirected) {
        var copy = res.clone();
        caches.open(CACHE).then(function (cache) { cache.put(PAGE, copy); });
      }
      return res;
    }).catch(function () {
      return caches.open(CACHE).then(function (cache) { return cache.match(PAGE); }).then(function (hit) {
        return hit || Response.error();
      });
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
