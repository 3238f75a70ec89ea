# La plantilla de cada página, el cambio de idioma y las páginas de error.
language-name = Español

layout-skip = Ir al contenido
layout-session = Tu sesión
layout-settings = Ajustes
layout-sign-out = Cerrar sesión
layout-sign-in = Iniciar sesión
layout-register = Registrarse
layout-dismiss = Cerrar este mensaje
layout-footer = tally lleva la cuenta de quién pagó qué en tu piso.
layout-languages = Esta página en:

error-reference = Referencia:
error-status = Error { $status }
error-back = Volver a tus cuentas
error-not-found-title = Página no encontrada
error-not-found = Aquí no hay nada, o no está compartido contigo.
error-forbidden-title = Formulario caducado
error-forbidden = Este formulario no se aceptó porque caducó o vino de otro sitio. Vuelve atrás, recarga la página e inténtalo de nuevo.
error-too-many-title = Demasiados intentos
error-too-many = Demasiados inicios de sesión fallidos para esta dirección. Espera un minuto y vuelve a intentarlo.
error-conflict-title = Alguien lo cambió antes
error-conflict = Otras personas estaban cambiando esta cuenta en el mismo momento. Recarga la página para ver el estado más reciente e inténtalo de nuevo.
error-refused-title = No es posible
error-refused = No se pudo hacer: { $reason }. Vuelve atrás y prueba otra cosa.
error-too-large-title = Archivo demasiado grande
error-too-large = tally importa archivos de hasta 10 MiB. Exporta un periodo más corto desde la otra aplicación, o pide a quien administra el servidor que use tally import en la línea de comandos.
error-no-file-title = No se recibió ningún archivo
error-no-file = Este formulario envía un archivo. Vuelve atrás, elige el archivo y envía el formulario de nuevo.
error-unavailable-title = No disponible por el momento
error-unavailable = tally no puede acceder a su base de datos ahora mismo. Vuelve a intentarlo en unos segundos.
error-internal-title = Algo salió mal
error-internal = Ocurrió un error inesperado. Quedó registrado; menciona la referencia de abajo si lo comunicas.
error-form-too-large = Este formulario es demasiado grande para enviarlo. Acorta lo que escribiste, vuelve atrás e inténtalo de nuevo.
error-bad-form = No se pudo leer este formulario. Vuelve atrás, recarga la página e inténtalo de nuevo.
language-changed = Esta página ahora está en español.

# The page the installed app shows without a network.
offline-title = Sin conexión
offline-heading = No tienes conexión
offline-text = tally necesita la red para mostrar y anotar gastos, así que ahora no se puede añadir nada. Vuelve a conectarte y
offline-again = abre tally de nuevo.
