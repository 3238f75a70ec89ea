# Die Seiten eines Kontos: Übersicht, Mitglieder, Zahlungen, Verlauf und das Konto, wie es war.

## Gemeinsam für die Seiten des Kontos
account-you = (du)
account-left = (ausgezogen)
account-someone = jemand
account-is-owed = bekommt
account-owes = schuldet
account-settled = ausgeglichen
account-col-member = Mitglied
account-col-paid = Bezahlt
account-col-share = Anteil
account-col-net = Saldo
account-col-date = Datum
account-col-what = Wofür
account-col-paid-by = Bezahlt von
account-col-amount = Betrag
account-refund-badge = Erstattung
account-sharing = { $count ->
    [one] ({ $count } Person)
   *[other] ({ $count } Personen)
}
account-chart-summary = Salden: { $list }
account-list-two = { $first } und { $last }
account-list-more = { $first }, { $rest }
account-pays = { $from } zahlt { $to } { $amount }
account-paid = { $from } hat { $to } { $amount } gezahlt
account-back-dashboard = Zurück zur Übersicht
account-show-as-of = Das Konto zeigen, wie es war
account-form-incomplete = dieses Formular ist unvollständig; lade die Seite neu und versuche es noch einmal
account-fix-fields = Bitte korrigiere die unten markierten Felder.
account-restore = Wiederherstellen
account-restore-it = Wiederherstellen
account-page-of = Seite { $page } von { $pages }

## Übersicht
dashboard-add-expense = + Ausgabe hinzufügen
dashboard-record-payment = Zahlung erfassen
dashboard-record-refund = Erstattung erfassen
dashboard-balances = Salden
dashboard-chart-details = Diagramm und Details
dashboard-balances-caption = Bezahlt, Anteil und Saldo pro Mitglied
dashboard-download-balances = Salden herunterladen (CSV)
dashboard-settle-up = Ausgleichen
dashboard-everyone-settled = Alle sind ausgeglichen.
dashboard-record-this-payment = Diese Zahlung erfassen
dashboard-another-amount = Anderer Betrag
dashboard-another-amount-between = von { $from } an { $to }
dashboard-any-amount = (beliebiger Betrag, zwischen zwei beliebigen Mitgliedern)
dashboard-all-payments = Alle Zahlungen
dashboard-latest = Neueste Ausgaben
dashboard-no-expenses = Noch keine Ausgaben. Füge die erste mit der Schaltfläche „Ausgabe hinzufügen“ oben hinzu.
dashboard-all-expenses = Alle Ausgaben
dashboard-more = Mehr
dashboard-this-account = Dieses Konto
dashboard-nav-members = Mitglieder und Einladung
dashboard-nav-recurring = Wiederkehrende Ausgaben
dashboard-nav-categories = Kategorien
dashboard-nav-history = Verlauf
dashboard-nav-statistics = Statistik
dashboard-nav-import = Aus einer anderen App importieren
dashboard-nav-rates = Wechselkurse
dashboard-nav-expenses-csv = Ausgaben (CSV)
dashboard-nav-balances-csv = Salden (CSV)
dashboard-nav-ihatemoney = Export für IHateMoney
dashboard-nav-cospend = Export für Cospend
dashboard-nav-backup = Sicherung
dashboard-as-of-label = Das Konto am Ende des Tages
dashboard-add-heading = Ausgabe hinzufügen
dashboard-payment-refused = Diese Zahlung konnte nicht erfasst werden: { $reason }.
dashboard-form-was-incomplete = das Formular war unvollständig

