/* Small progressive enhancements shared by every page (loaded with `defer`; no inline script).
 *
 * 1. Busy state for long operations: a form with data-busy="…message…" (translated in the template)
 *    shows, once really submitted, an indeterminate progress bar and the message in a polite live
 *    region, marks itself aria-busy, and disables its submit buttons so nothing is sent twice.
 *    After a failed submission, the focus goes to the error summary (templates/includes/form_fields.html).
 * 2. Wide tables: a .cw-table-wrap or .table-responsive that scrolls sideways becomes a named,
 *    keyboard-focusable region (so keyboard users can scroll it), and stops being one when it fits. */
(function () {
  "use strict";

  // 1. Busy state ---------------------------------------------------------------------------------
  function statusFor(form) {
    var status = form.querySelector(".cw-busy-status");
    if (!status) {
      status = document.createElement("div");
      status.className = "cw-busy-status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      form.appendChild(status);
    }
    return status;
  }

  function setBusy(form) {
    var status = statusFor(form);
    var bar = document.createElement("progress");
    bar.className = "cw-busy-bar";
    bar.setAttribute("aria-label", form.getAttribute("data-busy"));
    var text = document.createElement("span");
    text.textContent = form.getAttribute("data-busy");
    status.replaceChildren(bar, text);
    form.setAttribute("aria-busy", "true");
    form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]").forEach(function (b) {
      if (b.disabled) return;
      b.disabled = true;
      b.setAttribute("data-cw-busy", "");
    });
  }

  function clearBusy(form) {
    var status = form.querySelector(".cw-busy-status");
    if (status) status.replaceChildren();
    form.removeAttribute("aria-busy");
    form.querySelectorAll("[data-cw-busy]").forEach(function (b) {
      b.disabled = false;
      b.removeAttribute("data-cw-busy");
    });
  }

  document.querySelectorAll("form[data-busy]").forEach(statusFor);

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-busy")) return;
    // Wait until every submit listener has run: a confirmation that cancels leaves the form alone.
    window.setTimeout(function () {
      if (!event.defaultPrevented) setBusy(form);
    }, 0);
  });

  // Coming back with the browser's Back button shows the form as it was left: ready again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) document.querySelectorAll("form[aria-busy]").forEach(clearBusy);
  });

  // After a failed submission the page opens on what went wrong: the focus goes to the error summary
  // (or the first error alert), so screen readers read it out and keyboard users start from there.
  var problem = document.querySelector(".cw-error-summary, main .alert-danger[role=alert]");
  if (problem) {
    if (!problem.hasAttribute("tabindex")) problem.setAttribute("tabindex", "-1");
    problem.focus({ preventScroll: false });
    // A form posted from an address with a fragment (after "Skip to content": …/#main) comes back
    // with it, and the browser then moves the focus to that fragment: bring it back once loaded.
    if (window.location.hash) {
      window.addEventListener("load", function () {
        window.requestAnimationFrame(function () {
          problem.focus({ preventScroll: false });
        });
      });
    }
  }

  // A link of the summary takes the keyboard to the field itself (a fragment link only scrolls).
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".cw-error-summary a[href^='#']");
    if (!link) return;
    var field = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!field) return;
    if (!field.matches("input, select, textarea, button")) field = field.querySelector("input, select, textarea") || field;
    event.preventDefault();
    var label = field.labels && field.labels[0];
    var legend = field.closest("fieldset") && field.closest("fieldset").querySelector("legend");
    (label || legend || field).scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  });

  // 2. Wide tables --------------------------------------------------------------------------------
  function regionName(wrap) {
    var caption = wrap.querySelector("caption");
    var table = wrap.querySelector("table");
    var name = (caption && caption.textContent) || (table && table.getAttribute("aria-label")) || "";
    return name.replace(/\s+/g, " ").trim();
  }

  function markScrollable(wrap) {
    if (wrap.hasAttribute("data-cw-fixed")) return;
    var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    if (scrolls && !wrap.hasAttribute("tabindex")) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      var name = regionName(wrap);
      if (name && !wrap.hasAttribute("aria-label") && !wrap.hasAttribute("aria-labelledby")) {
        wrap.setAttribute("aria-label", name);
      }
      wrap.setAttribute("data-cw-added", "");
    } else if (!scrolls && wrap.hasAttribute("data-cw-added")) {
      ["tabindex", "role", "aria-label", "data-cw-added"].forEach(function (attr) {
        wrap.removeAttribute(attr);
      });
    }
  }

  var wraps = document.querySelectorAll(".cw-table-wrap, .table-responsive");
  wraps.forEach(function (wrap) {
    // Wrappers that the template already made focusable keep what the template said.
    if (wrap.hasAttribute("tabindex")) wrap.setAttribute("data-cw-fixed", "");
    markScrollable(wrap);
  });
  // The wrapper's width follows the window; the table's follows its text (and the web font arriving).
  if (wraps.length && "ResizeObserver" in window) {
    var observer = new ResizeObserver(function (entries) {
      entries.forEach(function (entry) {
        var wrap = entry.target.closest(".cw-table-wrap, .table-responsive");
        if (wrap) markScrollable(wrap);
      });
    });
    wraps.forEach(function (wrap) {
      observer.observe(wrap);
      var table = wrap.querySelector("table");
      if (table) observer.observe(table);
    });
  }
  if (wraps.length && document.fonts) {
    document.fonts.ready.then(function () {
      wraps.forEach(markScrollable);
    });
  }
})();
