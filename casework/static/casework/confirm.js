/* Ask before a destructive or irreversible action.
 *
 * Any form submitted through a button that carries data-confirm="…question…" (translated in the
 * template) first shows that question in the page's <dialog id="cw-confirm">
 * (templates/includes/confirm_dialog.html): "Cancel" has the focus, Escape cancels, and the other
 * button repeats the action's own label (or data-confirm-button when given). Only a confirmed answer
 * submits the form, through the same button (so its name and value are sent). Without <dialog>
 * support, window.confirm asks instead. Loaded with `defer`; no inline script. */
(function () {
  "use strict";

  var dialog = document.getElementById("cw-confirm");
  var confirmed = new WeakSet();

  function actionLabel(submitter) {
    var label = submitter.getAttribute("data-confirm-button");
    if (!label) label = submitter.tagName === "INPUT" ? submitter.value : submitter.textContent;
    return (label || "").replace(/\s+/g, " ").trim();
  }

  function submitAgain(form, submitter) {
    confirmed.add(submitter);
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit(submitter);
    } else {
      submitter.click();
    }
  }

  /* One close handler for the page's dialog, reading the question that is open now. A listener per
   * question went wrong when the user answered fast: the close event of "Cancel" is delivered after a
   * task, so a question asked again at once would have its listener consumed by the stale event and
   * its "yes" would do nothing. A close event that arrives while the dialog is open again is stale. */
  var pending = null;

  function answered() {
    if (dialog.open || !pending) return;
    var question = pending;
    pending = null;
    if (dialog.returnValue === "confirm") {
      question.onYes();
    } else if (document.contains(question.submitter)) {
      question.submitter.focus();
    }
  }

  function askWithDialog(question, submitter, onYes) {
    var text = dialog.querySelector("[data-confirm-question]");
    var yes = dialog.querySelector("button[value='confirm']");
    text.textContent = question;
    var label = actionLabel(submitter);
    if (label) yes.textContent = label;
    dialog.returnValue = "";
    pending = { submitter: submitter, onYes: onYes };
    dialog.showModal();
  }

  if (dialog) dialog.addEventListener("close", answered);

  document.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    if (!submitter || !submitter.hasAttribute("data-confirm")) return;
    if (confirmed.has(submitter)) {
      confirmed.delete(submitter);
      return;
    }
    var form = event.target;
    var question = submitter.getAttribute("data-confirm");
    event.preventDefault();
    if (dialog && typeof dialog.showModal === "function") {
      if (dialog.open) return;
      askWithDialog(question, submitter, function () {
        submitAgain(form, submitter);
      });
    } else if (window.confirm(question)) {
      submitAgain(form, submitter);
    }
  });
})();
