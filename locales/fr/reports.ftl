# Statistiques, exports CSV, import depuis d'autres applis, taux de change et dépenses récurrentes.

## Statistiques

statistics-title = Statistiques
statistics-hint = Ce que chaque membre a payé en dépenses et sa part de celles-ci. Les remboursements entre membres (pour équilibrer les comptes) ne sont pas des dépenses et ne sont pas comptés ici.
statistics-refused = Impossible d'afficher cette période ; voyez les messages ci-dessous.
statistics-choose-period = Choisir une période
statistics-period = Période
statistics-period-this-month = Ce mois-ci
statistics-period-last-month = Le mois dernier
statistics-period-last-12-months = Les 12 derniers mois
statistics-period-custom = Période personnalisée
statistics-from = Du (période personnalisée, AAAA-MM)
statistics-to = Au (période personnalisée, AAAA-MM)
statistics-show = Afficher
statistics-error-choose-month = choisissez un mois
statistics-error-month-format = saisissez le mois au format AAAA-MM, par exemple 2026-03
statistics-error-year = l'année doit être comprise entre 0001 et 9999
statistics-error-month = le mois doit être compris entre 01 et 12
statistics-error-before = le dernier mois précède le premier
statistics-error-too-long = choisissez une période de 10 ans au plus ({ $months } mois)
statistics-error-period = choisissez l'une des périodes de la liste
statistics-range = { $first } – { $last }
statistics-summary = { $parts }.
statistics-summary-separator = { " ; " }
statistics-summary-more = { $name } a payé { $amount } de plus que sa part
statistics-summary-less = { $name } a payé { $amount } de moins que sa part
statistics-summary-exact = { $name } a payé exactement sa part
statistics-member-left = { $name } (parti)
statistics-totals = Totaux de la période
statistics-member = Membre
statistics-paid = Payé
statistics-share = Part
statistics-difference = Payé − part
statistics-per-month = Par mois
statistics-per-month-table = Payé et part par mois
statistics-month = Mois
statistics-per-category = Par catégorie
statistics-per-category-table = Payé et part par catégorie
statistics-category = Catégorie
statistics-uncategorised = Sans catégorie
statistics-unknown-category = Catégorie inconnue
statistics-chart-months = Payé et part par mois et par membre
statistics-chart-categories = Payé et part par catégorie et par membre
statistics-chart-desc = Les barres pleines indiquent ce que chaque membre a payé, les barres hachurées sa part ; les chiffres figurent dans le tableau ci-dessous.
statistics-chart-paid = payé { $amount }
statistics-chart-share = part { $amount }
statistics-abroad = Payé dans d'autres devises
statistics-abroad-caption = Dépenses payées dans d'autres devises, telles que payées et telles que comptées
statistics-currency = Devise
statistics-as-paid = Montant payé
statistics-counted-as = Compté comme
statistics-expenses = Dépenses
statistics-empty = Aucune dépense sur cette période.

## Import depuis une autre appli

