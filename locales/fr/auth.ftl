# Signing in and registering, passwords, the home page, joining an account, the settings and
# the reset mail.

## Shared by this area's forms
auth-email = Adresse e-mail
auth-password = Mot de passe
auth-new-password = Nouveau mot de passe
auth-new-password-hint = Au moins 10 caractères, et pas un mot de passe courant.
auth-confirm-password = Confirmez le nouveau mot de passe
auth-fix-fields = Corrigez les champs signalés ci-dessous.
auth-fix-field = Corrigez le champ signalé ci-dessous.
auth-back-to-sign-in = Retour à la connexion
auth-passwords-differ = Les deux nouveaux mots de passe ne sont pas identiques.

## Sign in
signin-title = Connexion
signin-heading = Connexion à tally
signin-submit = Se connecter
signin-new = Première visite sur tally ?
signin-create-account = Créer un compte
signin-forgot-hint = Mot de passe oublié ? Demandez un lien de réinitialisation à la personne qui gère ce tally.
signin-no-match = Cette adresse e-mail et ce mot de passe ne correspondent à aucun compte.

## Register
signup-title = Inscription
signup-heading = Créez votre compte tally
signup-name = Votre nom
signup-password-hint = Au moins 10 caractères. Quelques mots dont vous vous souvenez font très bien l'affaire.
signup-submit = Créer le compte
signup-have-account = Vous avez déjà un compte ?
signup-welcome = Bienvenue sur tally ! Votre compte est prêt.
signup-taken = Un compte existe déjà avec cette adresse e-mail. Connectez-vous plutôt avec elle (le lien se trouve sous le formulaire) ; la personne qui gère ce tally peut réinitialiser un mot de passe oublié.

## Forgot your password? (and the mail with the link)
forgot-title = Mot de passe oublié ?
forgot-intro = Saisissez l'adresse e-mail de votre inscription. Si elle correspond à un compte, nous y envoyons un lien qui vous permet de choisir un nouveau mot de passe.
forgot-submit = M'envoyer un lien
forgot-sent = Si un compte existe pour cette adresse, nous y avons envoyé un lien. Il fonctionne une seule fois, pendant une heure ; vérifiez vos courriers indésirables si rien n'arrive d'ici quelques minutes.
forgot-mail-subject = Réinitialisez votre mot de passe tally
forgot-mail-greeting = Bonjour { $name },
forgot-mail-intro = Quelqu'un (vous, espérons-le) a demandé à réinitialiser votre mot de passe tally. Ouvrez ce lien pour en choisir un nouveau :
forgot-mail-validity = Il fonctionne une seule fois, pendant { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }. Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.

## Set a new password (through a reset link)
reset-title = Choisir un nouveau mot de passe
reset-intro = Choisir un nouveau mot de passe vous déconnecte sur tous vos appareils.
reset-submit = Enregistrer le nouveau mot de passe
reset-not-valid = Ce lien de réinitialisation n'est pas valide : il a déjà servi, a été remplacé par un plus récent ou date de plus d'une heure.
reset-ask-by-mail = Demandez-en un nouveau par e-mail
# $command is the command line (shown as code).
reset-ask-admin = Demandez-en un nouveau à la personne qui gère ce tally (elle doit lancer { $command } avec votre adresse e-mail).
reset-ask-admin-short = Demandez-en un nouveau à la personne qui gère ce tally.
reset-ask-forgot-page = Demandez-en un nouveau sur la page « Mot de passe oublié ? ».
reset-done = Votre mot de passe a été changé et tous vos appareils ont été déconnectés. Connectez-vous avec le nouveau.

## Change your password
password-title = Changer votre mot de passe
password-intro = Le changer vous déconnecte sur tous vos autres appareils.
password-current = Mot de passe actuel
password-submit = Changer le mot de passe
password-changed = Votre mot de passe a été changé. Vos autres appareils ont été déconnectés.
password-wrong-current = Ce n'est pas votre mot de passe actuel.

## Home: your accounts, opening one
home-title = Vos comptes
home-heading = Vos comptes partagés
home-invite = Vous avez ouvert un lien d'invitation.
home-invite-join = Rejoindre ce compte
home-none = Vous ne faites encore partie d'aucun compte partagé. Ouvrez-en un ci-dessous, ou demandez son lien d'invitation à un colocataire.
home-accounts = Comptes partagés
# Followed by the person's own net in the account.
home-you = Vous :
home-owed = (on vous doit)
home-owe = (vous devez)
home-settled = (à l'équilibre)
home-open-heading = Ouvrir un compte partagé
home-name = Nom du compte
home-name-hint = Le nom de votre colocation, par exemple Appart 3B.
home-currency = Devise
home-member-name = Votre nom dans ce compte
home-open-submit = Ouvrir le compte
home-file-heading = Nouveau compte à partir d'un fichier
home-file-intro = Vous venez de Splitwise, IHateMoney, Spliit ou Cospend ? Créez un compte à partir de son export, avec tout l'historique. Vous voyez le contenu du fichier avant que rien ne soit enregistré.
home-file = Fichier exporté (10 Mio au maximum)
home-file-submit = Voir son contenu
home-opened = Votre compte partagé est ouvert. Ajoutez vos colocataires sur la page Membres.

## Joining an account through its invite link
join-title = Rejoindre { $account }
join-intro = Vous êtes invité à partager les dépenses de { $account }. Dites à vos colocataires qui vous êtes.
join-who = Qui êtes-vous dans { $account } ?
join-i-am = Je suis { $name }
join-moved-out = (parti ; rejoindre le compte le rend de nouveau actif)
join-new-member = M'ajouter comme nouveau membre
join-name = Votre nom comme nouveau membre
join-name-hint = Utilisé seulement si vous vous ajoutez comme nouveau membre.
join-not-now = Pas maintenant, retour à vos comptes
join-already-member = Vous êtes déjà membre.
join-welcome = Bienvenue dans { $account } !
join-choose = Choisissez qui vous êtes dans ce compte, ou ajoutez-vous comme nouveau membre.
join-already-linked = Ce membre a déjà rejoint le compte ; choisissez à nouveau ou ajoutez-vous comme nouveau membre.
join-name-taken = Il y a déjà un membre appelé { $name }. Si c'est vous, choisissez « Je suis { $name } » ci-dessus ; sinon, ajoutez une initiale, par exemple « { $name } B ».

## Your settings
settings-title = Vos réglages
settings-zone-heading = Votre fuseau horaire
settings-zone-intro = Les heures de l'historique d'un compte et la date du jour des nouvelles dépenses et des nouveaux remboursements sont affichées selon votre fuseau horaire. Il n'appartient qu'à vous : chaque compte a son propre fuseau horaire pour les dépenses récurrentes, sur sa page des dépenses récurrentes.
# Followed by the date and time in the person's zone.
settings-now = En ce moment, chez vous :
settings-zone = Fuseau horaire
settings-zone-unset = Pas encore choisi : UTC jusqu'à ce que vous en enregistriez un (avec JavaScript activé, celui de votre navigateur est sélectionné).
settings-zone-hint = Là où vous êtes, d'après le nom d'une ville de votre fuseau.
settings-zone-submit = Enregistrer le fuseau horaire
settings-zone-saved = Votre fuseau horaire est { $zone } : les heures et la date du jour sont affichées comme là-bas ({ $now }).
settings-language-heading = Langue
settings-language-intro = tally vous parle dans cette langue sur tous les appareils où vous vous connectez.
settings-language = Langue des pages
settings-language-submit = Enregistrer la langue
