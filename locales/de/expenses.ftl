# Ausgaben und Erstattungen: das Formular, Erfassen, Korrigieren, Löschen und
# Wiederherstellen, die Liste und die Seite der Kategorien.

## Das Ausgabenformular (auch auf der Übersicht und der Seite einer wiederkehrenden Ausgabe)
expense-form-fix-below = Bitte korrigiere die unten markierten Felder.
expense-form-amount = Betrag
expense-form-amount-hint = Der ganze bezahlte Betrag, etwa 12,50.
expense-form-amount-hint-refund = Der ganze erhaltene Betrag, etwa 50,00.
expense-form-paid-in = Bezahlt in
expense-form-own-currency = { $currency }, die Währung des Kontos
expense-form-rate = Kurs: 1 Einheit dieser Währung in { $currency }
expense-form-rate-hint = Nur für eine andere Währung, etwa 0,92; Betrag und genaue Anteile sind dann in dieser Währung, und tally hält ihren Wert in { $currency } fest. Bleibt das Feld leer, wird der Kurs des Tages aus den geladenen Wechselkursen des Kontos genommen, falls vorhanden.
expense-form-last-rates = Zuletzt hier verwendet: { $rates }.
expense-form-description = Wofür
expense-form-description-hint = Ein paar Worte, etwa Einkauf oder Stromrechnung.
expense-form-description-hint-refund = Ein paar Worte, etwa Kaution zurück oder Stromgutschrift.
expense-form-category = Kategorie
expense-form-no-category = Keine
expense-form-date = Datum
expense-form-paid-by = Bezahlt von
expense-form-received-by = Erhalten von
expense-form-split = Aufteilung
expense-form-split-refund = Aufteilen auf (der Anteil jeder Person wird von dem abgezogen, was sie schuldet)
expense-form-split-equally = Zu gleichen Teilen
expense-form-split-by-shares = Nach Anteilen
expense-form-split-by-exact-amounts = Nach genauen Beträgen
expense-form-split-by-percentages = Nach Prozenten
expense-form-parts-caption = Beteiligte und ihre Anteile
expense-form-participant = Beteiligte Person
expense-form-shares = Anteile
expense-form-exact = Genauer Betrag
expense-form-percent = Prozent
expense-form-shares-for = Anteile von { $name }
expense-form-exact-for = Genauer Betrag von { $name }
expense-form-percent-for = Prozent von { $name }
expense-form-repeat = Wiederholung
expense-form-repeats = Wiederholt sich
expense-form-no-repeat = Nicht wiederholen
expense-form-weekly = Wöchentlich
expense-form-monthly = Monatlich
expense-form-yearly = Jährlich
expense-form-repeat-every = Alle wie viele Wochen, Monate oder Jahre
expense-form-until = Bis (optional)
expense-form-repeat-hint = Eine wiederkehrende Ausgabe wird jedes Mal an ihrem Datum erfasst; das Datum oben ist das erste. Du findest alle unter Wiederkehrende Ausgaben.
expense-form-add = Ausgabe erfassen
expense-form-save = Änderungen speichern
# Meldungen neben den Feldern: als Satzteile geschrieben, die Seite macht Sätze daraus.
expense-form-choose-category = wähle eine Kategorie aus der Liste
expense-form-incomplete = dieses Formular ist unvollständig; lade die Seite neu und versuche es noch einmal
expense-form-choose-currency = wähle eine Währung aus der Liste
expense-form-choose-payer = wähle, wer bezahlt hat
expense-form-choose-participants = wähle Beteiligte aus der Liste
expense-form-one-participant = wähle mindestens eine beteiligte Person
expense-form-whole-shares = gib eine ganze Zahl von Anteilen zwischen 1 und { $max } ein
expense-form-choose-split = wähle, wie aufgeteilt wird
expense-form-percent-malformed = gib einen Prozentsatz wie 33,33 ein
expense-form-percent-range = jeder Prozentsatz muss über 0 und höchstens 100 sein
expense-form-choose-repeat = wähle, wie oft sie sich wiederholt, oder lass das Enddatum leer
expense-form-until-before-start = das Enddatum darf nicht vor dem ersten Datum liegen
expense-form-amounts-missing = die Beträge ergeben { $got } von { $expected }: { $gap } fehlen
expense-form-amounts-too-much = die Beträge ergeben { $got } von { $expected }: { $gap } zu viel

## Wie eine Ausgabe in Meldungen heißt: „Internet, 30,00 €“
expense-summary = { $description }, { $amount }
expense-summary-paid-in = { $description }, { $paid } ({ $amount })
expense-summary-refund = { $description }, Erstattung über { $amount }

