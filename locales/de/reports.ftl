# Statistik, CSV-Exporte, Import aus anderen Apps, Wechselkurse und wiederkehrende Ausgaben.

## Statistik

statistics-title = Statistik
statistics-hint = Was jedes Mitglied für Ausgaben bezahlt hat und sein Anteil daran. Zahlungen zwischen Mitgliedern (zum Ausgleichen) sind keine Ausgaben und werden hier nicht gezählt.
statistics-refused = Dieser Zeitraum kann nicht angezeigt werden; sieh dir die Hinweise unten an.
statistics-choose-period = Zeitraum wählen
statistics-period = Zeitraum
statistics-period-this-month = Dieser Monat
statistics-period-last-month = Letzter Monat
statistics-period-last-12-months = Letzte 12 Monate
statistics-period-custom = Eigener Zeitraum
statistics-from = Von (eigener Zeitraum, JJJJ-MM)
statistics-to = Bis (eigener Zeitraum, JJJJ-MM)
statistics-show = Anzeigen
statistics-error-choose-month = wähle einen Monat
statistics-error-month-format = gib den Monat als JJJJ-MM ein, zum Beispiel 2026-03
statistics-error-year = das Jahr muss zwischen 0001 und 9999 liegen
statistics-error-month = der Monat muss zwischen 01 und 12 liegen
statistics-error-before = der letzte Monat liegt vor dem ersten
statistics-error-too-long = wähle einen Zeitraum von höchstens 10 Jahren ({ $months } Monaten)
statistics-error-period = wähle einen der Zeiträume aus der Liste
statistics-range = { $first } – { $last }
statistics-summary = { $parts }.
statistics-summary-separator = { "; " }
statistics-summary-more = { $name } hat { $amount } mehr als den eigenen Anteil bezahlt
statistics-summary-less = { $name } hat { $amount } weniger als den eigenen Anteil bezahlt
statistics-summary-exact = { $name } hat genau den eigenen Anteil bezahlt
statistics-member-left = { $name } (ausgetreten)
statistics-totals = Summen im Zeitraum
statistics-member = Mitglied
statistics-paid = Bezahlt
statistics-share = Anteil
statistics-difference = Bezahlt − Anteil
statistics-per-month = Pro Monat
statistics-per-month-table = Bezahlt und Anteil pro Monat
statistics-month = Monat
statistics-per-category = Pro Kategorie
statistics-per-category-table = Bezahlt und Anteil pro Kategorie
statistics-category = Kategorie
statistics-uncategorised = Ohne Kategorie
statistics-unknown-category = Unbekannte Kategorie
statistics-chart-months = Bezahlt und Anteil pro Monat und Mitglied
statistics-chart-categories = Bezahlt und Anteil pro Kategorie und Mitglied
statistics-chart-desc = Volle Balken zeigen, was jedes Mitglied bezahlt hat, schraffierte Balken seinen Anteil; die Zahlen stehen in der Tabelle darunter.
statistics-chart-paid = bezahlt { $amount }
statistics-chart-share = Anteil { $amount }
statistics-abroad = In anderen Währungen bezahlt
statistics-abroad-caption = In anderen Währungen bezahlte Ausgaben, wie bezahlt und wie gezählt
statistics-currency = Währung
statistics-as-paid = Wie bezahlt
statistics-counted-as = Gezählt als
statistics-expenses = Ausgaben
statistics-empty = Keine Ausgaben in diesem Zeitraum.

## Import aus einer anderen App

