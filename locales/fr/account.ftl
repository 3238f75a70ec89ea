# Les pages d'un compte : tableau de bord, membres, remboursements, historique et le compte tel qu'il était.

## Communs aux pages du compte
account-you = (vous)
account-left = (parti)
account-someone = quelqu'un
account-is-owed = à recevoir
account-owes = doit
account-settled = à jour
account-col-member = Membre
account-col-paid = Payé
account-col-share = Part
account-col-net = Solde
account-col-date = Date
account-col-what = Objet
account-col-paid-by = Payé par
account-col-amount = Montant
account-refund-badge = Avoir
account-sharing = { $count ->
    [one] ({ $count } participant)
   *[other] ({ $count } participants)
}
account-chart-summary = Soldes : { $list }
account-list-two = { $first } et { $last }
account-list-more = { $first }, { $rest }
account-pays = { $from } rembourse { $amount } à { $to }
account-paid = { $from } a remboursé { $amount } à { $to }
account-back-dashboard = Retour au tableau de bord
account-show-as-of = Voir le compte tel qu'il était
account-form-incomplete = ce formulaire est incomplet ; rechargez la page et réessayez
account-fix-fields = Corrigez les champs signalés ci-dessous.
account-restore = Rétablir
account-restore-it = Le rétablir
account-page-of = Page { $page } sur { $pages }