## Mitglieder
members-title = Mitglieder von { $account }
members-heading = Mitglieder
members-caption = Mitglieder in der Reihenfolge ihres Beitritts, mit ihrem Status
members-col-name = Name
members-col-status = Status
members-col-signed-up = Registriert
members-col-change = Ändern
members-active = Aktiv
members-left = Ausgezogen
members-joined = Beigetreten
members-not-joined = Noch nicht beigetreten
members-deactivate = Deaktivieren
members-reactivate = Reaktivieren
members-moved-out-hint = Wer auszieht, behält Verlauf und Saldo, nimmt aber an neuen Ausgaben nicht mehr teil.
members-add-heading = Mitglied hinzufügen
members-add-intro = Füge jetzt einen Mitbewohner mit Namen hinzu; über den Einladungslink kann er diesen Namen später übernehmen.
members-add-button = Mitglied hinzufügen
members-invite-heading = Einladungslink
members-invite-intro = Alle mit diesem Link können { $account } nach der Anmeldung beitreten. Teile ihn nur mit deinen Mitbewohnern.
members-copy = Link kopieren
members-copied = Link kopiert.
members-copy-by-hand = Drücke Strg+C (oder ⌘C), um den markierten Link zu kopieren.
members-qr-label = QR-Code des Einladungslinks
members-qr-caption = Scanne diesen Code mit der Handykamera, um den Einladungslink zu öffnen.
members-replace-hint = Wenn du den Link ersetzt, funktioniert der bisherige nicht mehr, etwa wenn er an die falsche Person gelangt ist. Wer schon beigetreten ist, bleibt Mitglied.
members-replace = Link ersetzen
members-already-added = { $name } wurde bereits hinzugefügt.
members-added = { $name } wurde hinzugefügt. Schick den Einladungslink unten, damit { $name } beitreten kann.
members-name-taken = Es gibt schon ein Mitglied namens { $name }. Wenn du diese Person meinst, schick ihr den Einladungslink unten; sonst füge eine Initiale hinzu, etwa „{ $name } B.“
members-active-again = { $name } ist wieder aktiv und kann sich an neuen Ausgaben beteiligen.
members-moved-out = { $name } ist ausgezogen: Der Verlauf bleibt, an neuen Ausgaben nimmt { $name } nicht mehr teil.
members-cannot-leave = { $name } kann nicht ausziehen: { $reason }.
members-invite-replaced = Der Einladungslink wurde ersetzt. Der alte Link funktioniert nicht mehr; teile den neuen.

## Eine Zahlung erfassen und korrigieren
payment-heading-new = Zahlung erfassen
payment-heading-edit = Zahlung bearbeiten
payment-submit-new = Zahlung erfassen
payment-submit-edit = Änderungen speichern
payment-intro = Geld, das ein Mitglied einem anderen gegeben hat: um alles oder einen Teil dessen zurückzuzahlen, was es schuldet.
payment-deleted-notice = Diese Zahlung ist gelöscht und zählt daher nicht in den Salden. Um sie zu ändern, stelle sie zuerst wieder her.
payment-amount = Betrag ({ $currency })
payment-amount-hint = Was gezahlt wurde, etwa { $example }: ein beliebiger Teil dessen, was geschuldet wird.
payment-from = Von (wer gezahlt hat)
payment-to = An (wer es bekommen hat)
payment-choose-member = Mitglied wählen
payment-delete-link = Diese Zahlung löschen
payment-choose-from = wähle, wer gezahlt hat
payment-choose-to = wähle, wer das Geld bekommen hat
payment-recorded = Erfasst: { $summary }.
payment-already-recorded = Schon erfasst: { $summary }.
payment-saved = Gespeichert: { $summary }.
payment-nothing-changed = Nichts geändert: { $summary }.
payment-stale = { $who } hat diese Zahlung geändert, während du sie bearbeitet hast. Deine Werte stehen unten, und neben jedem abweichenden Feld steht, was { $who } gespeichert hat: Prüfe sie und speichere erneut, um die Fassung von { $who } zu ersetzen, oder öffne die Zahlung neu, um von ihr auszugehen.
payment-difference = Du hast { $yours } eingegeben; inzwischen hat { $who } es auf { $theirs } geändert.

