# Dépenses et remboursements reçus : le formulaire, ajouter, corriger, supprimer et
# restaurer, la liste et la page des catégories.

## Le formulaire de dépense (aussi sur le tableau de bord et la page d'une dépense récurrente)
expense-form-fix-below = Corrigez les champs signalés ci-dessous.
expense-form-amount = Montant
expense-form-amount-hint = Le montant total payé, par exemple 12,50.
expense-form-amount-hint-refund = Le montant total reçu, par exemple 50,00.
expense-form-paid-in = Payé en
expense-form-own-currency = { $currency }, la devise du compte
expense-form-rate = Taux : 1 unité de cette devise en { $currency }
expense-form-rate-hint = Seulement pour une autre devise, par exemple 0,92 ; le montant et les parts exactes sont alors dans cette devise et tally enregistre leur valeur en { $currency }. Laissé vide, le taux de la date est pris dans les taux de change chargés pour le compte, s'il y en a.
expense-form-last-rates = Dernier taux utilisé ici : { $rates }.
expense-form-description = Objet
expense-form-description-hint = Quelques mots, par exemple Courses ou Facture d'électricité.
expense-form-description-hint-refund = Quelques mots, par exemple Caution rendue ou Avoir d'électricité.
expense-form-category = Catégorie
expense-form-no-category = Aucune
expense-form-date = Date
expense-form-paid-by = Payé par
expense-form-received-by = Reçu par
expense-form-split = Répartition
expense-form-split-refund = Répartir entre (la part de chacun est déduite de ce qu'il doit)
expense-form-split-equally = À parts égales
expense-form-split-by-shares = Par parts
expense-form-split-by-exact-amounts = Par montants exacts
expense-form-split-by-percentages = Par pourcentages
expense-form-parts-caption = Participants et leurs parts
expense-form-participant = Participant
expense-form-shares = Parts
expense-form-exact = Montant exact
expense-form-percent = Pourcentage
expense-form-shares-for = Parts de { $name }
expense-form-exact-for = Montant exact de { $name }
expense-form-percent-for = Pourcentage de { $name }
expense-form-repeat = Répétition
expense-form-repeats = Se répète
expense-form-no-repeat = Ne se répète pas
expense-form-weekly = Chaque semaine
expense-form-monthly = Chaque mois
expense-form-yearly = Chaque année
expense-form-repeat-every = Toutes les combien de semaines, mois ou années
expense-form-until = Jusqu'au (facultatif)
expense-form-repeat-hint = Une dépense récurrente est enregistrée à sa date à chaque fois ; la date ci-dessus est la première. Retrouvez-les toutes sous Dépenses récurrentes.
expense-form-add = Ajouter la dépense
expense-form-save = Enregistrer les modifications
# Messages à côté des champs : des propositions sans majuscule ni point, la page les complète.
expense-form-choose-category = choisissez une catégorie dans la liste
expense-form-incomplete = ce formulaire est incomplet ; rechargez la page et réessayez
expense-form-choose-currency = choisissez une devise dans la liste
expense-form-choose-payer = choisissez qui a payé
expense-form-choose-participants = choisissez les participants dans la liste
expense-form-one-participant = choisissez au moins un participant
expense-form-whole-shares = saisissez un nombre entier de parts entre 1 et { $max }
expense-form-choose-split = choisissez comment répartir
expense-form-percent-malformed = saisissez un pourcentage comme 33,33
expense-form-percent-range = chaque pourcentage doit être supérieur à 0 et au plus 100
expense-form-choose-repeat = choisissez la fréquence, ou laissez la date de fin vide
expense-form-until-before-start = la date de fin doit être le jour de la première date ou après
expense-form-amounts-missing = les montants font { $got } sur { $expected } : il manque { $gap }
expense-form-amounts-too-much = les montants font { $got } sur { $expected } : { $gap } de trop

## Le nom d'une dépense dans les messages : « Internet, 30,00 € »
expense-summary = { $description }, { $amount }
expense-summary-paid-in = { $description }, { $paid } ({ $amount })
expense-summary-refund = { $description }, remboursement reçu de { $amount }

## Ajouter une dépense
expense-new-title = Ajouter une dépense
expense-new-id-used = Ce formulaire a déjà servi à ajouter une dépense. Vérifiez les valeurs ci-dessous et ajoutez-les comme nouvelle dépense si c'est bien ce que vous vouliez.
expense-new-recorded = Enregistré : { $summary }.
expense-new-already-recorded = Déjà enregistré : { $summary }.
expense-new-schedule-set-up = Dépense récurrente créée : { $summary }, { $unit ->
        [week] { $every ->
            [one] chaque semaine
           *[other] toutes les { $every } semaines
        }
        [year] { $every ->
            [one] chaque année
           *[other] tous les { $every } ans
        }
       *[month] { $every ->
            [one] chaque mois
           *[other] tous les { $every } mois
        }
    }.
expense-new-schedule-already = Déjà créée : { $summary }.

## Corriger une dépense
expense-edit-title = Modifier { $summary }
expense-edit-all = Toutes les dépenses
expense-edit-heading = Modifier une dépense
expense-edit-heading-refund = Modifier un remboursement reçu
expense-edit-refund-badge = Remboursement reçu
expense-edit-refund-note = De l'argent qui rentre : la personne qui l'a reçu doit aux autres leur part.
expense-edit-deleted = Cette dépense est supprimée : elle ne compte pas dans les soldes. Pour la modifier, restaurez-la d'abord.
expense-edit-deleted-refund = Ce remboursement reçu est supprimé : il ne compte pas dans les soldes. Pour le modifier, restaurez-le d'abord.
expense-edit-restore = Restaurer
expense-edit-delete = Supprimer cette dépense
expense-edit-delete-refund = Supprimer ce remboursement reçu
expense-edit-stale = { $who } a modifié cette dépense pendant que vous la modifiiez. Vos valeurs sont conservées ci-dessous, avec ce que { $who } a enregistré à côté de chaque champ qui diffère : vérifiez-les, puis enregistrez à nouveau pour remplacer la version de { $who }, ou rouvrez la dépense pour repartir de celle-ci.
expense-edit-someone = quelqu'un
expense-edit-you-typed = Vous avez saisi { $yours } ; entre-temps, { $who } l'a changé en { $theirs }.
expense-edit-quoted = « { $text } »
expense-edit-no-category = aucune catégorie
expense-edit-split-changed = { $who } a aussi changé la répartition : si vous enregistrez à nouveau, c'est la vôtre qui s'applique.
expense-edit-other-expense = ce formulaire appartient à une autre dépense ; rechargez la page et réessayez
expense-edit-saved = Enregistré : { $summary }.
expense-edit-unchanged = Rien n'a changé : { $summary }.

## Supprimer et restaurer
expense-delete-title = Supprimer { $summary }
expense-delete-already-heading = { $summary } est déjà supprimé
expense-delete-paid-by = Payé par { $payer } le { $date }.
expense-delete-received-by = Remboursement reçu par { $payer } le { $date }.
expense-delete-counts-nothing = Cela ne compte pas dans les soldes tant que ce n'est pas restauré.
expense-delete-back = Retour aux dépenses
expense-delete-heading = Supprimer { $summary } ?
expense-delete-explain = Une fois supprimé, cela ne compte plus dans les soldes ; vous pourrez le restaurer plus tard depuis la liste des dépenses ou l'historique.
expense-delete-confirm = Supprimer
expense-delete-cancel = Annuler
expense-delete-done = Supprimé : { $summary }. Vous pouvez le restaurer depuis l'historique ou la liste des dépenses.
expense-delete-already = Déjà supprimé : { $summary }.
expense-restore-done = Restauré : { $summary }.
expense-restore-not-deleted = { $summary } n'était pas supprimé ; rien à restaurer.

## La liste
expense-list-title = Dépenses
expense-list-add = Ajouter une dépense
expense-list-refund = Enregistrer un remboursement reçu
expense-list-filter-errors = Certains filtres n'ont pas pu être appliqués ; voyez les messages ci-dessous.
expense-list-filters = Filtrer les dépenses
expense-list-member = Payé ou partagé par
expense-list-everyone = Tout le monde
expense-list-category = Catégorie
expense-list-any = Toutes
expense-list-uncategorised = Sans catégorie
expense-list-text = L'objet contient
expense-list-from = Du
expense-list-to = Au
expense-list-filter = Filtrer
expense-list-show-all = Tout afficher
expense-list-total = Total :
expense-list-total-matching = Total des dépenses filtrées :
expense-list-counted = ({ $count ->
        [one] { $count } dépense
       *[other] { $count } dépenses
    } ; les remboursements reçus sont déduits, les dépenses supprimées ne comptent pas)
expense-list-none-match = Aucune dépense ne correspond à ces filtres.
expense-list-none = Aucune dépense pour l'instant.
expense-list-caption = Dépenses, les plus récentes d'abord
expense-list-caption-paged = Dépenses, les plus récentes d'abord, page { $page } sur { $pages }
expense-list-date = Date
expense-list-what = Objet
expense-list-paid-by = Payé par
expense-list-shared-by = Partagé par
expense-list-amount = Montant
expense-list-actions = Actions
expense-list-deleted = supprimée
expense-list-refund-badge = Remboursement reçu
expense-list-recurring = récurrente
expense-list-received = (reçu)
expense-list-restore = Restaurer
expense-list-edit = Modifier
expense-list-delete = Supprimer
expense-list-pages = Pages de dépenses
expense-list-previous = Précédente
expense-list-page = Page { $page } sur { $pages }
expense-list-next = Suivante
expense-list-archived = { $name } (archivée)
expense-list-paid-in = { $amount } au taux de { $rate }
expense-list-choose-member = choisissez un membre dans la liste
expense-list-end-before-start = la date de fin est avant la date de début

## Enregistrer un remboursement reçu
refund-new-title = Enregistrer un remboursement reçu
refund-new-explain = De l'argent qui rentre, comme une caution rendue ou un avoir sur une facture : la personne qui l'a reçu doit à chaque personne de la répartition sa part, comme pour une dépense de signe inversé.
refund-new-submit = Enregistrer le remboursement reçu
refund-new-choose-receiver = choisissez qui l'a reçu
refund-new-id-used = Ce formulaire a déjà servi à enregistrer une entrée. Vérifiez les valeurs ci-dessous et enregistrez-les comme nouveau remboursement reçu si c'est bien ce que vous vouliez.
refund-new-moved-out = ce membre a déménagé ; choisissez quelqu'un qui habite encore ici
refund-new-recorded = Enregistré : un remboursement reçu de { $amount } par { $name } : { $description }.
refund-new-already-recorded = Déjà enregistré : un remboursement reçu de { $amount } par { $name } : { $description }.

## Catégories
categories-title = Catégories
categories-intro = Donnez une catégorie aux dépenses pour voir où va l'argent sur la page
categories-intro-statistics = Statistiques
categories-intro-middle = et pour filtrer la
categories-intro-list = liste des dépenses
categories-caption = Catégories de ce compte
categories-name = Nom
categories-status = État
categories-rename = Renommer
categories-archive = Archiver
categories-archived = Archivée
categories-in-use = Utilisée
categories-new-name-for = Nouveau nom pour { $name }
categories-restore = Restaurer
categories-add-heading = Ajouter une catégorie
categories-add = Ajouter la catégorie
categories-already-added = { $name } était déjà ajoutée.
categories-added = Catégorie { $name } ajoutée.
categories-choose-action = choisissez renommer, archiver ou restaurer
categories-archived-done = Archivée : elle n'est plus proposée pour les nouvelles dépenses ; ses dépenses la gardent.
categories-restored-done = Restaurée : elle est de nouveau proposée.
categories-renamed = Renommée en { $name }.

## L'aperçu de la répartition que le script de la page écrit sous le formulaire
expense-form-preview-enter-amount = Saisissez un montant pour voir sa répartition.
expense-form-preview-tick = Cochez au moins un participant.
expense-form-preview-amount-for = Saisissez un montant pour { $name }.
expense-form-preview-shares-for = Saisissez un nombre de parts pour { $name }.
expense-form-preview-percent-for = Saisissez un pourcentage pour { $name }.
expense-form-preview-missing = Les montants font { $sum } mais la dépense est de { $amount } ({ $gap } restent à attribuer).
expense-form-preview-too-much = Les montants font { $sum } mais la dépense est de { $amount } ({ $gap } de trop).
expense-form-preview-percent-sum = Les pourcentages font { $sum } % au lieu de 100 %.
expense-form-preview-split = Répartition : { $parts }.

## Les catégories de départ de chaque compte
category-default-rent = Loyer
category-default-utilities = Charges
category-default-internet = Internet et téléphone
category-default-groceries = Courses
category-default-household = Maison
category-default-eating-out = Restaurants
category-default-transport = Transports
category-default-other = Autres
