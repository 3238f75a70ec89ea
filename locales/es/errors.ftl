# Why a form or a command was refused. Messages are clauses ("escribe un importe"): forms make
# them sentences, the error page puts them into one.

## Amounts and currencies
err-amount-empty = escribe un importe
err-amount-malformed = escribe un importe como 12,50
err-amount-not-positive = el importe debe ser mayor que cero
err-amount-too-large = el importe no puede superar { $max }
err-amount-too-many-decimals = { $n ->
    [one] usa como máximo { $n } decimal
   *[other] usa como máximo { $n } decimales
}
err-currency-unknown = código de moneda desconocido; usa un código ISO 4217 como EUR, USD o GBP

## Names, descriptions and other texts
err-text-empty = este campo no puede estar vacío
err-text-too-long = { $max ->
    [one] usa como máximo { $max } carácter
   *[other] usa como máximo { $max } caracteres
}
err-text-forbidden = quita los caracteres de control o invisibles

## Dates and time zones
err-date-malformed = escribe una fecha como 2026-11-26
err-date-out-of-range = escribe una fecha entre 0001-01-01 y 9999-12-31
err-date-no-such-day = ese día no existe en el calendario; escribe una fecha como 2026-11-26
err-time-zone-unknown = elige una zona horaria de la lista (por ejemplo, Europe/Madrid)

## Splits
err-split-no-participants = elige al menos un participante
err-split-duplicate = cada participante solo puede aparecer una vez
err-split-bad-portion = la parte de cada participante debe ser mayor que cero (pesos de { $max } como máximo)
err-split-exact-mismatch = los importes suman { $got }, pero el gasto es de { $expected } (en la unidad más pequeña de la moneda)
err-split-percentages = los porcentajes suman { $got } % en lugar de 100 %

## Exchange rates
err-rate-empty = escribe el tipo de cambio: cuánto vale una unidad de esa moneda en la de la cuenta
err-rate-separators = escribe el tipo de cambio con un solo separador decimal y sin separadores de miles, como 0,8571
err-rate-malformed = escribe el tipo de cambio como un número decimal simple, como 0,8571
err-rate-not-positive = el tipo de cambio debe ser mayor que cero
err-rate-too-precise = el tipo de cambio puede tener como máximo { $digits } cifras significativas y { $decimals } decimales
err-rate-too-large = el tipo de cambio no puede superar { $max }
err-exchange-same-currency = esta es la moneda de la cuenta: escribe el importe sin tipo de cambio
err-exchange-converts-to-nothing = con este tipo de cambio, el importe es menor que la unidad más pequeña de { $currency }
err-exchange-converts-to-too-much = con este tipo de cambio, el importe supera { $max }, el máximo de un gasto
err-exchange-mismatch = con este tipo de cambio, el importe en { $currency } debe ser { $expected }

## Recurring bills
err-recurrence-unit = elige semanas, meses o años
err-recurrence-weeks = elige un intervalo de 1 a { $max } semanas
err-recurrence-months = elige un intervalo de 1 a { $max } meses
err-recurrence-years = elige un intervalo de 1 a { $max } años

