# Signing in and registering, passwords, the home page, joining an account, the settings and
# the reset mail.

## Shared by this area's forms
auth-email = E-Mail-Adresse
auth-password = Passwort
auth-new-password = Neues Passwort
auth-new-password-hint = Mindestens 10 Zeichen, kein gängiges Passwort.
auth-confirm-password = Neues Passwort wiederholen
auth-fix-fields = Bitte korrigiere die unten markierten Felder.
auth-fix-field = Bitte korrigiere das unten markierte Feld.
auth-back-to-sign-in = Zurück zur Anmeldung
auth-passwords-differ = Die beiden neuen Passwörter stimmen nicht überein.

## Sign in
signin-title = Anmelden
signin-heading = Bei tally anmelden
signin-submit = Anmelden
signin-new = Neu bei tally?
signin-create-account = Konto erstellen
signin-forgot-hint = Passwort vergessen? Bitte die Person, die dieses tally betreibt, um einen Link zum Zurücksetzen.
signin-no-match = Diese E-Mail-Adresse und dieses Passwort passen zu keinem Konto.

## Register
signup-title = Registrieren
signup-heading = Erstelle dein tally-Konto
signup-name = Dein Name
signup-password-hint = Mindestens 10 Zeichen. Ein paar Wörter, die du dir merken kannst, funktionieren gut.
signup-submit = Konto erstellen
signup-have-account = Du hast schon ein Konto?
signup-welcome = Willkommen bei tally! Dein Konto ist bereit.
signup-taken = Mit dieser E-Mail-Adresse gibt es schon ein Konto. Melde dich stattdessen damit an (der Link steht unter dem Formular); ein vergessenes Passwort kann die Person zurücksetzen, die dieses tally betreibt.

## Forgot your password? (and the mail with the link)
forgot-title = Passwort vergessen?
forgot-intro = Gib die E-Mail-Adresse ein, mit der du dich registriert hast. Gehört sie zu einem Konto, schicken wir dorthin einen Link, mit dem du ein neues Passwort wählen kannst.
forgot-submit = Link per E-Mail schicken
forgot-sent = Falls es ein Konto mit dieser Adresse gibt, haben wir einen Link dorthin geschickt. Er funktioniert einmal und eine Stunde lang; sieh in deinem Spam-Ordner nach, wenn in ein paar Minuten nichts ankommt.
forgot-mail-subject = Setze dein tally-Passwort zurück
forgot-mail-greeting = Hallo { $name },
forgot-mail-intro = jemand (hoffentlich du) möchte dein tally-Passwort zurücksetzen. Öffne diesen Link, um ein neues zu wählen:
forgot-mail-validity = Er funktioniert einmal, { $minutes ->
        [one] { $minutes } Minute
       *[other] { $minutes } Minuten
    } lang. Wenn du das nicht angefordert hast, ignoriere diese E-Mail: Dein Passwort bleibt, wie es ist.

## Set a new password (through a reset link)
reset-title = Neues Passwort festlegen
reset-intro = Ein neues Passwort meldet dich auf allen Geräten ab.
reset-submit = Neues Passwort speichern
reset-not-valid = Dieser Link zum Zurücksetzen ist nicht gültig: Er wurde schon benutzt, durch einen neueren ersetzt oder ist älter als eine Stunde.
reset-ask-by-mail = Neuen Link per E-Mail anfordern
# $command is the command line (shown as code).
reset-ask-admin = Bitte die Person, die dieses tally betreibt, um einen neuen (sie führt dafür { $command } mit deiner E-Mail-Adresse aus).
reset-ask-admin-short = Bitte die Person, die dieses tally betreibt, um einen neuen.
reset-ask-forgot-page = Fordere auf der Seite „Passwort vergessen?“ einen neuen an.
reset-done = Dein Passwort wurde geändert und alle Geräte wurden abgemeldet. Melde dich jetzt damit an.