## Eine Ausgabe erfassen
expense-new-title = Ausgabe erfassen
expense-new-id-used = Mit diesem Formular wurde schon eine Ausgabe erfasst. Prüfe die Werte unten und erfasse sie als neue Ausgabe, falls du das wolltest.
expense-new-recorded = Erfasst: { $summary }.
expense-new-already-recorded = Schon erfasst: { $summary }.
expense-new-schedule-set-up = Wiederkehrende Ausgabe angelegt: { $summary }, { $unit ->
        [week] { $every ->
            [one] jede Woche
           *[other] alle { $every } Wochen
        }
        [year] { $every ->
            [one] jedes Jahr
           *[other] alle { $every } Jahre
        }
       *[month] { $every ->
            [one] jeden Monat
           *[other] alle { $every } Monate
        }
    }.
expense-new-schedule-already = Schon angelegt: { $summary }.

## Eine Ausgabe korrigieren
expense-edit-title = { $summary } bearbeiten
expense-edit-all = Alle Ausgaben
expense-edit-heading = Ausgabe bearbeiten
expense-edit-heading-refund = Erstattung bearbeiten
expense-edit-refund-badge = Erstattung
expense-edit-refund-note = Eingehendes Geld: Wer es erhalten hat, schuldet den anderen ihre Anteile.
expense-edit-deleted = Diese Ausgabe ist gelöscht und zählt daher nicht für die Salden. Um sie zu ändern, stelle sie zuerst wieder her.
expense-edit-deleted-refund = Diese Erstattung ist gelöscht und zählt daher nicht für die Salden. Um sie zu ändern, stelle sie zuerst wieder her.
expense-edit-restore = Wiederherstellen
expense-edit-delete = Diese Ausgabe löschen
expense-edit-delete-refund = Diese Erstattung löschen
expense-edit-stale = { $who } hat diese Ausgabe geändert, während du sie bearbeitet hast. Deine Werte stehen unten, neben jedem abweichenden Feld steht, was { $who } gespeichert hat: Prüfe sie und speichere dann noch einmal, um die Fassung von { $who } zu ersetzen, oder öffne die Ausgabe neu, um von ihr auszugehen.
expense-edit-someone = jemand
expense-edit-you-typed = Du hast { $yours } eingegeben; inzwischen hat { $who } es in { $theirs } geändert.
expense-edit-quoted = „{ $text }“
expense-edit-no-category = keine Kategorie
expense-edit-split-changed = { $who } hat auch die Aufteilung geändert: Wenn du noch einmal speicherst, gilt deine Aufteilung.
expense-edit-other-expense = dieses Formular gehört zu einer anderen Ausgabe; lade die Seite neu und versuche es noch einmal
expense-edit-saved = Gespeichert: { $summary }.
expense-edit-unchanged = Nichts geändert: { $summary }.

## Löschen und wiederherstellen
expense-delete-title = { $summary } löschen
expense-delete-already-heading = { $summary } ist schon gelöscht
expense-delete-paid-by = Bezahlt von { $payer } am { $date }.
expense-delete-received-by = Eine Erstattung, erhalten von { $payer } am { $date }.
expense-delete-counts-nothing = Sie zählt nicht für die Salden, bis sie wiederhergestellt wird.
expense-delete-back = Zurück zu den Ausgaben
expense-delete-heading = { $summary } löschen?
expense-delete-explain = Gelöscht zählt sie nicht mehr für die Salden; du kannst sie später über die Ausgabenliste oder den Verlauf wiederherstellen.
expense-delete-confirm = Löschen
expense-delete-cancel = Abbrechen
expense-delete-done = Gelöscht: { $summary }. Du kannst sie über den Verlauf oder die Ausgabenliste wiederherstellen.
expense-delete-already = Schon gelöscht: { $summary }.
expense-restore-done = Wiederhergestellt: { $summary }.
expense-restore-not-deleted = { $summary } war nicht gelöscht; es gibt nichts wiederherzustellen.

## Die Liste
expense-list-title = Ausgaben
expense-list-add = Ausgabe erfassen
expense-list-refund = Erstattung erfassen
expense-list-filter-errors = Einige Filter konnten nicht angewendet werden; siehe die Meldungen unten.
expense-list-filters = Ausgaben filtern
expense-list-member = Bezahlt oder geteilt von
expense-list-everyone = Alle
expense-list-category = Kategorie
expense-list-any = Beliebig
expense-list-uncategorised = Ohne Kategorie
expense-list-text = Beschreibung enthält
expense-list-from = Von
expense-list-to = Bis
expense-list-filter = Filtern
expense-list-show-all = Alle anzeigen
expense-list-total = Summe:
expense-list-total-matching = Summe der passenden Ausgaben:
expense-list-counted = ({ $count ->
        [one] { $count } Ausgabe
       *[other] { $count } Ausgaben
    }; Erstattungen werden abgezogen, gelöschte nicht mitgezählt)
