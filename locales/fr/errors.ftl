# Why a form or a command was refused. Messages are clauses ("saisissez un montant"): forms
# make them sentences, the error page puts them into one.

## Amounts and currencies
err-amount-empty = saisissez un montant
err-amount-malformed = saisissez un montant comme 12,50
err-amount-not-positive = le montant doit être supérieur à zéro
err-amount-too-large = le montant ne peut pas dépasser { $max }
err-amount-too-many-decimals = { $n ->
    [one] utilisez au plus { $n } chiffre après la virgule
   *[other] utilisez au plus { $n } chiffres après la virgule
}
err-currency-unknown = code de devise inconnu ; utilisez un code ISO 4217 comme EUR, USD ou GBP

## Names, descriptions and other texts
err-text-empty = ce champ ne peut pas être vide
err-text-too-long = { $max ->
    [one] utilisez au plus { $max } caractère
   *[other] utilisez au plus { $max } caractères
}
err-text-forbidden = supprimez les caractères de contrôle ou invisibles

## Dates and time zones
err-date-malformed = saisissez une date comme 2026-11-26
err-date-out-of-range = saisissez une date entre 0001-01-01 et 9999-12-31
err-date-no-such-day = ce jour n’existe pas dans le calendrier ; saisissez une date comme 2026-11-26
err-time-zone-unknown = choisissez un fuseau horaire dans la liste (par exemple Europe/Paris)

## Splits
err-split-no-participants = choisissez au moins un participant
err-split-duplicate = chaque participant ne peut apparaître qu’une fois
err-split-bad-portion = la part de chaque participant doit être supérieure à zéro (poids de { $max } au plus)
err-split-exact-mismatch = les montants font { $got } au total, mais la dépense est de { $expected } (dans la plus petite unité de la devise)
err-split-percentages = les pourcentages font { $got } % au total au lieu de 100 %

## Exchange rates
err-rate-empty = saisissez le taux de change : combien vaut une unité de cette devise dans celle du compte
err-rate-separators = écrivez le taux de change avec un seul séparateur décimal et sans séparateur de milliers, comme 0,8571
err-rate-malformed = saisissez le taux de change comme un simple nombre décimal, comme 0,8571
err-rate-not-positive = le taux de change doit être supérieur à zéro
err-rate-too-precise = le taux de change peut avoir au plus { $digits } chiffres significatifs et { $decimals } décimales
err-rate-too-large = le taux de change ne peut pas dépasser { $max }
err-exchange-same-currency = c’est la devise du compte : saisissez le montant sans taux de change
err-exchange-converts-to-nothing = à ce taux, le montant est inférieur à la plus petite unité de { $currency }
err-exchange-converts-to-too-much = à ce taux, le montant dépasse { $max }, le maximum pour une dépense
err-exchange-mismatch = à ce taux, le montant en { $currency } doit être de { $expected }

## Recurring bills
err-recurrence-unit = choisissez semaines, mois ou années
err-recurrence-weeks = choisissez un intervalle de 1 à { $max } semaines
err-recurrence-months = choisissez un intervalle de 1 à { $max } mois
err-recurrence-years = choisissez un intervalle de 1 à { $max } ans

