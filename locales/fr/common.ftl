# La mise en page de chaque page, le choix de la langue et les pages d'erreur.
language-name = Français

layout-skip = Aller au contenu
layout-session = Votre session
layout-settings = Paramètres
layout-sign-out = Se déconnecter
layout-sign-in = Se connecter
layout-register = S'inscrire
layout-dismiss = Fermer ce message
layout-footer = tally retient qui a payé quoi dans votre colocation.
layout-languages = Cette page en :

error-reference = Référence :
error-status = Erreur { $status }
error-back = Retour à vos comptes
error-not-found-title = Page introuvable
error-not-found = Il n'y a rien ici, ou ce n'est pas partagé avec vous.
error-forbidden-title = Formulaire expiré
error-forbidden = Ce formulaire n'a pas été accepté, car il a expiré ou vient d'un autre site. Revenez en arrière, rechargez la page et réessayez.
error-too-many-title = Trop de tentatives
error-too-many = Trop de connexions échouées pour cette adresse. Attendez une minute, puis réessayez.
error-conflict-title = Quelqu'un l'a modifié avant vous
error-conflict = D'autres personnes modifiaient ce compte au même moment. Rechargez la page pour voir son état le plus récent et réessayez.
error-refused-title = Impossible
error-refused = Cela n'a pas pu être fait : { $reason }. Revenez en arrière et essayez autre chose.
error-too-large-title = Fichier trop volumineux
error-too-large = tally importe des fichiers de 10 Mio au plus. Exportez une période plus courte depuis l'autre application, ou demandez à l'administrateur du serveur d'utiliser tally import en ligne de commande.
error-no-file-title = Aucun fichier reçu
error-no-file = Ce formulaire envoie un fichier. Revenez en arrière, choisissez le fichier et renvoyez le formulaire.
error-unavailable-title = Temporairement indisponible
error-unavailable = tally ne peut pas joindre sa base de données pour le moment. Réessayez dans quelques secondes.
error-internal-title = Une erreur s'est produite
error-internal = Une erreur inattendue s'est produite. Elle a été enregistrée ; mentionnez la référence ci-dessous si vous la signalez.
error-form-too-large = Ce formulaire est trop volumineux pour être envoyé. Raccourcissez ce que vous avez saisi, puis revenez en arrière et réessayez.
error-bad-form = Ce formulaire n'a pas pu être lu. Revenez en arrière, rechargez la page et réessayez.
language-changed = Cette page est maintenant en français.

# The page the installed app shows without a network.
offline-title = Hors ligne
offline-heading = Vous êtes hors ligne
offline-text = tally a besoin du réseau pour afficher et enregistrer les dépenses : rien ne peut être ajouté pour l’instant. Reconnectez-vous, puis
offline-again = rouvrez tally.
