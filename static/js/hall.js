// Hall screen: asks for the figures every two seconds and redraws; a failed request keeps the last figures
// on screen and says so in the corner.
(function () {
  "use strict";
  var root = document.getElementById("hall");
  if (!root) return;
  var api = root.dataset.api;

  function cell(tr, text, tag) {
    var td = document.createElement(tag || "td");
    td.textContent = text;
    tr.appendChild(td);
    return td;
  }

  function rows(id, items, first) {
    var body = document.querySelector("#" + id + " tbody");
    body.innerHTML = "";
    items.forEach(function (x) {
      var tr = document.createElement("tr");
      var td = cell(tr, "");
      if (x.color) { var s = document.createElement("span"); s.className = "swatch"; s.style.background = x.color; td.appendChild(s); }
      td.appendChild(document.createTextNode(first(x)));
      cell(tr, x.expected); cell(tr, x.arrived); cell(tr, x.absent);
      body.appendChild(tr);
    });
  }

  function draw(d) {
    document.getElementById("hall-expected").textContent = d.expected;
    document.getElementById("hall-arrived").textContent = d.arrived;
    document.getElementById("hall-manual").textContent = d.manual;
    document.getElementById("hall-absent").textContent = d.absent;
    rows("hall-categories", d.categories, function (c) { return c.name; });
    rows("hall-units", d.units, function (u) { return u.name; });
    var ol = document.getElementById("hall-last");
    ol.innerHTML = "";
    d.last_arrivals.forEach(function (p) {
      var li = document.createElement("li");
      var t = document.createElement("span"); t.className = "t"; t.textContent = p.at;
      var n = document.createElement("strong"); n.textContent = p.name;
      var o = document.createElement("span"); o.className = "org"; o.textContent = p.organization;
      li.appendChild(t); li.appendChild(document.createTextNode(" ")); li.appendChild(n);
      li.appendChild(document.createTextNode(" ")); li.appendChild(o);
      ol.appendChild(li);
    });
  }

  var status = document.getElementById("hall-status");
  function poll() {
    fetch(api, { credentials: "same-origin", cache: "no-store" })
      .then(function (res) { if (!res.ok) throw new Error(res.status); return res.json(); })
      .then(function (d) { draw(d); status.textContent = ""; })
      .catch(function () { status.textContent = "网络中断，显示的是最近一次数据 · Offline: last figures shown"; })
      .then(function () { setTimeout(poll, 2000); });
  }
  function clock() {
    document.getElementById("hall-clock").textContent = new Date().toLocaleTimeString("zh-CN", { hour: "2-digit", minute: "2-digit", hour12: false });
  }
  clock(); setInterval(clock, 10000);
  setTimeout(poll, 2000);
})();