## Die Liste der Zahlungen und das Löschen
payments-title = Zahlungen
payments-empty = Noch keine Zahlungen. Wenn jemand einem anderen Mitglied Geld zurückzahlt, erfasse es mit „Zahlung erfassen“.
payments-caption = Zahlungen zwischen Mitgliedern, neueste zuerst
payments-col-from = Von
payments-col-to = An
payments-col-actions = Aktionen
payments-deleted-badge = gelöscht
payments-edit = Bearbeiten
payments-delete = Löschen
payments-which = die Zahlung von { $from } an { $to }, { $amount }
payments-all = Alle Zahlungen
payments-back = Zurück zu den Zahlungen
payments-cancel = Abbrechen
payments-delete-title = Zahlung löschen
payments-already-deleted-heading = Diese Zahlung ist schon gelöscht
payments-already-deleted-text = { $summary } am { $date }. Sie zählt nicht in den Salden, bis sie wiederhergestellt wird.
payments-delete-heading = Diese Zahlung löschen?
payments-delete-text = { $summary } am { $date }. Gelöscht zählt sie nicht mehr in den Salden; du kannst sie später über die Liste der Zahlungen oder den Verlauf wiederherstellen.
payments-already-deleted = Schon gelöscht: { $summary }.
payments-deleted = Gelöscht: { $summary }. Du kannst sie über den Verlauf oder die Liste der Zahlungen wiederherstellen.
payments-not-deleted = { $summary } war nicht gelöscht; es gibt nichts wiederherzustellen.
payments-restored = Wiederhergestellt: { $summary }.

## Verlauf
history-title = Verlauf
history-intro = Alles, was in { $account } passiert ist, neueste Ereignisse zuerst. Die Zeiten sind in { $zone }
history-change-zone = ändern
history-empty = Noch ist nichts passiert.
history-as-of-link = das Konto zeigen, wie es nach dieser Änderung war
history-pages = Seiten des Verlaufs
history-newer = Neuere Ereignisse
history-older = Ältere Ereignisse
history-someone = Jemand
history-an-expense = eine Ausgabe
history-a-category = eine Kategorie
history-a-recurring-bill = eine wiederkehrende Ausgabe
history-opened = { $actor } hat das Konto { $name } in { $currency } eröffnet
history-renamed = { $actor } hat das Konto in { $name } umbenannt
history-joined = { $name } ist beigetreten
history-added = { $actor } hat { $name } hinzugefügt
history-linked = { $actor } ist als { $name } beigetreten
history-deactivated = { $actor } hat { $name } deaktiviert
history-reactivated = { $actor } hat { $name } reaktiviert
history-expense = { $actor } hat { $description } erfasst, { $amount }, { $split }
history-recurring-recorded = Die wiederkehrende Ausgabe { $description } vom { $date } wurde erfasst, { $amount }, { $split }
history-refund = { $actor } hat eine Erstattung über { $amount } erfasst, erhalten von { $payer }: { $description }, { $split }
history-corrected = { $actor } hat { $description } korrigiert
history-corrected-amount = { $actor } hat { $description } korrigiert: { $before } → { $after }
history-expense-deleted = { $actor } hat { $description } gelöscht
history-expense-restored = { $actor } hat { $description } wiederhergestellt
history-split-for = für { $name }
history-split-equally = { $count ->
    [one] für { $count } Person
   *[other] zu gleichen Teilen auf { $count } Personen aufgeteilt
}
history-split-shares = { $count ->
    [one] für { $count } Person
   *[other] nach Anteilen auf { $count } Personen aufgeteilt
}
history-split-exact = { $count ->
    [one] für { $count } Person
   *[other] nach genauen Beträgen auf { $count } Personen aufgeteilt
}
history-split-percentages = { $count ->
    [one] für { $count } Person
   *[other] nach Prozenten auf { $count } Personen aufgeteilt
}
history-paid-recorded-by = { $payment } (erfasst von { $actor })
history-payment-changed = { $actor } hat die Zahlung von { $from } an { $to } geändert
history-payment-changed-how = { $actor } hat die Zahlung von { $from } an { $to } geändert: { $changes }
history-payment-changed-now = { $actor } hat die Zahlung von { $from } an { $to } geändert, { $amount }
history-change-parties = jetzt von { $from } an { $to }
history-change-date = Datum { $was } → { $now }
history-payment-deleted = { $actor } hat die Zahlung von { $from } an { $to } gelöscht, { $amount }
history-payment-deleted-unknown = { $actor } hat eine Zahlung gelöscht
history-payment-restored = { $actor } hat die Zahlung von { $from } an { $to } wiederhergestellt, { $amount }
history-payment-restored-unknown = { $actor } hat eine Zahlung wiederhergestellt
history-time-zone = { $actor } hat die Zeitzone des Kontos auf { $zone } gesetzt
history-category-added = { $actor } hat die Kategorie { $name } hinzugefügt
history-category-renamed = { $actor } hat eine Kategorie in { $name } umbenannt
history-category-archived = { $actor } hat die Kategorie { $name } archiviert
history-category-restored = { $actor } hat die Kategorie { $name } wiederhergestellt
history-recurrence = { $unit ->
    [week] { $count ->
        [one] jede Woche
       *[other] alle { $count } Wochen
    }
    [year] { $count ->
        [one] jedes Jahr
       *[other] alle { $count } Jahre
    }
   *[month] { $count ->
        [one] jeden Monat
       *[other] alle { $count } Monate
    }
}
history-schedule-created = { $actor } hat die wiederkehrende Ausgabe { $description } angelegt, { $amount } { $recurrence }, ab { $date }
history-schedule-created-until = { $actor } hat die wiederkehrende Ausgabe { $description } angelegt, { $amount } { $recurrence }, vom { $date } bis { $until }
history-schedule-changed = { $actor } hat die wiederkehrende Ausgabe { $description } ab dem nächsten Mal geändert: { $amount } { $recurrence }
history-schedule-changed-until = { $actor } hat die wiederkehrende Ausgabe { $description } ab dem nächsten Mal geändert: { $amount } { $recurrence } bis { $until }
history-skipped = { $actor } hat die wiederkehrende Ausgabe { $name } vom { $date } übersprungen
history-paused = { $actor } hat die wiederkehrende Ausgabe { $name } pausiert
history-paused-itself = Die wiederkehrende Ausgabe { $name } hat sich selbst pausiert: { $reason }
history-resumed = { $actor } hat die wiederkehrende Ausgabe { $name } ab { $date } fortgesetzt
history-stopped = { $actor } hat die wiederkehrende Ausgabe { $name } beendet