import-title = Import
import-heading = Aus einer anderen App importieren
import-intro = Übernimm deinen Verlauf aus Splitwise (CSV), IHateMoney (JSON oder CSV), Spliit (JSON) oder Cospend (CSV). Bevor etwas gespeichert wird, siehst du, was die Datei enthält und wie die Salden danach aussehen.
import-upload-heading = Datei auswählen
import-upload-file = Exportierte Datei (höchstens 10 MiB)
import-upload-show = Inhalt anzeigen
import-summary-heading = Inhalt der Datei
import-summary-format = Format
import-summary-expenses = Ausgaben
import-summary-transfers = Überweisungen
import-summary-dates = Zeitraum
import-summary-date-range = { $first } bis { $last }
import-summary-unreadable = Zeilen, die tally nicht lesen kann (ausgelassen)
import-summary-line = Zeile { $line }: { $reason }
import-summary-notes = Hinweise
import-rounding = Rundung: { $name } bekommt { $ours }, wo die andere App { $theirs } anzeigt (ein Cent Unterschied; die Anteile in tally ergeben jede Ausgabe genau).
import-people-heading = Personen in der Datei
import-people-hint = Wähle, wer jede Person in diesem Konto ist. Eine Person mit dem Namen eines Mitglieds ist dieses Mitglied, sofern du nichts anderes wählst.
import-people-caption = Personen in der Datei und wer sie werden
import-in-file = In der Datei
import-net-in-file = Saldo in der Datei
import-in-account = In diesem Konto
import-becomes = { $name } wird
import-new-member = Ein neues Mitglied namens { $name }
import-after-heading = Salden danach
import-member = Mitglied
import-balance = Saldo
import-already = Diese Datei wurde schon importiert: Ein erneuter Import speichert nichts.
import-nothing-until = Es wird nichts gespeichert, bis du Importieren wählst. Der Import geschieht ganz oder gar nicht.
import-import = Importieren
import-update = Salden für diese Auswahl aktualisieren
import-another = Andere Datei auswählen
import-error-backup-here = Das ist eine tally-Sicherung, die ein ganzes Konto mit seinem Verlauf enthält; sie kann nicht mit diesem Konto zusammengeführt werden. Die Administration des Servers stellt sie mit tally import-account DATEI als eigenes Konto wieder her.
import-error-backup = Das ist eine tally-Sicherung, die ein ganzes Konto mit seinem Verlauf, seinen IDs und den Anmeldungen seiner Mitglieder enthält. Die Administration des Servers stellt sie mit tally import-account DATEI originalgetreu wieder her.
import-error-empty = Die Datei ist leer.
import-error-no-file = Wähle eine Datei zum Importieren.
import-error-unknown-upload = Dieser Upload ist unbekannt. Wähle die Datei noch einmal.
import-error-upload-gone = Dieser Upload wird nicht mehr aufbewahrt (Uploads werden eine Stunde lang aufbewahrt). Wähle die Datei noch einmal.
import-error-choose-member = Wähle für { $name } ein Mitglied oder „als neu hinzufügen“.
import-nothing-new = Nichts Neues: Diese Datei wurde schon importiert.
import-done = { $expenses ->
        [one] { $expenses_shown } Ausgabe
       *[other] { $expenses_shown } Ausgaben
    } und { $transfers ->
        [one] { $transfers_shown } Überweisung
       *[other] { $transfers_shown } Überweisungen
    } aus { $format } importiert.
import-progress-title = Import läuft
import-progress-heading = Import in { $name }
import-progress-intro = { $entries ->
        [one] { $entries_shown } Eintrag
       *[other] { $entries_shown } Einträge
    } aus { $format }. Jede Zeile unten erscheint, sobald ein Teil davon geschrieben ist; nichts zählt, bevor der letzte Teil geschrieben ist, und das Konto ändert sich auf einmal.
import-progress-step = { $written } von { $total ->
        [one] { $total_shown } Änderung
       *[other] { $total_shown } Änderungen
    } geschrieben.
import-failed = Nichts wurde importiert: { $reason }
import-failed-database = Nichts wurde importiert: Die Datenbank hat nicht geantwortet. Versuch es noch einmal.
import-back = Zurück zum Import
import-open-account = Konto öffnen
import-new-title = Neues Konto aus einer Datei
import-new-back = Deine Konten
import-new-intro = Leg ein gemeinsames Konto aus einem Export von Splitwise (CSV), IHateMoney (JSON oder CSV), Spliit (JSON) oder Cospend (CSV) an, mit dem ganzen Verlauf. Bevor etwas gespeichert wird, siehst du, was die Datei enthält.
import-new-heading = Das neue Konto
import-new-which = Welche dieser Personen bist du?
import-new-net = (Saldo in der Datei: { $net })
import-new-others = Die anderen werden Mitglieder, die du auf der Seite Mitglieder einladen kannst.
import-new-name = Name des Kontos
import-new-currency = Währung
import-new-nothing-until = Es wird nichts gespeichert, bis du Konto öffnen wählst. Der Import geschieht ganz oder gar nicht.
import-new-default-name = Importiert aus { $format }
import-new-bad-name = Name des Kontos: { $reason }
import-new-choose-me = Wähle, welche Person in der Datei du bist.
import-new-done = Dein Konto ist eröffnet, mit { $expenses ->
        [one] { $expenses_shown } Ausgabe
       *[other] { $expenses_shown } Ausgaben
    } und { $transfers ->
        [one] { $transfers_shown } Überweisung
       *[other] { $transfers_shown } Überweisungen
    } aus { $format }. Lade deine Mitbewohner auf der Seite Mitglieder ein.

## CSV-Exporte: Spaltenüberschriften (die Werte bleiben maschinenlesbar)

export-date = Datum
export-description = Beschreibung
export-category = Kategorie
export-paid-by = bezahlt von
export-amount = Betrag
export-currency = Währung
export-split-mode = Aufteilung
export-deleted = gelöscht
export-type = Art
export-original-amount = ursprünglicher Betrag
export-original-currency = ursprüngliche Währung
export-rate = Wechselkurs
export-payment-to = Zahlung an { $name }
export-member = Mitglied
export-paid = bezahlt
export-share = Anteil
export-sent = gesendet
export-received = erhalten
export-net = Saldo

## Wechselkurse

