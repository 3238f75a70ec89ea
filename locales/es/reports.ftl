# Estadísticas, exportaciones CSV, importar desde otras apps, tipos de cambio y gastos recurrentes.

## Estadísticas

statistics-title = Estadísticas
statistics-hint = Lo que cada miembro pagó en gastos y su parte de ellos. Los pagos entre miembros (para saldar cuentas) no son gastos y no se cuentan aquí.
statistics-refused = No se puede mostrar este periodo; revisa los mensajes de abajo.
statistics-choose-period = Elige un periodo
statistics-period = Periodo
statistics-period-this-month = Este mes
statistics-period-last-month = El mes pasado
statistics-period-last-12-months = Últimos 12 meses
statistics-period-custom = Periodo personalizado
statistics-from = Desde (periodo personalizado, AAAA-MM)
statistics-to = Hasta (periodo personalizado, AAAA-MM)
statistics-show = Mostrar
statistics-error-choose-month = elige un mes
statistics-error-month-format = escribe el mes como AAAA-MM, por ejemplo 2026-03
statistics-error-year = el año debe estar entre 0001 y 9999
statistics-error-month = el mes debe estar entre 01 y 12
statistics-error-before = el último mes es anterior al primero
statistics-error-too-long = elige un periodo de 10 años como máximo ({ $months } meses)
statistics-error-period = elige uno de los periodos de la lista
statistics-range = { $first } – { $last }
statistics-summary = { $parts }.
statistics-summary-separator = { "; " }
statistics-summary-more = { $name } pagó { $amount } más que su parte
statistics-summary-less = { $name } pagó { $amount } menos que su parte
statistics-summary-exact = { $name } pagó exactamente su parte
statistics-member-left = { $name } (se fue)
statistics-totals = Totales del periodo
statistics-member = Miembro
statistics-paid = Pagado
statistics-share = Parte
statistics-difference = Pagado − parte
statistics-per-month = Por mes
statistics-per-month-table = Pagado y parte por mes
statistics-month = Mes
statistics-per-category = Por categoría
statistics-per-category-table = Pagado y parte por categoría
statistics-category = Categoría
statistics-uncategorised = Sin categoría
statistics-unknown-category = Categoría desconocida
statistics-chart-months = Pagado y parte por mes y miembro
statistics-chart-categories = Pagado y parte por categoría y miembro
statistics-chart-desc = Las barras llenas son lo que pagó cada miembro; las rayadas, su parte. Las cifras están en la tabla de abajo.
statistics-chart-paid = pagado { $amount }
statistics-chart-share = parte { $amount }
statistics-abroad = Pagado en otras monedas
statistics-abroad-caption = Gastos pagados en otras monedas, tal como se pagaron y como se cuentan
statistics-currency = Moneda
statistics-as-paid = Pagado
statistics-counted-as = Contado como
statistics-expenses = Gastos
statistics-empty = No hay gastos en este periodo.

## Importar desde otra app

