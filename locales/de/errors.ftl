# Why a form or a command was refused. Messages are clauses ("gib einen Betrag ein"): forms
# make them sentences, the error page puts them into one.

## Amounts and currencies
err-amount-empty = gib einen Betrag ein
err-amount-malformed = gib einen Betrag wie 12,50 ein
err-amount-not-positive = der Betrag muss größer als null sein
err-amount-too-large = der Betrag darf höchstens { $max } sein
err-amount-too-many-decimals = { $n ->
    [one] verwende höchstens { $n } Nachkommastelle
   *[other] verwende höchstens { $n } Nachkommastellen
}
err-currency-unknown = unbekannter Währungscode; verwende einen ISO-4217-Code wie EUR, USD oder GBP

## Names, descriptions and other texts
err-text-empty = dieses Feld darf nicht leer sein
err-text-too-long = verwende höchstens { $max } Zeichen
err-text-forbidden = entferne Steuerzeichen und unsichtbare Zeichen

## Dates and time zones
err-date-malformed = gib ein Datum wie 2026-11-26 ein
err-date-out-of-range = gib ein Datum zwischen 0001-01-01 und 9999-12-31 ein
err-date-no-such-day = diesen Tag gibt es im Kalender nicht; gib ein Datum wie 2026-11-26 ein
err-time-zone-unknown = wähle eine Zeitzone aus der Liste (zum Beispiel Europe/Berlin)

## Splits
err-split-no-participants = wähle mindestens eine beteiligte Person aus
err-split-duplicate = jede Person darf nur einmal vorkommen
err-split-bad-portion = der Anteil jeder Person muss größer als null sein (Gewichte höchstens { $max })
err-split-exact-mismatch = die Beträge ergeben { $got }, die Ausgabe beträgt aber { $expected } (in der kleinsten Einheit der Währung)
err-split-percentages = die Prozentsätze ergeben { $got } % statt 100 %

## Exchange rates
err-rate-empty = gib den Wechselkurs ein: wie viel eine Einheit dieser Währung in der Währung des Kontos wert ist
err-rate-separators = schreib den Wechselkurs mit einem Dezimaltrennzeichen und ohne Tausendertrennzeichen, etwa 0,8571
err-rate-malformed = gib den Wechselkurs als einfache Dezimalzahl ein, etwa 0,8571
err-rate-not-positive = der Wechselkurs muss größer als null sein
err-rate-too-precise = der Wechselkurs darf höchstens { $digits } signifikante Stellen und { $decimals } Nachkommastellen haben
err-rate-too-large = der Wechselkurs darf höchstens { $max } sein
err-exchange-same-currency = das ist die Währung des Kontos: gib den Betrag ohne Wechselkurs ein
err-exchange-converts-to-nothing = bei diesem Wechselkurs ist der Betrag kleiner als die kleinste Einheit von { $currency }
err-exchange-converts-to-too-much = bei diesem Wechselkurs ist der Betrag größer als { $max }, der Höchstbetrag einer Ausgabe
err-exchange-mismatch = bei diesem Wechselkurs muss der Betrag in { $currency } { $expected } sein

## Recurring bills
err-recurrence-unit = wähle Wochen, Monate oder Jahre
err-recurrence-weeks = wähle einen Abstand von 1 bis { $max } Wochen
err-recurrence-months = wähle einen Abstand von 1 bis { $max } Monaten
err-recurrence-years = wähle einen Abstand von 1 bis { $max } Jahren

