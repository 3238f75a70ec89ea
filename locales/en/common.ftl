# The layout of every page, the switch between languages and the error pages.
language-name = English

layout-skip = Skip to content
layout-session = Your session
layout-settings = Settings
layout-sign-out = Sign out
layout-sign-in = Sign in
layout-register = Register
layout-dismiss = Dismiss this message
layout-footer = tally keeps track of who paid what in your flat.
layout-languages = This page in:

error-reference = Reference:
error-status = Error { $status }
error-back = Back to your accounts
error-not-found-title = Page not found
error-not-found = There is nothing here, or it is not shared with you.
error-forbidden-title = Form expired
error-forbidden = This form was not accepted because it expired or came from another site. Go back, reload the page and try again.
error-too-many-title = Too many attempts
error-too-many = Too many failed sign-ins for this address. Wait a minute, then try again.
error-conflict-title = Someone changed it first
error-conflict = Others were changing this account at the same moment. Reload the page to see the newest state and try again.
error-refused-title = Not possible
error-refused = This could not be done: { $reason }. Go back and try something else.
error-too-large-title = File too large
error-too-large = tally imports files of up to 10 MiB. Export a shorter period from the other app, or ask the server's administrator to use tally import on the command line.
error-no-file-title = No file received
error-no-file = This form sends a file. Go back, choose the file and send the form again.
error-unavailable-title = Temporarily unavailable
error-unavailable = tally cannot reach its database right now. Try again in a few seconds.
error-internal-title = Something went wrong
error-internal = An unexpected error happened. It has been logged; mention the reference below if you report it.
error-form-too-large = This form is too large to be sent. Shorten what you typed, then go back and try again.
error-bad-form = This form could not be read. Go back, reload the page and try again.
language-changed = This page is now in English.

# The page the installed app shows without a network.
offline-title = Offline
offline-heading = You are offline
offline-text = tally needs the network to show and record expenses, so nothing can be added right now. Reconnect, then
offline-again = open tally again.
