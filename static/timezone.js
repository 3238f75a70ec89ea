// Proposes the browser's time zone once: fills the hidden `time_zone` field of the sign-in
// and registration forms, and selects it on the settings page while the person has none.
// The server keeps a proposal only for someone without a zone, so a choice is never undone.
// Without JavaScript nothing is proposed and times stay in UTC until a zone is chosen.
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!zone) return;
  var fields = document.querySelectorAll('[name="time_zone"][data-propose]');
  for (var i = 0; i < fields.length; i++) {
    var field = fields[i];
    if (field.tagName === "SELECT") {
      for (var j = 0; j < field.options.length; j++) {
        if (field.options[j].value === zone) {
          field.value = zone;
          break;
        }
      }
    } else if (!field.value) {
      field.value = zone;
    }
  }
})();