import-title = Importar
import-heading = Importar desde otra app
import-intro = Trae tu historial de Splitwise (CSV), IHateMoney (JSON o CSV), Spliit (JSON) o Cospend (CSV). Antes de guardar nada verás qué contiene el archivo y cómo quedan los saldos.
import-upload-heading = Elige un archivo
import-upload-file = Archivo exportado (10 MiB como máximo)
import-upload-show = Ver qué contiene
import-summary-heading = Qué contiene el archivo
import-summary-format = Formato
import-summary-expenses = Gastos
import-summary-transfers = Transferencias
import-summary-dates = Fechas
import-summary-date-range = del { $first } al { $last }
import-summary-unreadable = Filas que tally no puede leer (se omiten)
import-summary-line = Línea { $line }: { $reason }
import-summary-notes = Notas
import-rounding = Redondeo: a { $name } le corresponden { $ours } donde la otra app muestra { $theirs } (un céntimo de diferencia; las partes de tally suman exactamente cada gasto).
import-people-heading = Personas del archivo
import-people-hint = Elige quién es cada persona en esta cuenta. Una persona con el nombre de un miembro es ese miembro, salvo que elijas otra cosa.
import-people-caption = Personas del archivo y en quién se convierten
import-in-file = En el archivo
import-net-in-file = Neto en el archivo
import-in-account = En esta cuenta
import-becomes = { $name } será
import-new-member = Un miembro nuevo llamado { $name }
import-after-heading = Saldos después
import-member = Miembro
import-balance = Saldo
import-already = Este archivo ya se importó: importarlo de nuevo no guarda nada.
import-nothing-until = No se guarda nada hasta que elijas Importar. La importación es todo o nada.
import-import = Importar
import-update = Actualizar los saldos con esta elección
import-another = Elegir otro archivo
import-error-backup-here = Esto es una copia de seguridad de tally, que contiene una cuenta entera con su historial; no se puede fusionar con esta. El administrador del servidor la restaura como cuenta propia con tally import-account ARCHIVO.
import-error-backup = Esto es una copia de seguridad de tally, que contiene una cuenta entera con su historial, sus identificadores y los accesos de sus miembros. El administrador del servidor la restaura tal cual con tally import-account ARCHIVO.
import-error-empty = El archivo está vacío.
import-error-no-file = Elige un archivo para importar.
import-error-unknown-upload = No se conoce ese archivo subido. Vuelve a elegir el archivo.
import-error-upload-gone = Ese archivo subido ya no se guarda (se guardan una hora). Vuelve a elegir el archivo.
import-error-choose-member = Elige un miembro o «añadir como nuevo» para { $name }.
import-nothing-new = Nada nuevo: este archivo ya se importó.
import-done = Se importaron { $expenses ->
        [one] { $expenses_shown } gasto
       *[other] { $expenses_shown } gastos
    } y { $transfers ->
        [one] { $transfers_shown } transferencia
       *[other] { $transfers_shown } transferencias
    } de { $format }.
import-progress-title = Importando
import-progress-heading = Importando en { $name }
import-progress-intro = { $entries ->
        [one] { $entries_shown } registro
       *[other] { $entries_shown } registros
    } de { $format }. Cada línea de abajo aparece al guardarse una parte; nada cuenta hasta que se guarda la última, y la cuenta cambia de una vez.
import-progress-step = Guardados { $written } de { $total ->
        [one] { $total_shown } cambio
       *[other] { $total_shown } cambios
    }.
import-failed = No se importó nada: { $reason }
import-failed-database = No se importó nada: la base de datos no respondió. Inténtalo de nuevo.
import-back = Volver a la importación
import-open-account = Abrir la cuenta
import-new-title = Cuenta nueva desde un archivo
import-new-back = Tus cuentas
import-new-intro = Empieza una cuenta compartida desde una exportación de Splitwise (CSV), IHateMoney (JSON o CSV), Spliit (JSON) o Cospend (CSV), con todo su historial. Antes de guardar nada verás qué contiene el archivo.
import-new-heading = La cuenta nueva
import-new-which = ¿Cuál de estas personas eres tú?
import-new-net = (neto en el archivo: { $net })
import-new-others = Los demás pasan a ser miembros a los que puedes invitar desde la página Miembros.
import-new-name = Nombre de la cuenta
import-new-currency = Moneda
import-new-nothing-until = No se guarda nada hasta que elijas Abrir la cuenta. La importación es todo o nada.
import-new-default-name = Importada de { $format }
import-new-bad-name = nombre de la cuenta: { $reason }
import-new-choose-me = Elige qué persona del archivo eres tú.
import-new-done = Tu cuenta está abierta con { $expenses ->
        [one] { $expenses_shown } gasto
       *[other] { $expenses_shown } gastos
    } y { $transfers ->
        [one] { $transfers_shown } transferencia
       *[other] { $transfers_shown } transferencias
    } de { $format }. Invita a tus compañeros de piso desde la página Miembros.

## Exportaciones CSV: cabeceras de columna (los valores siguen legibles por máquina)

export-date = fecha
export-description = descripción
export-category = categoría
export-paid-by = pagado por
export-amount = importe
export-currency = moneda
export-split-mode = modo de reparto
export-deleted = eliminado
export-type = tipo
export-original-amount = importe original
export-original-currency = moneda original
export-rate = tipo de cambio
export-payment-to = Pago a { $name }
export-member = miembro
export-paid = pagado
export-share = parte
export-sent = enviado
export-received = recibido
export-net = neto

## Tipos de cambio