## Das Konto, wie es war
as-of-title = Das Konto, wie es war
as-of-title-then = { $name }, wie es { $when } war
as-of-now = { $account } jetzt
as-of-notice = Das Konto, wie es { $when } war – nur zum Lesen. Hier lässt sich nichts ändern;
as-of-back-now = zurück zum Konto, wie es jetzt ist
as-of-day = Am Ende des Tages
as-of-hint-before = Oder wähle eine Änderung im
as-of-hint-link = Verlauf
as-of-hint-after = { " aus." }
as-of-changes = Änderungen
as-of-earlier = Nach der vorigen Änderung
as-of-later = Nach der nächsten Änderung
as-of-change-of = Änderung { $version } von { $newest }
as-of-balances = Salden damals
as-of-balances-caption = Bezahlt, Anteil und Saldo pro Mitglied damals
as-of-settle = Ausgleichen damals
as-of-everyone-settled = Alle waren ausgeglichen.
as-of-latest = Neueste Ausgaben damals
as-of-no-expenses = Noch keine Ausgaben.
as-of-at-end = am Ende des { $date }
as-of-right-after = direkt nach Änderung { $version } ({ $when })
as-of-not-both = wähle entweder einen Tag oder eine Änderung aus dem Verlauf, nicht beides
as-of-still-to-come = dieser Tag liegt noch in der Zukunft; wähle den { $today } oder früher
as-of-bad-change = die Änderung wird mit ihrer Nummer im Verlauf angegeben (1, 2, 3, …)
as-of-bad-address = Diese Adresse kann nicht angezeigt werden: { $reason }.
as-of-opened-on = das Konto wurde am { $date } eröffnet; wähle diesen Tag oder einen späteren
as-of-not-opened = das Konto war noch nicht eröffnet; wähle diesen Tag oder einen späteren
as-of-nothing = Nichts anzuzeigen: { $reason }.
as-of-no-such-change = Diese Änderung gibt es noch nicht: Die neueste ist Änderung { $newest }.
