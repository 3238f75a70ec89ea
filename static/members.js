// tally: the members page's "Copy link" button. Without this file the button stays hidden
// and the link can still be selected and copied from its read-only field.
(function () {
  "use strict";
  var button = document.getElementById("copy-invite");
  var field = document.getElementById("invite-url");
  var status = document.getElementById("copy-status");
  if (!button || !field) {
    return;
  }
  // The page's language gives the words; English when an older page lacks them.
  var copied = (status && status.getAttribute("data-copied")) || "Link copied.";
  var byHand = (status && status.getAttribute("data-by-hand")) ||
    "Press Ctrl+C (or \u2318C) to copy the selected link.";
  function say(message) {
    if (status) {
      status.textContent = message;
    }
  }
  function fallback() {
    field.focus();
    field.select();
    try {
      if (document.execCommand("copy")) {
        say(copied);
        return;
      }
    } catch (e) {
      // Fall through to the manual hint.
    }
    say(byHand);
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(
        function () { say(copied); },
        fallback
      );
    } else {
      fallback();
    }
  });
  field.addEventListener("focus", function () { field.select(); });
})();
