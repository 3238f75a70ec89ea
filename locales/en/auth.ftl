# Signing in and registering, passwords, the home page, joining an account, the settings and
# the reset mail.

## Shared by this area's forms
auth-email = Email address
auth-password = Password
auth-new-password = New password
auth-new-password-hint = At least 10 characters, not a common password.
auth-confirm-password = New password again
auth-fix-fields = Please fix the fields marked below.
auth-fix-field = Please fix the field marked below.
auth-back-to-sign-in = Back to signing in
auth-passwords-differ = The two new passwords differ.

## Sign in
signin-title = Sign in
signin-heading = Sign in to tally
signin-submit = Sign in
signin-new = New to tally?
signin-create-account = Create an account
signin-forgot-hint = Forgot your password? Ask whoever runs this tally for a reset link.
signin-no-match = That email address and password do not match an account.

## Register
signup-title = Register
signup-heading = Create your tally account
signup-name = Your name
signup-password-hint = At least 10 characters. A few words you remember work well.
signup-submit = Create account
signup-have-account = Already have an account?
signup-welcome = Welcome to tally! Your account is ready.
signup-taken = An account with this email address exists already. Sign in with it instead (the link is below the form); a forgotten password can be reset by whoever runs this tally.

## Forgot your password? (and the mail with the link)
forgot-title = Forgot your password?
forgot-intro = Enter the email address you signed up with. If it belongs to an account, we mail a link to it that lets you choose a new password.
forgot-submit = Mail me a link
forgot-sent = If an account exists for that address, we sent a link to it. It works once, for an hour; check your spam folder if nothing arrives in a few minutes.
forgot-mail-subject = Reset your tally password
forgot-mail-greeting = Hello { $name },
forgot-mail-intro = someone (hopefully you) asked to reset your tally password. Open this link to choose a new one:
forgot-mail-validity = It works once, for { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }. If you did not ask, ignore this mail: your password stays as it is.

## Set a new password (through a reset link)
reset-title = Set a new password
reset-intro = Choosing a new password signs you out on every device.
reset-submit = Set the new password
reset-not-valid = This reset link is not valid: it was used already, replaced by a newer one, or is more than an hour old.
reset-ask-by-mail = Ask for a new one by mail
# $command is the command line (shown as code).
reset-ask-admin = Ask whoever runs this tally for a new one (they run { $command } with your email address).
reset-ask-admin-short = Ask whoever runs this tally for a new one.
reset-ask-forgot-page = Ask for a new one on the "Forgot your password?" page.
reset-done = Your password was changed and every device signed out. Sign in with it now.

## Change your password
password-title = Change your password
password-intro = Changing it signs you out on every other device.
password-current = Current password
password-submit = Change password
password-changed = Your password was changed. Other devices were signed out.
password-wrong-current = This is not your current password.

## Home: your accounts, opening one
home-title = Your accounts
home-heading = Your shared accounts
home-invite = You opened an invite link.
home-invite-join = Join that account
home-none = You are not part of a shared account yet. Open one below, or ask a flatmate for their invite link.
home-accounts = Shared accounts
# Followed by the person's own net in the account.
home-you = You:
home-owed = (others owe you)
home-owe = (you owe)
home-settled = (settled)
home-open-heading = Open a shared account
home-name = Name of the account
home-name-hint = What you call your flat, such as Flat 3B.
home-currency = Currency
home-member-name = Your name in this account
home-open-submit = Open account
home-file-heading = New account from a file
home-file-intro = Moving from Splitwise, IHateMoney, Spliit or Cospend? Start an account from its export, with the whole history. You see what the file holds before anything is recorded.
home-file = Exported file (at most 10 MiB)
home-file-submit = Show what it holds
home-opened = Your shared account is open. Add your flatmates on the Members page.

## Joining an account through its invite link
join-title = Join { $account }
join-intro = You were invited to share expenses in { $account }. Tell your flatmates who you are.
join-who = Who are you in { $account }?
join-i-am = I am { $name }
join-moved-out = (moved out; joining makes them active again)
join-new-member = Add me as a new member
join-name = Your name as a new member
join-name-hint = Only used when you add yourself as a new member.
join-not-now = Not now, back to your accounts
join-already-member = You are already a member.
join-welcome = Welcome to { $account }!
join-choose = Choose who you are in this account, or add yourself as a new member.
join-already-linked = This member has already joined; choose again or add yourself as a new member.
join-name-taken = There is already a member called { $name }. If that is you, choose “I am { $name }” above; otherwise add an initial, such as “{ $name } B.”

## Your settings
settings-title = Your settings
settings-zone-heading = Your time zone
settings-zone-intro = Times in an account's history and today's date in new expenses and payments are shown as they are in your time zone. It is yours alone: each account has its own time zone for recurring bills, on its Recurring page.
# Followed by the date and time in the person's zone.
settings-now = Now, for you:
settings-zone = Time zone
settings-zone-unset = Not chosen yet: UTC until you save one (with JavaScript on, your browser's is selected).
settings-zone-hint = Where you are, by the name of a city in your zone.
settings-zone-submit = Save time zone
settings-zone-saved = Your time zone is { $zone }: times and today's date are shown as they are there ({ $now }).
settings-language-heading = Language
settings-language-intro = tally speaks to you in this language on every device you sign in on.
settings-language = Language of the pages
settings-language-submit = Save language
