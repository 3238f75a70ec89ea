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
        say("Link copied.");
        return;
      }
    } catch (e) {
      // Fall through to the manual hint.
    }
    say("Press Ctrl+C (or \u2318C) to copy the selected link.");
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(
        function () { say("Link copied."); },
        fallback
      );
    } else {
      fallback();
    }
  });
  field.addEventListener("focus", function () { field.select(); });
})();
