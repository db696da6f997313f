// The door scanner's camera (static/js/checkin.js starts it): BarcodeDetector where the browser has it,
// else jsQR (installed by `make setup` into static/vendor); a code held in front of the lens counts once.
(function (global) {
  "use strict";

  // opts: jsqr (the URL of jsQR), T (the page's texts), input (the scan field), found(text)
  global.HuiwuDoorCamera = function (opts) {
    var T = opts.T, input = opts.input;
    var camBox = document.getElementById("camera");
    var video = document.getElementById("camera-video");
    var camStatus = document.getElementById("camera-status");
    var camButton = document.getElementById("camera-toggle");
    var stream = null, detector = null, canvas = null, lastText = "", lastAt = 0, running = false;

    function loadJsQR() {
      if (window.jsQR) return Promise.resolve(true);
      return new Promise(function (resolve) {
        var s = document.createElement("script");
        s.src = opts.jsqr;
        s.onload = function () { resolve(!!window.jsQR); };
        s.onerror = function () { resolve(false); };
        document.head.appendChild(s);
      });
    }

    function getDecoder() {
      if ("BarcodeDetector" in window) {
        return window.BarcodeDetector.getSupportedFormats().then(function (formats) {
          if (formats.indexOf("qr_code") >= 0) {
            detector = new window.BarcodeDetector({ formats: ["qr_code"] });
            return "native";
          }
          return loadJsQR().then(function (ok) { return ok ? "jsqr" : null; });
        });
      }
      return loadJsQR().then(function (ok) { return ok ? "jsqr" : null; });
    }

    function found(text) {
      var now = Date.now();
      if (text === lastText && now - lastAt < 3000) return; // the same code held in front of the lens
      lastText = text; lastAt = now;
      opts.found(text);
    }

    function tick(kind) {
      if (!running) return;
      if (video.readyState >= 2) {
        if (kind === "native") {
          detector.detect(video).then(function (codes) {
            if (codes.length) found(codes[0].rawValue);
          }).catch(function () {}).then(function () { setTimeout(function () { tick(kind); }, 120); });
          return;
        }
        canvas = canvas || document.createElement("canvas");
        var w = video.videoWidth, h = video.videoHeight, scale = Math.min(1, 640 / Math.max(w, h));
        canvas.width = Math.round(w * scale); canvas.height = Math.round(h * scale);
        var ctx = canvas.getContext("2d", { willReadFrequently: true });
        ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
        var img = ctx.getImageData(0, 0, canvas.width, canvas.height);
        var code = window.jsQR(img.data, img.width, img.height, { inversionAttempts: "dontInvert" });
        if (code && code.data) found(code.data);
      }
      setTimeout(function () { tick(kind); }, 150);
    }

    function stopCamera() {
      running = false;
      if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
      stream = null;
      camBox.hidden = true;
      camButton.setAttribute("aria-pressed", "false");
      input.focus();
    }

    camButton.addEventListener("click", function () {
      if (running) { stopCamera(); return; }
      camBox.hidden = false;
      camStatus.textContent = T.camera_starting;
      camButton.setAttribute("aria-pressed", "true");
      getDecoder().then(function (kind) {
        if (!kind || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
          camStatus.textContent = T.camera_none;
          return;
        }
        return navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
          .then(function (s) {
            stream = s;
            video.srcObject = s;
            return video.play();
          })
          .then(function () {
            running = true;
            camStatus.textContent = T.camera_on;
            tick(kind);
          })
          .catch(function (err) { camStatus.textContent = T.camera_denied + (err && err.name ? err.name : ""); });
      });
    });
  };
})(window);