## Refused commands
err-account-not-opened = esta cuenta compartida no existe
err-account-already-opened = esta cuenta compartida ya está abierta
err-account-unknown-member = ese miembro no existe en esta cuenta
err-account-name-taken = ya hay un miembro llamado { $name }
err-account-member-id-taken = este identificador de miembro ya está en uso
err-account-payer-inactive = quien pagó no es un miembro activo
err-account-participant-inactive = { $name } no es un miembro activo
err-account-transfer-to-self = un pago necesita dos miembros distintos
err-account-date-out-of-range = la fecha debe estar entre el { $first } y el { $last }
err-account-expense-id-taken = este identificador ya lo usa otro gasto
err-account-transfer-id-taken = este identificador ya lo usa otro pago
err-account-unknown-expense = ese gasto no existe en esta cuenta
err-account-expense-deleted = este gasto está eliminado; restáuralo primero
err-account-stale-expense = alguien ha cambiado este gasto mientras tanto
err-account-unknown-transfer = ese pago no existe en esta cuenta
err-account-transfer-deleted = este pago está eliminado; restáuralo primero
err-account-stale-transfer = alguien ha cambiado este pago mientras tanto
err-account-user-already-member = ya eres miembro de esta cuenta
err-account-member-already-linked = este miembro ya se ha unido
err-account-last-active-member = una cuenta necesita al menos un miembro activo
err-account-unknown-category = esa categoría no existe en esta cuenta
err-account-category-id-taken = este identificador de categoría ya está en uso
err-account-category-name-taken = ya hay una categoría llamada { $name }
err-account-category-archived-name-taken = ya hay una categoría archivada llamada { $name }: restáurala en su lugar
err-account-category-archived = la categoría { $name } está archivada: restáurala en la página de categorías o elige otra
err-account-unknown-schedule = ese gasto recurrente no existe en esta cuenta
err-account-schedule-id-taken = este identificador de gasto recurrente ya está en uso
err-account-schedule-stopped = este gasto recurrente se detuvo; crea uno nuevo
err-account-until-before-start = la fecha de fin debe ser igual o posterior a la primera fecha
err-account-not-an-occurrence = el gasto recurrente no cae en esa fecha
err-account-occurrence-passed = esa repetición ya está registrada o ha pasado; edita o elimina el gasto
err-command-conflict = la cuenta no dejaba de cambiar; inténtalo de nuevo
err-command-id-taken = un identificador del formulario pertenece a otra cosa
err-command-unavailable = no se puede acceder a la base de datos
err-command-store = no se pudo guardar
err-command-interrupted = el servidor se detuvo antes de responder; inténtalo de nuevo

## Sign-up and passwords
err-email-invalid = escribe una dirección de correo como sam@example.com
err-email-taken = ya existe una cuenta con esta dirección de correo
err-password-too-short = { $n ->
    [one] usa al menos { $n } carácter
   *[other] usa al menos { $n } caracteres
}
err-password-too-long = { $n ->
    [one] usa como máximo { $n } carácter
   *[other] usa como máximo { $n } caracteres
}
err-password-too-common = esta contraseña es demasiado común; elige otra

## Imported files
err-number-empty = el importe está vacío
err-number-malformed = «{ $text }» no es un número
err-number-too-large = «{ $text }» es demasiado grande
err-import-empty = el archivo está vacío
err-import-too-large = el archivo ocupa más de { $mib } MiB
err-import-not-text = el archivo no es texto UTF-8 ({ $reason }); vuelve a exportarlo desde la aplicación, sin convertirlo
err-import-utf16 = está en UTF-16; guárdalo como UTF-8
err-import-binary = contiene datos binarios
err-import-invalid-utf8 = no es UTF-8 válido
err-import-unknown-format = tally no reconoce este archivo; lee exportaciones de Splitwise (CSV), IHateMoney (JSON o CSV), Spliit (JSON) y Cospend (CSV)
err-import-malformed = { $format }: { $reason }
err-import-is-backup = es una copia de seguridad de tally; restáurala como una cuenta completa (tally import-account ARCHIVO) en lugar de importarla en otra
err-import-spliit-csv = la exportación CSV de Spliit no dice quién pagó (cada columna es una parte), así que no se pueden calcular los saldos; exporta el grupo como JSON en Spliit e importa ese archivo
err-import-currency = los importes del archivo están en { $file } y los de la cuenta en { $account }; tally no convierte monedas, así que impórtalo en una cuenta en { $file }
err-import-nothing = el archivo no contiene ningún gasto ni pago que tally pueda leer
err-import-name = «{ $name }» no puede ser el nombre de un miembro: { $reason }
err-import-unmapped = cada persona del archivo necesita un miembro
err-import-same-name = dos personas se convertirían en miembros llamados «{ $name }»
err-import-owner-not-in-file = el propietario debe ser una de las personas del archivo
err-import-line = línea { $line }: { $reason }
err-import-no-account = esa cuenta no existe
err-import-format-ecb = tipos de cambio del BCE
err-import-json-too-deep = el JSON está anidado a demasiada profundidad
err-import-json-truncated = el archivo termina antes de tiempo (¿está cortado?) en la línea { $line }
err-import-json-invalid = JSON no válido en la línea { $line }, columna { $column }
err-import-csv-unreadable = CSV ilegible
err-import-csv-unreadable-at = CSV ilegible en la línea { $line }
err-import-date-ambiguous = la fecha «{ $text }» es ambigua (¿día y mes?) porque una hoja de cálculo la reescribió; escríbela como AAAA-MM-DD
err-import-not-a-date = «{ $text }» no es una fecha (AAAA-MM-DD)
err-import-column = columna { $column }: { $reason }
err-import-cost = Coste: { $reason }
err-import-no-header = no hay ninguna fila de encabezado con los nombres de los miembros
err-import-member-column-without-name = una columna de miembro no tiene nombre
err-import-member-column-twice = hay dos columnas de miembro llamadas «{ $name }»
err-import-row-without-date = la fila no tiene fecha
err-import-column-count = { $found ->
        [one] la fila tiene { $found } columna y el encabezado { $expected }
       *[other] la fila tiene { $found } columnas y el encabezado { $expected }
    }