rates-title = Wechselkurse
rates-intro = Eine in einer anderen Währung bezahlte Ausgabe wird zu dem Kurs gespeichert, der in ihrem Formular steht. Lade hier die Referenzkurse der Europäischen Zentralbank, dann übernimmt ein Formular ohne Kurs den Kurs vom Datum der Ausgabe (oder vom letzten Tag davor mit Kursen, bis zu { $days } Tage zurück).
rates-download-before = tally lädt selbst nichts herunter: Lade
rates-download-or = (alle Tage seit 1999) oder
rates-download-after = (der letzte Tag) von der Website der EZB herunter, entpacke die Datei und lade die CSV-Datei hoch.
rates-loaded = Geladen: { $days ->
        [one] { $days_shown } Tag
       *[other] { $days_shown } Tage
    }, vom { $first } bis { $last }; Währungen am letzten Tag: { $currencies }. Die Kurse werden in { $currency } umgerechnet.
rates-none = Noch keine Kurse geladen.
rates-upload-heading = Kursdatei laden
rates-upload-file = Die CSV-Datei der EZB (höchstens 10 MiB); sie ersetzt die bisher geladenen Kurse
rates-upload-button = Kurse laden
rates-error-no-file = Wähle die Kursdatei der EZB (eurofxref-hist.csv oder eurofxref.csv).
rates-error-unusable = diese Datei ist nicht verwendbar: { $reason }
rates-stored = Kurse von { $days ->
        [one] { $days_shown } Tag
       *[other] { $days_shown } Tagen
    } für { $currencies ->
        [one] eine Währung
       *[other] { $currencies } Währungen
    } geladen.

## Wiederkehrende Ausgaben

recurring-title = Wiederkehrende Ausgaben
recurring-intro = Miete, Rechnungen und die Putzhilfe: Jede wird an ihrem Datum als gewöhnliche Ausgabe gespeichert.
recurring-intro-link = Um eine anzulegen, füge eine Ausgabe hinzu und wähle, wie oft sie sich wiederholt.
recurring-empty = Noch keine wiederkehrenden Ausgaben.
recurring-caption = Wiederkehrende Ausgaben mit ihrem nächsten Datum
recurring-what = Was
recurring-amount = Betrag
recurring-paid-by = Bezahlt von
recurring-how-often = Wie oft
recurring-next = Nächste
recurring-status = Status
recurring-change = Ändern
recurring-every-week = { $every ->
        [one] Jede Woche
       *[other] Alle { $every } Wochen
    }
recurring-every-month = { $every ->
        [one] Jeden Monat
       *[other] Alle { $every } Monate
    } am { $day }.
recurring-every-year = { $every ->
        [one] Jedes Jahr
       *[other] Alle { $every } Jahre
    }
recurring-since = { $how }, seit { $since }
recurring-since-until = { $how }, vom { $since } bis { $until }
recurring-status-active = Aktiv
recurring-status-paused = Pausiert
recurring-status-stopped = Beendet
recurring-edit = Bearbeiten
recurring-skip = { $date } überspringen
recurring-skip-of = von { $name }
recurring-pause = Pausieren
recurring-resume = Fortsetzen
recurring-stop = Beenden
recurring-hint = Pausierte Ausgaben speichern nichts; fortgesetzt laufen sie ab diesem Tag weiter, ohne die Termine dazwischen. Eine Änderung gilt ab dem nächsten Termin; gespeicherte bleiben, und jede lässt sich wie jede Ausgabe bearbeiten oder löschen.
recurring-time-zone = Zeitzone
recurring-time-zone-hint = Ausgaben werden nach dem Kalender dieser Zeitzone fällig.
recurring-time-zone-save = Zeitzone speichern
recurring-time-zone-set = Die Zeitzone des Kontos ist { $zone }: Ausgaben werden nach ihrem Kalender fällig.
recurring-bad-date = Nichts geändert: Das Datum { $reason }.
recurring-bad-action = Nichts geändert: Wähle Pausieren, Fortsetzen, Beenden oder Überspringen.
recurring-paused = Pausiert: Es wird nichts gespeichert, bis du sie fortsetzt.
recurring-resumed = Fortgesetzt: Sie wird ab heute wieder gespeichert.
recurring-stopped = Endgültig beendet. Gespeicherte Termine bleiben.
recurring-skipped = Der Termin am { $date } wurde übersprungen.
recurring-not-changed = Nichts geändert: { $reason }.
recurring-error-repeat = wähle, wie oft sie sich wiederholt (oder beende sie auf der Seite Wiederkehrende Ausgaben)
recurring-unchanged = Nichts zu ändern: { $summary }.
recurring-changed = { $summary } ab dem nächsten Termin geändert; gespeicherte bleiben, wie sie sind.
schedule-edit-title = { $name } ändern
schedule-edit-heading = Wiederkehrende Ausgabe { $name } ändern
schedule-edit-hint = Die Änderung gilt ab dem nächsten Termin; schon gespeicherte Termine bleiben, wie sie sind (bearbeite sie unter Ausgaben).