## Change your password
password-title = Passwort ändern
password-intro = Eine Änderung meldet dich auf allen anderen Geräten ab.
password-current = Aktuelles Passwort
password-submit = Passwort ändern
password-changed = Dein Passwort wurde geändert. Andere Geräte wurden abgemeldet.
password-wrong-current = Das ist nicht dein aktuelles Passwort.

## Home: your accounts, opening one
home-title = Deine Konten
home-heading = Deine gemeinsamen Konten
home-invite = Du hast einen Einladungslink geöffnet.
home-invite-join = Diesem Konto beitreten
home-none = Du bist noch in keinem gemeinsamen Konto. Eröffne unten eines oder bitte einen Mitbewohner um seinen Einladungslink.
home-accounts = Gemeinsame Konten
# Followed by the person's own net in the account.
home-you = Du:
home-owed = (andere schulden dir)
home-owe = (du schuldest)
home-settled = (ausgeglichen)
home-open-heading = Gemeinsames Konto eröffnen
home-name = Name des Kontos
home-name-hint = Wie ihr eure WG nennt, etwa WG 3B.
home-currency = Währung
home-member-name = Dein Name in diesem Konto
home-open-submit = Konto eröffnen
home-file-heading = Neues Konto aus einer Datei
home-file-intro = Du kommst von Splitwise, IHateMoney, Spliit oder Cospend? Starte ein Konto aus deren Export, mit dem ganzen Verlauf. Du siehst, was die Datei enthält, bevor etwas gespeichert wird.
home-file = Exportierte Datei (höchstens 10 MiB)
home-file-submit = Inhalt anzeigen
home-opened = Dein gemeinsames Konto ist eröffnet. Füge deine Mitbewohner auf der Seite Mitglieder hinzu.

## Joining an account through its invite link
join-title = { $account } beitreten
join-intro = Du wurdest eingeladen, Ausgaben in { $account } zu teilen. Sag deinen Mitbewohnern, wer du bist.
join-who = Wer bist du in { $account }?
join-i-am = Ich bin { $name }
join-moved-out = (ausgezogen; mit deinem Beitritt wieder aktiv)
join-new-member = Mich als neues Mitglied hinzufügen
join-name = Dein Name als neues Mitglied
join-name-hint = Wird nur verwendet, wenn du dich als neues Mitglied hinzufügst.
join-not-now = Nicht jetzt, zurück zu deinen Konten
join-already-member = Du bist schon Mitglied.
join-welcome = Willkommen in { $account }!
join-choose = Wähle, wer du in diesem Konto bist, oder füge dich als neues Mitglied hinzu.
join-already-linked = Dieses Mitglied ist schon beigetreten; wähle erneut oder füge dich als neues Mitglied hinzu.
join-name-taken = Es gibt schon ein Mitglied namens { $name }. Wenn du das bist, wähle oben „Ich bin { $name }“; sonst ergänze eine Initiale, etwa „{ $name } B.“

## Your settings
settings-title = Deine Einstellungen
settings-zone-heading = Deine Zeitzone
settings-zone-intro = Uhrzeiten im Verlauf eines Kontos und das heutige Datum bei neuen Ausgaben und Zahlungen werden in deiner Zeitzone angezeigt. Sie gilt nur für dich: Jedes Konto hat für wiederkehrende Ausgaben seine eigene Zeitzone, auf seiner Seite der wiederkehrenden Ausgaben.
# Followed by the date and time in the person's zone.
settings-now = Jetzt, bei dir:
settings-zone = Zeitzone
settings-zone-unset = Noch nicht gewählt: UTC, bis du eine speicherst (mit JavaScript ist die deines Browsers ausgewählt).
settings-zone-hint = Wo du bist, nach dem Namen einer Stadt in deiner Zeitzone.
settings-zone-submit = Zeitzone speichern
settings-zone-saved = Deine Zeitzone ist { $zone }: Uhrzeiten und das heutige Datum werden so angezeigt wie dort ({ $now }).
settings-language-heading = Sprache
settings-language-intro = tally spricht auf allen Geräten, auf denen du dich anmeldest, in dieser Sprache mit dir.
settings-language = Sprache der Seiten
settings-language-submit = Sprache speichern