## Refused commands
err-account-not-opened = ce compte partagé n’existe pas
err-account-already-opened = ce compte partagé est déjà ouvert
err-account-unknown-member = ce membre n’existe pas dans ce compte
err-account-name-taken = il y a déjà un membre nommé { $name }
err-account-member-id-taken = cet identifiant de membre est déjà utilisé
err-account-payer-inactive = la personne qui a payé n’est pas un membre actif
err-account-participant-inactive = { $name } n’est pas un membre actif
err-account-transfer-to-self = un remboursement demande deux membres différents
err-account-date-out-of-range = la date doit être comprise entre le { $first } et le { $last }
err-account-expense-id-taken = cet identifiant est déjà utilisé par une autre dépense
err-account-transfer-id-taken = cet identifiant est déjà utilisé par un autre remboursement
err-account-unknown-expense = cette dépense n’existe pas dans ce compte
err-account-expense-deleted = cette dépense est supprimée ; restaurez-la d’abord
err-account-stale-expense = quelqu’un a modifié cette dépense entre-temps
err-account-unknown-transfer = ce remboursement n’existe pas dans ce compte
err-account-transfer-deleted = ce remboursement est supprimé ; restaurez-le d’abord
err-account-stale-transfer = quelqu’un a modifié ce remboursement entre-temps
err-account-user-already-member = vous êtes déjà membre de ce compte
err-account-member-already-linked = ce membre a déjà rejoint le compte
err-account-last-active-member = un compte doit avoir au moins un membre actif
err-account-unknown-category = cette catégorie n’existe pas dans ce compte
err-account-category-id-taken = cet identifiant de catégorie est déjà utilisé
err-account-category-name-taken = il y a déjà une catégorie nommée { $name }
err-account-category-archived-name-taken = il y a déjà une catégorie archivée nommée { $name } : restaurez-la plutôt
err-account-category-archived = la catégorie { $name } est archivée : restaurez-la sur la page des catégories, ou choisissez-en une autre
err-account-unknown-schedule = cette dépense récurrente n’existe pas dans ce compte
err-account-schedule-id-taken = cet identifiant de dépense récurrente est déjà utilisé
err-account-schedule-stopped = cette dépense récurrente a été arrêtée ; créez-en plutôt une nouvelle
err-account-until-before-start = la date de fin ne peut pas précéder la première date
err-account-not-an-occurrence = la dépense récurrente ne tombe pas à cette date
err-account-occurrence-passed = cette échéance est déjà enregistrée ou passée ; modifiez ou supprimez plutôt la dépense
err-command-conflict = le compte n’a pas cessé de changer ; réessayez
err-command-id-taken = un identifiant du formulaire appartient à autre chose
err-command-unavailable = la base de données est injoignable
err-command-store = l’enregistrement a échoué
err-command-interrupted = le serveur s’est arrêté avant de répondre ; réessayez

## Sign-up and passwords
err-email-invalid = saisissez une adresse e-mail comme sam@example.com
err-email-taken = un compte existe déjà avec cette adresse e-mail
err-password-too-short = { $n ->
    [one] utilisez au moins { $n } caractère
   *[other] utilisez au moins { $n } caractères
}
err-password-too-long = { $n ->
    [one] utilisez au plus { $n } caractère
   *[other] utilisez au plus { $n } caractères
}
err-password-too-common = ce mot de passe est trop courant ; choisissez-en un autre

## Imported files
err-number-empty = le montant est vide
err-number-malformed = « { $text } » n’est pas un nombre
err-number-too-large = « { $text } » est trop grand
err-import-empty = le fichier est vide
err-import-too-large = le fichier dépasse { $mib } Mio
err-import-not-text = le fichier n’est pas du texte UTF-8 ({ $reason }) ; exportez-le à nouveau depuis l’application, sans le convertir
err-import-utf16 = il est en UTF-16 ; enregistrez-le en UTF-8
err-import-binary = il contient des données binaires
err-import-invalid-utf8 = ce n’est pas de l’UTF-8 valide
err-import-unknown-format = tally ne reconnaît pas ce fichier ; il lit les exports Splitwise (CSV), IHateMoney (JSON ou CSV), Spliit (JSON) et Cospend (CSV)
err-import-malformed = { $format } : { $reason }
err-import-is-backup = c’est une sauvegarde tally ; restaurez-la comme un compte entier (tally import-account FICHIER) au lieu de l’importer dans un compte
err-import-spliit-csv = l’export CSV de Spliit n’indique pas qui a payé (chaque colonne est une part), les soldes ne peuvent donc pas en être tirés ; exportez le groupe en JSON dans Spliit et importez ce fichier
err-import-currency = les montants du fichier sont en { $file }, ceux du compte en { $account } ; tally ne convertit pas les devises, importez donc dans un compte en { $file }
err-import-nothing = le fichier ne contient aucune dépense ni aucun remboursement que tally puisse lire
err-import-name = « { $name } » ne peut pas être un nom de membre : { $reason }
err-import-unmapped = chaque personne du fichier doit correspondre à un membre
err-import-same-name = deux personnes deviendraient des membres nommés « { $name } »
err-import-owner-not-in-file = le propriétaire doit être l’une des personnes du fichier
err-import-line = ligne { $line } : { $reason }
err-import-no-account = ce compte n’existe pas
err-import-format-ecb = taux de change de la BCE
err-import-json-too-deep = le JSON est imbriqué trop profondément
err-import-json-truncated = le fichier s’arrête trop tôt (tronqué ?) à la ligne { $line }
err-import-json-invalid = JSON non valide à la ligne { $line }, colonne { $column }
err-import-csv-unreadable = CSV illisible
err-import-csv-unreadable-at = CSV illisible à la ligne { $line }
err-import-date-ambiguous = la date « { $text } » est ambiguë (jour et mois ?), un tableur l’a réécrite ; écrivez-la sous la forme AAAA-MM-JJ
err-import-not-a-date = « { $text } » n’est pas une date (AAAA-MM-JJ)
err-import-column = colonne { $column } : { $reason }
err-import-cost = Coût : { $reason }
err-import-no-header = aucune ligne d’en-tête avec les noms des membres
err-import-member-column-without-name = une colonne de membre n’a pas de nom
err-import-member-column-twice = deux colonnes de membre s’appellent « { $name } »
err-import-row-without-date = la ligne n’a pas de date
err-import-column-count = { $found ->
        [one] la ligne a { $found } colonne, l’en-tête { $expected }
       *[other] la ligne a { $found } colonnes, l’en-tête { $expected }
    }
