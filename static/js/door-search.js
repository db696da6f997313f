// The door scanner's search for people without their QR code (static/js/checkin.js starts it): each hit
// with its check-ins so far, a check-in by hand (which always says why) and the badge.
(function (global) {
  "use strict";
  var ui = global.HuiwuDoorUI, el = ui.el, timeOf = ui.timeOf;

  // opts: api, T (the page's texts), localName(obj, field), checkIn(token, reason), missingReason()
  global.HuiwuDoorSearch = function (opts) {
    var api = opts.api, T = opts.T, localName = opts.localName;
    var searchForm = document.getElementById("search-form");
    var searchInput = document.getElementById("search-input");
    var results = document.getElementById("search-results");
    searchForm.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var q = searchInput.value.trim();
      if (!q) return;
      fetch(api + "/checkin/search?q=" + encodeURIComponent(q), { credentials: "same-origin" })
        .then(function (res) { return res.json(); })
        .then(function (hits) {
          results.innerHTML = "";
          if (!hits.length) { results.appendChild(el("li", "muted", T.none_found)); return; }
          hits.forEach(function (h) {
            var li = el("li", "hit");
            var who = el("div", "hit-who");
            who.appendChild(el("strong", null, h.name));
            if (h.name_en) who.appendChild(el("span", "name-en", " " + h.name_en));
            who.appendChild(el("div", "small muted", [localName(h, "organization"), localName(h, "category_name"), h.phone, h.code].filter(Boolean).join(" · ")));
            if (h.checked_in.length) {
              who.appendChild(el("div", "small hit-in", T.checked_in_at + ": " + h.checked_in.map(function (a) { return (localName(a, "point_name") || a.point) + " " + timeOf(a.at); }).join(", ")));
            }
            li.appendChild(who);
            var actions = el("div", "hit-actions");
            if (h.token) {
              var b = el("button", "button primary small", T.check_in);
              b.type = "button";
              b.addEventListener("click", function () {
                // A check-in by hand (手动补签) always says why: counted apart on the dashboard.
                var reasonBox = document.getElementById("manual-reason");
                var other = document.getElementById("manual-reason-other");
                var reason = (reasonBox.value || other.value).trim();
                if (!reason) { opts.missingReason(); other.focus(); return; }
                opts.checkIn(h.token, reason);
              });
              actions.appendChild(b);
              var a = el("a", "button small", T.badge);
              a.href = api + "/registrations/" + encodeURIComponent(h.code) + "/badge.pdf";
              a.target = "_blank";
              a.rel = "noopener";
              actions.appendChild(a);
            } else {
              actions.appendChild(el("span", "small muted", T.no_ticket + " (" + (T["status_" + h.status] || h.status) + ")"));
            }
            li.appendChild(actions);
            results.appendChild(li);
          });
        })
        .catch(function () { results.innerHTML = ""; results.appendChild(el("li", "muted", T.error)); });
    });
  };
})(window);