err-import-nets-do-not-add-up = las columnas de los miembros suman { $sum } en lugar de 0
err-import-no-balance-changes = en esta fila no cambia el saldo de nadie
err-import-column-missing = falta la columna «{ $column }»
err-import-not-a-list-of-bills = se esperaba una lista de gastos
err-import-bill-not-an-object = el gasto { $bill } no es un objeto
err-import-bill-without-key = al gasto { $bill } le falta «{ $key }»
err-import-amount-not-positive = el importe no es mayor que cero
err-import-negative-bill = el importe no es mayor que cero; tally no puede registrar gastos negativos
err-import-no-payer = el gasto no indica quién pagó
err-import-unknown-ower = deudor desconocido «{ $name }»
err-import-no-owers = el gasto no indica quién lo debe
err-import-bills-column-missing = falta la columna «{ $column }» de los gastos (línea { $line })
err-import-bills-without-date = los gastos no tienen columna «date» ni «timestamp»
err-import-member-without-name = línea { $line }: un miembro sin nombre
err-import-member-twice = línea { $line }: el miembro «{ $name }» aparece dos veces
err-import-weight = línea { $line }: peso: { $reason }
err-import-no-date-nor-timestamp = no tiene fecha ni marca de tiempo
err-import-timestamp-out-of-range = la marca de tiempo está fuera de rango
err-import-payer-not-member = quien pagó, «{ $name }», no es miembro
err-import-ower-not-member = «{ $name }», entre los deudores, no es miembro
err-import-participants-not-a-list = «participants» no es una lista
err-import-participant-without-id = el participante { $participant } no tiene id
err-import-participant-without-name = el participante { $participant } no tiene nombre
err-import-participant-id-twice = dos participantes tienen el id «{ $id }»
err-import-expenses-not-a-list = «expenses» no es una lista
err-import-expense-id-twice = dos gastos tienen el id «{ $id }»
err-import-amount-not-whole = el importe no es un número entero de céntimos
err-import-missing-field = falta { $field }
err-import-payer-not-participant = quien pagó, «{ $id }», no es un participante
err-import-no-paid-for = falta la lista paidFor
err-import-paid-for-without-participant = una entrada de paidFor no tiene participantId
err-import-paid-for-not-participant = «{ $id }» en paidFor no es un participante
err-import-paid-for-twice = «{ $id }» aparece dos veces en paidFor
err-import-share-not-whole = una parte no es un número entero
err-import-share-negative = una parte es menor que cero
err-import-nobody-shares = nadie comparte este gasto
err-import-amounts-do-not-add-up = los importes suman { $sum } y el gasto es de { $amount } (en céntimos)
err-import-all-shares-zero = todas las partes son cero
err-import-unknown-split-mode = modo de reparto desconocido «{ $mode }»
err-import-ecb-no-date-column = la primera columna debe ser Date y después una columna por moneda (eurofxref.csv o eurofxref-hist.csv del BCE, descomprimido)
err-import-ecb-no-currency = ninguna columna indica una moneda que tally conozca
err-import-ecb-not-a-day = línea { $line }: «{ $text }» no es una fecha como 2024-06-14
err-import-ecb-rate = línea { $line }, { $currency }: { $reason }
err-import-ecb-day-twice = línea { $line }: el { $day } aparece dos veces
err-import-ecb-no-days = el archivo tiene encabezado, pero ningún día con tipos de cambio
err-import-note-footer-matches = la fila de saldo total en { $currency } (línea { $line }) coincide con el saldo de cada persona
err-import-note-footer-differs = la fila de saldo total en { $currency } (línea { $line }) indica { $footer } para { $name }, pero las filas dan { $rows }
err-import-note-in-trash = línea { $line }: está en la papelera de Cospend, se omite
err-import-note-rounded = línea { $line }: el importe tiene más decimales que céntimos; se redondea al céntimo