err-import-nets-do-not-add-up = les colonnes des membres totalisent { $sum } au lieu de 0
err-import-no-balance-changes = aucun solde ne change sur cette ligne
err-import-column-missing = il manque la colonne « { $column } »
err-import-not-a-list-of-bills = une liste de dépenses était attendue
err-import-bill-not-an-object = la dépense { $bill } n’est pas un objet
err-import-bill-without-key = il manque « { $key } » à la dépense { $bill }
err-import-amount-not-positive = le montant n’est pas supérieur à zéro
err-import-negative-bill = le montant n’est pas supérieur à zéro ; tally ne peut pas enregistrer de dépenses négatives
err-import-no-payer = la dépense n’indique pas qui a payé
err-import-unknown-ower = débiteur inconnu « { $name } »
err-import-no-owers = la dépense n’indique pas qui la doit
err-import-bills-column-missing = il manque la colonne « { $column } » des dépenses (ligne { $line })
err-import-bills-without-date = les dépenses n’ont ni colonne « date » ni colonne « timestamp »
err-import-member-without-name = ligne { $line } : un membre sans nom
err-import-member-twice = ligne { $line } : le membre « { $name } » apparaît deux fois
err-import-weight = ligne { $line } : poids : { $reason }
err-import-no-date-nor-timestamp = ni date ni horodatage
err-import-timestamp-out-of-range = l’horodatage est hors limites
err-import-payer-not-member = le payeur « { $name } » n’est pas membre
err-import-ower-not-member = « { $name } », parmi les débiteurs, n’est pas membre
err-import-participants-not-a-list = « participants » n’est pas une liste
err-import-participant-without-id = le participant { $participant } n’a pas d’identifiant
err-import-participant-without-name = le participant { $participant } n’a pas de nom
err-import-participant-id-twice = deux participants ont l’identifiant « { $id } »
err-import-expenses-not-a-list = « expenses » n’est pas une liste
err-import-expense-id-twice = deux dépenses ont l’identifiant « { $id } »
err-import-amount-not-whole = le montant n’est pas un nombre entier de centimes
err-import-missing-field = il manque { $field }
err-import-payer-not-participant = le payeur « { $id } » n’est pas un participant
err-import-no-paid-for = il manque la liste paidFor
err-import-paid-for-without-participant = une entrée de paidFor n’a pas de participantId
err-import-paid-for-not-participant = « { $id } » dans paidFor n’est pas un participant
err-import-paid-for-twice = « { $id } » apparaît deux fois dans paidFor
err-import-share-not-whole = une part n’est pas un nombre entier
err-import-share-negative = une part est inférieure à zéro
err-import-nobody-shares = personne ne partage cette dépense
err-import-amounts-do-not-add-up = les montants totalisent { $sum }, la dépense { $amount } (en centimes)
err-import-all-shares-zero = toutes les parts sont nulles
err-import-unknown-split-mode = mode de répartition inconnu « { $mode } »
err-import-ecb-no-date-column = la première colonne doit être Date, puis une colonne par devise (eurofxref.csv ou eurofxref-hist.csv de la BCE, décompressé)
err-import-ecb-no-currency = aucune colonne ne désigne une devise connue de tally
err-import-ecb-not-a-day = ligne { $line } : « { $text } » n’est pas une date comme 2024-06-14
err-import-ecb-rate = ligne { $line }, { $currency } : { $reason }
err-import-ecb-day-twice = ligne { $line } : le { $day } figure deux fois
err-import-ecb-no-days = le fichier a un en-tête, mais aucun jour de taux
err-import-note-footer-matches = la ligne de solde total en { $currency } (ligne { $line }) correspond au solde de chaque personne
err-import-note-footer-differs = la ligne de solde total en { $currency } (ligne { $line }) indique { $footer } pour { $name }, les lignes donnent { $rows }
err-import-note-in-trash = ligne { $line } : dans la corbeille de Cospend, ignorée
err-import-note-rounded = ligne { $line } : le montant a plus de décimales que les centimes ; arrondi au centime