expense-list-none-match = Keine Ausgaben passen zu diesen Filtern.
expense-list-none = Noch keine Ausgaben.
expense-list-caption = Ausgaben, neueste zuerst
expense-list-caption-paged = Ausgaben, neueste zuerst, Seite { $page } von { $pages }
expense-list-date = Datum
expense-list-what = Wofür
expense-list-paid-by = Bezahlt von
expense-list-shared-by = Geteilt von
expense-list-amount = Betrag
expense-list-actions = Aktionen
expense-list-deleted = gelöscht
expense-list-refund-badge = Erstattung
expense-list-recurring = wiederkehrend
expense-list-received = (erhalten)
expense-list-restore = Wiederherstellen
expense-list-edit = Bearbeiten
expense-list-delete = Löschen
expense-list-pages = Seiten der Ausgaben
expense-list-previous = Zurück
expense-list-page = Seite { $page } von { $pages }
expense-list-next = Weiter
expense-list-archived = { $name } (archiviert)
expense-list-paid-in = { $amount } zu { $rate }
expense-list-choose-member = wähle ein Mitglied aus der Liste
expense-list-end-before-start = das Enddatum liegt vor dem Anfangsdatum

## Eine Erstattung erfassen
refund-new-title = Erstattung erfassen
refund-new-explain = Eingehendes Geld, etwa eine zurückgezahlte Kaution oder eine Gutschrift auf einer Rechnung: Wer es erhalten hat, schuldet jeder Person in der Aufteilung ihren Anteil, wie bei einer Ausgabe mit umgekehrtem Vorzeichen.
refund-new-submit = Erstattung erfassen
refund-new-choose-receiver = wähle, wer sie erhalten hat
refund-new-id-used = Mit diesem Formular wurde schon ein Eintrag erfasst. Prüfe die Werte unten und erfasse sie als neue Erstattung, falls du das wolltest.
refund-new-moved-out = dieses Mitglied ist ausgezogen; wähle jemanden, der noch hier wohnt
refund-new-recorded = Erfasst: eine Erstattung über { $amount }, erhalten von { $name }: { $description }.
refund-new-already-recorded = Schon erfasst: eine Erstattung über { $amount }, erhalten von { $name }: { $description }.

## Kategorien
categories-title = Kategorien
categories-intro = Kategorien schlüsseln die Ausgaben auf der Seite
categories-intro-statistics = Statistik
categories-intro-middle = auf und helfen beim Filtern der
categories-intro-list = Ausgabenliste
categories-caption = Kategorien in diesem Konto
categories-name = Name
categories-status = Status
categories-rename = Umbenennen
categories-archive = Archivieren
categories-archived = Archiviert
categories-in-use = In Gebrauch
categories-new-name-for = Neuer Name für { $name }
categories-restore = Wiederherstellen
categories-add-heading = Kategorie hinzufügen
categories-add = Kategorie hinzufügen
categories-already-added = { $name } wurde schon hinzugefügt.
categories-added = Kategorie { $name } hinzugefügt.
categories-choose-action = wähle Umbenennen, Archivieren oder Wiederherstellen
categories-archived-done = Archiviert: Sie wird für neue Ausgaben nicht mehr angeboten; ihre Ausgaben behalten sie.
categories-restored-done = Wiederhergestellt: Sie wird wieder angeboten.
categories-renamed = Umbenannt in { $name }.

## Die Vorschau der Aufteilung, die das Skript der Seite unter das Formular schreibt
expense-form-preview-enter-amount = Gib einen Betrag ein, um die Aufteilung zu sehen.
expense-form-preview-tick = Wähle mindestens eine Person aus.
expense-form-preview-amount-for = Gib einen Betrag für { $name } ein.
expense-form-preview-shares-for = Gib eine Anzahl Anteile für { $name } ein.
expense-form-preview-percent-for = Gib einen Prozentsatz für { $name } ein.
expense-form-preview-missing = Die Beträge ergeben { $sum }, die Ausgabe beträgt aber { $amount } ({ $gap } noch zu verteilen).
expense-form-preview-too-much = Die Beträge ergeben { $sum }, die Ausgabe beträgt aber { $amount } ({ $gap } zu viel).
expense-form-preview-percent-sum = Die Prozentsätze ergeben { $sum } % statt 100 %.
expense-form-preview-split = Aufteilung: { $parts }.

## Die Kategorien, mit denen jedes Konto beginnt
category-default-rent = Miete
category-default-utilities = Nebenkosten
category-default-internet = Internet & Telefon
category-default-groceries = Lebensmittel
category-default-household = Haushalt
category-default-eating-out = Auswärts essen
category-default-transport = Verkehr
category-default-other = Sonstiges
