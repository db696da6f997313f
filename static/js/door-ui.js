// The door scanner's small drawing helpers (static/js/checkin.js, door-search.js): elements, names in the
// page's language, times, the colour of a verdict, and its sound.
(function (global) {
  "use strict";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function localName(obj, field, en) {
    return (en && obj[field + "_en"]) || obj[field] || "";
  }

  function hhmm(iso) {
    var d = new Date(iso);
    return isNaN(d) ? iso : d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hour12: false });
  }

  function timeOf(iso) {
    var d = new Date(iso);
    return isNaN(d) ? iso : d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  }

  function colour(result) {
    if (result === "ok") return "good";
    if (result === "already_checked_in") return "warn";
    return "bad";
  }

  var audio;
  function beep(kind) {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      var o = audio.createOscillator(), g = audio.createGain();
      o.frequency.value = kind === "good" ? 880 : kind === "warn" ? 520 : 220;
      g.gain.value = 0.08;
      o.connect(g); g.connect(audio.destination);
      o.start(); o.stop(audio.currentTime + (kind === "good" ? 0.12 : 0.35));
    } catch (e) { /* no sound: fine */ }
    if (navigator.vibrate) navigator.vibrate(kind === "good" ? 60 : [120, 60, 120]);
  }

  // A check-in by hand (手动补签) says so, with its reason, in the verdict and the recent list; only a ticket
  // that passes may have its badge printed (the badge of a cancelled or refused one is a 409).
  function manualNote(body, T) {
    return body.manual_reason && body.result === "ok" ? T.manual + " · " + body.manual_reason : "";
  }
  function admitted(body) { return body.result === "ok" || body.result === "already_checked_in"; }

  global.HuiwuDoorUI = { el: el, localName: localName, hhmm: hhmm, timeOf: timeOf, colour: colour, beep: beep,
                         manualNote: manualNote, admitted: admitted };
})(window);