## Refused commands
err-account-not-opened = dieses gemeinsame Konto gibt es nicht
err-account-already-opened = dieses gemeinsame Konto ist bereits eröffnet
err-account-unknown-member = dieses Mitglied gibt es in diesem Konto nicht
err-account-name-taken = es gibt schon ein Mitglied namens { $name }
err-account-member-id-taken = diese Mitglieds-ID wird bereits verwendet
err-account-payer-inactive = die zahlende Person ist kein aktives Mitglied
err-account-participant-inactive = { $name } ist kein aktives Mitglied
err-account-transfer-to-self = eine Zahlung braucht zwei verschiedene Mitglieder
err-account-date-out-of-range = das Datum muss zwischen { $first } und { $last } liegen
err-account-expense-id-taken = diese ID gehört schon zu einer anderen Ausgabe
err-account-transfer-id-taken = diese ID gehört schon zu einer anderen Zahlung
err-account-unknown-expense = diese Ausgabe gibt es in diesem Konto nicht
err-account-expense-deleted = diese Ausgabe ist gelöscht; stell sie zuerst wieder her
err-account-stale-expense = jemand hat diese Ausgabe inzwischen geändert
err-account-unknown-transfer = diese Zahlung gibt es in diesem Konto nicht
err-account-transfer-deleted = diese Zahlung ist gelöscht; stell sie zuerst wieder her
err-account-stale-transfer = jemand hat diese Zahlung inzwischen geändert
err-account-user-already-member = du bist bereits Mitglied dieses Kontos
err-account-member-already-linked = dieses Mitglied ist bereits beigetreten
err-account-last-active-member = ein Konto braucht mindestens ein aktives Mitglied
err-account-unknown-category = diese Kategorie gibt es in diesem Konto nicht
err-account-category-id-taken = diese Kategorie-ID wird bereits verwendet
err-account-category-name-taken = es gibt schon eine Kategorie namens { $name }
err-account-category-archived-name-taken = es gibt schon eine archivierte Kategorie namens { $name }: stell sie stattdessen wieder her
err-account-category-archived = die Kategorie { $name } ist archiviert: stell sie auf der Kategorienseite wieder her oder wähle eine andere
err-account-unknown-schedule = diese wiederkehrende Ausgabe gibt es in diesem Konto nicht
err-account-schedule-id-taken = diese ID einer wiederkehrenden Ausgabe wird bereits verwendet
err-account-schedule-stopped = diese wiederkehrende Ausgabe wurde beendet; leg stattdessen eine neue an
err-account-until-before-start = das Enddatum darf nicht vor dem ersten Datum liegen
err-account-not-an-occurrence = die wiederkehrende Ausgabe fällt nicht auf dieses Datum
err-account-occurrence-passed = dieser Termin ist bereits erfasst oder vorbei; bearbeite oder lösche stattdessen die Ausgabe
err-command-conflict = das Konto hat sich ständig geändert; versuch es noch einmal
err-command-id-taken = eine ID im Formular gehört zu etwas anderem
err-command-unavailable = die Datenbank ist nicht erreichbar
err-command-store = das Speichern ist fehlgeschlagen
err-command-interrupted = der Server wurde vor der Antwort beendet; versuch es noch einmal

## Sign-up and passwords
err-email-invalid = gib eine E-Mail-Adresse wie sam@example.com ein
err-email-taken = mit dieser E-Mail-Adresse gibt es bereits ein Konto
err-password-too-short = verwende mindestens { $n } Zeichen
err-password-too-long = verwende höchstens { $n } Zeichen
err-password-too-common = dieses Passwort ist zu verbreitet; wähle ein anderes

## Imported files
err-number-empty = der Betrag ist leer
err-number-malformed = „{ $text }“ ist keine Zahl
err-number-too-large = „{ $text }“ ist zu groß
err-import-empty = die Datei ist leer
err-import-too-large = die Datei ist größer als { $mib } MiB
err-import-not-text = die Datei ist kein UTF-8-Text ({ $reason }); exportiere sie erneut aus der App, ohne sie umzuwandeln
err-import-utf16 = sie ist in UTF-16; speichere sie als UTF-8
err-import-binary = sie enthält Binärdaten
err-import-invalid-utf8 = sie ist kein gültiges UTF-8
err-import-unknown-format = tally erkennt diese Datei nicht; es liest Exporte von Splitwise (CSV), IHateMoney (JSON oder CSV), Spliit (JSON) und Cospend (CSV)
err-import-malformed = { $format }: { $reason }
err-import-is-backup = das ist eine tally-Sicherung; stell sie als ganzes Konto wieder her (tally import-account DATEI), statt sie in ein Konto zu importieren
err-import-spliit-csv = der CSV-Export von Spliit sagt nicht, wer bezahlt hat (jede Spalte ist ein Anteil), daher lassen sich keine Salden daraus berechnen; exportiere die Gruppe in Spliit als JSON und importiere diese Datei
err-import-currency = die Beträge der Datei sind in { $file }, die des Kontos in { $account }; tally rechnet keine Währungen um, importiere also in ein Konto in { $file }
err-import-nothing = die Datei enthält keine Ausgabe und keine Zahlung, die tally lesen kann
err-import-name = „{ $name }“ kann kein Mitgliedsname sein: { $reason }
err-import-unmapped = jede Person in der Datei braucht ein Mitglied
err-import-same-name = zwei Personen würden Mitglieder namens „{ $name }“
err-import-owner-not-in-file = der Inhaber muss eine der Personen in der Datei sein
err-import-line = Zeile { $line }: { $reason }
err-import-no-account = dieses Konto gibt es nicht
err-import-format-ecb = EZB-Wechselkurse
err-import-json-too-deep = das JSON ist zu tief verschachtelt
err-import-json-truncated = die Datei endet zu früh (abgeschnitten?) in Zeile { $line }
err-import-json-invalid = kein gültiges JSON in Zeile { $line }, Spalte { $column }
err-import-csv-unreadable = unlesbares CSV
err-import-csv-unreadable-at = unlesbares CSV in Zeile { $line }
err-import-date-ambiguous = das Datum „{ $text }“ ist mehrdeutig (Tag und Monat?), weil eine Tabellenkalkulation es umgeschrieben hat; schreib es als JJJJ-MM-TT
err-import-not-a-date = „{ $text }“ ist kein Datum (JJJJ-MM-TT)
err-import-column = Spalte { $column }: { $reason }
err-import-cost = Kosten: { $reason }
err-import-no-header = keine Kopfzeile mit den Namen der Mitglieder
err-import-member-column-without-name = eine Mitgliederspalte hat keinen Namen
err-import-member-column-twice = zwei Mitgliederspalten heißen „{ $name }“
err-import-row-without-date = die Zeile hat kein Datum
err-import-column-count = { $found ->
        [one] die Zeile hat { $found } Spalte, die Kopfzeile { $expected }
       *[other] die Zeile hat { $found } Spalten, die Kopfzeile { $expected }
    }
