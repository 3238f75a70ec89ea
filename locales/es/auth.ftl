# Signing in and registering, passwords, the home page, joining an account, the settings and
# the reset mail.

## Shared by this area's forms
auth-email = Correo electrónico
auth-password = Contraseña
auth-new-password = Contraseña nueva
auth-new-password-hint = Al menos 10 caracteres, y que no sea una contraseña habitual.
auth-confirm-password = Repite la contraseña nueva
auth-fix-fields = Corrige los campos marcados abajo.
auth-fix-field = Corrige el campo marcado abajo.
auth-back-to-sign-in = Volver a iniciar sesión
auth-passwords-differ = Las dos contraseñas nuevas no coinciden.

## Sign in
signin-title = Iniciar sesión
signin-heading = Inicia sesión en tally
signin-submit = Iniciar sesión
signin-new = ¿Primera vez en tally?
signin-create-account = Crea una cuenta
signin-forgot-hint = ¿Has olvidado tu contraseña? Pide un enlace para restablecerla a quien administra este tally.
signin-no-match = Ese correo electrónico y esa contraseña no corresponden a ninguna cuenta.

## Register
signup-title = Registrarse
signup-heading = Crea tu cuenta de tally
signup-name = Tu nombre
signup-password-hint = Al menos 10 caracteres. Unas cuantas palabras que recuerdes funcionan bien.
signup-submit = Crear cuenta
signup-have-account = ¿Ya tienes una cuenta?
signup-welcome = ¡Te damos la bienvenida a tally! Tu cuenta está lista.
signup-taken = Ya existe una cuenta con este correo electrónico. Inicia sesión con ella (el enlace está debajo del formulario); quien administra este tally puede restablecer una contraseña olvidada.

## Forgot your password? (and the mail with the link)
forgot-title = ¿Has olvidado tu contraseña?
forgot-intro = Introduce el correo electrónico con el que te registraste. Si pertenece a una cuenta, te enviamos a esa dirección un enlace para elegir una contraseña nueva.
forgot-submit = Envíame un enlace
forgot-sent = Si existe una cuenta con esa dirección, te hemos enviado un enlace. Funciona una sola vez y durante una hora; si no llega en unos minutos, revisa la carpeta de spam.
forgot-mail-subject = Restablece tu contraseña de tally
forgot-mail-greeting = Hola, { $name }:
forgot-mail-intro = Alguien (esperamos que tú) ha pedido restablecer tu contraseña de tally. Abre este enlace para elegir una nueva:
forgot-mail-validity = Funciona una sola vez, durante { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    }. Si no lo has pedido tú, ignora este correo: tu contraseña no cambia.

## Set a new password (through a reset link)
reset-title = Elige una contraseña nueva
reset-intro = Al elegir una contraseña nueva se cierra tu sesión en todos los dispositivos.
reset-submit = Guardar la contraseña nueva
reset-not-valid = Este enlace para restablecer la contraseña no es válido: ya se usó, se sustituyó por otro más reciente o tiene más de una hora.
reset-ask-by-mail = Pide uno nuevo por correo
# $command is the command line (shown as code).
reset-ask-admin = Pide uno nuevo a quien administra este tally (tendrá que ejecutar { $command } con tu correo electrónico).
reset-ask-admin-short = Pide uno nuevo a quien administra este tally.
reset-ask-forgot-page = Pide uno nuevo en la página «¿Has olvidado tu contraseña?».
reset-done = Tu contraseña se ha cambiado y se ha cerrado la sesión en todos los dispositivos. Inicia sesión con ella.

## Change your password
password-title = Cambia tu contraseña
password-intro = Al cambiarla se cierra tu sesión en todos los demás dispositivos.
password-current = Contraseña actual
password-submit = Cambiar contraseña
password-changed = Tu contraseña se ha cambiado. Se ha cerrado la sesión en los demás dispositivos.
password-wrong-current = Esta no es tu contraseña actual.

## Home: your accounts, opening one
home-title = Tus cuentas
home-heading = Tus cuentas compartidas
home-invite = Has abierto un enlace de invitación.
home-invite-join = Unirte a esa cuenta
home-none = Todavía no formas parte de ninguna cuenta compartida. Abre una aquí abajo o pide a un compañero de piso su enlace de invitación.
home-accounts = Cuentas compartidas
# Followed by the person's own net in the account.
home-you = Tú:
home-owed = (te deben)
home-owe = (debes)
home-settled = (saldado)
home-open-heading = Abrir una cuenta compartida
home-name = Nombre de la cuenta
home-name-hint = Cómo llamáis a vuestro piso, por ejemplo Piso 3B.
home-currency = Moneda
home-member-name = Tu nombre en esta cuenta
home-open-submit = Abrir cuenta
home-file-heading = Nueva cuenta desde un archivo
home-file-intro = ¿Vienes de Splitwise, IHateMoney, Spliit o Cospend? Crea una cuenta a partir de su exportación, con todo el historial. Verás lo que contiene el archivo antes de que se guarde nada.
home-file = Archivo exportado (10 MiB como máximo)
home-file-submit = Ver lo que contiene
home-opened = Tu cuenta compartida está abierta. Añade a tus compañeros de piso en la página Miembros.

## Joining an account through its invite link
join-title = Unirte a { $account }
join-intro = Te han invitado a compartir gastos en { $account }. Di a tus compañeros de piso quién eres.
join-who = ¿Quién eres en { $account }?
join-i-am = Soy { $name }
join-moved-out = (se mudó; al unirte vuelve a estar activo)
join-new-member = Añadirme como miembro nuevo
join-name = Tu nombre como miembro nuevo
join-name-hint = Solo se usa si te añades como miembro nuevo.
join-not-now = Ahora no, volver a tus cuentas
join-already-member = Ya eres miembro.
join-welcome = ¡Te damos la bienvenida a { $account }!
join-choose = Elige quién eres en esta cuenta o añádete como miembro nuevo.
join-already-linked = Este miembro ya se ha unido; elige de nuevo o añádete como miembro nuevo.
join-name-taken = Ya hay un miembro llamado { $name }. Si eres tú, elige «Soy { $name }» arriba; si no, añade una inicial, como «{ $name } B».

## Your settings
settings-title = Tus ajustes
settings-zone-heading = Tu zona horaria
settings-zone-intro = Las horas del historial de una cuenta y la fecha de hoy en los gastos y pagos nuevos se muestran según tu zona horaria. Es solo tuya: cada cuenta tiene su propia zona horaria para los gastos recurrentes, en su página de gastos recurrentes.
# Followed by the date and time in the person's zone.
settings-now = Ahora, para ti:
settings-zone = Zona horaria
settings-zone-unset = Aún sin elegir: UTC hasta que guardes una (con JavaScript activado, aparece seleccionada la de tu navegador).
settings-zone-hint = Dónde estás, por el nombre de una ciudad de tu zona.
settings-zone-submit = Guardar zona horaria
settings-zone-saved = Tu zona horaria es { $zone }: las horas y la fecha de hoy se muestran como allí ({ $now }).
settings-language-heading = Idioma
settings-language-intro = tally te habla en este idioma en todos los dispositivos en los que inicies sesión.
settings-language = Idioma de las páginas
settings-language-submit = Guardar idioma
