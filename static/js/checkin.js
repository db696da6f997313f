// Door scanner: a keyboard-wedge scanner types the token and Enter into the focused field; a phone uses its
// camera (BarcodeDetector where the browser has it, else jsQR installed by `make setup` into static/vendor).
// Each scan is posted with the session's CSRF token and a fresh nonce. When a request fails or takes longer
// than two seconds the scanner goes offline by itself: it decides from the signed snapshot (static/js/door.js),
// queues the scan with the same nonce (so a scan the server did record is answered once) and uploads the
// queue when the network returns.
(function () {
  "use strict";
  var root = document.getElementById("checkin");
  var form = document.getElementById("scan-form");
  if (!root || !form) return;
  var T = JSON.parse(document.getElementById("checkin-text").textContent);
  var api = root.dataset.api;
  var input = document.getElementById("scan-input"), pointSelect = document.getElementById("point");
  var verdict = document.getElementById("verdict"), recent = document.getElementById("recent");
  var seq = 0, shown = 0;
  var banner = document.getElementById("door-banner"), conflictsBox = document.getElementById("conflicts");
  var door = null;
  if (window.HuiwuDoor && window.crypto && crypto.subtle && root.dataset.publicKey) {
    try {
      door = new window.HuiwuDoor({
        slug: root.dataset.slug, api: api, user: root.dataset.user, publicKey: root.dataset.publicKey,
        csrf: function () { return csrf(); }, onchange: function () { drawState(); },
      });
    } catch (e) { door = null; }
  }

  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : root.dataset.csrf;
  }

  function nonce() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var a = new Uint8Array(16);
    crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function point() { return pointSelect ? pointSelect.value : null; }

  var ui = window.HuiwuDoorUI, el = ui.el, hhmm = ui.hhmm, timeOf = ui.timeOf, colour = ui.colour, beep = ui.beep;
  function localName(obj, field) { return ui.localName(obj, field, T.en); }

  function show(body, mine) {
    if (mine < shown) return; // an older answer arriving late must not hide the newer one
    shown = mine;
    var kind = colour(body.result);
    verdict.className = "verdict verdict-" + kind;
    verdict.dataset.result = body.result;
    document.getElementById("verdict-word").textContent = T[body.result] || body.result;
    var reason = "";
    if (body.result === "ok" && body.first_checked_in_at) {
      reason = T.reentry + " · " + T.first_short + " " + hhmm(body.first_checked_in_at);
    } else if (body.result === "already_checked_in" && body.first_checked_in_at) {
      reason = T.first_at + " " + timeOf(body.first_checked_in_at) + " · " + localName(body, "point_name");
    } else if (body.reason) {
      reason = T["reason_" + body.reason] || body.reason;
    } else if (body.ticket_edition) {
      reason = T.ticket_edition + ": " + body.ticket_edition;
    } else if (body.result === "not_confirmed" && body.registration) {
      reason = T["status_" + body.registration.status] || body.registration.status;
    }
    var manual = ui.manualNote(body, T);
    document.getElementById("verdict-reason").textContent = [manual, reason].filter(Boolean).join(" · ");
    var person = document.getElementById("verdict-person");
    var r = body.registration;
    person.hidden = !r;
    if (r) {
      document.getElementById("v-name").textContent = r.name;
      document.getElementById("v-name-en").textContent = r.name_en && r.name_en !== r.name ? r.name_en : "";
      document.getElementById("v-org").textContent = [localName(r, "organization"), r.title].filter(Boolean).join(" · ");
      var cat = document.getElementById("v-cat");
      cat.textContent = localName(r, "category_name") || r.category;
      cat.style.background = r.category_color || "#666";
      document.getElementById("v-code").textContent = r.code;
      var seat = document.getElementById("v-seat");
      var seats = (r.seats || []).map(function (x) { return x.label; }).filter(Boolean);
      if (r.stay) seats.push(T.room + " " + localName(r.stay, "hotel") + " " + r.stay.room);
      if (r.pickup) seats.push(T.pickup + " " + r.pickup.date.slice(5) + " " + r.pickup.at + " " + r.pickup.station + (r.pickup.vehicle ? " " + r.pickup.vehicle : ""));
      if (seat) { seat.textContent = seats.length ? (r.seats && r.seats.length ? T.seat + " " : "") + seats.join(" · ") : ""; seat.hidden = !seats.length; }
      document.getElementById("v-badge").href = api + "/registrations/" + encodeURIComponent(r.code) + "/badge.pdf";
      document.getElementById("v-badge").parentNode.hidden = !ui.admitted(body);
    }
    verdict.dataset.offline = body.offline ? "1" : "";
    current = pending[mine] || null;
    drawHandover(body.handover && body.handover.length ? body.handover : null, r, "");
    beep(kind);
    var li = el("li", "recent-" + kind);
    if (body.offline) li.dataset.offline = "1";
    li.appendChild(el("span", "recent-time", timeOf(body.scanned_at)));
    li.appendChild(el("span", "recent-word", T[body.result] || body.result));
    li.appendChild(el("span", "recent-name", r ? r.name + " · " + r.code : ""));
    if (manual) li.appendChild(el("span", "recent-manual", manual));
    recent.insertBefore(li, recent.firstChild);
    while (recent.children.length > 12) recent.removeChild(recent.lastChild);
    if (body.result === "ok") refreshCounts();
  }

  // Hand-overs (物资/餐券发放): what the verdict says this person gets here, one tap each to confirm.
  var handoverBox = document.getElementById("handover");
  var current = null; // {token, point} of the person shown
  var pending = {}; // scan number -> {token, point}
  function drawHandover(list, person, message, good) {
    if (!handoverBox) return;
    handoverBox.hidden = !list;
    if (!list) return;
    document.getElementById("handover-who").textContent = person ? person.name : "";
    var ul = document.getElementById("handover-list");
    ul.innerHTML = "";
    list.forEach(function (h) {
      var li = el("li", "handover-item");
      li.dataset.item = h.item;
      li.dataset.handed = h.handed_at ? "1" : "0";
      li.appendChild(el("span", "handover-name", localName(h, "name")));
      if (h.handed_at) {
        li.appendChild(el("span", "handover-done", "✓ " + T.handed_at + " " + hhmm(h.handed_at)));
      } else {
        var b = el("button", "button primary handover-give", T.hand_over);
        b.type = "button";
        b.setAttribute("aria-label", T.hand_over + " " + localName(h, "name"));
        b.addEventListener("click", function () { b.disabled = true; giveItem(h, person); });
        li.appendChild(b);
      }
      ul.appendChild(li);
    });
    var msg = document.getElementById("handover-msg");
    msg.textContent = message || "";
    msg.className = "handover-msg" + (message ? (good ? " handover-ok" : " handover-refused") : "");
  }

  function handoverMessage(body, item) {
    var name = localName(item, "name");
    if (body.result === "handed_over") return T.handed_now.replace("{item}", name) + (body.offline ? " · " + T.handover_queued : "");
    if (body.result === "already_handed_over") return T.handover_already.replace("{item}", name).replace("{at}", hhmm(body.handed_at));
    if (body.result === "not_due") return T.handover_not_due.replace("{item}", name);
    return T.handover_refused;
  }

  function handedShown(body, item, person) {
    drawHandover(body.handover || null, person, handoverMessage(body, item), body.result === "handed_over");
    if (body.result !== "handed_over") beep("bad");
  }

  function giveOffline(req, item, person) {
    door.handOver(req.token, req.point, req.item).then(function (v) {
      if (v.result === "handed_over") {
        door.enqueue({ kind: "handover", nonce: req.nonce, token: req.token, point: v.point, item: req.item,
                       handed_at: v.handed_at, result: v.result, code: v.registration.code });
      }
      handedShown(v, item, person);
    });
  }

  function giveItem(item, person) {
    if (!current) return;
    var req = { token: current.token, point: current.point, item: item.item, nonce: nonce(), device: door ? door.device : "" };
    if (door && door.offline && door.snapshot) { giveOffline(req, item, person); return; }
    var request = door ? door.fetchWithTimeout(api + "/checkin/handover", {
      method: "POST", headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() }, body: JSON.stringify(req),
    }) : post("/checkin/handover", req);
    request.then(function (res) {
      if (res.status >= 500) throw new Error("server " + res.status);
      return res.json().then(function (data) {
        if (res.status === 200 || res.status === 409) {
          handedShown(data, item, person);
          if (door && door.snapshot && data.result === "handed_over") door.rememberHanded(data.point, data.item, data.registration.code, Date.now());
        } else {
          drawHandover(null);
          showError(typeof data.detail === "string" ? data.detail : "", ++seq);
        }
      });
    }).catch(function () {
      if (door && door.snapshot) { door.goOffline(); giveOffline(req, item, person); }
      else drawHandover(null);
    });
  }

  function showError(message, mine) {
    if (mine < shown) return;
    shown = mine;
    drawHandover(null);
    verdict.className = "verdict verdict-bad";
    verdict.dataset.result = "error";
    document.getElementById("verdict-word").textContent = T.error;
    document.getElementById("verdict-reason").textContent = message || "";
    document.getElementById("verdict-person").hidden = true;
    beep("bad");
  }

  function post(path, body) {
    return fetch(api + path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify(body),
    });
  }

  function decideOffline(body, mine) {
    if (!door || !door.snapshot) {
      verdict.classList.remove("verdict-busy");
      showError(T.no_snapshot, mine);
      return;
    }
    door.decide(body.token, body.point).then(function (v) {
      verdict.classList.remove("verdict-busy");
      var queued = { nonce: body.nonce, token: body.token, point: v.point, scanned_at: v.scanned_at, result: v.result,
                     code: v.registration ? v.registration.code : "" };
      if (body.manual_reason) queued.manual_reason = body.manual_reason; // 手动补签 keeps its reason through sync
      door.enqueue(queued);
      v.manual_reason = body.manual_reason;
      show(v, mine);
    });
  }

  function submit(token, device, manualReason) {
    token = (token || "").trim();
    if (!token) return;
    var mine = ++seq;
    pending[mine] = { token: token, point: point() };
    var body = { token: token, nonce: nonce(), point: point(), device: door ? door.device : device || "" };
    if (manualReason) body.manual_reason = manualReason;
    verdict.classList.add("verdict-busy");
    if (door && door.offline) { decideOffline(body, mine); return; }
    var request = door ? door.fetchWithTimeout(api + "/checkin", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify(body),
    }) : post("/checkin", body);
    request
      .then(function (res) {
        if (res.status >= 500) throw new Error("server " + res.status);
        return res.json().then(function (data) { return { ok: res.ok, data: data }; });
      })
      .then(function (r) {
        verdict.classList.remove("verdict-busy");
        if (r.ok && manualReason) r.data.manual_reason = r.data.manual_reason || manualReason;
        if (r.ok) { show(r.data, mine); if (door && door.snapshot && r.data.result === "ok" && r.data.registration) door.remember(r.data.point, r.data.registration.code, Date.now()); }
        else showError(typeof r.data.detail === "string" ? r.data.detail : JSON.stringify(r.data.detail), mine);
      })
      .catch(function () {
        // No answer within two seconds, or none at all: decide here and upload later (same nonce).
        if (door) { door.goOffline(); decideOffline(body, mine); }
        else { verdict.classList.remove("verdict-busy"); showError("", mine); }
      });
  }

  // Offline banner, queue, conflicts.
  function drawState() {
    if (!door) return;
    var n = door.queue().length;
    if (banner) {
      banner.hidden = !door.offline && !n;
      banner.className = "door-banner " + (door.offline ? "door-offline" : "door-syncing");
      banner.dataset.state = door.offline ? "offline" : "syncing";
      document.getElementById("door-banner-text").textContent = door.offline
        ? T.offline_banner.replace("{n}", n) : T.syncing_banner.replace("{n}", n);
    }
    var dev = document.getElementById("door-device");
    if (dev) dev.textContent = door.device;
    var snapInfo = document.getElementById("door-snapshot");
    if (snapInfo) snapInfo.textContent = door.snapshot ? T.snapshot_at + " " + timeOf(door.snapshot.generated_at) : T.no_snapshot;
    if (conflictsBox) {
      var list = door.conflicts();
      conflictsBox.hidden = !list.length;
      var ul = document.getElementById("conflicts-list");
      ul.innerHTML = "";
      list.forEach(function (c) {
        var li = el("li", "conflict");
        li.dataset.code = c.code;
        li.appendChild(el("strong", null, c.name + " · " + c.code));
        li.appendChild(el("span", null, " " + (T.en ? c.point_name_en || c.point_name : c.point_name) + ": " +
          c.first.device + " " + hhmm(c.first.at) + " / " + c.second.device + " " + hhmm(c.second.at)));
        ul.appendChild(li);
      });
    }
    if (door.offline) {
      var c = door.counts(point());
      if (c) {
        document.getElementById("count-in").textContent = c.checked_in;
        document.getElementById("count-confirmed").textContent = c.confirmed;
      }
    }
  }

  var syncing = false;
  function trySync() {
    if (!door || syncing) return Promise.resolve();
    syncing = true;
    var work = door.queue().length ? door.sync() : door.refresh();
    return work.then(function () {
      door.goOnline();
      return door.refresh();
    }).then(function () {
      if (door.snapshot) door.addConflicts(door.snapshot.conflicts || []);
      refreshCounts();
    }).catch(function () {
      if (!navigator.onLine) door.goOffline();
    }).then(function () { syncing = false; drawState(); });
  }

  if (door) {
    door.loadStored().then(function () {
      drawState();
      return door.refresh();
    }).then(function () {
      door.addConflicts(door.snapshot.conflicts || []);
    }).catch(function () { door.goOffline(); }).then(function () {
      drawState();
      if (door.queue().length) trySync();
      root.dataset.ready = "1";
    });
    // Every minute online: a fresh snapshot. Every five seconds offline (or with scans waiting): try to upload.
    setInterval(function () { if (!door.offline && !door.queue().length) trySync(); }, 60000);
    setInterval(function () { if (door.offline || door.queue().length) trySync(); }, 5000);
    window.addEventListener("online", function () { trySync(); });
    window.addEventListener("offline", function () { door.goOffline(); });
    ["door-sync", "door-refresh"].forEach(function (id) {
      var b = document.getElementById(id);
      if (b) b.addEventListener("click", function () { trySync(); input.focus(); });
    });
    // Log-out wipes what this scanner holds; scans still waiting are uploaded first, or staff are asked.
    var logout = document.querySelector('form[action="/staff/logout"]');
    if (logout) {
      logout.addEventListener("submit", function (ev) {
        if (logout.dataset.confirmed) return;
        ev.preventDefault();
        trySync().then(function () {
          var n = door.queue().length;
          if (n && !window.confirm(T.logout_unsent.replace("{n}", n))) return;
          door.wipe();
          if (navigator.serviceWorker) navigator.serviceWorker.getRegistrations().then(function (regs) {
            regs.forEach(function (r) { r.unregister(); });
          });
          logout.dataset.confirmed = "1";
          logout.submit();
        });
      });
    }
  } else {
    root.dataset.ready = "1";
  }

  // Installable, and the page itself opens without network (the service worker is scoped to the scanner).
  if (navigator.serviceWorker && root.dataset.sw) {
    navigator.serviceWorker.register(root.dataset.sw, { scope: root.dataset.swScope }).catch(function () {});
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var token = input.value;
    input.value = ""; // ready for the next scan at once, while this one is on its way
    input.focus();
    submit(token, "");
  });

  // Keep the scanner field focused (a wedge scanner types wherever the focus is), except while staff use
  // the search box, the point selector or a button.
  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (t.closest("input, select, textarea, a, button, label")) return;
    input.focus();
  });

  // Live counts.
  function refreshCounts() {
    if (door && door.offline) { drawState(); return; }
    var q = point() ? "?point=" + encodeURIComponent(point()) : "";
    fetch(api + "/checkin/counts" + q, { credentials: "same-origin" })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (c) {
        if (!c) return;
        document.getElementById("count-in").textContent = c.checked_in;
        document.getElementById("count-confirmed").textContent = c.confirmed;
      })
      .catch(function () {});
  }
  refreshCounts();
  setInterval(refreshCounts, 15000);
  if (pointSelect) {
    pointSelect.addEventListener("change", function () {
      var url = new URL(window.location.href);
      url.searchParams.set("point", point());
      history.replaceState(null, "", url);
      refreshCounts();
      input.focus();
    });
  }

  // Search for people without their QR code (static/js/door-search.js): a check-in by hand always says why.
  window.HuiwuDoorSearch({
    api: api, T: T, localName: localName,
    checkIn: function (token, reason) { submit(token, "search", reason); input.focus(); },
    missingReason: function () { showError(T.reason_needed, ++seq); },
  });
  // Camera scanning (static/js/door-camera.js).
  window.HuiwuDoorCamera({ jsqr: root.dataset.vendorJsqr, T: T, input: input, found: function (text) { submit(text, "camera"); } });

  input.focus();
})();
