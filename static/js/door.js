// The offline door (no DOM here; static/js/checkin.js draws): keeps the signed check-in snapshot on the device,
// decides a scan from it when the network is gone, queues the scan with the device's time and a nonce, and
// uploads the queue (POST .../checkin/sync) when the network returns. Tickets and the snapshot are verified
// with the edition's Ed25519 public key in WebCrypto. Storage: localStorage under "huiwu-door:<slug>:".
(function (global) {
  "use strict";

  var SIGNATURE_PREFIX = "huiwu-checkin-snapshot-v1\n";

  function b64urlBytes(text) {
    var s = text.replace(/-/g, "+").replace(/_/g, "/");
    while (s.length % 4) s += "=";
    var bin = atob(s), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  function bytesB64url(bytes) {
    var bin = "";
    for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  var utf8 = new TextEncoder();

  function concat(a, b) {
    var out = new Uint8Array(a.length + b.length);
    out.set(a, 0); out.set(b, a.length);
    return out;
  }

  function newNonce() {
    if (global.crypto && crypto.randomUUID) return crypto.randomUUID();
    var a = new Uint8Array(16);
    crypto.getRandomValues(a);
    return bytesB64url(a);
  }

  function iso(ms) { return new Date(ms).toISOString(); }

  // "<slug>.<code>.<version>.<signature>", the canonical encoding only (events/tickets.py parse_ticket).
  function parseToken(token) {
    if (typeof token !== "string" || !token || token.length > 200) return null;
    var parts = token.trim().split(".");
    if (parts.length !== 4) return null;
    var slug = parts[0], code = parts[1], version = parts[2], sig = parts[3];
    if (!slug || !code || !/^[0-9]{1,6}$/.test(version)) return null;
    var signature;
    try { signature = b64urlBytes(sig); } catch (e) { return null; }
    if (signature.length !== 64 || bytesB64url(signature) !== sig) return null;
    return { slug: slug, code: code, version: parseInt(version, 10), body: utf8.encode(slug + "." + code + "." + version), signature: signature };
  }

  function dayIn(tz, ms) {
    try {
      return new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(ms));
    } catch (e) { return new Date(ms).toISOString().slice(0, 10); }
  }

  function Door(opts) {
    this.slug = opts.slug;
    this.api = opts.api; // "/api/v1/events/<slug>"
    this.user = opts.user || "";
    this.csrf = opts.csrf || function () { return ""; };
    this.timeoutMs = opts.timeoutMs || 2000;
    this.prefix = "huiwu-door:" + this.slug + ":";
    this.onchange = opts.onchange || function () {};
    this.offline = false;
    this.snapshot = null; // parsed
    this.people = null; // code -> row object
    this.local = {}; // point -> code -> [first s, entries, last s]: admissions decided here, not yet in the snapshot
    this.localHanded = {}; // point -> item -> code -> s: hand-outs confirmed here, not yet in the snapshot
    this.keyPromise = crypto.subtle.importKey("raw", b64urlBytes(opts.publicKey), { name: "Ed25519" }, false, ["verify"]);
    this.device = localStorage.getItem("huiwu-door:device");
    if (!this.device) {
      this.device = "door-" + bytesB64url(crypto.getRandomValues(new Uint8Array(3))).toUpperCase();
      localStorage.setItem("huiwu-door:device", this.device);
    }
  }

  Door.prototype.get = function (name, fallback) {
    try { var v = localStorage.getItem(this.prefix + name); return v ? JSON.parse(v) : fallback; } catch (e) { return fallback; }
  };
  Door.prototype.put = function (name, value) { localStorage.setItem(this.prefix + name, JSON.stringify(value)); };

  Door.prototype.queue = function () { return this.get("queue", []); };
  Door.prototype.conflicts = function () { return this.get("conflicts", []); };

  // Forget everything this scanner holds about people (log-out): snapshot, local admissions, conflicts, queue.
  Door.prototype.wipe = function () {
    var keys = [];
    for (var i = 0; i < localStorage.length; i++) {
      var k = localStorage.key(i);
      if (k && k.indexOf("huiwu-door:") === 0 && k !== "huiwu-door:device") keys.push(k);
    }
    keys.forEach(function (k) { localStorage.removeItem(k); });
    this.snapshot = null; this.people = null; this.local = {}; this.localHanded = {};
  };

  Door.prototype.verifyBytes = function (bytes, signatureB64) {
    var self = this;
    return this.keyPromise.then(function (key) {
      return crypto.subtle.verify({ name: "Ed25519" }, key, b64urlBytes(signatureB64), concat(utf8.encode(SIGNATURE_PREFIX), bytes));
    }).catch(function () { return false; });
  };

  Door.prototype.adopt = function (text, signature) {
    var snap = JSON.parse(text);
    if (snap.edition !== this.slug) throw new Error("snapshot for another edition");
    var fields = snap.people_fields, people = new Map();
    for (var i = 0; i < snap.people.length; i++) {
      var row = snap.people[i], p = {};
      for (var j = 0; j < fields.length; j++) p[fields[j]] = row[j];
      people.set(p.code, p);
    }
    this.snapshot = snap;
    this.people = people;
    this.put("snapshot", { text: text, signature: signature, user: this.user });
    // Admissions decided here and still queued stay visible on top of the new snapshot.
    this.local = {}; this.localHanded = {};
    var self = this;
    this.queue().forEach(function (s) {
      if (s.kind === "handover") { if (s.result === "handed_over") self.rememberHanded(s.point, s.item, s.code, Date.parse(s.handed_at)); }
      else if (s.result === "ok") self.remember(s.point, s.code, Date.parse(s.scanned_at));
    });
    this.onchange();
  };

  // The stored snapshot, if it verifies, belongs to this user and has not expired.
  Door.prototype.loadStored = function () {
    var stored = this.get("snapshot", null), self = this;
    if (!stored) return Promise.resolve(false);
    if (stored.user !== this.user) { this.wipe(); return Promise.resolve(false); }
    return this.verifyBytes(utf8.encode(stored.text), stored.signature).then(function (ok) {
      if (!ok) { localStorage.removeItem(self.prefix + "snapshot"); return false; }
      var snap = JSON.parse(stored.text);
      if (Date.parse(snap.expires_at) < Date.now()) { localStorage.removeItem(self.prefix + "snapshot"); return false; }
      self.adopt(stored.text, stored.signature);
      return true;
    });
  };

  Door.prototype.fetchWithTimeout = function (url, init, ms) {
    var ctl = new AbortController();
    var timer = setTimeout(function () { ctl.abort(); }, ms || this.timeoutMs);
    init = init || {};
    init.signal = ctl.signal;
    init.credentials = "same-origin";
    return fetch(url, init).finally(function () { clearTimeout(timer); });
  };

  // Download the snapshot (If-None-Match: the stored version); resolves true when the server answered.
  Door.prototype.refresh = function () {
    var self = this, headers = {};
    if (this.snapshot) headers["If-None-Match"] = '"' + this.snapshot.version + '"';
    return this.fetchWithTimeout(this.api + "/checkin/snapshot", { headers: headers }, 15000).then(function (res) {
      if (res.status === 304) return true;
      if (!res.ok) throw new Error("snapshot " + res.status);
      var signature = res.headers.get("X-Snapshot-Signature") || "";
      return res.arrayBuffer().then(function (buf) {
        var bytes = new Uint8Array(buf);
        return self.verifyBytes(bytes, signature).then(function (ok) {
          if (!ok) throw new Error("snapshot signature does not verify");
          self.adopt(new TextDecoder().decode(bytes), signature);
          return true;
        });
      });
    });
  };

  Door.prototype.remember = function (point, code, ms) {
    var at = this.local[point] || (this.local[point] = {});
    var s = Math.floor(ms / 1000), prev = at[code] || this.admittedIn(point, code);
    at[code] = prev ? [prev[0], prev[1] + 1, s] : [s, 1, s];
  };

  Door.prototype.admittedIn = function (point, code) {
    var snapAt = this.snapshot && this.snapshot.admitted[point];
    return snapAt ? snapAt[code] || null : null;
  };

  Door.prototype.admitted = function (point, code) {
    var mine = this.local[point] && this.local[point][code];
    return mine || this.admittedIn(point, code);
  };

  Door.prototype.pointRule = function (code) {
    var points = (this.snapshot && this.snapshot.points) || [];
    for (var i = 0; i < points.length; i++) if (points[i].code === code) return points[i];
    return points[0] || null;
  };

  Door.prototype.registrationOut = function (p) {
    var snap = this.snapshot, cat = snap.categories[p.category] || {}, org = p.organization != null ? snap.organizations[p.organization] : null;
    return {
      code: p.code, name: p.name, name_en: p.name_en || "", organization: org ? org[0] : "",
      organization_en: org ? org[1] : "", title: p.title || "", category: cat.code || "",
      category_name: cat.name || "", category_name_en: cat.name_en || "", category_color: cat.color || "",
      status: p.status, seats: p.seats || [], stay: p.stay || null, pickup: p.pickup || null,
    };
  };

  // events/checkin/scanning.py `verdict` from the snapshot: resolves {result, reason, person, ticket_edition}, where
  // result "admit" means the ticket may enter at this point.
  Door.prototype.judge = function (token, rule) {
    var self = this, out = { result: "unknown", reason: "", person: null, ticket_edition: "" };
    var t = parseToken(token);
    if (!t) { out.reason = "malformed"; return Promise.resolve(out); }
    if (t.slug !== this.slug) { out.result = "wrong_event"; out.ticket_edition = t.slug; return Promise.resolve(out); }
    return this.keyPromise.then(function (key) {
      return crypto.subtle.verify({ name: "Ed25519" }, key, t.signature, t.body);
    }).then(function (genuine) {
      if (!genuine) { out.reason = "bad_signature"; return out; }
      var p = self.people && self.people.get(t.code);
      if (!p) { out.reason = "not_found"; return out; }
      out.person = p;
      var cat = self.snapshot.categories[p.category] || {};
      if (p.version !== t.version) out.reason = "revoked";
      else if (p.status === "cancelled") out.result = "cancelled";
      else if (p.status !== "confirmed") out.result = "not_confirmed";
      else if (!rule || rule.categories.indexOf(cat.code) < 0) out.result = "not_allowed";
      else out.result = "admit";
      return out;
    });
  };

  // events/checkin/config.py ItemRule.due_to: an item naming no category and nobody goes to everyone the point admits.
  function dueTo(item, p, catCode) {
    var cats = item.categories || [], people = item.people || [];
    if (!cats.length && !people.length) return true;
    return cats.indexOf(catCode) >= 0 || people.indexOf(p.code) >= 0;
  }

  Door.prototype.handedAt = function (point, item, code) {
    var mine = this.localHanded[point] && this.localHanded[point][item] && this.localHanded[point][item][code];
    if (mine) return mine;
    var snap = this.snapshot && this.snapshot.handed && this.snapshot.handed[point];
    return (snap && snap[item] && snap[item][code]) || null;
  };

  Door.prototype.rememberHanded = function (point, item, code, ms) {
    var at = this.localHanded[point] || (this.localHanded[point] = {});
    var byItem = at[item] || (at[item] = {});
    if (!byItem[code]) byItem[code] = Math.floor(ms / 1000);
  };

  // events/checkin/scanning.py `handover_list`: what this point hands this person, handed_at null (hand it now) or when.
  Door.prototype.handoverList = function (rule, p) {
    var self = this, cat = (this.snapshot.categories[p.category] || {}).code;
    return (rule.items || []).filter(function (i) { return dueTo(i, p, cat); }).map(function (i) {
      var at = self.handedAt(rule.code, i.code, p.code);
      return { item: i.code, name: i.name, name_en: i.name_en || "", handed_at: at ? iso(at * 1000) : null };
    });
  };

  // The verdict from the snapshot, by the same rules as events/checkin/scanning.py `verdict` and `admit` (their order,
  // the point's entry rule), in the same shape as POST .../checkin answers (plus offline: true).
  // tests/e2e/test_verdict_mirror.py holds both to one table of cases.
  Door.prototype.decide = function (token, pointCode, nowMs) {
    var self = this, now = nowMs || Date.now();
    var rule = this.pointRule(pointCode);
    var body = { result: "unknown", point: rule ? rule.code : pointCode, point_name: rule ? rule.name : "",
                 point_name_en: rule ? rule.name_en : "", scanned_at: iso(now), offline: true };
    return this.judge(token, rule).then(function (j) {
      var p = j.person;
      if (p) body.registration = self.registrationOut(p);
      if (j.reason) body.reason = j.reason;
      if (j.ticket_edition) body.ticket_edition = j.ticket_edition;
      if (j.result !== "admit") { body.result = j.result; return body; }
      if (rule.items && rule.items.length) body.handover = self.handoverList(rule, p);
      var seen = self.admitted(rule.code, p.code);
      var type = rule.check_type || "once";
      var tz = self.snapshot.time_zone || "Asia/Shanghai";
      if (seen && (type === "once" || (type === "daily" && dayIn(tz, seen[2] * 1000) === dayIn(tz, now)))) {
        body.result = "already_checked_in";
        body.first_checked_in_at = iso((type === "daily" ? seen[2] : seen[0]) * 1000);
        return body;
      }
      body.result = "ok";
      if (seen) { body.first_checked_in_at = iso(seen[0] * 1000); body.entries = seen[1] + 1; }
      else if (type !== "once") body.entries = 1;
      self.remember(rule.code, p.code, now);
      return body;
    });
  };

  // events/checkin/handover.py `hand_over` from the snapshot: staff confirmed `itemCode` was handed over.
  Door.prototype.handOver = function (token, pointCode, itemCode, nowMs) {
    var self = this, now = nowMs || Date.now(), rule = this.pointRule(pointCode);
    var spec = ((rule && rule.items) || []).filter(function (i) { return i.code === itemCode; })[0];
    var body = { result: "unknown", item: itemCode, name: spec ? spec.name : "", name_en: spec ? spec.name_en : "",
                 point: rule ? rule.code : pointCode, handed_at: null, offline: true };
    if (!spec) { body.result = "no_item"; return Promise.resolve(body); }
    return this.judge(token, rule).then(function (j) {
      var p = j.person;
      if (p) body.registration = { code: p.code, name: p.name };
      if (j.result !== "admit") { body.result = j.result; return body; }
      var cat = (self.snapshot.categories[p.category] || {}).code;
      if (!dueTo(spec, p, cat)) { body.result = "not_due"; body.handover = self.handoverList(rule, p); return body; }
      var at = self.handedAt(rule.code, spec.code, p.code);
      if (at) { body.result = "already_handed_over"; body.handed_at = iso(at * 1000); }
      else { self.rememberHanded(rule.code, spec.code, p.code, now); body.result = "handed_over"; body.handed_at = iso(now); }
      body.handover = self.handoverList(rule, p);
      return body;
    });
  };

  Door.prototype.enqueue = function (scan) {
    var q = this.queue();
    q.push(scan);
    this.put("queue", q);
    this.onchange();
  };

  Door.prototype.goOffline = function () {
    if (!this.offline) { this.offline = true; this.onchange(); }
  };

  Door.prototype.goOnline = function () {
    if (this.offline) { this.offline = false; this.onchange(); }
  };

  Door.prototype.addConflicts = function (items) {
    var list = this.conflicts(), keys = {};
    list.forEach(function (c) { keys[c.code + "@" + c.point] = true; });
    var added = 0;
    items.forEach(function (c) {
      var k = c.code + "@" + c.point;
      if (!keys[k]) { keys[k] = true; list.unshift(c); added++; }
    });
    if (added) { this.put("conflicts", list.slice(0, 100)); this.onchange(); }
  };

  // Upload the queue in order (200 at a time); the server answers each scan once, so a retry is harmless.
  Door.prototype.sync = function () {
    var self = this, q = this.queue();
    if (!q.length) return Promise.resolve([]);
    var batch = q.slice(0, 200);
    var body = { device: this.device, scans: [], handovers: [] };
    batch.forEach(function (s) {
      if (s.kind === "handover") {
        body.handovers.push({ nonce: s.nonce, token: s.token, point: s.point, item: s.item, handed_at: s.handed_at, result: s.result });
      } else {
        var scan = { nonce: s.nonce, token: s.token, point: s.point, scanned_at: s.scanned_at, result: s.result };
        if (s.manual_reason) scan.manual_reason = s.manual_reason; // a check-in by hand keeps its reason
        body.scans.push(scan);
      }
    });
    return this.fetchWithTimeout(this.api + "/checkin/sync", {
      method: "POST", headers: { "Content-Type": "application/json", "X-CSRFToken": this.csrf() }, body: JSON.stringify(body),
    }, 15000).then(function (res) {
      if (!res.ok) throw new Error("sync " + res.status);
      return res.json();
    }).then(function (data) {
      var done = {};
      var conflicts = [];
      (data.handovers || []).forEach(function (r) {
        done[r.nonce] = true;
        if (r.conflict) {
          conflicts.push({ code: r.registration.code, name: r.registration.name, point: r.point + ":" + r.item,
                           point_name: r.name, point_name_en: r.name_en,
                           first: { device: r.conflict.device, at: r.conflict.at },
                           second: { device: r.conflict.this_device, at: r.conflict.this_at } });
        }
      });
      data.results.forEach(function (r) {
        done[r.nonce] = true;
        if (r.conflict) {
          conflicts.push({ code: r.registration.code, name: r.registration.name, point: r.point,
                           point_name: r.point_name, point_name_en: r.point_name_en,
                           first: { device: r.conflict.device, at: r.conflict.at },
                           second: { device: r.conflict.this_device, at: r.conflict.this_at } });
        }
      });
      self.put("queue", self.queue().filter(function (s) { return !done[s.nonce]; }));
      self.addConflicts(conflicts);
      self.onchange();
      var answers = data.results.concat(data.handovers || []);
      return self.queue().length ? self.sync().then(function (more) { return answers.concat(more); }) : answers;
    });
  };

  // Figures from the snapshot for when the server cannot be asked: confirmed this point admits / in.
  Door.prototype.counts = function (pointCode) {
    var rule = this.pointRule(pointCode), confirmed = 0, inside = 0, self = this;
    if (!rule || !this.people) return null;
    this.people.forEach(function (p) {
      var cat = self.snapshot.categories[p.category];
      if (p.status !== "confirmed" || !cat || rule.categories.indexOf(cat.code) < 0) return;
      confirmed++;
      if (self.admitted(rule.code, p.code)) inside++;
    });
    return { confirmed: confirmed, checked_in: inside };
  };

  Door.parseToken = parseToken;
  Door.newNonce = newNonce;
  global.HuiwuDoor = Door;
})(window);