rates-title = Tipos de cambio
rates-intro = Un gasto pagado en otra moneda se guarda al tipo de cambio escrito en su formulario. Carga aquí los tipos de referencia del Banco Central Europeo y un formulario sin tipo de cambio toma el de la fecha del gasto (o el del último día anterior con tipos, hasta { $days } días atrás).
rates-download-before = tally no descarga nada por sí mismo: descarga
rates-download-or = (todos los días desde 1999) o
rates-download-after = (el último día) de la web del BCE, descomprímelo y sube el CSV.
rates-loaded = Cargados: { $days ->
        [one] { $days_shown } día
       *[other] { $days_shown } días
    }, del { $first } al { $last }; monedas del último día: { $currencies }. Los tipos se convierten a { $currency }.
rates-none = Aún no hay tipos de cambio cargados.
rates-upload-heading = Cargar un archivo de tipos
rates-upload-file = El CSV del BCE (10 MiB como máximo); sustituye a los tipos cargados antes
rates-upload-button = Cargar tipos
rates-error-no-file = Elige el archivo de tipos del BCE (eurofxref-hist.csv o eurofxref.csv).
rates-error-unusable = no se puede usar este archivo: { $reason }
rates-stored = Se cargaron los tipos de { $days ->
        [one] { $days_shown } día
       *[other] { $days_shown } días
    } para { $currencies ->
        [one] una moneda
       *[other] { $currencies } monedas
    }.

## Gastos recurrentes

recurring-title = Gastos recurrentes
recurring-intro = El alquiler, las facturas y la limpieza: cada uno se guarda como un gasto normal en su fecha.
recurring-intro-link = Para empezar uno, añade un gasto y elige cada cuánto se repite.
recurring-empty = Aún no hay gastos recurrentes.
recurring-caption = Gastos recurrentes con su próxima fecha
recurring-what = Qué
recurring-amount = Importe
recurring-paid-by = Pagado por
recurring-how-often = Frecuencia
recurring-next = Próximo
recurring-status = Estado
recurring-change = Cambiar
recurring-every-week = { $every ->
        [one] Cada semana
       *[other] Cada { $every } semanas
    }
recurring-every-month = { $every ->
        [one] Cada mes
       *[other] Cada { $every } meses
    }, el día { $day }
recurring-every-year = { $every ->
        [one] Cada año
       *[other] Cada { $every } años
    }
recurring-since = { $how }, desde el { $since }
recurring-since-until = { $how }, desde el { $since } hasta el { $until }
recurring-status-active = Activo
recurring-status-paused = En pausa
recurring-status-stopped = Terminado
recurring-edit = Editar
recurring-skip = Saltar el { $date }
recurring-skip-of = de { $name }
recurring-pause = Pausar
recurring-resume = Reanudar
recurring-stop = Terminar
recurring-hint = Los gastos en pausa no guardan nada; al reanudarlos siguen desde ese día, sin las fechas que pasaron entretanto. Un cambio se aplica a partir de la próxima vez; las ya guardadas se quedan, y cada una se puede editar o eliminar como cualquier gasto.
recurring-time-zone = Zona horaria
recurring-time-zone-hint = Los gastos vencen según el calendario de esta zona horaria.
recurring-time-zone-save = Guardar la zona horaria
recurring-time-zone-set = La zona horaria de la cuenta es { $zone }: los gastos vencen según su calendario.
recurring-bad-date = No ha cambiado nada: la fecha { $reason }.
recurring-bad-action = No ha cambiado nada: elige pausar, reanudar, terminar o saltar.
recurring-paused = En pausa: no se guarda nada hasta que lo reanudes.
recurring-resumed = Reanudado: se vuelve a guardar a partir de hoy.
recurring-stopped = Terminado para siempre. Las veces ya guardadas se quedan.
recurring-skipped = Se saltó la vez del { $date }.
recurring-not-changed = No ha cambiado nada: { $reason }.
recurring-error-repeat = elige cada cuánto se repite (o termínalo en la página Gastos recurrentes)
recurring-unchanged = No hay nada que cambiar: { $summary }.
recurring-changed = Se cambió { $summary } a partir de la próxima vez; las ya guardadas se quedan como están.
schedule-edit-title = Cambiar { $name }
schedule-edit-heading = Cambiar el gasto recurrente { $name }
schedule-edit-hint = El cambio se aplica a partir de la próxima vez; las veces ya guardadas se quedan como están (edítalas en Gastos).
