/* Live progress of a report job (loaded with `defer`; no inline script).
 *
 * The job page carries data-status-url on #cw-job. While the job is queued or running this polls that
 * JSON endpoint, moves the <progress> bar, updates the status text (a polite live region), and when the
 * file is ready reveals the download button; on failure it shows the error. No page reload. */
(function () {
  "use strict";

  var root = document.getElementById("cw-job");
  if (!root || !window.fetch) return;
  var url = root.getAttribute("data-status-url");
  var bar = document.getElementById("cw-job-progress");
  var percent = document.getElementById("cw-job-percent");
  var label = document.getElementById("cw-job-status");
  var download = document.getElementById("cw-job-download");
  var failure = document.getElementById("cw-job-error");
  var delay = 1000;

  function show(state) {
    bar.value = state.progress;
    bar.textContent = state.progress + "%";
    percent.textContent = state.progress + "%";
    label.textContent = state.status_label;
    root.setAttribute("data-status", state.status);
    if (state.done && state.download_url) {
      download.setAttribute("href", state.download_url);
      download.classList.remove("d-none");
      bar.value = 100;
      percent.textContent = "100%";
    }
    if (state.finished && !state.done && state.error) {
      failure.textContent = state.error;
      failure.classList.remove("d-none");
    }
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (state) {
        show(state);
        if (!state.finished) {
          delay = Math.min(delay * 1.2, 5000);
          window.setTimeout(poll, delay);
        }
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }

  if (root.getAttribute("data-finished") !== "true") poll();
})();