import-title = Importer
import-heading = Importer depuis une autre appli
import-intro = Reprenez votre historique de Splitwise (CSV), IHateMoney (JSON ou CSV), Spliit (JSON) ou Cospend (CSV). Vous verrez le contenu du fichier et les soldes qui en résultent avant que rien ne soit enregistré.
import-upload-heading = Choisir un fichier
import-upload-file = Fichier exporté (10 Mio au maximum)
import-upload-show = Voir son contenu
import-summary-heading = Contenu du fichier
import-summary-format = Format
import-summary-expenses = Dépenses
import-summary-transfers = Virements
import-summary-dates = Dates
import-summary-date-range = du { $first } au { $last }
import-summary-unreadable = Lignes que tally ne peut pas lire (ignorées)
import-summary-line = Ligne { $line } : { $reason }
import-summary-notes = Remarques
import-rounding = Arrondi : { $name } reçoit { $ours } là où l'autre appli affiche { $theirs } (un centime d'écart ; les parts de tally tombent juste pour chaque dépense).
import-people-heading = Personnes du fichier
import-people-hint = Choisissez qui est chaque personne dans ce compte. Une personne qui porte le nom d'un membre est ce membre, sauf choix contraire.
import-people-caption = Personnes du fichier et qui elles deviennent
import-in-file = Dans le fichier
import-net-in-file = Solde dans le fichier
import-in-account = Dans ce compte
import-becomes = { $name } devient
import-new-member = Un nouveau membre nommé { $name }
import-after-heading = Soldes après l'import
import-member = Membre
import-balance = Solde
import-already = Ce fichier a déjà été importé : l'importer à nouveau n'enregistre rien.
import-nothing-until = Rien n'est enregistré tant que vous n'avez pas choisi Importer. L'import se fait en entier ou pas du tout.
import-import = Importer
import-update = Mettre à jour les soldes selon ces choix
import-another = Choisir un autre fichier
import-error-backup-here = Ceci est une sauvegarde tally, qui contient un compte entier avec son historique ; elle ne peut pas être fusionnée avec ce compte. L'administrateur du serveur la restaure comme compte à part avec tally import-account FICHIER.
import-error-backup = Ceci est une sauvegarde tally, qui contient un compte entier avec son historique, ses identifiants et les connexions de ses membres. L'administrateur du serveur la restaure à l'identique avec tally import-account FICHIER.
import-error-empty = Le fichier est vide.
import-error-no-file = Choisissez un fichier à importer.
import-error-unknown-upload = Ce fichier envoyé est inconnu. Choisissez à nouveau le fichier.
import-error-upload-gone = Ce fichier envoyé n'est plus conservé (les envois sont gardés une heure). Choisissez à nouveau le fichier.
import-error-choose-member = Choisissez un membre ou « ajouter comme nouveau » pour { $name }.
import-nothing-new = Rien de nouveau : ce fichier a déjà été importé.
import-done = { $expenses ->
        [one] { $expenses_shown } dépense importée
       *[other] { $expenses_shown } dépenses importées
    } et { $transfers ->
        [one] { $transfers_shown } virement
       *[other] { $transfers_shown } virements
    } depuis { $format }.
import-progress-title = Import en cours
import-progress-heading = Import dans { $name }
import-progress-intro = { $entries ->
        [one] { $entries_shown } entrée
       *[other] { $entries_shown } entrées
    } depuis { $format }. Chaque ligne ci-dessous apparaît quand une partie est écrite ; rien ne compte avant que la dernière partie soit écrite, et le compte change d'un seul coup.
import-progress-step = { $written } { $total ->
        [one] modification écrite sur { $total_shown }
       *[other] modifications écrites sur { $total_shown }
    }.
import-failed = Rien n'a été importé : { $reason }
import-failed-database = Rien n'a été importé : la base de données n'a pas répondu. Réessayez.
import-back = Retour à l'import
import-open-account = Ouvrir le compte
import-new-title = Nouveau compte à partir d'un fichier
import-new-back = Vos comptes
import-new-intro = Créez un compte partagé à partir d'un export Splitwise (CSV), IHateMoney (JSON ou CSV), Spliit (JSON) ou Cospend (CSV), avec tout son historique. Vous verrez le contenu du fichier avant que rien ne soit enregistré.
import-new-heading = Le nouveau compte
import-new-which = Laquelle de ces personnes êtes-vous ?
import-new-net = (solde dans le fichier : { $net })
import-new-others = Les autres deviennent des membres que vous pouvez inviter depuis la page Membres.
import-new-name = Nom du compte
import-new-currency = Devise
import-new-nothing-until = Rien n'est enregistré tant que vous n'avez pas choisi Ouvrir le compte. L'import se fait en entier ou pas du tout.
import-new-default-name = Importé de { $format }
import-new-bad-name = nom du compte : { $reason }
import-new-choose-me = Choisissez quelle personne du fichier vous êtes.
import-new-done = Votre compte est ouvert avec { $expenses ->
        [one] { $expenses_shown } dépense
       *[other] { $expenses_shown } dépenses
    } et { $transfers ->
        [one] { $transfers_shown } virement
       *[other] { $transfers_shown } virements
    } depuis { $format }. Invitez vos colocataires depuis la page Membres.

## Exports CSV : en-têtes de colonnes (les valeurs restent lisibles par une machine)

export-date = date
export-description = description
export-category = catégorie
export-paid-by = payé par
export-amount = montant
export-currency = devise
export-split-mode = mode de répartition
export-deleted = supprimé
export-type = type
export-original-amount = montant d'origine
export-original-currency = devise d'origine
export-rate = taux de change
export-payment-to = Remboursement à { $name }
export-member = membre
export-paid = payé
export-share = part
export-sent = envoyé
export-received = reçu
export-net = solde

## Taux de change

