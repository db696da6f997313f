// The ticket page keeps working offline on the attendee's phone: a service worker scoped to this page keeps
// the last copy (QR included) on the device. Shown without network, the page says it is the kept copy.
(function () {
  "use strict";
  var box = document.getElementById("ticket-offline");
  if (!box) return;
  if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register(box.dataset.sw, { scope: box.dataset.swScope }).catch(function () {});
  }
  // navigator.onLine says "online" on a Wi-Fi that reaches nothing: ask the server for the (data-free)
  // worker script, which no worker answers from its cache.
  function draw() {
    if (!navigator.onLine) { box.hidden = false; return; }
    var ctl = new AbortController(), timer = setTimeout(function () { ctl.abort(); }, 4000);
    fetch(box.dataset.sw, { method: "HEAD", cache: "no-store", signal: ctl.signal })
      .then(function (res) { box.hidden = res.ok; }, function () { box.hidden = false; })
      .then(function () { clearTimeout(timer); });
  }
  window.addEventListener("online", draw);
  window.addEventListener("offline", draw);
  draw();
})();
