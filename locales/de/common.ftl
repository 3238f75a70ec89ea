# Das Gerüst jeder Seite, die Sprachwahl und die Fehlerseiten.
language-name = Deutsch

layout-skip = Zum Inhalt springen
layout-session = Deine Sitzung
layout-settings = Einstellungen
layout-sign-out = Abmelden
layout-sign-in = Anmelden
layout-register = Registrieren
layout-dismiss = Diese Meldung schließen
layout-footer = tally hält fest, wer in deiner WG was bezahlt hat.
layout-languages = Diese Seite auf:

error-reference = Referenz:
error-status = Fehler { $status }
error-back = Zurück zu deinen Konten
error-not-found-title = Seite nicht gefunden
error-not-found = Hier gibt es nichts, oder es ist nicht mit dir geteilt.
error-forbidden-title = Formular abgelaufen
error-forbidden = Dieses Formular wurde nicht angenommen, weil es abgelaufen ist oder von einer anderen Website kam. Geh zurück, lade die Seite neu und versuche es noch einmal.
error-too-many-title = Zu viele Versuche
error-too-many = Zu viele fehlgeschlagene Anmeldungen für diese Adresse. Warte eine Minute und versuche es dann noch einmal.
error-conflict-title = Jemand war schneller
error-conflict = Andere haben dieses Konto im selben Moment geändert. Lade die Seite neu, um den neuesten Stand zu sehen, und versuche es noch einmal.
error-refused-title = Nicht möglich
error-refused = Das ging nicht: { $reason }. Geh zurück und versuche etwas anderes.
error-too-large-title = Datei zu groß
error-too-large = tally importiert Dateien bis 10 MiB. Exportiere einen kürzeren Zeitraum aus der anderen App, oder bitte die Administration des Servers, tally import auf der Kommandozeile zu verwenden.
error-no-file-title = Keine Datei erhalten
error-no-file = Dieses Formular sendet eine Datei. Geh zurück, wähle die Datei und sende das Formular noch einmal.
error-unavailable-title = Vorübergehend nicht verfügbar
error-unavailable = tally erreicht seine Datenbank gerade nicht. Versuche es in ein paar Sekunden noch einmal.
error-internal-title = Etwas ist schiefgelaufen
error-internal = Ein unerwarteter Fehler ist aufgetreten. Er wurde protokolliert; nenne die Referenz unten, wenn du ihn meldest.
error-form-too-large = Dieses Formular ist zu groß zum Senden. Kürze deine Eingaben, geh dann zurück und versuche es noch einmal.
error-bad-form = Dieses Formular konnte nicht gelesen werden. Geh zurück, lade die Seite neu und versuche es noch einmal.
language-changed = Diese Seite ist jetzt auf Deutsch.

# The page the installed app shows without a network.
offline-title = Offline
offline-heading = Du bist offline
offline-text = tally braucht das Netz, um Ausgaben zu zeigen und zu erfassen, darum lässt sich gerade nichts eintragen. Verbinde dich wieder und
offline-again = öffne tally erneut.