rates-title = Taux de change
rates-intro = Une dépense payée dans une autre devise est enregistrée au taux saisi dans son formulaire. Chargez ici les taux de référence de la Banque centrale européenne : un formulaire sans taux prend alors celui de la date de la dépense (ou du dernier jour précédent qui a des taux, jusqu'à { $days } jours en arrière).
rates-download-before = tally ne télécharge rien lui-même : téléchargez
rates-download-or = (tous les jours depuis 1999) ou
rates-download-after = (le dernier jour) sur le site de la BCE, décompressez-le et envoyez le CSV.
rates-loaded = Chargés : { $days ->
        [one] { $days_shown } jour
       *[other] { $days_shown } jours
    }, du { $first } au { $last } ; devises du dernier jour : { $currencies }. Les taux sont convertis en { $currency }.
rates-none = Aucun taux chargé pour l'instant.
rates-upload-heading = Charger un fichier de taux
rates-upload-file = Le CSV de la BCE (10 Mio au maximum) ; il remplace les taux chargés auparavant
rates-upload-button = Charger les taux
rates-error-no-file = Choisissez le fichier de taux de la BCE (eurofxref-hist.csv ou eurofxref.csv).
rates-error-unusable = ce fichier n'est pas utilisable : { $reason }
rates-stored = Taux de { $days ->
        [one] { $days_shown } jour
       *[other] { $days_shown } jours
    } pour { $currencies ->
        [one] une devise
       *[other] { $currencies } devises
    } chargés.

## Dépenses récurrentes

recurring-title = Dépenses récurrentes
recurring-intro = Le loyer, les factures et le ménage : chacune est enregistrée comme une dépense ordinaire à sa date.
recurring-intro-link = Pour en créer une, ajoutez une dépense et choisissez sa fréquence.
recurring-empty = Aucune dépense récurrente pour l'instant.
recurring-caption = Dépenses récurrentes et leur prochaine date
recurring-what = Quoi
recurring-amount = Montant
recurring-paid-by = Payé par
recurring-how-often = Fréquence
recurring-next = Prochaine
recurring-status = État
recurring-change = Modifier
recurring-every-week = { $every ->
        [one] Toutes les semaines
       *[other] Toutes les { $every } semaines
    }
recurring-every-month = { $every ->
        [one] Tous les mois
       *[other] Tous les { $every } mois
    }, le { $day ->
        [1] 1er
       *[other] { $day }
    }
recurring-every-year = { $every ->
        [one] Tous les ans
       *[other] Tous les { $every } ans
    }
recurring-since = { $how }, depuis le { $since }
recurring-since-until = { $how }, du { $since } au { $until }
recurring-status-active = Active
recurring-status-paused = En pause
recurring-status-stopped = Arrêtée
recurring-edit = Modifier
recurring-skip = Sauter le { $date }
recurring-skip-of = de { $name }
recurring-pause = Mettre en pause
recurring-resume = Reprendre
recurring-stop = Arrêter
recurring-hint = Les dépenses en pause n'enregistrent rien ; à la reprise, elles continuent à partir de ce jour, sans les dates passées entre-temps. Une modification s'applique à partir de la prochaine échéance ; celles déjà enregistrées restent, et chacune peut être modifiée ou supprimée comme toute dépense.
recurring-time-zone = Fuseau horaire
recurring-time-zone-hint = Les dépenses arrivent à échéance selon le calendrier de ce fuseau horaire.
recurring-time-zone-save = Enregistrer le fuseau horaire
recurring-time-zone-set = Le fuseau horaire du compte est { $zone } : les dépenses arrivent à échéance selon son calendrier.
recurring-bad-date = Rien n'a changé : la date { $reason }.
recurring-bad-action = Rien n'a changé : choisissez mettre en pause, reprendre, arrêter ou sauter.
recurring-paused = En pause : rien n'est enregistré tant que vous ne la reprenez pas.
recurring-resumed = Reprise : elle est de nouveau enregistrée à partir d'aujourd'hui.
recurring-stopped = Arrêtée définitivement. Les échéances déjà enregistrées restent.
recurring-skipped = L'échéance du { $date } a été sautée.
recurring-not-changed = Rien n'a changé : { $reason }.
recurring-error-repeat = choisissez la fréquence (ou arrêtez-la sur la page Dépenses récurrentes)
recurring-unchanged = Rien à modifier : { $summary }.
recurring-changed = Modification de { $summary } appliquée à partir de la prochaine échéance ; les échéances déjà enregistrées restent telles quelles.
schedule-edit-title = Modifier { $name }
schedule-edit-heading = Modifier la dépense récurrente { $name }
schedule-edit-hint = La modification s'applique à partir de la prochaine échéance ; les échéances déjà enregistrées restent telles quelles (modifiez-les dans Dépenses).
