// Staff documents page: badge and letter jobs, each polled at /api/v1/jobs/{id} until it is done or failed.
(function () {
  "use strict";

  // The jobs of one section (badges, letters): draws a job's progress and polls those still running.
  function jobs(section) {
    var msg = section.dataset;
    var names = { queued: msg.msgQueued, running: msg.msgRunning, done: msg.msgDone, failed: msg.msgFailed };

    function render(li, job) {
      li.dataset.state = job.state;
      var bar = li.querySelector("progress");
      bar.max = job.total || 1;
      bar.value = job.done;
      li.querySelector(".job-state").textContent =
        job.done + "/" + job.total + " " + (names[job.state] || job.state) + (job.error ? " · " + job.error : "");
      if (job.result_url && !li.querySelector("a")) {
        var a = document.createElement("a");
        a.className = "button small";
        a.href = job.result_url;
        a.textContent = msg.msgDownload;
        li.appendChild(a);
      }
    }

    function poll(li) {
      fetch("/api/v1/jobs/" + li.dataset.job, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (job) {
          render(li, job);
          if (job.state === "queued" || job.state === "running") setTimeout(function () { poll(li); }, 700);
        })
        .catch(function () { setTimeout(function () { poll(li); }, 2000); });
    }

    section.querySelectorAll(".job").forEach(function (li) {
      if (li.dataset.state === "queued" || li.dataset.state === "running") poll(li);
    });
    return { render: render, poll: poll };
  }

  // Invitation letters: a plain form starts the job; the page polls the jobs still running when it loads.
  var letters = document.getElementById("letters");
  if (letters) jobs(letters);

  // Badges: the form starts the job through the API and the new job is drawn at the top of the list.
  var section = document.getElementById("badges");
  if (!section) return;
  var badges = jobs(section);
  var form = section.querySelector("form.badge-job");
  var list = section.querySelector(".jobs");
  var errorBox = section.querySelector(".job-error");
  var msg = section.dataset;
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;

  function addJob(job) {
    var li = document.createElement("li");
    li.className = "job";
    li.dataset.job = job.id;
    var label = document.createElement("span");
    label.className = "job-label";
    // As the server prints it: the category's and the size's names from the form, never codes.
    var picked = function (select) { return select.options[select.selectedIndex].textContent.replace(/\s*\(\d+\)$/, ""); };
    label.textContent = (job.params.category ? picked(form.category) : msg.msgAll) + " · " + picked(form.size);
    var bar = document.createElement("progress");
    var state = document.createElement("span");
    state.className = "job-state";
    li.append(label, bar, state);
    list.prepend(li);
    badges.render(li, job);
    return li;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    errorBox.hidden = true;
    var body = { size: form.size.value };
    if (form.category.value) body.category = form.category.value;
    fetch("/api/v1/events/" + section.dataset.slug + "/badge-jobs", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body),
    })
      .then(function (r) { return r.json().then(function (data) { return { ok: r.ok, data: data }; }); })
      .then(function (res) {
        if (!res.ok) {
          errorBox.textContent = msg.msgError + (typeof res.data.detail === "string" ? res.data.detail : JSON.stringify(res.data.detail));
          errorBox.hidden = false;
          return;
        }
        badges.poll(addJob(res.data));
      });
  });
})();