## Tableau de bord
dashboard-add-expense = + Ajouter une dépense
dashboard-record-payment = Enregistrer un remboursement
dashboard-record-refund = Enregistrer un avoir
dashboard-balances = Soldes
dashboard-chart-details = Graphique et détails
dashboard-balances-caption = Payé, part et solde de chaque membre
dashboard-download-balances = Télécharger les soldes (CSV)
dashboard-settle-up = Équilibrer les comptes
dashboard-everyone-settled = Tout le monde est à jour.
dashboard-record-this-payment = Enregistrer ce remboursement
dashboard-another-amount = Autre montant
dashboard-another-amount-between = de { $from } à { $to }
dashboard-any-amount = (n'importe quel montant, entre deux membres au choix)
dashboard-all-payments = Tous les remboursements
dashboard-latest = Dernières dépenses
dashboard-no-expenses = Aucune dépense pour l'instant. Ajoutez la première avec le bouton « Ajouter une dépense » en haut.
dashboard-all-expenses = Toutes les dépenses
dashboard-more = Plus
dashboard-this-account = Ce compte
dashboard-nav-members = Membres et invitation
dashboard-nav-recurring = Dépenses récurrentes
dashboard-nav-categories = Catégories
dashboard-nav-history = Historique
dashboard-nav-statistics = Statistiques
dashboard-nav-import = Importer depuis une autre appli
dashboard-nav-rates = Taux de change
dashboard-nav-expenses-csv = Dépenses (CSV)
dashboard-nav-balances-csv = Soldes (CSV)
dashboard-nav-ihatemoney = Exporter pour IHateMoney
dashboard-nav-cospend = Exporter pour Cospend
dashboard-nav-backup = Sauvegarde
dashboard-as-of-label = Le compte à la fin du
dashboard-add-heading = Ajouter une dépense
dashboard-payment-refused = Ce remboursement n'a pas pu être enregistré : { $reason }.
dashboard-form-was-incomplete = le formulaire était incomplet

## Membres
members-title = Membres de { $account }
members-heading = Membres
members-caption = Membres par ordre d'arrivée, avec leur statut
members-col-name = Nom
members-col-status = Statut
members-col-signed-up = Inscription
members-col-change = Modifier
members-active = Actif
members-left = Parti
members-joined = Inscrit
members-not-joined = Pas encore inscrit
members-deactivate = Désactiver
members-reactivate = Réactiver
members-moved-out-hint = Un colocataire qui a déménagé garde son historique et son solde, mais ne participe plus aux nouvelles dépenses.
members-add-heading = Ajouter un membre
members-add-intro = Ajoutez dès maintenant un colocataire par son nom ; il pourra reprendre ce nom plus tard grâce au lien d'invitation.
members-add-button = Ajouter le membre
members-invite-heading = Lien d'invitation
members-invite-intro = Toute personne disposant de ce lien peut rejoindre { $account } après s'être connectée. Ne le partagez qu'avec vos colocataires.
members-copy = Copier le lien
members-copied = Lien copié.
members-copy-by-hand = Appuyez sur Ctrl+C (ou ⌘C) pour copier le lien sélectionné.
members-qr-label = Code QR du lien d'invitation
members-qr-caption = Scannez ce code avec l'appareil photo d'un téléphone pour ouvrir le lien d'invitation.
members-replace-hint = Remplacer le lien désactive l'actuel, par exemple s'il est parvenu à la mauvaise personne. Les membres déjà inscrits le restent.
members-replace = Remplacer le lien
members-already-added = { $name } a déjà été ajouté.
members-added = { $name } a été ajouté. Envoyez-lui le lien d'invitation ci-dessous pour qu'il puisse vous rejoindre.
members-name-taken = Il y a déjà un membre nommé { $name }. Si c'est bien cette personne, envoyez-lui le lien d'invitation ci-dessous ; sinon, ajoutez une initiale, par exemple « { $name } B. »
members-active-again = { $name } est de nouveau actif et peut participer aux nouvelles dépenses.
members-moved-out = { $name } a déménagé : son historique reste, mais il ne participe plus aux nouvelles dépenses.
members-cannot-leave = { $name } ne peut pas partir : { $reason }.
members-invite-replaced = Le lien d'invitation a été remplacé. L'ancien ne fonctionne plus ; partagez le nouveau.

## Enregistrer et corriger un remboursement
payment-heading-new = Enregistrer un remboursement
payment-heading-edit = Modifier un remboursement
payment-submit-new = Enregistrer le remboursement
payment-submit-edit = Enregistrer les modifications
payment-intro = De l'argent qu'un membre a donné à un autre : pour rembourser tout ou partie de ce qu'il doit.
payment-deleted-notice = Ce remboursement est supprimé : il ne compte pas dans les soldes. Pour le modifier, rétablissez-le d'abord.
payment-amount = Montant ({ $currency })
payment-amount-hint = Ce qui a été payé, par exemple { $example } : tout ou partie de ce qui est dû.
payment-from = De (qui a payé)
payment-to = À (qui l'a reçu)
payment-choose-member = Choisissez un membre
payment-delete-link = Supprimer ce remboursement
payment-choose-from = choisissez qui a payé
payment-choose-to = choisissez qui a reçu l'argent
payment-recorded = Enregistré : { $summary }.
payment-already-recorded = Déjà enregistré : { $summary }.
payment-saved = Enregistré : { $summary }.
payment-nothing-changed = Rien n'a changé : { $summary }.
payment-stale = { $who } a modifié ce remboursement pendant que vous le modifiiez. Vos valeurs sont conservées ci-dessous, avec ce que { $who } a enregistré à côté de chaque champ différent : vérifiez-les, puis enregistrez à nouveau pour remplacer la version de { $who }, ou rouvrez le remboursement pour repartir de celle-ci.
payment-difference = Vous avez saisi { $yours } ; entre-temps, { $who } l'a changé en { $theirs }.

## La liste des remboursements et la suppression
payments-title = Remboursements
payments-empty = Aucun remboursement pour l'instant. Quand un membre en rembourse un autre, enregistrez-le avec « Enregistrer un remboursement ».
payments-caption = Remboursements entre membres, du plus récent au plus ancien
payments-col-from = De
payments-col-to = À
payments-col-actions = Actions
payments-deleted-badge = supprimé
payments-edit = Modifier
payments-delete = Supprimer
payments-which = le remboursement de { $from } à { $to }, { $amount }
payments-all = Tous les remboursements
payments-back = Retour aux remboursements
payments-cancel = Annuler
payments-delete-title = Supprimer le remboursement
payments-already-deleted-heading = Ce remboursement est déjà supprimé
payments-already-deleted-text = { $summary } le { $date }. Il ne compte pas dans les soldes tant qu'il n'est pas rétabli.
payments-delete-heading = Supprimer ce remboursement ?
payments-delete-text = { $summary } le { $date }. Une fois supprimé, il ne compte plus dans les soldes ; vous pourrez le rétablir plus tard depuis la liste des remboursements ou l'historique.
payments-already-deleted = Déjà supprimé : { $summary }.
payments-deleted = Supprimé : { $summary }. Vous pouvez le rétablir depuis l'historique ou la liste des remboursements.
payments-not-deleted = { $summary } n'était pas supprimé ; rien à rétablir.
payments-restored = Rétabli : { $summary }.

## Historique
history-title = Historique
history-intro = Tout ce qui s'est passé dans { $account }, du plus récent au plus ancien. Les heures sont en { $zone }
history-change-zone = modifier
history-empty = Il ne s'est encore rien passé.
history-as-of-link = voir le compte tel qu'il était après ce changement
history-pages = Pages de l'historique
history-newer = Plus récents
history-older = Plus anciens
history-someone = Quelqu'un
history-an-expense = une dépense
history-a-category = une catégorie
history-a-recurring-bill = une dépense récurrente
history-opened = { $actor } a ouvert le compte { $name } en { $currency }
history-renamed = { $actor } a renommé le compte en { $name }
history-joined = { $name } a rejoint le compte
history-added = { $actor } a ajouté { $name }
history-linked = { $actor } a rejoint le compte en tant que { $name }
history-deactivated = { $actor } a désactivé { $name }
history-reactivated = { $actor } a réactivé { $name }
history-expense = { $actor } a enregistré { $description }, { $amount }, { $split }
history-recurring-recorded = La dépense récurrente { $description } du { $date } a été enregistrée, { $amount }, { $split }
history-refund = { $actor } a enregistré un avoir de { $amount } reçu par { $payer } : { $description }, { $split }
history-corrected = { $actor } a corrigé { $description }
history-corrected-amount = { $actor } a corrigé { $description } : { $before } → { $after }
history-expense-deleted = { $actor } a supprimé { $description }
history-expense-restored = { $actor } a rétabli { $description }
history-split-for = pour { $name }
history-split-equally = { $count ->
    [one] pour { $count } personne
   *[other] partagée à parts égales entre { $count } personnes
}
history-split-shares = { $count ->
    [one] pour { $count } personne
   *[other] partagée entre { $count } personnes selon des parts
}
history-split-exact = { $count ->
    [one] pour { $count } personne
   *[other] partagée entre { $count } personnes selon des montants exacts
}
history-split-percentages = { $count ->
    [one] pour { $count } personne
   *[other] partagée entre { $count } personnes selon des pourcentages
}
history-paid-recorded-by = { $payment } (enregistré par { $actor })
history-payment-changed = { $actor } a modifié le remboursement de { $from } à { $to }
history-payment-changed-how = { $actor } a modifié le remboursement de { $from } à { $to } : { $changes }
history-payment-changed-now = { $actor } a modifié le remboursement de { $from } à { $to }, { $amount }
history-change-parties = désormais de { $from } à { $to }
history-change-date = date { $was } → { $now }
history-payment-deleted = { $actor } a supprimé le remboursement de { $from } à { $to }, { $amount }
history-payment-deleted-unknown = { $actor } a supprimé un remboursement
history-payment-restored = { $actor } a rétabli le remboursement de { $from } à { $to }, { $amount }
history-payment-restored-unknown = { $actor } a rétabli un remboursement
history-time-zone = { $actor } a réglé le fuseau horaire du compte sur { $zone }
history-category-added = { $actor } a ajouté la catégorie { $name }
history-category-renamed = { $actor } a renommé une catégorie en { $name }
history-category-archived = { $actor } a archivé la catégorie { $name }
history-category-restored = { $actor } a rétabli la catégorie { $name }
history-recurrence = { $unit ->
    [week] { $count ->
        [one] chaque semaine
       *[other] toutes les { $count } semaines
    }
    [year] { $count ->
        [one] chaque année
       *[other] tous les { $count } ans
    }
   *[month] { $count ->
        [one] chaque mois
       *[other] tous les { $count } mois
    }
}
history-schedule-created = { $actor } a créé la dépense récurrente { $description }, { $amount } { $recurrence }, à partir du { $date }
history-schedule-created-until = { $actor } a créé la dépense récurrente { $description }, { $amount } { $recurrence }, du { $date } au { $until }
history-schedule-changed = { $actor } a modifié la dépense récurrente { $description } à partir de sa prochaine échéance : { $amount } { $recurrence }
history-schedule-changed-until = { $actor } a modifié la dépense récurrente { $description } à partir de sa prochaine échéance : { $amount } { $recurrence } jusqu'au { $until }
history-skipped = { $actor } a sauté la dépense récurrente { $name } du { $date }
history-paused = { $actor } a mis en pause la dépense récurrente { $name }
history-paused-itself = La dépense récurrente { $name } s'est mise en pause : { $reason }
history-resumed = { $actor } a repris la dépense récurrente { $name } à partir du { $date }
history-stopped = { $actor } a arrêté la dépense récurrente { $name }

## Le compte tel qu'il était
as-of-title = Le compte tel qu'il était
as-of-title-then = { $name } tel qu'il était { $when }
as-of-now = { $account } aujourd'hui
as-of-notice = Le compte tel qu'il était { $when }, en lecture seule. Rien ne peut être modifié ici ;
as-of-back-now = retour au compte actuel
as-of-day = À la fin du jour
as-of-hint-before = Ou choisissez un changement dans la page
as-of-hint-link = Historique
as-of-hint-after = .
as-of-changes = Changements
as-of-earlier = Après le changement précédent
as-of-later = Après le changement suivant
as-of-change-of = Changement { $version } sur { $newest }
as-of-balances = Soldes à ce moment-là
as-of-balances-caption = Payé, part et solde de chaque membre à ce moment-là
as-of-settle = Équilibrer les comptes à ce moment-là
as-of-everyone-settled = Tout le monde était à jour.
as-of-latest = Dernières dépenses à ce moment-là
as-of-no-expenses = Aucune dépense pour l'instant.
as-of-at-end = à la fin du { $date }
as-of-right-after = juste après le changement { $version } ({ $when })
as-of-not-both = choisissez soit un jour, soit un changement de l'historique, pas les deux
as-of-still-to-come = ce jour n'est pas encore arrivé ; choisissez le { $today } ou avant
as-of-bad-change = le changement doit être indiqué par son numéro dans l'historique (1, 2, 3…)
as-of-bad-address = Cette adresse ne peut pas être affichée : { $reason }.
as-of-opened-on = le compte a été ouvert le { $date } ; choisissez ce jour ou un jour suivant
as-of-not-opened = le compte n'était pas encore ouvert ; choisissez ce jour ou un jour suivant
as-of-nothing = Rien à afficher : { $reason }.
as-of-no-such-change = Ce changement n'existe pas encore : le plus récent est le changement { $newest }.