err-import-nets-do-not-add-up = die Spalten der Mitglieder ergeben { $sum } statt 0
err-import-no-balance-changes = in dieser Zeile ändert sich kein Saldo
err-import-column-missing = die Spalte „{ $column }“ fehlt
err-import-not-a-list-of-bills = erwartet wird eine Liste von Ausgaben
err-import-bill-not-an-object = Ausgabe { $bill } ist kein Objekt
err-import-bill-without-key = Ausgabe { $bill } hat kein „{ $key }“
err-import-amount-not-positive = der Betrag ist nicht größer als null
err-import-negative-bill = der Betrag ist nicht größer als null; tally kann keine negativen Ausgaben erfassen
err-import-no-payer = bei der Ausgabe fehlt, wer bezahlt hat
err-import-unknown-ower = unbekannter Schuldner „{ $name }“
err-import-no-owers = bei der Ausgabe fehlt, wer sie schuldet
err-import-bills-column-missing = die Spalte „{ $column }“ der Ausgaben fehlt (Zeile { $line })
err-import-bills-without-date = die Ausgaben haben weder eine Spalte „date“ noch „timestamp“
err-import-member-without-name = Zeile { $line }: ein Mitglied ohne Namen
err-import-member-twice = Zeile { $line }: das Mitglied „{ $name }“ kommt zweimal vor
err-import-weight = Zeile { $line }: Gewichtung: { $reason }
err-import-no-date-nor-timestamp = weder ein Datum noch ein Zeitstempel
err-import-timestamp-out-of-range = der Zeitstempel liegt außerhalb des gültigen Bereichs
err-import-payer-not-member = wer bezahlt hat („{ $name }“), ist kein Mitglied
err-import-ower-not-member = „{ $name }“ unter den Schuldnern ist kein Mitglied
err-import-participants-not-a-list = „participants“ ist keine Liste
err-import-participant-without-id = Teilnehmer { $participant } hat keine ID
err-import-participant-without-name = Teilnehmer { $participant } hat keinen Namen
err-import-participant-id-twice = zwei Teilnehmer haben die ID „{ $id }“
err-import-expenses-not-a-list = „expenses“ ist keine Liste
err-import-expense-id-twice = zwei Ausgaben haben die ID „{ $id }“
err-import-amount-not-whole = der Betrag ist keine ganze Zahl von Cent
err-import-missing-field = { $field } fehlt
err-import-payer-not-participant = wer bezahlt hat („{ $id }“), ist kein Teilnehmer
err-import-no-paid-for = die Liste paidFor fehlt
err-import-paid-for-without-participant = ein Eintrag in paidFor hat keine participantId
err-import-paid-for-not-participant = „{ $id }“ in paidFor ist kein Teilnehmer
err-import-paid-for-twice = „{ $id }“ kommt in paidFor zweimal vor
err-import-share-not-whole = ein Anteil ist keine ganze Zahl
err-import-share-negative = ein Anteil ist kleiner als null
err-import-nobody-shares = niemand teilt sich diese Ausgabe
err-import-amounts-do-not-add-up = die Beträge ergeben { $sum }, die Ausgabe beträgt { $amount } (in Cent)
err-import-all-shares-zero = jeder Anteil ist null
err-import-unknown-split-mode = unbekannte Aufteilungsart „{ $mode }“
err-import-ecb-no-date-column = die erste Spalte muss Date sein, danach eine Spalte je Währung (eurofxref.csv oder eurofxref-hist.csv der EZB, entpackt)
err-import-ecb-no-currency = keine Spalte nennt eine Währung, die tally kennt
err-import-ecb-not-a-day = Zeile { $line }: „{ $text }“ ist kein Datum wie 2024-06-14
err-import-ecb-rate = Zeile { $line }, { $currency }: { $reason }
err-import-ecb-day-twice = Zeile { $line }: der { $day } kommt zweimal vor
err-import-ecb-no-days = die Datei hat eine Kopfzeile, aber keinen Tag mit Kursen
err-import-note-footer-matches = die Summenzeile für { $currency } (Zeile { $line }) stimmt mit dem Saldo jeder Person überein
err-import-note-footer-differs = die Summenzeile für { $currency } (Zeile { $line }) nennt { $footer } für { $name }, die Zeilen ergeben { $rows }
err-import-note-in-trash = Zeile { $line }: im Papierkorb von Cospend, ausgelassen
err-import-note-rounded = Zeile { $line }: der Betrag hat mehr Nachkommastellen als Cent; auf den Cent gerundet
